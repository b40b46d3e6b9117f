// An amending act's instruction Sporbar could not apply can be applied by hand, and a projected provision corrected
// by hand: the change is stored with the words before and after, 'manuel', the note and who; the instruction that
// could not be applied points at the change that applied it.
// Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('provision_changes').addColumn('method', 'text', (c) => c.notNull().defaultTo('automatisk')).execute();
  await db.schema.alterTable('provision_changes').addColumn('note', 'text').execute();
  await db.schema.alterTable('provision_changes').addColumn('changed_by', 'text').execute();
  await db.schema.alterTable('provision_changes').addColumn('changed_at', 'text').execute();
  await db.schema.alterTable('provision_changes').addColumn('old_text', 'text').execute();
  await db.schema.alterTable('provision_changes').addColumn('new_text', 'text').execute();
  await db.schema.alterTable('provision_changes').addColumn('applied_change_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['applied_change_id', 'new_text', 'old_text', 'changed_at', 'changed_by', 'note', 'method']) await db.schema.alterTable('provision_changes').dropColumn(c).execute();
}
