// Numbers typed the Danish way ("1.200", "12,5", "1 150 000"), read by one parser for every number field.
//
// The rules: `,` is the decimal sign; `.` or a space (also a non-breaking one) groups thousands, always in
// groups of three ("1.200", "1.150.000", "1 200,5"). A value that is not Danish but has a likely reading is
// asked about, never guessed: "1.20" or "12.5" could be 1,20 or 120 ("Mente du …?"). Anything else is refused.

/** What a typed number is: empty, a number, two readings to choose between, or not a number. */
export type ParsedNumber =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'ambiguous'; readings: [decimal: string, thousands: string] }
  | { kind: 'invalid' };

const INTEGER = String.raw`(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+)`;
const DANISH = new RegExp(`^(${INTEGER})?(?:,(\\d+))?$`);
/** A point that cannot be a thousands separator (not followed by exactly three digits): English decimals, or a slip. */
const POINT_DECIMAL = /^(\d+)\.(\d+)$/;

const grouped = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 20 });

/** Reads a number typed the Danish way; see the rules above. */
export function parseDanishNumber(text: string): ParsedNumber {
  // Any kind of space counts as one (\s covers the non-breaking and narrow ones); a minus may be typed as − too.
  let t = text.trim().replace(/\s+/g, ' ').replace(/^[−–]/, '-');
  if (!t) return { kind: 'empty' };
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1).trimStart();
  const sign = negative ? -1 : 1;
  const danish = DANISH.exec(t);
  if (danish && (danish[1] !== undefined || danish[2] !== undefined)) {
    const integer = (danish[1] ?? '0').replace(/[. ]/g, '');
    return { kind: 'number', value: sign * Number(`${integer}.${danish[2] ?? '0'}`) };
  }
  const point = POINT_DECIMAL.exec(t);
  // "0.5" has no thousands reading; it is refused with the example of a decimal comma instead.
  if (point && !point[1].startsWith('0')) {
    const minus = negative ? '-' : '';
    return { kind: 'ambiguous', readings: [`${minus}${point[1]},${point[2]}`, `${minus}${grouped.format(Number(point[1] + point[2]))}`] };
  }
  return { kind: 'invalid' };
}

/** How a number field may be filled: whole numbers only, and the least value it takes (none: any). */
export interface NumberRule {
  integer?: boolean;
  min?: number;
}

/** A number field's value, or the Danish message that says why it is not one. */
export type NumberField = { value: number | null; message?: undefined } | { value?: undefined; message: string };

/**
 * Reads a number field: null when it is empty, else the number, or a message for the field (without its name;
 * the form shows it beside the field or after its name).
 */
export function readNumberField(text: string, rule: NumberRule = {}): NumberField {
  const parsed = parseDanishNumber(text);
  switch (parsed.kind) {
    case 'empty':
      return { value: null };
    case 'ambiguous':
      return { message: `Mente du ${parsed.readings[0]} eller ${parsed.readings[1]}? Skriv decimaler med komma og tusinder med punktum` };
    case 'invalid':
      return { message: rule.integer ? 'Skriv et helt tal, fx 3 eller 1.200' : 'Skriv et tal, fx 1.200 eller 12,5' };
    case 'number': {
      const { value } = parsed;
      if (rule.min !== undefined && value < rule.min) return { message: rule.min === 0 ? 'Skriv et positivt tal' : `Skriv et tal på mindst ${grouped.format(rule.min)}` };
      if (rule.integer && !Number.isInteger(value)) return { message: 'Skriv et helt tal uden decimaler' };
      return { value };
    }
  }
}

/**
 * Reads a form's number fields by their rules: the numbers of those that read, and a message for each that does
 * not. Every form with number fields reads them through this, so they all take the same input.
 */
export function readNumberFields<K extends string>(texts: { readonly [F in NoInfer<K>]: string }, rules: { readonly [F in K]: NumberRule }) {
  const values = {} as Record<K, number | null>;
  const errors: { field: K; message: string }[] = [];
  for (const field of Object.keys(rules) as K[]) {
    const read = readNumberField(texts[field], rules[field]);
    if (read.message !== undefined) errors.push({ field, message: read.message });
    else values[field] = read.value;
  }
  return { values, errors };
}

/** A number as a field shows it for editing, so it reads back the same: "1.200", "12,5". */
export function numberFieldText(n: number | null): string {
  return n === null ? '' : grouped.format(n);
}
