// Legal sources, their versions and provisions: rows in and out.
import type { Executor } from '../db/database.js';
import { sql, type RawBuilder } from 'kysely';
import { containsText, keyOrDescendant } from '../db/sql.js';
import type { NewProvisionRow } from './sources.table.js';

/**
 * A version that counts in the act's timeline: neither withdrawn (registered by mistake) nor a projection superseded by
 * the consolidation that incorporated its amending act. `alias` is the source_versions alias of the query, if any.
 */
export function versionInForce(alias?: string): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(alias ? `${alias}.${c}` : c);
  return sql<boolean>`(${col('withdrawn_at')} is null and ${col('superseded_by_version_id')} is null)`;
}

/** The act whose version (by short name, `LBK nr 920 af 22/08/2011`) is registered and not withdrawn. */
export async function findSourceByVersionShortName(db: Executor, shortName: string) {
  const cited = await db.selectFrom('source_versions').select('source_id').where('short_name', '=', shortName).where('withdrawn_at', 'is', null).executeTakeFirst();
  return cited ? findSource(db, cited.source_id) : undefined;
}

export function findSource(db: Executor, id: number) {
  return db.selectFrom('legal_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSourceByTitle(db: Executor, title: string) {
  return db.selectFrom('legal_sources').selectAll().where('title', '=', title).executeTakeFirst();
}

export function listSources(db: Executor) {
  return db
    .selectFrom('legal_sources as s')
    .selectAll('s')
    .select((eb) => [
      eb.selectFrom('source_versions as v').whereRef('v.source_id', '=', 's.id').select(eb.fn.countAll<number>().as('n')).as('version_count'),
      eb.selectFrom('trace_links as l').whereRef('l.source_id', '=', 's.id').select(eb.fn.countAll<number>().as('n')).as('link_count'),
    ])
    .orderBy('s.title')
    .execute();
}

export function listVersions(db: Executor, sourceId: number) {
  return db.selectFrom('source_versions').selectAll().where('source_id', '=', sourceId).orderBy('in_force_from').orderBy('id').execute();
}

export function findVersion(db: Executor, id: number) {
  return db.selectFrom('source_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVersionByAccession(db: Executor, sourceId: number, accession: string) {
  return db.selectFrom('source_versions').selectAll().where('source_id', '=', sourceId).where('accession_number', '=', accession).executeTakeFirst();
}

/** The newest version of a source by date in force (the one a new link is confirmed against); withdrawn ones do not count. */
export function latestVersion(db: Executor, sourceId: number) {
  return db
    .selectFrom('source_versions')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where(versionInForce())
    .orderBy('in_force_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertProvisions(db: Executor, rows: NewProvisionRow[]): Promise<void> {
  // Chunked to stay under SQLite's bound-parameter limit (and PostgreSQL's 65535).
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('provisions').values(rows.slice(i, i + 500)).execute();
  }
}

export function listProvisions(db: Executor, versionId: number) {
  return db
    .selectFrom('provisions')
    .select(['key', 'label', 'kind', 'text', 'parent_key', 'position', 'chapter', 'repealed', 'fingerprint'])
    .where('version_id', '=', versionId)
    .orderBy('position')
    .execute();
}

export function findProvision(db: Executor, versionId: number, key: string) {
  return db.selectFrom('provisions').selectAll().where('version_id', '=', versionId).where('key', '=', key).executeTakeFirst();
}

/** The provision and everything below it: keys are dot-separated, so descendants share the prefix. */
export function findProvisionSubtree(db: Executor, versionId: number, key: string) {
  return db
    .selectFrom('provisions')
    .selectAll()
    .where('version_id', '=', versionId)
    .where(keyOrDescendant('key', key))
    .orderBy('position')
    .execute();
}

/** Which versions of a source contain a provision key, and with which fingerprint. */
export function provisionAcrossVersions(db: Executor, sourceId: number, key: string) {
  return db
    .selectFrom('source_versions as v')
    .leftJoin('provisions as p', (j) => j.onRef('p.version_id', '=', 'v.id').on('p.key', '=', key))
    .select(['v.id as version_id', 'v.short_name', 'v.in_force_from', 'p.fingerprint', 'p.repealed'])
    .where('v.source_id', '=', sourceId)
    .where(versionInForce('v'))
    .orderBy('v.in_force_from')
    .orderBy('v.id')
    .execute();
}

/** Provisions in the newest version of each source whose label key or text matches. */
export function searchLatestProvisions(
  db: Executor,
  filter: { keys: string[]; text: string | null; sourceId?: number; limit: number },
) {
  const latest = db
    .selectFrom('source_versions as v2')
    .select((eb) => ['v2.source_id', eb.fn.max('v2.in_force_from').as('max_from')])
    .where(versionInForce('v2'))
    .groupBy('v2.source_id')
    .as('lv');
  let q = db
    .selectFrom('provisions as p')
    .innerJoin('source_versions as v', 'v.id', 'p.version_id')
    .innerJoin(latest, (j) => j.onRef('lv.source_id', '=', 'v.source_id').onRef('lv.max_from', '=', 'v.in_force_from'))
    .innerJoin('legal_sources as s', 's.id', 'v.source_id')
    .select(['s.id as source_id', 's.title as source_title', 's.popular_title', 'v.id as version_id', 'v.short_name', 'p.key', 'p.label', 'p.text', 'p.chapter', 'p.repealed']);
  if (filter.sourceId) q = q.where('s.id', '=', filter.sourceId);
  q = q.where((eb) => {
    const ors = [];
    if (filter.keys.length) ors.push(eb('p.key', 'in', filter.keys));
    if (filter.text) ors.push(containsText('p.text', filter.text));
    return ors.length ? eb.or(ors) : eb.val(false);
  });
  return q.orderBy('s.title').orderBy('p.position').limit(filter.limit).execute();
}

