// Legal sources (retskilder): registering versions, the version timeline, provisions and what traces to them.
import { z } from 'zod';
import { authorize, type Actor } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { inSolutionScope, keyOrDescendant, type SolutionScope } from '../db/sql.js';
import { nowIso, todayIso } from '../db/time.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { isoDate, plainText } from '../http/validation.js';
import { markSuspectLinks, type SuspectMarking } from '../links/suspect.js';
import { readScope } from '../solutions/solutions.service.js';
import { provisionKeyFromLabel } from './labels.js';
import { diffVersions, type ProvisionDiff } from './provision-diff.js';
import { loadParsedVersion } from './version-diff.service.js';
import type { ParsedVersion } from './provision.types.js';
import { storedSubtreeTexts, subtreeTexts } from './provision-tree.js';
import * as repo from './sources.repository.js';
import { versionInForce } from './sources.repository.js';
import type { LegalSourceRow, ProvisionRow, SourceVersionRow } from './sources.table.js';
import { fingerprint } from './substance.js';
import { VERSION_STANDINGS, versionStandings } from './version-standing.js';
import { SourceParseError } from './errors.js';
import { parseSourceText } from './parse-source.js';
import { SOURCE_KIND_NAMES, sourceKindOfDocumentType, type SourceKindCode } from '../text/vocabulary.js';
import { readConsolidationStatement, type ConsolidationStatement } from '../law-change/statement.js';

export const SOURCE_KINDS = Object.keys(SOURCE_KIND_NAMES) as [SourceKindCode, ...SourceKindCode[]];
export const SourceKind = z.enum(SOURCE_KINDS, { message: `Vælg retskildens art: ${SOURCE_KINDS.join(', ')}` });


