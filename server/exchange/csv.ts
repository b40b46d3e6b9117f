// CSV as Sporbar writes it (semicolon-separated with a BOM, as Danish Excel opens it), with every cell made safe
// to open in a spreadsheet: a cell a spreadsheet would read as a formula is written as text.

/** What a spreadsheet reads as the start of a formula or command (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A plain number, such as "-5" or "-1,5", is left alone: it cannot hold a formula, and a quote in front would turn
 * the number into text in the spreadsheet. Anything else that starts with "-" ("-2+3+cmd|…") is neutralised.
 */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** One cell: a would-be formula gets a leading `'` (shown as text, not run), quoted where needed. */
export function csvCell(value: string): string {
  const neutralised = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value);
  const text = neutralised ? `'${value}` : value;
  return neutralised || /[";,\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows (the first one the headers) as a CSV file's text. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
