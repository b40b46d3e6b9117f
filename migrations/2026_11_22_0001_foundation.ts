// The foundation schema: solutions, legal sources with versions and provisions, requirements with
// their append-only history, trace links, change requests and the audit log. Frozen: never edit,
// add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('solutions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('supplier', 'varchar(200)')
    .addColumn('contract_start', 'varchar(10)')
    .addColumn('contract_end', 'varchar(10)')
    .addColumn('retender_date', 'varchar(10)')
    .addColumn('next_requirement_seq', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('legal_sources')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('popular_title', 'varchar(200)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('source_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('legal_sources.id'))
    .addColumn('short_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_type', 'varchar(16)')
    .addColumn('accession_number', 'varchar(32)')
    .addColumn('eli', 'varchar(200)')
    .addColumn('date_signed', 'varchar(10)')
    .addColumn('in_force_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)')
    .addColumn('provision_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('source_versions_source_idx').on('source_versions').columns(['source_id', 'in_force_from']).execute();
  await db.schema.createIndex('source_versions_accession_idx').on('source_versions').column('accession_number').execute();

  await db.schema
    .createTable('provisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) => c.notNull().references('source_versions.id').onDelete('cascade'))
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('label', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('parent_key', 'varchar(64)')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('chapter', 'text')
    .addColumn('repealed', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('provisions_version_key_uq', ['version_id', 'key'])
    .execute();
  await db.schema.createIndex('provisions_version_position_idx').on('provisions').columns(['version_id', 'position']).execute();

  await db.schema
    .createTable('requirements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('solutions.id'))
    .addColumn('human_id', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('tender_category', 'varchar(24)')
    .addColumn('non_legal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_reviewed_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('requirements_solution_idx').on('requirements').columns(['solution_id', 'human_id']).execute();

  await db.schema
    .createTable('requirement_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirements.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('tender_category', 'varchar(24)')
    .addColumn('author', 'varchar(100)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('requirement_versions_uq', ['requirement_id', 'version'])
    .execute();

  // A link points at a provision by (source, key), not by row: the key is stable across versions,
  // so the link can be followed into every later version; the confirmed version and fingerprint say
  // which text someone last agreed the requirement matches.
  await db.schema
    .createTable('trace_links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirements.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('legal_sources.id'))
    .addColumn('provision_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('current'))
    .addColumn('status_note', 'text')
    .addColumn('confirmed_version_id', 'integer', (c) => c.notNull().references('source_versions.id'))
    .addColumn('confirmed_fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('flagged_version_id', 'integer', (c) => c.references('source_versions.id'))
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('confirmed_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('confirmed_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('trace_links_uq', ['requirement_id', 'source_id', 'provision_key'])
    .execute();
  await db.schema.createIndex('trace_links_provision_idx').on('trace_links').columns(['source_id', 'provision_key']).execute();
  await db.schema.createIndex('trace_links_status_idx').on('trace_links').columns(['status']).execute();

  await db.schema
    .createTable('change_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('solutions.id'))
    .addColumn('human_id', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('class', 'varchar(24)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposer', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('estimate_hours', 'real')
    .addColumn('estimate_dkk', 'real')
    .addColumn('deadline', 'varchar(10)')
    .addColumn('priority', 'integer')
    .addColumn('source_version_id', 'integer', (c) => c.references('source_versions.id'))
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_requests_solution_idx').on('change_requests').columns(['solution_id', 'status']).execute();

  await db.schema
    .createTable('change_request_requirements')
    .addColumn('change_request_id', 'integer', (c) => c.notNull().references('change_requests.id'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirements.id'))
    .addPrimaryKeyConstraint('change_request_requirements_pk', ['change_request_id', 'requirement_id'])
    .execute();

  await db.schema
    .createTable('change_request_provisions')
    .addColumn('change_request_id', 'integer', (c) => c.notNull().references('change_requests.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('legal_sources.id'))
    .addColumn('provision_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('version_id', 'integer', (c) => c.references('source_versions.id'))
    .addPrimaryKeyConstraint('change_request_provisions_pk', ['change_request_id', 'source_id', 'provision_key'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // Append-only: every mutation, with who, when, what and before/after. Each entry carries the hash
  // of the one before it, so a tampered or deleted entry breaks the chain.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();

}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log', 'users', 'change_request_provisions', 'change_request_requirements', 'change_requests',
    'trace_links', 'requirement_versions', 'requirements', 'provisions', 'source_versions', 'legal_sources', 'solutions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
