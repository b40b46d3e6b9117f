// A version registered by mistake can be withdrawn: it stays in history, marked, and the trace links return to the
// state they had before it. So every link a new version moves or flags keeps its state from before, per version.
// Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('source_versions').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('source_versions').addColumn('withdrawn_by', 'text').execute();
  await db.schema.alterTable('source_versions').addColumn('withdrawn_reason', 'text').execute();
  await db.schema
    .createTable('version_link_states')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('source_versions.id'))
    .addColumn('link_id', 'integer', (c) => c.notNull())
    .addColumn('provision_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_note', 'text')
    .addColumn('flagged_version_id', 'integer')
    .addPrimaryKeyConstraint('version_link_states_pk', ['version_id', 'link_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('version_link_states').execute();
  for (const c of ['withdrawn_reason', 'withdrawn_by', 'withdrawn_at']) await db.schema.alterTable('source_versions').dropColumn(c).execute();
}
