// The column-mapping step of an import: which of the other tool's columns or attributes feed which Sporbar field
// (suggested from their names, changeable by the user), and each record read through the mapping, checked
// against Sporbar's rules and the legal sources in the database, with a Danish message per problem.
import { versionInForce } from '../sources/sources.repository.js';
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { forbiddenCharacterReason } from '../http/validation.js';
import { REQUIREMENT_KINDS, REQUIREMENT_STATUSES, TENDER_CATEGORIES } from '../requirements/requirements.service.js';
import { provisionKeyFromLabel } from '../sources/labels.js';
import type { ImportColumn, ImportRecord, ImportSource, ProvisionRef } from './import-source.types.js';
import { IDENTIFIER_COLUMN, LONG_NAME_COLUMN } from './reqif-import.js';
import { KIND_NAMES, STATUS_NAMES, TENDER_NAMES, normalizeWord, readKind, readStatus, readTenderCategory, readYesNo, type Kind, type Status, type TenderCategory } from './vocabulary.js';

export const IMPORT_FIELDS = ['externalId', 'title', 'text', 'kind', 'status', 'tenderCategory', 'nonLegal', 'legalBasis'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_NAMES: Record<ImportField, string> = {
  externalId: 'Id',
  title: 'Titel',
  text: 'Tekst',
  kind: 'Kravtype',
  status: 'Status',
  tenderCategory: 'Udbudskategori',
  nonLegal: 'Ikke lovbestemt',
  legalBasis: 'Lovgrundlag',
};

const columnList = z.array(z.string().max(300)).max(50).default([]);
/** Per Sporbar field, the columns to read it from, first non-empty wins (a ReqIF file may name the text differently per type). */
export const ImportMapping = z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, columnList])) as Record<ImportField, typeof columnList>);
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportDefaults = z.object({
  kind: z.enum(REQUIREMENT_KINDS).default('proces'),
  status: z.enum(REQUIREMENT_STATUSES).default('udkast'),
  tenderCategory: z.enum(TENDER_CATEGORIES).nullable().default(null),
});
export type ImportDefaults = z.infer<typeof ImportDefaults>;

const TITLE_MAX = 300;
const CHECK_SLICE = 250;
const TEXT_MAX = 20_000;

// Header and attribute names as people and tools write them, compared after normalizeWord.
const NAMES: Record<ImportField, string[]> = {
  externalId: ['reqif.foreignid', 'id', 'krav-id', 'kravid', 'kravnummer', 'kravnr', 'nr', 'nummer', 'ekstern id', 'external id', 'foreign id', 'key', 'requirement id', 'req id'],
  title: ['reqif.name', 'reqif.chaptername', 'titel', 'title', 'kravtitel', 'navn', 'name', 'overskrift', 'heading', 'summary', 'short text', 'kort tekst'],
  text: ['reqif.text', 'tekst', 'text', 'kravtekst', 'beskrivelse', 'description', 'reqif.description', 'krav', 'requirement', 'indhold'],
  kind: ['kravtype', 'type', 'kind', 'requirement type', 'kravart'],
  status: ['status', 'kravstatus', 'reqif.status', 'state'],
  tenderCategory: ['udbudskategori', 'tender category', 'kravkategori', 'kategori', 'mindstekrav/krav'],
  nonLegal: ['ikke lovbestemt', 'ikke-lovbestemt', 'ikke lovbaseret', 'non-legal', 'nonlegal'],
  legalBasis: ['lovgrundlag', 'hjemmel', 'retsgrundlag', 'legal basis', 'lovhjemmel'],
};

/** Looser patterns for tools that prefix names per type (Enterprise Architect: FUNC-REQ-TXT, FUNC-REQ-STATUS). */
const PATTERNS: Partial<Record<ImportField, RegExp>> = {
  text: /(^|[-_. ])(txt|text|tekst|desc|description|beskrivelse)$/i,
  status: /(^|[-_. ])status$/i,
};

