// The search index's queries (migration 2026_12_03_0900): per kind, the best matches inside a scope and how many
// there are, answered by the FTS5 index alone; the rows themselves are read only for the hits shown. SQLite-only like
// sqlite-search.ts: a PostgreSQL port would use tsvector with a Danish configuration.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import { inSolutionScope } from '../db/sql.js';
import { versionInForce } from '../sources/sources.repository.js';

/** Hits are counted up to this many; beyond it the count says "more than". */
export const COUNT_CAP = 1000;
/** Up to this many hits are ranked by relevance (bm25); more come newest first. */
const RANK_CAP = 300;

export interface Matched<T> {
  total: number;
  /** More hits than `total` (the count stopped at COUNT_CAP). */
  more: boolean;
  rows: T[];
}

export const noMatches = <T>(): Matched<T> => ({ total: 0, more: false, rows: [] });

type SearchTable = 'search_requirements' | 'search_change_requests' | 'search_provisions' | 'search_sessions' | 'search_baselines';

/**
 * The ids of the rows whose words match `words` (an FTS5 expression on stems) and whose scope token is one of
 * `scope` (`s12`, `v4`; null: any), best first by bm25 (on the words only) while there are at most RANK_CAP of them,
 * else newest first: ranking costs time for every hit (a second for a hundred thousand), and on so common a word the
 * order means little.
 */
async function matchIds(db: Executor, table: SearchTable, words: string, scope: string[] | null, limit: number) {
  if (scope && !scope.length) return { total: 0, more: false, ids: [] as number[] };
  const expr = scope ? `words : (${words}) AND scope : (${scope.map((s) => `"${s}"`).join(' OR ')})` : `words : (${words})`;
  const t = sql.raw(table);
  const { rows: counted } = await sql<{ n: number }>`select count(*) as n from (select 1 from ${t} where ${t} match ${expr} limit ${COUNT_CAP + 1})`.execute(db);
  const n = Number(counted[0].n);
  if (!n) return { total: 0, more: false, ids: [] as number[] };
  const order = n > RANK_CAP ? sql`rowid desc` : sql`bm25(${t}, 1.0, 0.0), rowid desc`;
  const { rows } = await sql<{ id: number }>`select rowid as id from ${t} where ${t} match ${expr} order by ${order} limit ${limit}`.execute(db);
  return { total: Math.min(n, COUNT_CAP), more: n > COUNT_CAP, ids: rows.map((r) => r.id) };
}

/** Rows read by id, put back in the order of the ids. */
function inOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const solutionTokens = (solutionIds: number[] | null) => solutionIds && solutionIds.map((id) => `s${id}`);

export interface RequirementHit {
  id: number;
  human_id: string;
  title: string;
  text: string;
  status: string;
  solution_code: string;
}

function requirementRows(db: Executor, where: RawBuilder<boolean>, limit: number) {
  return sql<RequirementHit>`select r.id, r.human_id, r.title, r.text, r.status, s.code as solution_code
    from requirements r join solutions s on s.id = r.solution_id where ${where} order by r.human_id limit ${limit}`.execute(db);
}

export async function searchRequirements(db: Executor, words: string, solutionIds: number[] | null, limit: number): Promise<Matched<RequirementHit>> {
  const { ids, ...count } = await matchIds(db, 'search_requirements', words, solutionTokens(solutionIds), limit);
  if (!ids.length) return { ...count, rows: [] };
  return { ...count, rows: inOrder(ids, (await requirementRows(db, sql<boolean>`r.id in (${sql.join(ids)})`, limit)).rows) };
}

/** `column` is, or begins with, the typed id: a range the unique index on human ids answers. */
const idRange = (column: string, humanId: string) => sql<boolean>`${sql.ref(column)} >= ${humanId} and ${sql.ref(column)} < ${`${humanId}\uffff`}`;
/** null: every solution (an admin); otherwise only these. */
const inSolutions = (column: string, solutionIds: number[] | null) => inSolutionScope(column, { solutionIds: solutionIds ?? undefined });

/** Requirements whose human id is, or begins with, the typed id ("KY-0042", "KY-004"). */
export async function requirementsById(db: Executor, humanId: string, solutionIds: number[] | null, limit: number): Promise<Matched<RequirementHit>> {
  const where = sql<boolean>`${idRange('r.human_id', humanId)} and ${inSolutions('r.solution_id', solutionIds)}`;
  const { rows } = await requirementRows(db, where, limit);
  const { rows: n } = await sql<{ n: number }>`select count(*) as n from requirements r where ${where}`.execute(db);
  return { total: Number(n[0].n), more: false, rows };
}

export interface ChangeRequestHit {
  id: number;
  human_id: string;
  title: string;
  description: string;
  class: string;
  status: string;
  solution_code: string;
}

function changeRequestRows(db: Executor, where: RawBuilder<boolean>, limit: number) {
  return sql<ChangeRequestHit>`select c.id, c.human_id, c.title, c.description, c.class, c.status, s.code as solution_code
    from change_requests c join solutions s on s.id = c.solution_id where ${where} order by c.human_id limit ${limit}`.execute(db);
}

