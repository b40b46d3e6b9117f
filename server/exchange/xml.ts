// Writing XML text safely: escaping, and dropping the control characters XML 1.0 cannot carry at all.

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text without the characters XML 1.0 cannot carry, for writers that escape the rest themselves (exceljs). */
export function xmlText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '');
}

export function escapeXml(value: string): string {
  return xmlText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(value: string): string {
  return escapeXml(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Plain text as paragraphs: each line break starts a new paragraph, empty lines are dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
