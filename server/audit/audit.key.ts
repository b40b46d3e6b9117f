// The audit chain's key: kept outside the database file, created on first start, and given to the connection as SQL functions.
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';

/** Where the key comes from: its text (SPORBAR_AUDIT_KEY) or a file (SPORBAR_AUDIT_KEY_FILE, else beside the database). */
export type AuditKeySource = { key: string } | { file: string };

export const MIN_KEY_LENGTH = 32;

/** The migration that keys the chain; once it has run on a log with entries, a missing key is a lost key, never a new one. */
const KEYED_MIGRATION = '2026_12_03_0100_audit_append_only';

export class AuditKeyError extends Error {}

/** In-memory databases (tests) live as long as the process; so does their key. */
const processKey = randomBytes(32).toString('hex');

export const defaultAuditKeyFile = (dbFile: string) => `${dbFile}.audit-key`;

export function auditKeySource(env: NodeJS.ProcessEnv, dbFile: string): AuditKeySource | undefined {
  if (env.SPORBAR_AUDIT_KEY !== undefined) {
    if (env.SPORBAR_AUDIT_KEY.trim().length < MIN_KEY_LENGTH) throw new Error(`SPORBAR_AUDIT_KEY skal være mindst ${MIN_KEY_LENGTH} tegn`);
    return { key: env.SPORBAR_AUDIT_KEY.trim() };
  }
  if (env.SPORBAR_AUDIT_KEY_FILE) return { file: env.SPORBAR_AUDIT_KEY_FILE };
  return dbFile === ':memory:' ? undefined : { file: defaultAuditKeyFile(dbFile) };
}

export interface LoadedAuditKey {
  key: string;
  /** The file a new key was written to on this start, so the operator can be told to back it up. */
  created?: string;
}

/**
 * Reads the key; creates it (mode 0600) only where the log cannot have been keyed yet. A database whose log was keyed
 * refuses to open without its key: a new key would make every entry unprovable and quietly start a second chain.
 */
export function loadAuditKey(source: AuditKeySource | undefined, sqlite: SQLite.Database, options: { create: boolean }): LoadedAuditKey {
  if (!source) return { key: processKey };
  if ('key' in source) return { key: source.key };
  const file = path.resolve(source.file);
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file, 'utf8').trim();
    if (key.length < MIN_KEY_LENGTH) throw new AuditKeyError(`Nøglefilen til revisionssporet ${file} skal indeholde mindst ${MIN_KEY_LENGTH} tegn`);
    return { key };
  }
  if (logIsKeyed(sqlite)) {
    throw new AuditKeyError(
      `Nøglen til revisionssporet mangler: ${file}. Databasens revisionsspor er nøglet, så en ny nøgle ville gøre hver post ubevislig. ` +
        'Læg nøglefilen fra din sikkerhedskopi tilbage (eller angiv SPORBAR_AUDIT_KEY_FILE / SPORBAR_AUDIT_KEY); se README om en mistet nøgle.',
    );
  }
  if (!options.create) throw new AuditKeyError(`Nøglen til revisionssporet findes ikke: ${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('hex');
  fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  return { key, created: file };
}

function logIsKeyed(sqlite: SQLite.Database): boolean {
  const has = (table: string) => sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
  if (!has('kysely_migration') || !has('audit_log')) return false;
  if (sqlite.prepare('select 1 from kysely_migration where name = ?').get(KEYED_MIGRATION) === undefined) return false;
  return sqlite.prepare('select 1 from audit_log limit 1').get() !== undefined;
}

/** The fields of an entry that its hash covers, in order. */
export type AuditFields = [at: string, actor: string, action: string, entityType: string, entityId: string, reason: string | null, beforeJson: string | null, afterJson: string | null];

export function auditMac(key: string, prevHash: string, fields: AuditFields): string {
  return createHmac('sha256', key).update(JSON.stringify([prevHash, ...fields])).digest('hex');
}

/**
 * The key stays in this closure: SQL on this connection can compute the chain (so repositories that get a transaction,
 * and migrations, need no key), but cannot read the key.
 * - sporbar_audit_mac(prev_hash, at, actor, action, entity_type, entity_id, reason, before_json, after_json): one entry's hash.
 * - sporbar_audit_chain(prev_hash, json array of field arrays): the hashes of entries appended in order, as a json array.
 */
export function registerAuditFunctions(sqlite: SQLite.Database, key: string): void {
  sqlite.function('sporbar_audit_mac', { deterministic: true, varargs: true }, (prevHash, ...fields) => auditMac(key, String(prevHash), fields as AuditFields));
  sqlite.function('sporbar_audit_chain', { deterministic: true }, (prevHash, entriesJson) => {
    let prev = String(prevHash);
    const hashes = (JSON.parse(String(entriesJson)) as AuditFields[]).map((fields) => (prev = auditMac(key, prev, fields)));
    return JSON.stringify(hashes);
  });
}
