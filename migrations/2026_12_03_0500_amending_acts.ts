// Amending acts: a version can be the projection of an act in force with an amending act applied (kind
// 'projiceret'), superseded when the consolidation that incorporates the act arrives; and each version's changes,
// provision by provision, are stored once with the instruction and date in force that an amending act gave them.
// Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('source_versions').addColumn('kind', 'text', (c) => c.notNull().defaultTo('konsolideret')).execute();
  await db.schema.alterTable('source_versions').addColumn('base_version_id', 'integer').execute();
  await db.schema.alterTable('source_versions').addColumn('amending_act', 'text').execute();
  await db.schema.alterTable('source_versions').addColumn('superseded_by_version_id', 'integer').execute();
  await db.schema
    .createTable('provision_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) => c.notNull().references('source_versions.id'))
    .addColumn('provision_key', 'text')
    .addColumn('label', 'text')
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('act', 'text')
    .addColumn('number', 'integer')
    .addColumn('instruction', 'text')
    .addColumn('reason', 'text')
    .addColumn('in_force_from', 'text')
    .execute();
  await db.schema.createIndex('provision_changes_version').on('provision_changes').columns(['version_id', 'provision_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provision_changes').execute();
  for (const c of ['superseded_by_version_id', 'amending_act', 'base_version_id', 'kind']) await db.schema.alterTable('source_versions').dropColumn(c).execute();
}
