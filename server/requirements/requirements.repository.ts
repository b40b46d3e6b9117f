// Requirements (forretningskrav) and their append-only version history: rows in and out.
import type { Executor } from '../db/database.js';
import { UntilChanged } from '../db/change-token.js';
import { containsText, inSolutionScope, type SolutionScope } from '../db/sql.js';
import { requirementTextMatch } from '../db/sqlite-search.js';

export interface RequirementFilter extends SolutionScope {
  status?: string;
  kind?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** The requirements a filter matches (the solution by id: no join needed to pick them). */
function filtered(db: Executor, f: RequirementFilter) {
  let q = db.selectFrom('requirements as r');
  if (f.solutionId !== undefined || f.solutionIds) q = q.where(inSolutionScope('r.solution_id', f));
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.q) {
    const text = f.q;
    const indexed = requirementTextMatch('r.id', text);
    q = q.where((eb) => indexed ?? eb.or([containsText('r.human_id', text), containsText('r.title', text), containsText('r.text', text)]));
  }
  return q;
}

// A page deep into 100,000 requirements costs an OFFSET walk, and counting a filter's matches costs a pass over
// all of them. So each filter's matches are read once, in list order, as ids, and kept until anything is
// written: a page is then a slice of that list, and the total its length. Bounded at 4 million ids (16 MB).
const orders = new UntilChanged<Int32Array>({ entries: 500, weight: 4_000_000, weigh: (ids) => ids.length });

export async function listRequirements(db: Executor, f: RequirementFilter) {
  const { limit, offset, ...filter } = f;
  const order = await orders.get(db, JSON.stringify(filter), async () => {
    const ids = await filtered(db, f).select('r.id').orderBy('r.solution_id').orderBy('r.id').execute();
    return Int32Array.from(ids, (r) => r.id);
  });
  const page = Array.from(order.subarray(offset, offset + limit));
  if (!page.length) return { rows: [], total: order.length };
  const found = await db
    .selectFrom('requirements as r')
    .innerJoin('solutions as s', 's.id', 'r.solution_id')
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
    .where('r.id', 'in', page)
    .execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  return { rows: page.flatMap((id) => byId.get(id) ?? []), total: order.length };
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
