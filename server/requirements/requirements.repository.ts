// Requirements (forretningskrav) and their append-only version history: rows in and out.
import type { Executor } from '../db/database.js';
import { UntilChanged } from '../db/change-token.js';
import { containsText } from '../db/sql.js';
import { requirementTextMatch } from '../db/sqlite-search.js';

export interface RequirementFilter {
  solutionId?: number;
  status?: string;
  kind?: string;
  q?: string;
  limit: number;
  offset: number;
}

function filtered(db: Executor, f: RequirementFilter) {
  let q = db.selectFrom('requirements as r').innerJoin('solutions as s', 's.id', 'r.solution_id');
  if (f.solutionId) q = q.where('r.solution_id', '=', f.solutionId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.q) {
    const text = f.q;
    const indexed = requirementTextMatch('r.id', text);
    q = q.where((eb) => indexed ?? eb.or([containsText('r.human_id', text), containsText('r.title', text), containsText('r.text', text)]));
  }
  return q;
}

// Counting every match is most of a list request's cost with 100,000 requirements; paging through the same
// filter reuses the count until anything is written.
const totals = new UntilChanged<number>();

export async function listRequirements(db: Executor, f: RequirementFilter) {
  const rows = await filtered(db, f)
    .selectAll('r')
    .select(['s.code as solution_code'])
    .select((eb) => [
      eb.selectFrom('trace_links as l').whereRef('l.requirement_id', '=', 'r.id').select(eb.fn.countAll<number>().as('n')).as('link_count'),
      eb
        .selectFrom('trace_links as l')
        .whereRef('l.requirement_id', '=', 'r.id')
        .where('l.status', '!=', 'current')
        .select(eb.fn.countAll<number>().as('n'))
        .as('open_link_count'),
    ])
    .orderBy('r.solution_id')
    .orderBy('r.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const { limit: _limit, offset: _offset, ...filter } = f;
  const total = await totals.get(db, JSON.stringify(filter), async () =>
    Number((await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  );
  return { rows, total };
}

export function findRequirement(db: Executor, humanId: string) {
  return db
    .selectFrom('requirements as r')
    .innerJoin('solutions as s', 's.id', 'r.solution_id')
    .selectAll('r')
    .select(['s.code as solution_code', 's.name as solution_name'])
    .where('r.human_id', '=', humanId)
    .executeTakeFirst();
}

export function listVersions(db: Executor, requirementId: number) {
  return db.selectFrom('requirement_versions').selectAll().where('requirement_id', '=', requirementId).orderBy('version', 'desc').execute();
}

export function findVersion(db: Executor, requirementId: number, version: number) {
  return db.selectFrom('requirement_versions').selectAll().where('requirement_id', '=', requirementId).where('version', '=', version).executeTakeFirst();
}