export const ImportOptions = z.object({
  /** Add the version to this source; otherwise the source is found by the act's title or created. */
  sourceId: z.coerce.number().int().positive().optional(),
  kind: SourceKind.optional(),
  popularTitle: plainText.trim().max(200).optional(),
  /** Date in force; defaults to the date the document was signed. */
  inForceFrom: isoDate.optional(),
  /** For pasted text, which carries no metadata of its own. */
  title: plainText.trim().max(500).optional(),
  shortName: plainText.trim().max(100).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export function toSource(row: LegalSourceRow) {
  return { id: row.id, kind: row.kind, title: row.title, popularTitle: row.popular_title };
}

export function toVersion(row: SourceVersionRow) {
  return {
    id: row.id,
    sourceId: row.source_id,
    shortName: row.short_name,
    title: row.title,
    documentType: row.document_type,
    accessionNumber: row.accession_number,
    eli: row.eli,
    dateSigned: row.date_signed,
    inForceFrom: row.in_force_from,
    status: row.status,
    provisionCount: row.provision_count,
    importedBy: row.imported_by,
    importedAt: row.imported_at,
    /** Set when the version was withdrawn: registered by mistake, kept in history, never in force. */
    withdrawn: row.withdrawn_at ? { at: row.withdrawn_at, by: row.withdrawn_by, reason: row.withdrawn_reason } : null,
    /** 'konsolideret', or 'projiceret': the act in force with an amending act applied, before its consolidation. */
    kind: row.kind as 'konsolideret' | 'projiceret',
    amendingAct: row.amending_act,
    baseVersionId: row.base_version_id,
    /** The consolidation that incorporated a projection's amending act. */
    supersededByVersionId: row.superseded_by_version_id,
  };
}
export type SourceVersion = ReturnType<typeof toVersion>;

export function toProvision(row: Pick<ProvisionRow, 'key' | 'label' | 'kind' | 'text' | 'parent_key' | 'position' | 'chapter' | 'repealed'>) {
  return {
    key: row.key,
    label: row.label,
    kind: row.kind,
    text: row.text,
    parentKey: row.parent_key,
    position: row.position,
    chapter: row.chapter,
    repealed: row.repealed === 1,
  };
}
export type Provision = ReturnType<typeof toProvision>;

/**
 * "Bekendtgørelse af lov om sygedagpenge" and "Lov om sygedagpenge" are versions of one act: a
 * consolidated act (LBK) is named after the act it consolidates.
 */
export function actTitle(documentTitle: string): string {
  const t = documentTitle.trim().replace(/^bekendtgørelse af\s+/i, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export async function getSource(db: Executor, id: number) {
  const row = await repo.findSource(db, id);
  if (!row) throw new NotFound(`Retskilden ${id} findes ikke`);
  return row;
}

export async function getVersion(db: Executor, id: number) {
  const row = await repo.findVersion(db, id);
  if (!row) throw new NotFound(`Versionen ${id} findes ikke`);
  return row;
}

export async function listSources(db: Db) {
  const rows = await repo.listSources(db);
  // All versions in one read, newest last per source, rather than one query per source.
  const bySource = new Map<number, SourceVersionRow[]>();
  for (const v of await db.selectFrom('source_versions').selectAll().orderBy('in_force_from').orderBy('id').execute()) {
    bySource.set(v.source_id, [...(bySource.get(v.source_id) ?? []), v]);
  }
  const today = todayIso();
  return rows.map((r) => {
    const versions = (bySource.get(r.id) ?? []).map(toVersion);
    const standings = versionStandings(versions, today);
    // The version in force today, else the newest; with its standing, as the source page says it.
    const shown = versions.find((v) => standings.get(v.id) === 'gaeldende') ?? versions.at(-1);
    const standing = shown ? standings.get(shown.id)! : null;
    return {
      ...toSource(r),
      versionCount: Number(r.version_count ?? 0),
      linkCount: Number(r.link_count ?? 0),
      latestVersion: versions.at(-1) ?? null,
      shownVersion: shown && standing ? { ...shown, standing, standingLabel: VERSION_STANDINGS[standing] } : null,
    };
  });
}

/** The source with its versions in date order; each version knows the one before it. */
export async function getSourceTimeline(db: Db, id: number) {
  const source = await getSource(db, id);
  const versions = (await repo.listVersions(db, id)).map(toVersion);
  const standings = versionStandings(versions, todayIso());
  // A withdrawn version stays in the timeline, marked; the versions around it follow one another as if it never came.
  let previous: number | null = null;
  return {
    ...toSource(source),
    versions: versions.map((v) => {
      const standing = standings.get(v.id)!;
      const entry = { ...v, previousVersionId: previous, standing, standingLabel: VERSION_STANDINGS[standing] };
      if (!v.withdrawn && !v.supersededByVersionId) previous = v.id;
      return entry;
    }),
  };
}

/** The version in force just before the given date (the "previous" version of a new one). */
export async function previousVersion(db: Executor, sourceId: number, inForceFrom: string, excludeId?: number) {
  let q = db
    .selectFrom('source_versions')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where(versionInForce())
    .where('in_force_from', '<=', inForceFrom)
    .orderBy('in_force_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  if (excludeId !== undefined) q = q.where('id', '!=', excludeId);
  return q.executeTakeFirst();
}

export interface ImportResult {
  source: ReturnType<typeof toSource>;
  version: SourceVersion;
  previousVersionId: number | null;
  createdSource: boolean;
  /** Counts of the diff against the previous version, when this is the newest. */
  changes: ProvisionDiff['stats'] | null;
  /** What happened to the trace links, when this is the newest version. */
  links: SuspectMarking | null;
  /** The projections this consolidation superseded (their amending acts are now in the official text). */
  superseded: SourceVersion[];
}

/** Where a version comes from, when it is not simply a published act: a projection of an act in force with an amending act applied. */
export interface VersionProvenance {
  kind: 'projiceret';
  baseVersionId: number;
  amendingAct: string;
}

/** Registers a parsed version of a source: the version row, all its provisions, audited, in one transaction. */
export async function importVersion(db: Db, parsed: ParsedVersion, options: ImportOptions, user: Actor): Promise<ImportResult> {
  authorize(user, 'source.import', null);
  return db.transaction().execute((trx) => importVersionIn(trx, parsed, options, user));
}

/** The act a consolidation continues, by the consolidation its introduction cites ("jf. lovbekendtgørelse nr. 920 af …"). */
async function sourceContinued(trx: Executor, statement: ConsolidationStatement | null) {
  return statement?.continues ? repo.findSourceByVersionShortName(trx, statement.continues) : undefined;
}

/**
 * The projections a new consolidation supersedes: those of the same act whose amending act its introduction says it
 * incorporates. The newest of them is what the consolidation is compared with, so where the official text equals the
 * projection, nothing changes for the links.
 */
async function supersededProjections(trx: Executor, sourceId: number, statement: ConsolidationStatement | null) {
  const acts = statement?.incorporates.map((i) => i.act) ?? [];
  if (!acts.length) return [];
  return trx
    .selectFrom('source_versions')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('kind', '=', 'projiceret')
    .where(versionInForce())
    .where('amending_act', 'in', acts)
    .orderBy('in_force_from')
    .orderBy('id')
    .execute();
}

/** As importVersion, inside the caller's transaction; a projection says where it comes from. */
export async function importVersionIn(trx: Executor, parsed: ParsedVersion, options: ImportOptions, user: Actor, provenance?: VersionProvenance): Promise<ImportResult> {
  authorize(user, 'source.import', null);
  const actor = user.name;
  const title = options.title || parsed.title;
  const shortName = options.shortName || parsed.shortName;
  const inForceFrom = options.inForceFrom ?? parsed.dateSigned;
  if (parsed.provisions.length === 0) throw new Invalid('Dokumentet indeholder ingen bestemmelser (§§)', [{ field: 'file', message: 'Ingen bestemmelser fundet' }]);
  const missing = [];
  if (!title) missing.push({ field: 'title', message: 'Titlen mangler og kan ikke læses af dokumentet' });
  if (!shortName) missing.push({ field: 'shortName', message: 'Kortnavnet (fx "LBK nr 920 af 22/08/2011") mangler' });
  if (!inForceFrom) missing.push({ field: 'inForceFrom', message: 'Ikrafttrædelsesdatoen mangler' });
  if (missing.length) throw new Invalid('Versionen mangler oplysninger', missing);

  const statement = readConsolidationStatement(parsed.statement);
  // The act a new consolidation continues is the one whose consolidation it cites; the title is the fallback, as
  // the same act is often named two ways ("barselloven" / "barselsloven").
  let source = options.sourceId ? await getSource(trx, options.sourceId) : ((await sourceContinued(trx, statement)) ?? (await repo.findSourceByTitle(trx, actTitle(title!))));
  let createdSource = false;
  if (!source) {
    source = await trx
      .insertInto('legal_sources')
      .values({ kind: options.kind ?? sourceKindOfDocumentType(parsed.documentType) ?? 'lov', title: actTitle(title!), popular_title: options.popularTitle ?? null, created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    createdSource = true;
    await recordAudit(trx, { actor, action: 'source.create', entityType: 'source', entityId: source.id, after: toSource(source) });
  } else if (options.popularTitle && !source.popular_title) {
    source = await trx.updateTable('legal_sources').set({ popular_title: options.popularTitle }).where('id', '=', source.id).returningAll().executeTakeFirstOrThrow();
  }
  if (parsed.accessionNumber && (await repo.findVersionByAccession(trx, source.id, parsed.accessionNumber))) {
    throw new Conflict(`${shortName} er allerede registreret for ${source.title}`, [{ field: 'file', message: 'Versionen findes allerede' }]);
  }
  const superseded = provenance ? [] : await supersededProjections(trx, source.id, statement);
  const version = await trx
    .insertInto('source_versions')
    .values({
      source_id: source.id,
      short_name: shortName!,
      title: title!,
      document_type: parsed.documentType,
      accession_number: parsed.accessionNumber,
      eli: parsed.eli,
      date_signed: parsed.dateSigned,
      in_force_from: inForceFrom!,
      status: parsed.status,
      provision_count: parsed.provisions.length,
      imported_by: actor,
      imported_at: nowIso(),
      kind: provenance?.kind ?? 'konsolideret',
      base_version_id: provenance?.baseVersionId ?? null,
      amending_act: provenance?.amendingAct ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const full = subtreeTexts(parsed.provisions);
  await repo.insertProvisions(
    trx,
    parsed.provisions.map((p) => ({
      version_id: version.id,
      key: p.key,
      label: p.label,
      kind: p.kind,
      text: p.text,
      fingerprint: fingerprint(full.get(p.key) ?? p.text),
      parent_key: p.parentKey,
      position: p.position,
      chapter: p.chapter,
      repealed: p.repealed ? 1 : 0,
    })),
  );
  if (superseded.length) {
    await trx.updateTable('source_versions').set({ superseded_by_version_id: version.id }).where('id', 'in', superseded.map((v) => v.id)).execute();
  }
  // A consolidation that supersedes projections is compared with the newest of them; otherwise with the version before.
  const previous = superseded.at(-1) ?? (provenance ? await getVersion(trx, provenance.baseVersionId) : await previousVersion(trx, source.id, inForceFrom!, version.id));
  const latest = await repo.latestVersion(trx, source.id);
  // Only the newest version moves links on; registering an older one fills in history.
  let diff: ProvisionDiff | null = null;
  let marking: SuspectMarking | null = null;
  if (latest?.id === version.id && previous) {
    diff = diffVersions(await loadParsedVersion(trx, previous), parsed);
    marking = await markSuspectLinks(trx, version, previous, diff, actor);
    await storeProvisionChanges(trx, version.id, diff);
  }
  const result = {
    source: toSource(source),
    version: toVersion(version),
    previousVersionId: previous?.id ?? null,
    createdSource,
    changes: diff?.stats ?? null,
    links: marking,
    /** The projections this consolidation superseded (their amending acts are now in the official text). */
    superseded: superseded.map(toVersion),
  };
  await recordAudit(trx, {
    actor,
    action: 'source_version.import',
    entityType: 'source_version',
    entityId: version.id,
    after: { ...result.version, previousVersionId: result.previousVersionId, changes: result.changes, links: result.links, superseded: superseded.map((v) => v.id) },
  });
  return result;
}

/** What the version changed against the one before, provision by provision, stored once for the impact, review and drafts to read. */
async function storeProvisionChanges(trx: Executor, versionId: number, diff: ProvisionDiff) {
  const rows = diff.changes
    .filter((c) => c.kind !== 'unchanged' && c.substantive)
    .map((c) => ({ version_id: versionId, provision_key: c.newKey ?? c.key, label: c.newLabel ?? c.label, change: c.kind }));
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('provision_changes').values(rows.slice(i, i + 500)).execute();
}

export async function getVersionWithProvisions(db: Db, versionId: number) {
  const version = await getVersion(db, versionId);
  const source = await getSource(db, version.source_id);
  const provisions = (await repo.listProvisions(db, versionId)).map(toProvision);
  return { source: toSource(source), version: toVersion(version), provisions };
}

export const ProvisionPageQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  /** Only the links from this solution's requirements. */
  solution: z.string().trim().min(1).max(16).optional(),
  /** A § can have thousands of linked requirements across solutions: they come a page at a time. */
  linkLimit: z.coerce.number().int().min(1).max(1000).default(200),
  linkOffset: z.coerce.number().int().min(0).default(0),
});

/**
 * One provision in one version (newest by default), its subtree, its history, how many requirements in each
 * solution the actor may read trace to it, and a page of those links (optionally of one solution: 403 if the
 * actor may not read it). The law is public; which requirements trace to it is not.
 */
export async function getProvisionPage(db: Db, sourceId: number, key: string, query: Partial<z.infer<typeof ProvisionPageQuery>>, actor: Actor) {
  const { version: versionId, solution, linkLimit = 200, linkOffset = 0 } = query;
  const scope = await readScope(db, actor, solution);
  const source = await getSource(db, sourceId);
  const version = versionId ? await getVersion(db, versionId) : await repo.latestVersion(db, sourceId);
  if (!version || version.source_id !== sourceId) throw new NotFound(`Versionen findes ikke for ${source.title}`);
  const subtree = await repo.findProvisionSubtree(db, version.id, key);
  const own = subtree.find((p) => p.key === key);
  if (!own) throw new NotFound(`${key} findes ikke i ${version.short_name}`);
  const history = await repo.provisionAcrossVersions(db, sourceId, key);
  const standings = versionStandings((await repo.listVersions(db, sourceId)).map(toVersion), todayIso());
  // The counts cover every solution the actor may read, so the filter can offer them all.
  const linkSolutions = await linkCountsBySolution(db, sourceId, key, solution ? await readScope(db, actor) : scope);
  const links = await linksToProvision(db, sourceId, key, scope, { limit: linkLimit, offset: linkOffset });
  return {
    source: toSource(source),
    version: toVersion(version),
    provision: toProvision(own),
    subtree: subtree.filter((p) => p.key !== key).map(toProvision),
    history: history.map((h) => ({
      versionId: h.version_id,
      shortName: h.short_name,
      inForceFrom: h.in_force_from,
      present: h.fingerprint !== null,
      repealed: h.repealed === 1,
      fingerprint: h.fingerprint,
      /** Where the version stands today, as the source page says it. */
      standing: standings.get(h.version_id)!,
      standingLabel: VERSION_STANDINGS[standings.get(h.version_id)!],
    })),
    /** Per solution: its requirements' links to the provision or anything under it, and how many of them are open. */
    linkSolutions,
    /** The links the filter covers (all solutions, or `solution`); `links` is the page of them asked for. */
    linkTotal: solution ? (linkSolutions.find((s) => s.code === solution)?.links ?? 0) : linkSolutions.reduce((n, s) => n + s.links, 0),
    linkOffset,
    links,
  };
}

/** The links to a provision and to anything under it, with their requirement and solution. */
function linksUnder(db: Executor, sourceId: number, key: string, scope: SolutionScope) {
  return db
    .selectFrom('trace_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
    .innerJoin('solutions as s', 's.id', 'r.solution_id')
    .where('l.source_id', '=', sourceId)
    .where(keyOrDescendant('l.provision_key', key))
    .where(inSolutionScope('r.solution_id', scope));
}

async function linkCountsBySolution(db: Executor, sourceId: number, key: string, scope: SolutionScope) {
  const rows = await linksUnder(db, sourceId, key, scope)
    .select((eb) => [
      's.code',
      's.name',
      eb.fn.countAll<number>().as('links'),
      eb.fn.sum<number>(eb.case().when('l.status', '<>', 'current').then(1).else(0).end()).as('open'),
    ])
    .groupBy(['s.code', 's.name'])
    .orderBy('s.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, links: Number(r.links), open: Number(r.open) }));
}

/** A stored provision with the whole text under it (what a link to it covers), or null if the version lacks it. */
export async function provisionWithText(db: Executor, versionId: number, key: string) {
  const rows = await repo.findProvisionSubtree(db, versionId, key);
  const own = rows.find((r) => r.key === key);
  if (!own) return null;
  return { provision: own, text: storedSubtreeTexts(rows).get(key) ?? own.text };
}

/** Links to the provision itself and to anything under it, in the solutions of the scope, by solution and requirement. */
export async function linksToProvision(db: Executor, sourceId: number, key: string, scope: SolutionScope, page: { limit?: number; offset?: number } = {}) {
  let query = linksUnder(db, sourceId, key, scope).select([
    'l.id',
    'l.provision_key',
    'l.status',
    'l.rationale',
    'r.human_id',
    'r.title',
    'r.status as requirement_status',
    's.code as solution_code',
    's.name as solution_name',
  ]);
  if (page.limit !== undefined) query = query.limit(page.limit).offset(page.offset ?? 0);
  const rows = await query.orderBy('s.code').orderBy('r.human_id').orderBy('l.id').execute();
  return rows.map((r) => ({
    id: r.id,
    provisionKey: r.provision_key,
    direct: r.provision_key === key,
    status: r.status,
    rationale: r.rationale,
    requirement: { humanId: r.human_id, title: r.title, status: r.requirement_status },
    solution: { code: r.solution_code, name: r.solution_name },
  }));
}

export const ProvisionSearch = z.object({
  q: z.string().trim().min(1, 'Skriv en § eller et ord').max(200),
  sourceId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** Finds provisions to link to, by citation ("§ 6, stk. 1") or by words in the text, in each source's newest version. */
export async function searchProvisions(db: Db, input: z.infer<typeof ProvisionSearch>) {
  const key = provisionKeyFromLabel(input.q);
  const rows = await repo.searchLatestProvisions(db, {
    keys: key ? [key] : [],
    text: key ? null : input.q,
    sourceId: input.sourceId,
    limit: input.limit,
  });
  return rows.map((r) => ({
    source: { id: r.source_id, title: r.source_title, popularTitle: r.popular_title },
    versionId: r.version_id,
    shortName: r.short_name,
    key: r.key,
    label: r.label,
    text: r.text,
    chapter: r.chapter,
    repealed: r.repealed === 1,
  }));
}

/** Parses an uploaded or pasted document and registers it; a document that cannot be read is a 400 naming the file. */
export async function importSourceDocument(db: Db, content: string | Buffer, filename: string | undefined, options: ImportOptions, actor: Actor) {
  authorize(actor, 'source.import', null);
  let parsed: ParsedVersion;
  try {
    parsed = parseSourceText(content, filename);
  } catch (err) {
    if (err instanceof SourceParseError) throw new Invalid(`Dokumentet kan ikke læses: ${err.message}`, [{ field: 'file', message: err.message }]);
    throw err;
  }
  return importVersion(db, parsed, options, actor);
}
