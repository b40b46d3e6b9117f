// The audit log becomes append-only in the database and its chain keyed: HMAC-SHA256 under a key kept outside the
// database file, so whoever has the file alone can no longer rewrite the log and recompute the hashes.
// Entries written before were chained with plain sha256; they are checked as they were, then re-hashed once under the
// key (the connection computes it, see server/audit/audit.key.ts), and one entry 'audit.rekey' records how many there
// were, their old head and whether their old chain held. The triggers come last, as the re-hash updates every entry.
// Frozen: never edit, add a new migration instead.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

const GENESIS_HASH = '0'.repeat(64);
const PAGE = 5000;

type Row = {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
};

const fieldsOf = (r: Omit<Row, 'id' | 'prev_hash' | 'hash'>) => [r.at, r.actor, r.action, r.entity_type, r.entity_id, r.reason, r.before_json, r.after_json];
const sha256 = (prevHash: string, r: Row) => createHash('sha256').update(JSON.stringify([prevHash, ...fieldsOf(r)])).digest('hex');

async function chain(db: Kysely<any>, prevHash: string, rows: Omit<Row, 'id' | 'prev_hash' | 'hash'>[]): Promise<string[]> {
  const { rows: out } = await sql<{ hashes: string }>`select sporbar_audit_chain(${prevHash}, ${JSON.stringify(rows.map(fieldsOf))}) as hashes`.execute(db);
  return JSON.parse(out[0].hashes) as string[];
}

async function rekey(db: Kysely<any>): Promise<void> {
  let legacyPrev = GENESIS_HASH;
  let keyedPrev = GENESIS_HASH;
  let firstBroken: number | null = null;
  let entries = 0;
  let lastId = 0;
  for (;;) {
    const rows = (await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(PAGE).execute()) as Row[];
    if (!rows.length) break;
    for (const r of rows) {
      if (firstBroken === null && (r.prev_hash !== legacyPrev || sha256(legacyPrev, r) !== r.hash)) firstBroken = r.id;
      legacyPrev = r.hash;
    }
    const hashes = await chain(db, keyedPrev, rows);
    const updates = rows.map((r, i) => [r.id, i === 0 ? keyedPrev : hashes[i - 1], hashes[i]]);
    await sql`update audit_log set prev_hash = json_extract(c.value, '$[1]'), hash = json_extract(c.value, '$[2]')
              from json_each(${JSON.stringify(updates)}) as c where audit_log.id = json_extract(c.value, '$[0]')`.execute(db);
    keyedPrev = hashes[hashes.length - 1];
    entries += rows.length;
    lastId = rows[rows.length - 1].id;
  }
  if (!entries) return;
  const marker = {
    at: new Date().toISOString(),
    actor: 'sporbar',
    action: 'audit.rekey',
    entity_type: 'audit_log',
    entity_id: String(lastId),
    reason: `Revisionssporet nøgles med HMAC-SHA256; de ${entries} tidligere poster er kontrolleret og omhashet under nøglen`,
    before_json: JSON.stringify({ chain: 'sha256', entries, headHash: legacyPrev, firstBroken }),
    after_json: JSON.stringify({ chain: 'hmac-sha256', entries, headHash: keyedPrev }),
  };
  const [hash] = await chain(db, keyedPrev, [marker]);
  await db.insertInto('audit_log').values({ ...marker, prev_hash: keyedPrev, hash }).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await rekey(trx);
    await sql`create trigger audit_log_no_update before update on audit_log
              begin select raise(abort, 'Revisionssporet kan ikke ændres: det er kun til tilføjelse'); end`.execute(trx);
    await sql`create trigger audit_log_no_delete before delete on audit_log
              begin select raise(abort, 'Revisionssporet kan ikke slettes: det er kun til tilføjelse'); end`.execute(trx);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  // The entries stay keyed: their old sha256 hashes are gone, and a keyless chain is what this migration ends.
  await sql`drop trigger audit_log_no_update`.execute(db);
  await sql`drop trigger audit_log_no_delete`.execute(db);
}
