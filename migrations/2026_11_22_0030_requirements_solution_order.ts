// Requirement lists page through a solution in id order: with (solution_id, id) the page is read straight off the
// index and LIMIT stops early, instead of sorting every requirement of the solution (and computing each row's link
// counts) before the first 50 are returned. Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('requirements_solution_order_idx').on('requirements').columns(['solution_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('requirements_solution_order_idx').execute();
}
