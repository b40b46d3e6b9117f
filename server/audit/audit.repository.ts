// The append-only audit log, chained by HMAC-SHA256 under a key kept outside the database (audit.key.ts).
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { type AuditAnchor, type AuditHead, GENESIS_HASH } from './audit.anchor.js';
import type { AuditFields } from './audit.key.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string | number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records one mutation. Call it inside the transaction that makes the change. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await recordAuditBatch(db, [entry]);
}

/**
 * Records many mutations in order, chained, in few statements (a law change can flag thousands of links). Reads the
 * head and appends in the caller's transaction, so SQLite's single writer keeps the chain in one line.
 */
export async function recordAuditBatch(db: Executor, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const head = last?.hash ?? GENESIS_HASH;
  const rows = entries.map(toAuditRow);
  // The connection holds the key and computes the hashes (see registerAuditFunctions).
  const fields: AuditFields[] = rows.map((r) => [r.at, r.actor, r.action, r.entity_type, r.entity_id, r.reason, r.before_json, r.after_json]);
  const chained = await sql<{ hashes: string }>`select sporbar_audit_chain(${head}, ${JSON.stringify(fields)}) as hashes`.execute(db);
  const hashes = JSON.parse(chained.rows[0].hashes) as string[];
  const chainedRows = rows.map((row, i) => ({ ...row, prev_hash: i === 0 ? head : hashes[i - 1], hash: hashes[i] }));
  for (let i = 0; i < chainedRows.length; i += 500) await db.insertInto('audit_log').values(chainedRows.slice(i, i + 500)).execute();
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

export interface AuditVerification {
  /** Entries in the log. */
  checked: number;
  /** The id of the first entry whose hash does not hold under the key, or that does not follow the one before. */
  firstBroken: number | null;
  head: AuditHead;
}

const VERIFY_PAGE = 10_000;

/** Walks the chain in pages, the hashes computed by the connection that holds the key; stops at the first break. */
export async function verifyAuditChain(db: Executor): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let headId: number | null = null;
  let walked = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .select(['id', 'prev_hash', 'hash', sql<number>`sporbar_audit_mac(prev_hash, at, actor, action, entity_type, entity_id, reason, before_json, after_json) = hash`.as('sound')])
      .where('id', '>', headId ?? 0)
      .orderBy('id')
      .limit(VERIFY_PAGE)
      .execute();
    for (const row of page) {
      if (row.prev_hash !== prev || !row.sound) {
        const head = await auditHead(db);
        return { checked: head.entries, firstBroken: row.id, head };
      }
      prev = row.hash;
      headId = row.id;
    }
    walked += page.length;
    if (page.length < VERIFY_PAGE) return { checked: walked, firstBroken: null, head: { entries: walked, headId, headHash: prev } };
  }
}

export async function auditHead(db: Executor): Promise<AuditHead> {
  const newest = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const { n } = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { entries: Number(n), headId: newest?.id ?? null, headHash: newest?.hash ?? GENESIS_HASH };
}

export type AnchorComparison =
  | { status: 'matches' }
  /** The log holds fewer entries than the anchor counted: entries were deleted from its end, or all of them. */
  | { status: 'truncated'; entries: number }
  /** The entry at the anchor's position is another than the anchor names: the log was replaced or rewritten. */
  | { status: 'differs'; id: number; hash: string };

/** Is the anchored head still the entry at the anchor's position? Entries after it are the chain's to check. */
export async function compareWithAnchor(db: Executor, anchor: AuditAnchor): Promise<AnchorComparison> {
  const head = await auditHead(db);
  if (head.entries < anchor.entries) return { status: 'truncated', entries: head.entries };
  if (anchor.entries === 0) return { status: 'matches' };
  const atAnchor = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').limit(1).offset(anchor.entries - 1).executeTakeFirstOrThrow();
  return atAnchor.hash === anchor.headHash && atAnchor.id === anchor.headId ? { status: 'matches' } : { status: 'differs', ...atAnchor };
}
