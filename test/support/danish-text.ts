// Finds what a Danish reader should never meet in running text: ISO dates, internal codes (lifecycle states,
// kinds, audit actions, snake_case), English status words and login names where a person's name belongs.
// Shared by the API/export test and the browser test, so both hold the pages and the documents to one rule.
import { MACHINES } from '../../server/change-requests/lifecycle.js';

export interface Finding {
  /** Where the text came from: a page's address or an export's name. */
  where: string;
  rule: 'iso-dato' | 'intern-kode' | 'engelsk' | 'brugernavn' | 'grammatik';
  match: string;
  context: string;
}

/** The demo users' login names (fixtures/demo.ts); their display names are what a reader should see. */
export const DEMO_USERNAMES = ['admin', 'kravredaktoer', 'projektleder', 'faggruppe', 'styregruppe', 'leverandoer', 'kommune', 'laeser'];

/** Codes written the ASCII way (æ→ae, ø→oe, å→aa): a program's names, never a Danish word. */
const ASCII_CODES = new Set([
  'behovsaendring',
  'udfoert',
  'udfoer',
  'udgaaet',
  'igangsaet',
  'kravredaktoer',
  'leverandoer',
  'laeser',
]);

/** Every lifecycle state and action that is not also an ordinary Danish word. */
const LIFECYCLE_CODES = new Set(
  Object.values(MACHINES).flatMap((m) => [...Object.keys(m.states), ...m.transitions.map((t) => t.action)]).filter((c) => /_|ae|oe|aa/.test(c)),
);

const AUDIT_AREAS = 'change_request|requirements?|link|user|auth|solution|source_version|source|baseline|session|bill';
const AUDIT_CODE = new RegExp(`\\b(?:${AUDIT_AREAS})\\.[a-z_]+(?:\\.[a-z_]+)?\\b`, 'g');
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g;
const SNAKE = /(?<![\w/.-])[a-zæøå]+_[a-zæøå_]+(?![\w/.-])/g;
const WORD = /[A-Za-zÆØÅæøå][\wÆØÅæøå-]*/g;
const ENGLISH = new Set(['suspect', 'current', 'broken', 'pending', 'draft', 'approved', 'rejected']);
/** Every lifecycle state code, which must not follow the word "status" ("status vurderet" is a code, not a sentence). */
const STATE_CODES = new Set(Object.values(MACHINES).flatMap((m) => Object.keys(m.states)));
const STATUS_CODE = /\bstatus ([a-z_]+)\b/g;
/** Plural forms a count of one must not take ("1 retskilder", "1 af 1 deltagere"). */
const ONE_PLURAL = /(?<![\d.,])\b1 (retskilder|versioner|bestemmelser|sporingslinks|links|punkter|deltagere|timer|måneder|dage|stemmer|rækker|ændringer|mistænkte|brudte|aktuelle|kontrollerede)\b/g;
/** Singular adjectives a count above one must not take ("7 mistænkt"). */
const MANY_SINGULAR = /(?<![\d.,])\b(\d+) (mistænkt|brudt|aktuel|kontrolleret)\b(?!e)/g;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+|\/eli\/\S+|\burn:\S+/g;

function contextOf(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 50), index + length + 50)
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ScanOptions {
  /** Skip the login-name rule (a user administration page shows login names on purpose). */
  usernamesAllowed?: boolean;
}

/** Every finding in one text as a reader sees it (tags, attributes and URLs already gone). */
export function scanDanishText(where: string, text: string, options: ScanOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const clean = text.replace(URL_LIKE, (m) => ' '.repeat(m.length));
  const add = (rule: Finding['rule'], m: RegExpExecArray | { 0: string; index: number }) =>
    findings.push({ where, rule, match: m[0], context: contextOf(clean, m.index, m[0].length) });
  for (const m of clean.matchAll(ISO_DATE)) add('iso-dato', m as RegExpExecArray);
  for (const m of clean.matchAll(AUDIT_CODE)) add('intern-kode', m as RegExpExecArray);
  for (const m of clean.matchAll(SNAKE)) add('intern-kode', m as RegExpExecArray);
  for (const m of clean.matchAll(WORD)) {
    const word = m[0];
    if (options.usernamesAllowed && DEMO_USERNAMES.includes(word)) continue;
    if (ASCII_CODES.has(word) || LIFECYCLE_CODES.has(word)) add('intern-kode', m as RegExpExecArray);
    else if (ENGLISH.has(word.toLowerCase())) add('engelsk', m as RegExpExecArray);
  }
  for (const m of clean.matchAll(STATUS_CODE)) if (STATE_CODES.has(m[1])) add('intern-kode', m as RegExpExecArray);
  for (const m of clean.matchAll(ONE_PLURAL)) add('grammatik', m as RegExpExecArray);
  for (const m of clean.matchAll(MANY_SINGULAR)) if (m[1] !== '1') add('grammatik', m as RegExpExecArray);
  if (!options.usernamesAllowed) {
    // A login name standing alone in a cell or line, or as the one who did something ("af projektleder").
    const names = DEMO_USERNAMES.join('|');
    const alone = new RegExp(`(?:^|[\\t\\n|]|\\baf |\\bAf |: )\\s*(${names})\\s*(?=$|[\\t\\n|.,;)])`, 'gm');
    for (const m of clean.matchAll(alone)) {
      const at = m.index + m[0].lastIndexOf(m[1]);
      findings.push({ where, rule: 'brugernavn', match: m[1], context: contextOf(clean, at, m[1].length) });
    }
  }
  // One finding per rule, match and place is enough; the same badge on fifty rows is one fix.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.where}|${f.rule}|${f.match}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The text of an HTML document as a reader sees it: no tags, no attributes, no scripts or styles. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|div|li|tr|h\d|dt|dd|table|section|header|footer)>/gi, '\n')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'");
}

/** The findings as lines a failing test prints. */
export function report(findings: Finding[]): string[] {
  return findings.map((f) => `${f.where}: [${f.rule}] «${f.match}» i «${f.context}»`);
}