/** Suggests a mapping from column names; the user confirms or changes it before anything is written. */
export function suggestMapping(source: ImportSource): ImportMapping {
  const columns = source.columns.filter((c) => c.filled > 0);
  const used = new Set<string>();
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, [] as string[]])) as ImportMapping;
  const take = (field: ImportField, names: string[]) => {
    for (const n of names) if (!used.has(n)) (used.add(n), mapping[field].push(n));
  };
  const byName = (field: ImportField) => {
    for (const wanted of NAMES[field]) {
      const hit = columns.find((c) => !used.has(c.name) && normalizeWord(c.name) === normalizeWord(wanted));
      if (hit) return [hit.name];
    }
    return [];
  };
  // The text first: a title candidate such as "Krav" must not take the requirement's text.
  take('externalId', byName('externalId'));
  take('text', byName('text'));
  take('title', byName('title'));
  for (const f of ['kind', 'status', 'tenderCategory', 'nonLegal'] as const) take(f, byName(f));
  // A Sporbar ReqIF file carries its legal basis in relations; the readable "Lovgrundlag" attribute would only repeat it.
  if (!(source.fromSporbar && source.counts.traceRelations)) take('legalBasis', byName('legalBasis'));

  for (const [field, pattern] of Object.entries(PATTERNS) as [ImportField, RegExp][]) {
    if (!mapping[field].length) take(field, columns.filter((c) => !used.has(c.name) && pattern.test(c.name)).map((c) => c.name));
  }
  const isReqif = source.format === 'reqif' || source.format === 'reqifz';
  const freeText = (c: ImportColumn) => !used.has(c.name) && c.name !== IDENTIFIER_COLUMN && c.name !== LONG_NAME_COLUMN && !/^reqif\.foreign/i.test(c.name);
  if (!mapping.text.length) take('text', columns.filter((c) => freeText(c) && c.kinds.includes('XHTML')).slice(0, 1).map((c) => c.name));
  if (!mapping.title.length && isReqif && columns.some((c) => c.name === LONG_NAME_COLUMN)) take('title', [LONG_NAME_COLUMN]);
  if (!mapping.title.length) take('title', columns.filter((c) => freeText(c) && (c.kinds.includes('STRING') || c.kinds.includes('XHTML'))).slice(0, 1).map((c) => c.name));
  if (!mapping.externalId.length && isReqif) take('externalId', [IDENTIFIER_COLUMN]);
  return mapping;
}

export interface RowMessage {
  row: number;
  field: ImportField | 'row';
  message: string;
  severity: 'error' | 'warning';
}

export interface ResolvedLink {
  sourceId: number;
  provisionKey: string;
  label: string;
  rationale: string;
}

export interface ValidatedRecord {
  row: number;
  ref: string | null;
  externalId: string | null;
  title: string;
  text: string;
  kind: Kind;
  status: Status;
  tenderCategory: TenderCategory | null;
  nonLegal: boolean;
  links: ResolvedLink[];
  valid: boolean;
  /** The id is in other rows of the file too, so it cannot name the requirement this row updates. */
  externalIdShared: boolean;
}

/** The legal sources Sporbar knows, by title and popular title, and the keys of each one's newest version. */
export class SourceCatalog {
  private byName = new Map<string, { id: number; name: string }>();
  private names: { normalized: string; id: number; name: string }[] = [];
  private keys = new Map<number, Promise<Map<string, { label: string; repealed: boolean }>>>();

  private constructor(private db: Executor) {}

  static async load(db: Executor): Promise<SourceCatalog> {
    const catalog = new SourceCatalog(db);
    for (const s of await db.selectFrom('legal_sources').select(['id', 'title', 'popular_title']).execute()) {
      for (const name of [s.title, s.popular_title]) {
        if (!name) continue;
        catalog.byName.set(name.trim().toLowerCase(), { id: s.id, name });
        catalog.names.push({ normalized: name.trim().toLowerCase(), id: s.id, name });
      }
    }
    // Longest first, so "lov om social service" is not read as a shorter title that ends the same way.
    catalog.names.sort((a, b) => b.normalized.length - a.normalized.length);
    return catalog;
  }

  find(name: string | null | undefined) {
    return name ? this.byName.get(name.trim().toLowerCase()) : undefined;
  }

  /** The source a citation ends with: "§ 30, stk. 1, sygedagpengeloven" → sygedagpengeloven and "§ 30, stk. 1". */
  splitCitation(citation: string): { label: string; source: { id: number; name: string } } | null {
    const lower = citation.toLowerCase();
    for (const n of this.names) {
      if (lower.endsWith(n.normalized) && /[\s,]$/.test(lower.slice(0, -n.normalized.length) || ',')) {
        return { label: citation.slice(0, citation.length - n.normalized.length).replace(/[\s,]+$/, ''), source: { id: n.id, name: n.name } };
      }
    }
    return null;
  }

