// Bills (lovforslag) for proactive lovovervågning: the bill's text is kept and its what-if computed on demand, never
// as a source version (every "latest version" query would see it); comments are per affected requirement.
// Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bills')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('session', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('adopted_act', 'text')
    .addColumn('adopted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bills_number_session').on('bills').columns(['session', 'number']).unique().execute();
  await db.schema
    .createTable('bill_comments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bill_id', 'integer', (c) => c.notNull().references('bills.id'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirements.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bill_comments_bill').on('bill_comments').columns(['bill_id', 'requirement_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bill_comments').execute();
  await db.schema.dropTable('bills').execute();
}
