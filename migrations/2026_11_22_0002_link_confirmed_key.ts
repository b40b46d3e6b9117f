// A link remembers under which key it was confirmed: after a renumbering its provision key moves on,
// but the reviewer still needs the old text, which sits under the old key in the confirmed version.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trace_links').addColumn('confirmed_key', 'varchar(64)').execute();
  await db.updateTable('trace_links').set((eb) => ({ confirmed_key: eb.ref('provision_key') })).execute();
  await db.schema.createIndex('trace_links_flagged_idx').on('trace_links').columns(['flagged_version_id']).execute();
  await db.schema.createIndex('change_requests_version_idx').on('change_requests').columns(['source_version_id', 'solution_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('change_requests_version_idx').execute();
  await db.schema.dropIndex('trace_links_flagged_idx').execute();
  await db.schema.alterTable('trace_links').dropColumn('confirmed_key').execute();
}
