// Sporbar's codes for kind, status, tender category and link status, their Danish names in documents (most of them
// kept in text/vocabulary.ts), and the reading of a value someone typed in a spreadsheet or another tool wrote
// (either form, any case, æøå or not).
import { REQUIREMENT_KINDS, REQUIREMENT_STATUSES, TENDER_CATEGORIES } from '../requirements/requirements.service.js';
import { KIND_NAMES, LINK_STATUS_NAMES, REQUIREMENT_STATUS_NAMES, kindName, linkStatusName } from '../text/vocabulary.js';

export type Kind = (typeof REQUIREMENT_KINDS)[number];
export type Status = (typeof REQUIREMENT_STATUSES)[number];
export type TenderCategory = (typeof TENDER_CATEGORIES)[number];

export { KIND_NAMES, LINK_STATUS_NAMES, kindName, linkStatusName };

/** Chapter headings of a specification grouped by kind. */
export const KIND_HEADINGS: Record<Kind, string> = {
  proces: 'Proceskrav',
  regel: 'Regelkrav',
  data: 'Datakrav',
  integration: 'Integrationskrav',
  'ikke-funktionel': 'Ikke-funktionelle krav',
};

export const STATUS_NAMES: Record<Status, string> = REQUIREMENT_STATUS_NAMES;
export const TENDER_NAMES: Record<TenderCategory, string> = { mindstekrav: 'Mindstekrav', krav: 'Krav', option: 'Option' };

export const statusName = (s: string) => STATUS_NAMES[s as Status] ?? s;
export const tenderName = (t: string | null) => (t ? (TENDER_NAMES[t as TenderCategory] ?? t) : '');

/** "Udgået", "UDGAAET", " udgået " → "udgaaet": compare values the way people write them. */
export function normalizeWord(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s_]+/g, '-');
}

function reader<T extends string>(codes: readonly T[], names: Record<T, string>, synonyms: Record<string, T>) {
  const table = new Map<string, T>();
  for (const c of codes) {
    table.set(normalizeWord(c), c);
    table.set(normalizeWord(names[c]), c);
  }
  for (const [word, code] of Object.entries(synonyms)) table.set(normalizeWord(word), code);
  return (value: string): T | undefined => table.get(normalizeWord(value));
}

/** Other tools' usual words, so a DOORS or Enterprise Architect status does not fail every row. */
export const readKind = reader(REQUIREMENT_KINDS, KIND_NAMES, {
  proceskrav: 'proces', process: 'proces', regelkrav: 'regel', rule: 'regel', 'business rule': 'regel', forretningsregel: 'regel',
  datakrav: 'data', integrationskrav: 'integration', interface: 'integration',
  'ikke funktionel': 'ikke-funktionel', 'ikke-funktionelt': 'ikke-funktionel', 'non-functional': 'ikke-funktionel', nonfunctional: 'ikke-funktionel',
});
export const readStatus = reader(REQUIREMENT_STATUSES, STATUS_NAMES, {
  udgaet: 'udgaaet', kladde: 'udkast', draft: 'udkast', new: 'udkast', proposed: 'udkast', 'in progress': 'udkast',
  approved: 'godkendt', accepted: 'godkendt', released: 'godkendt', implemented: 'godkendt', valid: 'godkendt',
  rejected: 'udgaaet', obsolete: 'udgaaet', deleted: 'udgaaet', retired: 'udgaaet',
});
export const readTenderCategory = reader(TENDER_CATEGORIES, TENDER_NAMES, {
  minimumskrav: 'mindstekrav', mk: 'mindstekrav', mandatory: 'mindstekrav', 'minimum requirement': 'mindstekrav',
  evalueringskrav: 'krav', 'evalueret krav': 'krav', k: 'krav', requirement: 'krav', optional: 'option', o: 'option',
});

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'sand', 'x', '1']);
const NO = new Set(['nej', 'n', 'no', 'false', 'falsk', '0', '']);
export function readYesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  return YES.has(v) ? true : NO.has(v) ? false : undefined;
}
