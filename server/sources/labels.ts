// Danish citation labels (`§ 12 a, stk. 2, nr. 3, litra b`) and the stable keys built from them (`p12a.s2.n3.lb`).

/** A § or nr. designation: a number and an optional letter (`12 a`). */
export interface Designation {
  number: number;
  /** Lowercase letter after the number, or null. */
  letter: string | null;
}

/** The parts of a citation, from the § down to the litra. */
export interface ProvisionParts {
  paragraf: Designation;
  /** Last § of a range placeholder (`§§ 20-31`, `§§ 63 og 64`); null for a single §. */
  paragrafTo: Designation | null;
  /** How the range was printed: `-` (20 to 31) or `og` (63 and 64). Ignored without paragrafTo. */
  rangeJoin?: '-' | 'og';
  stk: number | null;
  /** Last stk. of a stk. range (`stk. 3-4`, an omitted block in some acts); null otherwise. */
  stkTo?: number | null;
  nr: Designation | null;
  litra: string | null;
}

const LETTER = '[a-zæøå]';

// Anchored, and run on cleaned input whose whitespace runs are single spaces, so the optional pieces cannot
// backtrack into one another: matching is linear in the label's length.
const LABEL_PATTERN = new RegExp(
  '^(?:§§?|paragraf(?:ferne|fer|fen)?)\\s*' +
    `(\\d+)\\s*(?:(${LETTER})(?!${LETTER}))?` + // § 12 a
    `(?:\\s*(-|–|og|til)\\s*(?:§\\s*)?(\\d+)?\\s*(?:(${LETTER})(?!${LETTER}))?)?` + // -31, - § 24, b-e, og 64
    '(?:\\s*,?\\s*stk\\.?\\s*(\\d+)(?:\\s*-\\s*(\\d+))?)?' + // stk. 2, stk. 3-4
    `(?:\\s*,?\\s*nr\\.?\\s*(\\d+)\\s*(?:(${LETTER})(?!${LETTER}))?)?` + // nr. 3, nr. 3 a
    `(?:\\s*,?\\s*lit(?:ra)?\\.?\\s*(${LETTER}+))?` + // litra b
    '(?:\\s*,?\\s*\\d+\\.\\s*(?:pkt|punktum)\\.?)?' + // 2. pkt. (finer than a provision; ignored)
    '\\s*\\.?$',
);

