// The audit log as an auditor relies on it: append-only in the database, chained under a key kept outside the file,
// and checked against the anchor a backup writes, so cutting, emptying or rewriting the log is caught.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { migrateToLatest, openDatabase, openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { AuditAnchor, GENESIS_HASH, backupAnchorFile, databaseAnchorFile, readAnchor } from './audit.anchor.js';
import { AuditKeyError } from './audit.key.js';
import { auditHead, compareWithAnchor, recordAudit, recordAuditBatch, verifyAuditChain } from './audit.repository.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const opens: OpenedDatabase[] = [];
afterEach(() => {
  for (const o of opens.splice(0)) if (o.sqlite.open) o.sqlite.close();
});

async function auditedDatabase(entries = 12): Promise<OpenedDatabase> {
  const opened = await openMemoryDatabase();
  opens.push(opened);
  for (let i = 1; i <= entries; i++) {
    await recordAudit(opened.db, { actor: 'kravredaktoer', action: 'requirement.update', entityType: 'requirement', entityId: `KY-${i}`, reason: `Rettelse ${i}`, before: { title: 'før' }, after: { title: `efter ${i}` } });
  }
  return opened;
}

const anchorOf = async (opened: OpenedDatabase): Promise<AuditAnchor> => ({ ...(await auditHead(opened.db)), at: '2026-12-03T10:00:00.000Z' });

/** What someone holding only the database file can do: drop the triggers, then change the log as they like. */
function dropTriggers(sqlite: SQLite.Database) {
  sqlite.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete;');
}

