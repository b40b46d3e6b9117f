// The database: its types, the connection with the pragmas Sporbar relies on, and migrations.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider, type Transaction } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { type AuditKeySource, defaultAuditKeyFile, loadAuditKey, registerAuditFunctions } from '../audit/audit.key.js';
import type { AuditLogTable } from '../audit/audit.table.js';
import type { AuthSessionTable, UserRoleTable, UserTable } from '../auth/users.table.js';
import type {
  ChangeRequestAttachmentTable,
  ChangeRequestEventTable,
  ChangeRequestRequirementVersionTable,
  OrienteringTable,
  ChangeRequestProvisionTable,
  ChangeRequestRequirementTable,
  ChangeRequestTable,
} from '../change-requests/change-requests.table.js';
import type { BillCommentTable, BillTable } from '../law-change/bills.table.js';
import type { TraceLinkTable } from '../links/links.table.js';
import type { RequirementTable, RequirementVersionTable } from '../requirements/requirements.table.js';
import { registerSearchFunctions } from '../search/search.functions.js';
import type { SolutionTable } from '../solutions/solutions.table.js';
import type { LegalSourceTable, ProvisionChangeTable, ProvisionTable, SourceVersionTable, VersionLinkStateTable } from '../sources/sources.table.js';

export interface Database {
  solutions: SolutionTable;
  legal_sources: LegalSourceTable;
  source_versions: SourceVersionTable;
  version_link_states: VersionLinkStateTable;
  provision_changes: ProvisionChangeTable;
  provisions: ProvisionTable;
  requirements: RequirementTable;
  requirement_versions: RequirementVersionTable;
  trace_links: TraceLinkTable;
  change_requests: ChangeRequestTable;
  change_request_requirements: ChangeRequestRequirementTable;
  change_request_provisions: ChangeRequestProvisionTable;
  change_request_events: ChangeRequestEventTable;
  change_request_attachments: ChangeRequestAttachmentTable;
  change_request_requirement_versions: ChangeRequestRequirementVersionTable;
  orienteringer: OrienteringTable;
  users: UserTable;
  user_roles: UserRoleTable;
  auth_sessions: AuthSessionTable;
  audit_log: AuditLogTable;
  bills: BillTable;
  bill_comments: BillCommentTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or a transaction: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface OpenedDatabase {
  db: Db;
  sqlite: SQLite.Database;
  /** Set when this start created the audit key file: the operator should back it up, apart from the database. */
  auditKeyCreated?: string;
}

export interface DatabaseOptions {
  /** SQLite's page cache in MB (its default is 2). The server keeps more: its reads then rarely leave memory. */
  cacheMb?: number;
  /** The audit chain's key; by default the file beside the database (created on first start), per process in memory. */
  auditKey?: AuditKeySource;
  /** Open an existing file without writing to it (checking a backup). */
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the SQLite file. WAL for concurrent readers; synchronous=FULL so a write
 * the server acknowledged survives a crash; foreign keys on, as PostgreSQL would enforce them.
 * The audit key is loaded and handed to the connection (see audit.key.ts); without it the database does not open.
 */
export function openDatabase(file: string, options: DatabaseOptions = {}): OpenedDatabase {
  if (file !== ':memory:' && !options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = options.readonly ? new SQLite(file, { readonly: true, fileMustExist: true }) : new SQLite(file);
  let auditKeyCreated: string | undefined;
  try {
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    if (options.cacheMb) sqlite.pragma(`cache_size = ${-Math.round(options.cacheMb * 1024)}`);
    const source = options.auditKey ?? (file === ':memory:' ? undefined : { file: defaultAuditKeyFile(file) });
    const loaded = loadAuditKey(source, sqlite, { create: !options.readonly });
    registerAuditFunctions(sqlite, loaded.key);
    registerSearchFunctions(sqlite);
    auditKeyCreated = loaded.created;
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, sqlite, auditKeyCreated };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares each query's SQL anew; preparing costs about as much as running a small query. The same
 * SQL text recurs on every request, so prepared statements are kept (least recently used out). Safe because
 * Kysely runs one statement at a time on this connection and better-sqlite3 statements are reusable.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: staticProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/** A migrated in-memory database, for tests. */
export async function openMemoryDatabase(): Promise<OpenedDatabase> {
  const opened = openDatabase(':memory:');
  await migrateToLatest(opened.db);
  return opened;
}