/** Lowercase, invisible characters (soft hyphen, zero-width joiners) out, whitespace (NBSP too) collapsed. */
function cleanLabelInput(label: string): string {
  return label.replace(/[\u00ad\u200b-\u200d\u2060]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Reads a citation as people type or print it ("§12a stk 2 nr 3", "§ 12 a, stk. 2.", "§§ 20-31",
 * "§ 16-§ 24", "§§ 25 b-e") into canonical parts, or null when it is not a § citation.
 * A trailing "n. pkt." is accepted and dropped: sentences are not provisions of their own.
 */
export function parseLabel(label: string): ProvisionParts | null {
  const m = LABEL_PATTERN.exec(cleanLabelInput(label));
  if (!m) return null;
  const [, num, letter, join, toNum, toLetter, stk, stkTo, nr, nrLetter, litra] = m;
  const paragraf: Designation = { number: Number(num), letter: letter ?? null };
  let paragrafTo: Designation | null = null;
  let rangeJoin: '-' | 'og' | undefined;
  if (join) {
    // "§§ 25 b-e" means 25 b to 25 e: a bare letter borrows the first number.
    if (toNum === undefined && toLetter === undefined) return null;
    paragrafTo = { number: toNum === undefined ? paragraf.number : Number(toNum), letter: toLetter ?? null };
    rangeJoin = join === 'og' ? 'og' : '-';
    if (stk || nr || litra) return null;
  }
  return {
    paragraf,
    paragrafTo,
    rangeJoin: rangeJoin ?? '-',
    stk: stk ? Number(stk) : null,
    stkTo: stkTo ? Number(stkTo) : null,
    nr: nr ? { number: Number(nr), letter: nrLetter ?? null } : null,
    litra: litra ?? null,
  };
}

function designationLabel(d: Designation): string {
  return d.letter ? `${d.number} ${d.letter}` : String(d.number);
}

function designationKey(d: Designation): string {
  return d.letter ? `${d.number}${d.letter}` : String(d.number);
}

/** The printed citation: `§ 12 a, stk. 2, nr. 3, litra b`; `§§ 20-31` for a range. */
export function provisionLabel(parts: ProvisionParts): string {
  let label: string;
  if (parts.paragrafTo) {
    const join = parts.rangeJoin === 'og' ? ' og ' : '-';
    label = `§§ ${designationLabel(parts.paragraf)}${join}${designationLabel(parts.paragrafTo)}`;
  } else {
    label = `§ ${designationLabel(parts.paragraf)}`;
  }
  if (parts.stk !== null) label += `, stk. ${parts.stk}${parts.stkTo ? `-${parts.stkTo}` : ''}`;
  if (parts.nr) label += `, nr. ${designationLabel(parts.nr)}`;
  if (parts.litra) label += `, litra ${parts.litra}`;
  return label;
}

/** The stable key: `p12a.s2.n3.lb`; `p20-31` for a range, `p63+64` for "§§ 63 og 64". */
export function provisionKey(parts: ProvisionParts): string {
  let key = `p${designationKey(parts.paragraf)}`;
  if (parts.paragrafTo) key += `${parts.rangeJoin === 'og' ? '+' : '-'}${designationKey(parts.paragrafTo)}`;
  if (parts.stk !== null) key += `.s${parts.stk}${parts.stkTo ? `-${parts.stkTo}` : ''}`;
  if (parts.nr) key += `.n${designationKey(parts.nr)}`;
  if (parts.litra) key += `.l${parts.litra}`;
  return key;
}

/** The key a typed or printed citation refers to, or null when it is not a § citation. */
export function provisionKeyFromLabel(label: string): string | null {
  const parts = parseLabel(label);
  return parts ? provisionKey(parts) : null;
}

/** The canonical form of a typed or printed citation, or null when it is not a § citation. */
export function canonicalLabel(label: string): string | null {
  const parts = parseLabel(label);
  return parts ? provisionLabel(parts) : null;
}

const KEY_PATTERN = new RegExp(
  `^p(\\d+)(${LETTER})?(?:([-+])(\\d+)(${LETTER})?)?(?:\\.s(\\d+)(?:-(\\d+))?)?(?:\\.n(\\d+)(${LETTER})?)?(?:\\.l(${LETTER}+))?$`,
);

/** The parts of a key made by provisionKey, or null. */
export function parseKey(key: string): ProvisionParts | null {
  const m = KEY_PATTERN.exec(key);
  if (!m) return null;
  const [, num, letter, join, toNum, toLetter, stk, stkTo, nr, nrLetter, litra] = m;
  return {
    paragraf: { number: Number(num), letter: letter ?? null },
    paragrafTo: join ? { number: Number(toNum), letter: toLetter ?? null } : null,
    rangeJoin: join === '+' ? 'og' : '-',
    stk: stk ? Number(stk) : null,
    stkTo: stkTo ? Number(stkTo) : null,
    nr: nr ? { number: Number(nr), letter: nrLetter ?? null } : null,
    litra: litra ?? null,
  };
}

const STK_DESIGNATION = /^stk\.?\s*(\d+)(?:\s*-\s*(\d+))?\s*\.?$/;

/** "Stk. 2." → {stk: 2}; "Stk. 3-4." → {stk: 3, stkTo: 4}; null when it is not a stk. designation. */
export function parseStkDesignation(text: string): { stk: number; stkTo: number | null } | null {
  const m = STK_DESIGNATION.exec(cleanLabelInput(text));
  if (!m) return null;
  return { stk: Number(m[1]), stkTo: m[2] ? Number(m[2]) : null };
}

/**
 * A list item's designation: "3)" or "3." (amending acts number their changes "1.", "2.") → nr. 3;
 * "b)" → litra b; null otherwise.
 */
export function parseItemDesignation(text: string): { nr: Designation } | { litra: string } | null {
  const s = cleanLabelInput(text);
  let m = NR_DESIGNATION.exec(s);
  if (m) return { nr: { number: Number(m[1]), letter: m[2] ?? null } };
  m = LITRA_DESIGNATION.exec(s);
  if (m) return { litra: m[1]! };
  return null;
}

const NR_DESIGNATION = new RegExp(`^(\\d+)\\s*(?:(${LETTER})(?!${LETTER}))?\\s*[).]$`);
const LITRA_DESIGNATION = new RegExp(`^(${LETTER}{1,2})\\s*\\)$`);

/** Is the provision `key` the provision `under` or inside it (`p12.s2` inside `p12`)? */
export function isKeyInside(key: string, under: string): boolean {
  return key === under || key.startsWith(`${under}.`);
}

/** Do two provisions overlap: the same, or one inside the other? */
export function keysOverlap(a: string, b: string): boolean {
  return isKeyInside(a, b) || isKeyInside(b, a);
}
