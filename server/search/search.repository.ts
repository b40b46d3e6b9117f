// The search index's queries (migration 2026_12_03_0900): per kind, the best matches inside the reader's solutions and
// how many there are. SQLite-only like sqlite-search.ts: a PostgreSQL port would use tsvector with a Danish config.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import { inSolutionScope, type SolutionScope } from '../db/sql.js';
import { versionInForce } from '../sources/sources.repository.js';

export interface Matched<T> {
  total: number;
  rows: T[];
}

/** One of the search tables as `f`, joined to the rows it indexes as `alias`. */
function matching(fts: string, table: string, alias: string): RawBuilder<unknown> {
  return sql`${sql.raw(fts)} f join ${sql.raw(table)} ${sql.raw(alias)} on ${sql.raw(alias)}.id = f.rowid`;
}

/** The rows of `from` whose words match, inside `where`. */
function matches(query: string, where: RawBuilder<boolean>): RawBuilder<boolean> {
  return sql<boolean>`f.words match ${query} and ${where}`;
}

async function countOf(db: Executor, from: RawBuilder<unknown>, where: RawBuilder<boolean>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface RequirementHit {
  id: number;
  human_id: string;
  title: string;
  text: string;
  status: string;
  solution_code: string;
}

const requirementColumns = sql`r.id, r.human_id, r.title, r.text, r.status, s.code as solution_code`;

export async function searchRequirements(db: Executor, query: string, scope: SolutionScope, limit: number): Promise<Matched<RequirementHit>> {
  const from = matching('search_requirements', 'requirements', 'r');
  const where = matches(query, inSolutionScope('r.solution_id', scope));
  const { rows } = await sql<RequirementHit>`select ${requirementColumns} from ${from}
    join solutions s on s.id = r.solution_id where ${where} order by f.rank, r.id limit ${limit}`.execute(db);
  return { total: await countOf(db, from, where), rows };
}

/** Requirements whose human id is, or begins with, the typed id ("KY-0042", "ky-004"). */
export async function requirementsById(db: Executor, humanId: string, scope: SolutionScope, limit: number): Promise<Matched<RequirementHit>> {
  const where = sql<boolean>`r.human_id >= ${humanId} and r.human_id < ${`${humanId}\uffff`} and ${inSolutionScope('r.solution_id', scope)}`;
  const { rows } = await sql<RequirementHit>`select ${requirementColumns} from requirements r join solutions s on s.id = r.solution_id
    where ${where} order by r.human_id limit ${limit}`.execute(db);
  const { rows: n } = await sql<{ n: number }>`select count(*) as n from requirements r where ${where}`.execute(db);
  return { total: Number(n[0].n), rows };
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

const changeRequestColumns = sql`c.id, c.human_id, c.title, c.description, c.class, c.status, s.code as solution_code`;

export async function searchChangeRequests(db: Executor, query: string, scope: SolutionScope, limit: number): Promise<Matched<ChangeRequestHit>> {
  const from = matching('search_change_requests', 'change_requests', 'c');
  const where = matches(query, inSolutionScope('c.solution_id', scope));
  const { rows } = await sql<ChangeRequestHit>`select ${changeRequestColumns} from ${from}
    join solutions s on s.id = c.solution_id where ${where} order by f.rank, c.id desc limit ${limit}`.execute(db);
  return { total: await countOf(db, from, where), rows };
}

export async function changeRequestsById(db: Executor, humanId: string, scope: SolutionScope, limit: number): Promise<Matched<ChangeRequestHit>> {
  const where = sql<boolean>`c.human_id >= ${humanId} and c.human_id < ${`${humanId}\uffff`} and ${inSolutionScope('c.solution_id', scope)}`;
  const { rows } = await sql<ChangeRequestHit>`select ${changeRequestColumns} from change_requests c join solutions s on s.id = c.solution_id
    where ${where} order by c.human_id limit ${limit}`.execute(db);
  const { rows: n } = await sql<{ n: number }>`select count(*) as n from change_requests c where ${where}`.execute(db);
  return { total: Number(n[0].n), rows };
}

export interface ProvisionHit {
  source_id: number;
  source_title: string;
  popular_title: string | null;
  version_id: number;
  short_name: string;
  in_force_from: string;
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

const provisionColumns = sql`s.id as source_id, s.title as source_title, s.popular_title, v.id as version_id, v.short_name, v.in_force_from,
  p.key, p.label, p.text, p.repealed`;

/** Provisions in the versions in force whose text has the words (the law is public: no solution scope). */
export async function searchProvisions(db: Executor, query: string, inForce: number[], limit: number): Promise<Matched<ProvisionHit>> {
  if (!inForce.length) return { total: 0, rows: [] };
  const from = matching('search_provisions', 'provisions', 'p');
  const where = matches(query, sql<boolean>`p.version_id in (${sql.join(inForce)})`);
  const { rows } = await sql<ProvisionHit>`select ${provisionColumns}, 1 as in_force from ${from}
    join source_versions v on v.id = p.version_id join legal_sources s on s.id = v.source_id
    where ${where} order by f.rank, p.id limit ${limit}`.execute(db);
  return { total: await countOf(db, from, where), rows };
}

/** The provision a citation names, in every act and version that has it: the versions in force first, then the newest. */
export async function provisionsByKey(db: Executor, key: string, inForce: number[], limit: number): Promise<Matched<ProvisionHit>> {
  const current = inForce.length ? sql<number>`(v.id in (${sql.join(inForce)}))` : sql<number>`0`;
  const { rows } = await sql<ProvisionHit>`select ${provisionColumns}, ${current} as in_force
    from provisions p join source_versions v on v.id = p.version_id join legal_sources s on s.id = v.source_id
    where p.key = ${key} and v.withdrawn_at is null
    order by in_force desc, s.title, v.in_force_from desc, v.id desc limit ${limit}`.execute(db);
  const { rows: n } = await sql<{ n: number }>`select count(*) as n from provisions p join source_versions v on v.id = p.version_id
    where p.key = ${key} and v.withdrawn_at is null`.execute(db);
  return { total: Number(n[0].n), rows };
}

export interface SessionHit {
  id: number;
  title: string;
  meeting_date: string;
  status: string;
  solution_code: string;
}

export async function searchSessions(db: Executor, query: string, scope: SolutionScope, limit: number): Promise<Matched<SessionHit>> {
  const from = matching('search_sessions', 'sessions', 'm');
  const where = matches(query, inSolutionScope('m.solution_id', scope));
  const { rows } = await sql<SessionHit>`select m.id, m.title, m.meeting_date, m.status, s.code as solution_code from ${from}
    join solutions s on s.id = m.solution_id where ${where} order by f.rank, m.meeting_date desc limit ${limit}`.execute(db);
  return { total: await countOf(db, from, where), rows };
}

export interface BaselineHit {
  id: number;
  name: string;
  description: string;
  created_at: string;
  solution_code: string;
}

export async function searchBaselines(db: Executor, query: string, scope: SolutionScope, limit: number): Promise<Matched<BaselineHit>> {
  const from = matching('search_baselines', 'baselines', 'b');
  const where = matches(query, inSolutionScope('b.solution_id', scope));
  const { rows } = await sql<BaselineHit>`select b.id, b.name, b.description, b.created_at, s.code as solution_code from ${from}
    join solutions s on s.id = b.solution_id where ${where} order by f.rank, b.created_at desc limit ${limit}`.execute(db);
  return { total: await countOf(db, from, where), rows };
}