describe('the audit log in the database', () => {
  it('refuses to update or delete an entry', async () => {
    const { sqlite } = await auditedDatabase(3);
    expect(() => sqlite.prepare("update audit_log set actor = 'mallory' where id = 2").run()).toThrow(/kan ikke ændres/);
    expect(() => sqlite.prepare('delete from audit_log where id = 3').run()).toThrow(/kan ikke slettes/);
    expect(() => sqlite.prepare('delete from audit_log').run()).toThrow(/kan ikke slettes/);
    expect((sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBe(3);
    expect((sqlite.prepare('select actor from audit_log where id = 2').get() as { actor: string }).actor).toBe('kravredaktoer');
  });

  it('passes a sound log, entries recorded one by one and in a batch, and names its head', async () => {
    const opened = await auditedDatabase(5);
    await opened.db.transaction().execute((trx) =>
      recordAuditBatch(trx, Array.from({ length: 1200 }, (_, i) => ({ actor: 'sporbar', action: 'link.flag', entityType: 'trace_link', entityId: i, reason: 'Lovændring' }))),
    );
    const result = await verifyAuditChain(opened.db);
    expect(result).toMatchObject({ checked: 1205, firstBroken: null, head: { entries: 1205 } });
    const newest = opened.sqlite.prepare('select id, hash from audit_log order by id desc limit 1').get() as { id: number; hash: string };
    expect(result.head).toEqual({ entries: 1205, headId: newest.id, headHash: newest.hash });
    expect(await compareWithAnchor(opened.db, await anchorOf(opened))).toEqual({ status: 'matches' });
  });

  it('catches the last entries deleted (triggers dropped) against the anchor, though the shorter chain holds', async () => {
    const opened = await auditedDatabase(12);
    const anchor = await anchorOf(opened);
    dropTriggers(opened.sqlite);
    opened.sqlite.prepare('delete from audit_log where id > 9').run();
    expect((await verifyAuditChain(opened.db)).firstBroken).toBeNull();
    expect(await compareWithAnchor(opened.db, anchor)).toEqual({ status: 'truncated', entries: 9 });
  });

  it('catches the whole log deleted against the anchor, and a new log written in its place', async () => {
    const opened = await auditedDatabase(12);
    const anchor = await anchorOf(opened);
    dropTriggers(opened.sqlite);
    opened.sqlite.prepare('delete from audit_log').run();
    expect(await compareWithAnchor(opened.db, anchor)).toEqual({ status: 'truncated', entries: 0 });
    // The application goes on writing: a fresh chain from genesis, sound in itself, but not the anchored one.
    for (let i = 0; i < 14; i++) await recordAudit(opened.db, { actor: 'mallory', action: 'requirement.update', entityType: 'requirement', entityId: 'KY-1' });
    expect((await verifyAuditChain(opened.db)).firstBroken).toBeNull();
    expect(await compareWithAnchor(opened.db, anchor)).toMatchObject({ status: 'differs' });
  });

  it('finds the first entry rewritten, whether the hashes after it are recomputed with plain sha256 or another key', async () => {
    for (const rehash of ['sha256', 'another key'] as const) {
      const opened = await auditedDatabase(12);
      dropTriggers(opened.sqlite);
      const rows = opened.sqlite.prepare('select * from audit_log where id >= 5 order by id').all() as Record<string, string | number | null>[];
      const update = opened.sqlite.prepare('update audit_log set actor = ?, prev_hash = ?, hash = ? where id = ?');
      let prev = (opened.sqlite.prepare('select hash from audit_log where id = 4').get() as { hash: string }).hash;
      for (const row of rows) {
        const actor = row.id === 5 ? 'mallory' : row.actor;
        const message = JSON.stringify([prev, row.at, actor, row.action, row.entity_type, row.entity_id, row.reason, row.before_json, row.after_json]);
        const hash = rehash === 'sha256' ? createHash('sha256').update(message).digest('hex') : createHash('sha256').update('gættet nøgle' + message).digest('hex');
        update.run(actor, prev, hash, row.id);
        prev = hash;
      }
      expect((await verifyAuditChain(opened.db)).firstBroken, rehash).toBe(5);
    }
  });

  it('finds an entry removed from the middle', async () => {
    const opened = await auditedDatabase(12);
    dropTriggers(opened.sqlite);
    opened.sqlite.prepare('delete from audit_log where id = 7').run();
    expect((await verifyAuditChain(opened.db)).firstBroken).toBe(8);
  });
});

describe('the audit key', () => {
  it('is created beside the database file, readable by its owner only, and reused; a keyed log does not open without it', async () => {
    const file = path.join(tmp, 'key', 'sporbar.db');
    const first = openDatabase(file);
    opens.push(first);
    expect(first.auditKeyCreated).toBe(`${file}.audit-key`);
    expect(fs.statSync(`${file}.audit-key`).mode & 0o777).toBe(0o600);
    await migrateToLatest(first.db);
    await recordAudit(first.db, { actor: 'admin', action: 'user.create', entityType: 'user', entityId: 'ny' });
    first.sqlite.close();

    const again = openDatabase(file);
    opens.push(again);
    expect(again.auditKeyCreated).toBeUndefined();
    expect((await verifyAuditChain(again.db)).firstBroken).toBeNull();
    again.sqlite.close();

    // Under another key the same log does not verify: the key, not the file, makes the hashes.
    const otherKey = openDatabase(file, { auditKey: { key: 'x'.repeat(64) } });
    opens.push(otherKey);
    expect((await verifyAuditChain(otherKey.db)).firstBroken).toBe(1);
    otherKey.sqlite.close();

    fs.renameSync(`${file}.audit-key`, `${file}.audit-key.gemt`);
    expect(() => openDatabase(file)).toThrow(AuditKeyError);
    expect(() => openDatabase(file)).toThrow(/mangler/);
    expect(fs.existsSync(`${file}.audit-key`)).toBe(false);
  });
});

describe('upgrading a log chained without a key', () => {
  it('re-hashes the entries under the key once, records that in the log, and then refuses changes', async () => {
    const file = path.join(tmp, 'upgrade.db');
    const opened = openDatabase(file);
    opens.push(opened);
    const migrator = new Migrator({ db: opened.db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('2026_11_22_0050_open_links_index');
    expect(before.error).toBeUndefined();
    // The chain as the earlier version wrote it: sha256 of the previous hash and the entry.
    let prev = GENESIS_HASH;
    for (let i = 1; i <= 30; i++) {
      const row = { at: `2026-11-2${i % 10}T10:00:00.000Z`, actor: 'faggruppe', action: 'link.create', entity_type: 'trace_link', entity_id: String(i), reason: null, before_json: null, after_json: JSON.stringify({ i }) };
      const hash = createHash('sha256').update(JSON.stringify([prev, row.at, row.actor, row.action, row.entity_type, row.entity_id, row.reason, row.before_json, row.after_json])).digest('hex');
      await opened.db.insertInto('audit_log').values({ ...row, prev_hash: prev, hash }).execute();
      prev = hash;
    }
    await migrateToLatest(opened.db);

    expect(await verifyAuditChain(opened.db)).toMatchObject({ checked: 31, firstBroken: null });
    const marker = await opened.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(marker.action).toBe('audit.rekey');
    expect(JSON.parse(marker.before_json!)).toEqual({ chain: 'sha256', entries: 30, headHash: prev, firstBroken: null });
    expect(() => opened.sqlite.prepare('delete from audit_log').run()).toThrow(/kan ikke slettes/);
  });

  it('says where the old chain was already broken, rather than hiding it under the new hashes', async () => {
    const opened = openDatabase(':memory:');
    opens.push(opened);
    await new Migrator({ db: opened.db, provider: { getMigrations: async () => migrations } }).migrateTo('2026_11_22_0050_open_links_index');
    for (let i = 1; i <= 3; i++) {
      await sql`insert into audit_log (at, actor, action, entity_type, entity_id, prev_hash, hash) values ('2026-11-22', 'a', 'x', 'y', ${String(i)}, ${GENESIS_HASH}, ${GENESIS_HASH})`.execute(opened.db);
    }
    await migrateToLatest(opened.db);
    const marker = await opened.db.selectFrom('audit_log').select('before_json').where('action', '=', 'audit.rekey').executeTakeFirstOrThrow();
    expect(JSON.parse(marker.before_json!).firstBroken).toBe(1);
  });
});

describe('backups anchor the log', () => {
  it('writes the head beside the backup and beside the database; a restore takes the backup’s anchor', async () => {
    const file = path.join(tmp, 'anchored', 'sporbar.db');
    const opened = openDatabase(file);
    opens.push(opened);
    await migrateToLatest(opened.db);
    for (let i = 0; i < 4; i++) await recordAudit(opened.db, { actor: 'admin', action: 'solution.update', entityType: 'solution', entityId: 'KY' });
    const backup = path.join(tmp, 'anchored', 'kopi.db');
    const result = await backupDatabase(opened.sqlite, backup);
    const head = await auditHead(opened.db);
    expect(readAnchor(backupAnchorFile(backup))).toMatchObject(head);
    expect(readAnchor(databaseAnchorFile(file))).toEqual(result.anchor);

    await recordAudit(opened.db, { actor: 'admin', action: 'solution.update', entityType: 'solution', entityId: 'KY' });
    await backupDatabase(opened.sqlite, path.join(tmp, 'anchored', 'senere.db'));
    expect(readAnchor(databaseAnchorFile(file)).entries).toBe(5);
    opened.sqlite.close();

    await restoreDatabase(backup, file);
    expect(readAnchor(databaseAnchorFile(file))).toEqual(result.anchor);
  });
});
