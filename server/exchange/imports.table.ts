// Row types of import provenance (one row per import, one per requirement it created) and of previewed files.
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

/** An uploaded file between its preview and its commit (the bytes as uploaded; read again when needed). */
export interface ImportPreviewTable {
  token: string;
  solution_id: number;
  actor: string;
  filename: string;
  content: Uint8Array;
  /** 1: the content is gzip-compressed (a CSV or ReqIF; XLSX and ReqIFz are zips already). */
  gzipped: number;
  created_at: string;
  expires_at: string;
}

/** For `db.withTables<ImportDatabase>()`, beside the shared `Database` interface. */
export type ImportDatabase = {
  requirement_imports: RequirementImportTable;
  imported_requirements: ImportedRequirementTable;
  import_previews: ImportPreviewTable;
};
