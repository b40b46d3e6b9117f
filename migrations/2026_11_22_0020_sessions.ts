// Faggruppe prioritisation sessions: the meeting, its participants, the agenda of change requests, each
// participant's assessment of each item, the chair's manual moves and the recommendations. Frozen: never
// edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('solutions.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('meeting_date', 'varchar(10)', (c) => c.notNull())
    // A lovvedligehold whose deadline falls on or before this date is a Must by rule.
    .addColumn('period_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('budget_amount', 'double precision', (c) => c.notNull())
    // timer | kr: which of a change request's estimates is the job size and counts against the frame.
    .addColumn('budget_unit', 'varchar(8)', (c) => c.notNull())
    // forberedelse | afholdt | afsluttet
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    // Bumped by every change, so participants' devices can tell they are behind.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revealed_at', 'varchar(32)')
    .addColumn('revealed_by', 'varchar(100)')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('closed_by', 'varchar(100)')
    // The decision record as it stood when the session closed: it must read the same after estimates move on.
    .addColumn('record_json', 'text')
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_solution_idx').on('sessions').columns(['solution_id', 'meeting_date']).execute();

  await db.schema
    .createTable('session_participants')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    // formand | faggruppe | kl
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_participants_pk', ['session_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('session_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('change_request_id', 'integer', (c) => c.notNull().references('change_requests.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('below_cut_reason', 'text')
    .addColumn('til_styregruppen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('override_position', 'integer')
    .addColumn('override_reason', 'text')
    .addColumn('override_seq', 'integer')
    // anbefales | udskydes | afvises | til_styregruppen
    .addColumn('recommendation', 'varchar(24)')
    .addColumn('recommendation_reason', 'text')
    .addColumn('dissent', 'text')
    .addUniqueConstraint('session_items_cr_uq', ['session_id', 'change_request_id'])
    .execute();
  await db.schema.createIndex('session_items_session_idx').on('session_items').columns(['session_id', 'position']).execute();

  await db.schema
    .createTable('session_assessments')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('session_items.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('moscow', 'varchar(8)', (c) => c.notNull())
    .addColumn('business_value', 'integer', (c) => c.notNull())
    .addColumn('time_criticality', 'integer', (c) => c.notNull())
    .addColumn('risk_reduction', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_assessments_pk', ['item_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['session_assessments', 'session_items', 'session_participants', 'sessions']) {
    await db.schema.dropTable(t).execute();
  }
}
