// Registering a new version of a large act turns thousands of links suspect in one transaction. An index on every
// link's status, and one on every link's flagged version, made each of those updates move an entry in two indexes
// of 300,000: some 1,250 more pages written at commit. Only the few open (suspect or broken) links are ever looked
// up by status, and the flagged version only orders those, so one partial index of the open links replaces both.
// Queries state `status <> 'current'` so the index applies. Frozen: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('trace_links_status_idx').execute();
  await db.schema.dropIndex('trace_links_flagged_idx').execute();
  await db.schema.createIndex('trace_links_open_idx').on('trace_links').column('status').where(sql.ref('status'), '<>', 'current').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('trace_links_open_idx').execute();
  await db.schema.createIndex('trace_links_status_idx').on('trace_links').column('status').execute();
  await db.schema.createIndex('trace_links_flagged_idx').on('trace_links').column('flagged_version_id').execute();
}