export async function searchChangeRequests(db: Executor, words: string, solutionIds: number[] | null, limit: number): Promise<Matched<ChangeRequestHit>> {
  const { ids, ...count } = await matchIds(db, 'search_change_requests', words, solutionTokens(solutionIds), limit);
  if (!ids.length) return { ...count, rows: [] };
  return { ...count, rows: inOrder(ids, (await changeRequestRows(db, sql<boolean>`c.id in (${sql.join(ids)})`, limit)).rows) };
}

export async function changeRequestsById(db: Executor, humanId: string, solutionIds: number[] | null, limit: number): Promise<Matched<ChangeRequestHit>> {
  const where = sql<boolean>`${idRange('c.human_id', humanId)} and ${inSolutions('c.solution_id', solutionIds)}`;
  const { rows } = await changeRequestRows(db, where, limit);
  const { rows: n } = await sql<{ n: number }>`select count(*) as n from change_requests c where ${where}`.execute(db);
  return { total: Number(n[0].n), more: false, rows };
}

export interface ProvisionHit {
  id: number;
  source_id: number;
  source_title: string;
  popular_title: string | null;
  version_id: number;
  short_name: string;
  key: string;
  label: string;
  text: string;
  repealed: number;
  in_force: number;
}

/** The version of each act in force: its newest by date, neither withdrawn nor superseded by a consolidation. */
export async function versionsInForce(db: Executor): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select v.id from source_versions v where ${versionInForce('v')} and not exists (
      select 1 from source_versions n where n.source_id = v.source_id and ${versionInForce('n')}
        and (n.in_force_from > v.in_force_from or (n.in_force_from = v.in_force_from and n.id > v.id)))`.execute(db);
  return rows.map((r) => r.id);
}

function provisionRows(db: Executor, inForce: number[], where: RawBuilder<boolean>, limit: number) {
  const current = inForce.length ? sql<number>`(v.id in (${sql.join(inForce)}))` : sql<number>`0`;
  return sql<ProvisionHit>`select p.id, s.id as source_id, s.title as source_title, s.popular_title, v.id as version_id, v.short_name,
      p.key, p.label, p.text, p.repealed, ${current} as in_force
    from provisions p join source_versions v on v.id = p.version_id join legal_sources s on s.id = v.source_id
    where ${where} order by in_force desc, s.title, v.in_force_from desc, v.id desc limit ${limit}`.execute(db);
}

/** Provisions in the versions in force whose text has the words (the law is public: no solution scope). */
export async function searchProvisions(db: Executor, words: string, inForce: number[], limit: number): Promise<Matched<ProvisionHit>> {
  const { ids, ...count } = await matchIds(db, 'search_provisions', words, inForce.map((id) => `v${id}`), limit);
  if (!ids.length) return { ...count, rows: [] };
  return { ...count, rows: inOrder(ids, (await provisionRows(db, inForce, sql<boolean>`p.id in (${sql.join(ids)})`, limit)).rows) };
}

/** The provision a citation names, in every act and version that has it: the versions in force first, then the newest. */
export async function provisionsByKey(db: Executor, key: string, inForce: number[], limit: number): Promise<Matched<ProvisionHit>> {
  const where = sql<boolean>`p.key = ${key} and v.withdrawn_at is null`;
  const { rows } = await provisionRows(db, inForce, where, limit);
  const { rows: n } = await sql<{ n: number }>`select count(*) as n from provisions p join source_versions v on v.id = p.version_id where ${where}`.execute(db);
  return { total: Number(n[0].n), more: false, rows };
}

export interface SessionHit {
  id: number;
  title: string;
  meeting_date: string;
  status: string;
  solution_code: string;
}

export async function searchSessions(db: Executor, words: string, solutionIds: number[] | null, limit: number): Promise<Matched<SessionHit>> {
  const { ids, ...count } = await matchIds(db, 'search_sessions', words, solutionTokens(solutionIds), limit);
  if (!ids.length) return { ...count, rows: [] };
  const { rows } = await sql<SessionHit>`select m.id, m.title, m.meeting_date, m.status, s.code as solution_code
    from sessions m join solutions s on s.id = m.solution_id where m.id in (${sql.join(ids)})`.execute(db);
  return { ...count, rows: inOrder(ids, rows) };
}

export interface BaselineHit {
  id: number;
  name: string;
  description: string;
  created_at: string;
  solution_code: string;
}

export async function searchBaselines(db: Executor, words: string, solutionIds: number[] | null, limit: number): Promise<Matched<BaselineHit>> {
  const { ids, ...count } = await matchIds(db, 'search_baselines', words, solutionTokens(solutionIds), limit);
  if (!ids.length) return { ...count, rows: [] };
  const { rows } = await sql<BaselineHit>`select b.id, b.name, b.description, b.created_at, s.code as solution_code
    from baselines b join solutions s on s.id = b.solution_id where b.id in (${sql.join(ids)})`.execute(db);
  return { ...count, rows: inOrder(ids, rows) };
}