  /** Provisions of the source's newest version (one query per source, cached). */
  provisions(sourceId: number) {
    let p = this.keys.get(sourceId);
    if (!p) {
      p = this.db
        .selectFrom('provisions as p')
        .select(['p.key', 'p.label', 'p.repealed'])
        .where('p.version_id', '=', (eb) =>
          eb.selectFrom('source_versions as v').select('v.id').where('v.source_id', '=', sourceId).where(versionInForce('v')).orderBy('v.in_force_from', 'desc').orderBy('v.id', 'desc').limit(1),
        )
        .execute()
        .then((rows) => new Map(rows.map((r) => [r.key, { label: r.label, repealed: r.repealed === 1 }])));
      this.keys.set(sourceId, p);
    }
    return p;
  }
}

const firstValue = (record: ImportRecord, columns: string[]) => {
  for (const c of columns) {
    const v = record.values[c];
    if (v && v.trim()) return v.trim();
  }
  return '';
};

const oneOf = (names: Record<string, string>) => Object.values(names).join(', ');

/** "§ 30, stk. 1, sygedagpengeloven (LBK nr 1152 af 12/12/2011)" → the version note dropped; one citation per line or ";". */
export function splitCitations(cell: string): string[] {
  return cell
    .split(/[\n;]+/)
    .map((c) => c.replace(/\s*\([^()]*\)\s*$/, '').trim())
    .filter(Boolean);
}

async function resolveLink(catalog: SourceCatalog, ref: { label: string; key: string | null; sourceNames: (string | null)[]; rationale: string }, push: (m: string) => void): Promise<ResolvedLink | null> {
  const source = ref.sourceNames.map((n) => catalog.find(n)).find(Boolean);
  const shown = ref.sourceNames.find(Boolean) ?? '(uden navn)';
  if (!source) {
    push(`Retskilden "${shown}" findes ikke i Sporbar; registrér den først`);
    return null;
  }
  const key = ref.key ?? provisionKeyFromLabel(ref.label);
  if (!key) {
    push(`"${ref.label}" kan ikke læses som en bestemmelse (skriv fx "§ 30, stk. 1")`);
    return null;
  }
  const provision = (await catalog.provisions(source.id)).get(key);
  if (!provision || provision.repealed) {
    push(`${ref.label || key} findes ikke${provision?.repealed ? ' (længere)' : ''} i den nyeste version af ${source.name}`);
    return null;
  }
  return { sourceId: source.id, provisionKey: key, label: provision.label, rationale: ref.rationale };
}

/**
 * Reads every record through the mapping. A spreadsheet row must be complete (its author can fix it); a ReqIF
 * object from another tool often has no title or no text, so the one stands in for the other, with a warning.
 */
