// The audit anchor: the log's head hash and entry count, written outside the database at every backup, so a log cut
// short or replaced (which its own chain cannot show) is caught against the last anchor.
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { z } from 'zod';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHead {
  /** How many entries the log holds. */
  entries: number;
  /** The newest entry's id and hash (the genesis hash while the log is empty). */
  headId: number | null;
  headHash: string;
}

export const AuditAnchor = z.object({
  entries: z.number().int().min(0),
  headId: z.number().int().nullable(),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;

/** Beside a backup file: the head of the log in that backup. */
export const backupAnchorFile = (backupFile: string) => `${backupFile}.anchor.json`;
/** Beside the database: the head at its last backup, what `sporbar audit verify` compares with by default. */
export const databaseAnchorFile = (dbFile: string) => `${dbFile}.audit-anchor.json`;

export function readAuditHead(sqlite: SQLite.Database): AuditHead {
  const newest = sqlite.prepare('select id, hash from audit_log order by id desc limit 1').get() as { id: number; hash: string } | undefined;
  const { n } = sqlite.prepare('select count(*) as n from audit_log').get() as { n: number };
  return { entries: n, headId: newest?.id ?? null, headHash: newest?.hash ?? GENESIS_HASH };
}

export function writeAnchor(file: string, head: AuditHead, at = new Date().toISOString()): AuditAnchor {
  const anchor: AuditAnchor = { ...head, at };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(anchor, null, 2) + '\n');
  return anchor;
}

export class UnreadableAnchor extends Error {}

export function readAnchor(file: string): AuditAnchor {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UnreadableAnchor(`Kan ikke læse ankeret ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen findes ikke' : (err as Error).message}`);
  }
  try {
    return AuditAnchor.parse(JSON.parse(text));
  } catch {
    throw new UnreadableAnchor(`${file} er ikke et anker for revisionssporet (entries, headId, headHash, at)`);
  }
}
