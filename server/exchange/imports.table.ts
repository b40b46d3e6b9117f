// Row types of import provenance: one row per import, one per requirement it created.
import type { Generated } from 'kysely';

export interface RequirementImportTable {
  id: Generated<number>;
  solution_id: number;
  filename: string;
  format: string;
  source_tool: string | null;
  requirement_count: number;
  link_count: number;
  skipped_count: number;
  created_by: string;
  created_at: string;
}

export interface ImportedRequirementTable {
  import_id: number;
  requirement_id: number;
  external_id: string | null;
  origin: string;
}

/** For `db.withTables<ImportDatabase>()`, beside the shared `Database` interface. */
export type ImportDatabase = {
  requirement_imports: RequirementImportTable;
  imported_requirements: ImportedRequirementTable;
};