export async function validateRecords(db: Executor, source: ImportSource, mapping: ImportMapping, defaults: ImportDefaults, onChecked?: (done: number) => unknown) {
  const catalog = await SourceCatalog.load(db);
  const lenient = source.format === 'reqif' || source.format === 'reqifz';
  const messages: RowMessage[] = [];
  const records: ValidatedRecord[] = [];
  /** The rows each id is in. */
  const rowsOfId = new Map<string, number[]>();
  for (const record of source.records) {
    // Every few hundred rows the other users' requests get their turn: 20,000 rows take the main thread a while.
    if (records.length % CHECK_SLICE === 0 && records.length) {
      onChecked?.(records.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const errors: RowMessage[] = [];
    const error = (field: ImportField | 'row', message: string) => errors.push({ row: record.row, field, message, severity: 'error' });
    const warn = (field: ImportField | 'row', message: string) => messages.push({ row: record.row, field, message, severity: 'warning' });

    const externalId = firstValue(record, mapping.externalId) || null;
    if (externalId) rowsOfId.set(externalId, [...(rowsOfId.get(externalId) ?? []), record.row]);

    let title = firstValue(record, mapping.title).replace(/\s+/g, ' ');
    let text = firstValue(record, mapping.text);
    if (!title && text && lenient) {
      title = text.split('\n')[0].slice(0, 120);
      warn('title', 'Ingen titel; begyndelsen af teksten bruges');
    }
    if (!text && title && lenient) {
      text = title;
      warn('text', 'Ingen tekst; titlen bruges som tekst');
    }
    if (!title) error('title', 'Titlen mangler');
    else if (title.length > TITLE_MAX) {
      if (lenient) {
        title = `${title.slice(0, TITLE_MAX - 1)}…`;
        warn('title', `Titlen er forkortet til ${TITLE_MAX} tegn`);
      } else error('title', `Titlen må højst være ${TITLE_MAX} tegn (er ${title.length})`);
    }
    if (!text) error('text', 'Kravteksten mangler');
    else if (text.length > TEXT_MAX) error('text', `Kravteksten må højst være 20.000 tegn (er ${text.length})`);
    // Refused rather than stripped, as in the API: a requirement's text is what was tendered, so the file is fixed, not quietly changed.
    for (const [field, value] of [['title', title], ['text', text]] as const) {
      const reason = forbiddenCharacterReason(value);
      if (reason) error(field, reason);
    }

    const read = <T>(field: ImportField, parse: (v: string) => T | undefined, fallback: T, names: Record<string, string>) => {
      const raw = firstValue(record, mapping[field]);
      if (!raw) return fallback;
      const v = parse(raw);
      if (v === undefined) {
        error(field, `Ukendt ${FIELD_NAMES[field].toLowerCase()} "${raw}"; brug en af: ${oneOf(names)}`);
        return fallback;
      }
      return v;
    };
    const kind = read('kind', readKind, defaults.kind, KIND_NAMES);
    const status = read('status', readStatus, defaults.status, STATUS_NAMES);
    const tenderCategory = read<TenderCategory | null>('tenderCategory', readTenderCategory, defaults.tenderCategory, TENDER_NAMES);
    const nonLegal = read('nonLegal', readYesNo, false, { ja: 'Ja', nej: 'Nej' });

    const links: ResolvedLink[] = [];
    const addLink = (l: ResolvedLink | null) => {
      if (l && !links.some((x) => x.sourceId === l.sourceId && x.provisionKey === l.provisionKey)) links.push(l);
    };
    for (const cite of splitCitations(firstValue(record, mapping.legalBasis))) {
      const split = catalog.splitCitation(cite);
      if (!split) {
        error('legalBasis', `"${cite}" nævner ingen retskilde, Sporbar kender (skriv fx "§ 30, stk. 1, sygedagpengeloven")`);
        continue;
      }
      addLink(await resolveLink(catalog, { label: split.label, key: null, sourceNames: [split.source.name], rationale: '' }, (m) => error('legalBasis', m)));
    }
    for (const p of record.provisions as ProvisionRef[]) {
      const reason = forbiddenCharacterReason(p.rationale);
      if (reason) error('legalBasis', `Begrundelsen for linket til ${p.label}: ${reason}`);
      addLink(await resolveLink(catalog, { label: p.label, key: p.key, sourceNames: [p.popularTitle, p.sourceTitle], rationale: p.rationale }, (m) => error('legalBasis', m)));
    }

    messages.push(...errors);
    records.push({
      row: record.row,
      ref: record.ref,
      externalId,
      title,
      text,
      kind,
      status,
      tenderCategory,
      nonLegal,
      links,
      valid: errors.length === 0,
      externalIdShared: false,
    });
  }
  // An id in several rows names no one requirement (an anonymised export gives every object the same one): it is
  // kept as provenance but not used to recognise a requirement imported before.
  for (const [id, rows] of rowsOfId) {
    if (rows.length < 2) continue;
    messages.push({ row: rows[0], field: 'externalId', message: `Id "${id}" står i ${rows.length} rækker; kravene genkendes ikke på det, men oprettes`, severity: 'warning' });
  }
  for (const r of records) if (r.externalId && rowsOfId.get(r.externalId)!.length > 1) r.externalIdShared = true;
  messages.sort((a, b) => a.row - b.row);
  return {
    records,
    messages,
    summary: summarize(records, messages),
  };
}

/** The counts a preview shows; again after a later check (import.service's planImport) marks more rows invalid. */
export function summarize(records: ValidatedRecord[], messages: RowMessage[]) {
  return {
    records: records.length,
    valid: records.filter((r) => r.valid).length,
    invalid: records.filter((r) => !r.valid).length,
    warnings: messages.filter((m) => m.severity === 'warning').length,
    links: records.reduce((n, r) => n + r.links.length, 0),
  };
}
