// Consistent online backups with SQLite's backup API, and restoring one after checking it is sound.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type AuditAnchor, backupAnchorFile, databaseAnchorFile, readAuditHead, writeAnchor } from '../audit/audit.anchor.js';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

/**
 * Copies the live database page by page while it keeps serving (readers and writers go on). Then anchors the audit
 * log: the head of the log as the backup holds it, beside the backup and beside the database (see audit.anchor.ts).
 */
export async function backupDatabase(sqlite: SQLite.Database, file: string): Promise<BackupResult & { anchor: AuditAnchor; anchorFile: string }> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const { totalPages } = await sqlite.backup(target);
  const copy = new SQLite(target, { readonly: true, fileMustExist: true });
  let anchor: AuditAnchor;
  try {
    anchor = writeAnchor(backupAnchorFile(target), readAuditHead(copy));
  } finally {
    copy.close();
  }
  if (!sqlite.memory) writeAnchor(databaseAnchorFile(sqlite.name), anchor, anchor.at);
  return { file: target, bytes: fs.statSync(target).size, pages: totalPages, anchor, anchorFile: backupAnchorFile(target) };
}

export class UnsoundBackup extends Error {}

/** Checks a backup file: a SQLite database, intact, with Sporbar's migrations table. */
export function checkBackup(file: string): { migrations: number } {
  if (!fs.existsSync(file)) throw new UnsoundBackup(`${file} findes ikke`);
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new UnsoundBackup(`${file} er beskadiget: ${String(integrity)}`);
    const row = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'").get() as { n: number };
    if (row.n !== 1) throw new UnsoundBackup(`${file} er ikke en Sporbar-database`);
    return { migrations: (db.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n };
  } catch (err) {
    if (err instanceof UnsoundBackup) throw err;
    throw new UnsoundBackup(`${file} kan ikke læses som en SQLite-database: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database's contents with the backup's, through the backup API so locks are respected. The database's
 * audit anchor becomes the backup's: the entries after it are legitimately gone.
 */
export async function restoreDatabase(backupFile: string, targetFile: string): Promise<BackupResult> {
  checkBackup(backupFile);
  const source = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  try {
    fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
    const { totalPages } = await source.backup(path.resolve(targetFile));
    const anchor = backupAnchorFile(backupFile);
    if (fs.existsSync(anchor)) fs.copyFileSync(anchor, databaseAnchorFile(targetFile));
    else fs.rmSync(databaseAnchorFile(targetFile), { force: true });
    return { file: path.resolve(targetFile), bytes: fs.statSync(targetFile).size, pages: totalPages };
  } finally {
    source.close();
  }
}
