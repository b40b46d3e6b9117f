// Change requests, solutions and sessions get the version an edit names, as requirements have: an edit of an
// older version is refused (409) instead of silently overwriting a colleague's. Every existing row starts at 1.
// Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

const TABLES = ['change_requests', 'solutions', 'sessions'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}
