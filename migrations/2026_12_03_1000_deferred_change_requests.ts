// A change request the faggruppe put off at a meeting ("Udskydes") is marked as deferred, keeping its lifecycle
// status, until the projektleder takes it up again or a later meeting decides otherwise.
// Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('change_requests').addColumn('deferred_at', 'text').execute();
  await db.schema.alterTable('change_requests').addColumn('deferred_note', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('change_requests').dropColumn('deferred_note').execute();
  await db.schema.alterTable('change_requests').dropColumn('deferred_at').execute();
}
