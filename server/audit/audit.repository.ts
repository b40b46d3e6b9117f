// The append-only, hash-chained audit log.
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import type { AuditLogRow } from './audit.table.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string | number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(prevHash: string, e: Omit<AuditLogRow, 'id' | 'hash' | 'prev_hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.at, e.actor, e.action, e.entity_type, e.entity_id, e.reason, e.before_json, e.after_json]))
    .digest('hex');
}

/** Records one mutation. Call it inside the transaction that makes the change. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await recordAuditBatch(db, [entry]);
}

/** Records many mutations in order, chained, in few statements (a law change can flag thousands of links). */
export async function recordAuditBatch(db: Executor, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = [];
  for (const entry of entries) {
    const row = toAuditRow(entry);
    const hash = auditHash(prevHash, row);
    rows.push({ ...row, prev_hash: prevHash, hash });
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
}

function toAuditRow(entry: AuditEntry) {
  return {
    at: nowIso(),
    actor: entry.actor,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    reason: entry.reason ?? null,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

export async function listAudit(db: Executor, filter: { entityType?: string; entityId?: string; limit: number; offset: number }) {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  return q.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

/** Walks the chain; returns the id of the first entry whose hash does not hold, or null. */
export async function verifyAuditChain(db: Executor): Promise<{ checked: number; firstBroken: number | null }> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const { id, hash, prev_hash, ...rest } = row;
    if (prev_hash !== prev || auditHash(prev, rest) !== hash) return { checked: rows.length, firstBroken: id };
    prev = hash;
  }
  return { checked: rows.length, firstBroken: null };
}
