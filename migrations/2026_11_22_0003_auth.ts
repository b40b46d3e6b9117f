// Multi-user: roles per solution, and login sessions.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_roles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // null: the role holds in every solution
    .addColumn('solution_id', 'integer', (c) => c.references('solutions.id').onDelete('cascade'))
    .addColumn('role', 'varchar(24)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_roles_user_idx').on('user_roles').column('user_id').execute();

  await db.schema.alterTable('users').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  await db.schema
    .createTable('auth_sessions')
    // The SHA-256 of the cookie's token: a leaked database does not hand out live sessions.
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_sessions_user_idx').on('auth_sessions').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_sessions').execute();
  await db.schema.alterTable('users').dropColumn('active').execute();
  await db.schema.dropTable('user_roles').execute();
}
