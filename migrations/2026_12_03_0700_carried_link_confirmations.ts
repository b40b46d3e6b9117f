// A link to a provision a new version left unchanged moves its confirmation to the new version by itself; to take
// the version back, the state before it keeps the confirmation the link had (null where the version did not move it).
// Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('version_link_states').addColumn('confirmed_version_id', 'integer').execute();
  await db.schema.alterTable('version_link_states').addColumn('confirmed_key', 'text').execute();
  await db.schema.alterTable('version_link_states').addColumn('confirmed_fingerprint', 'text').execute();
  await db.schema.alterTable('version_link_states').addColumn('confirmed_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['confirmed_at', 'confirmed_fingerprint', 'confirmed_key', 'confirmed_version_id']) await db.schema.alterTable('version_link_states').dropColumn(c).execute();
}
