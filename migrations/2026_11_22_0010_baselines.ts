// Baselines: named, frozen snapshots of a solution's requirements and trace links (e.g. "Udbud 2019"), and the
// provenance of requirements imported from other tools. Frozen: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('baselines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('solutions.id'))
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requirement_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('link_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('baselines_solution_name_uq', ['solution_id', 'name'])
    .execute();

  // Copies, not references: a baseline must read the same after the requirement or the law has moved on.
  await db.schema
    .createTable('baseline_requirements')
    .addColumn('baseline_id', 'integer', (c) => c.notNull().references('baselines.id'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull())
    .addColumn('human_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('tender_category', 'varchar(24)')
    .addColumn('non_legal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('baseline_requirements_pk', ['baseline_id', 'human_id'])
    .execute();

  await db.schema
    .createTable('baseline_links')
    .addColumn('baseline_id', 'integer', (c) => c.notNull().references('baselines.id'))
    .addColumn('requirement_human_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('provision_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('provision_label', 'varchar(100)', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('confirmed_version_id', 'integer', (c) => c.notNull())
    .addColumn('confirmed_short_name', 'varchar(100)', (c) => c.notNull())
    // The source's newest version when the baseline was taken: "the law moved on" compares these.
    .addColumn('latest_version_id', 'integer', (c) => c.notNull())
    .addColumn('latest_short_name', 'varchar(100)', (c) => c.notNull())
    .addPrimaryKeyConstraint('baseline_links_pk', ['baseline_id', 'requirement_human_id', 'source_id', 'provision_key'])
    .execute();

  await db.schema
    .createTable('requirement_imports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('solutions.id'))
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('format', 'varchar(16)', (c) => c.notNull())
    .addColumn('source_tool', 'varchar(200)')
    .addColumn('requirement_count', 'integer', (c) => c.notNull())
    .addColumn('link_count', 'integer', (c) => c.notNull())
    .addColumn('skipped_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // Which requirement came from which row or spec object, under the other tool's id.
  await db.schema
    .createTable('imported_requirements')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('requirement_imports.id'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirements.id'))
    .addColumn('external_id', 'varchar(200)')
    .addColumn('origin', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('imported_requirements_pk', ['import_id', 'requirement_id'])
    .execute();
  await db.schema.createIndex('imported_requirements_requirement_idx').on('imported_requirements').column('requirement_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['imported_requirements', 'requirement_imports', 'baseline_links', 'baseline_requirements', 'baselines']) {
    await db.schema.dropTable(t).execute();
  }
}
