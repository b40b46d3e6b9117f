// The change-request lifecycle: transitions with reasons, comments, attachments as links, the
// requirement versions a lovvedligehold produced, and orienteringer for the steering group.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_request_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('change_request_id', 'integer', (c) => c.notNull().references('change_requests.id'))
    // transition | comment | class | recommendation | edit
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)')
    .addColumn('from_status', 'varchar(32)')
    .addColumn('to_status', 'varchar(32)')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor', 'varchar(100)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_request_events_cr_idx').on('change_request_events').columns(['change_request_id', 'id']).execute();

  await db.schema
    .createTable('change_request_attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('change_request_id', 'integer', (c) => c.notNull().references('change_requests.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('added_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('added_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_request_requirement_versions')
    .addColumn('change_request_id', 'integer', (c) => c.notNull().references('change_requests.id'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirements.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_request_requirement_versions_pk', ['change_request_id', 'requirement_id', 'version'])
    .execute();

  await db.schema
    .createTable('orienteringer')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('solutions.id'))
    .addColumn('change_request_id', 'integer', (c) => c.notNull().references('change_requests.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orienteringer_solution_idx').on('orienteringer').columns(['solution_id', 'created_at']).execute();

  await db.schema.alterTable('solutions').addColumn('last_steering_meeting', 'varchar(10)').execute();
  // How long before a legal deadline a decision must be made, so the change can be built in time.
  await db.schema.alterTable('solutions').addColumn('decision_lead_days', 'integer', (c) => c.notNull().defaultTo(60)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('solutions').dropColumn('decision_lead_days').execute();
  await db.schema.alterTable('solutions').dropColumn('last_steering_meeting').execute();
  for (const t of ['orienteringer', 'change_request_requirement_versions', 'change_request_attachments', 'change_request_events']) {
    await db.schema.dropTable(t).execute();
  }
}
