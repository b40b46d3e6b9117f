// Solutions (løsninger): rows in and out.
import type { Executor } from '../db/database.js';
import type { NewSolutionRow, SolutionUpdate } from './solutions.table.js';

export function findSolutionByCode(db: Executor, code: string) {
  return db.selectFrom('solutions').selectAll().where('code', '=', code).executeTakeFirst();
}

/**
 * One row per role grant that holds in the solution, of active users only: grants in the solution itself, grants
 * for every solution (solution_id null) and admin grants, which hold everywhere (permissions.ts, rolesIn).
 */
export function memberGrants(db: Executor, solutionId: number) {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.username', 'u.display_name', 'r.role'])
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('r.solution_id', '=', solutionId), eb('r.solution_id', 'is', null), eb('r.role', '=', 'admin')]))
    .orderBy('u.id')
    .orderBy('r.id')
    .execute();
}

export function listSolutionsWithCounts(db: Executor) {
  return db
    .selectFrom('solutions as s')
    .selectAll('s')
    .select((eb) => [
      eb.selectFrom('requirements as r').whereRef('r.solution_id', '=', 's.id').select(eb.fn.countAll<number>().as('n')).as('requirement_count'),
      eb
        .selectFrom('trace_links as l')
        .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
        .whereRef('r.solution_id', '=', 's.id')
        .where('l.status', '!=', 'current')
        .select(eb.fn.countAll<number>().as('n'))
        .as('open_link_count'),
      eb
        .selectFrom('requirements as r')
        .whereRef('r.solution_id', '=', 's.id')
        .where('r.non_legal', '=', 0)
        .where((w) => w.not(w.exists(w.selectFrom('trace_links as l').whereRef('l.requirement_id', '=', 'r.id').select('l.id'))))
        .select(eb.fn.countAll<number>().as('n'))
        .as('untraced_count'),
    ])
    .orderBy('s.code')
    .execute();
}

export async function insertSolution(db: Executor, row: NewSolutionRow) {
  return db.insertInto('solutions').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes an edit of the given version and moves the version on, in one statement; undefined if the version is no longer current. */
export async function updateSolution(db: Executor, id: number, version: number, patch: SolutionUpdate) {
  return db
    .updateTable('solutions')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Hands out the next requirement number of a solution, atomically within the caller's transaction. */
export async function takeRequirementSeq(db: Executor, solutionId: number): Promise<number> {
  const row = await db
    .updateTable('solutions')
    .set((eb) => ({ next_requirement_seq: eb('next_requirement_seq', '+', 1) }))
    .where('id', '=', solutionId)
    .returning('next_requirement_seq')
    .executeTakeFirstOrThrow();
  return row.next_requirement_seq - 1;
}
