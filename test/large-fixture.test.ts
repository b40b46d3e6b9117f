// The large-dataset generator at 1 % scale: real acts, counts in proportion, links to provisions that exist, and
// the same rows from the same seed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../server/audit/audit.repository.js';
import { openDatabase } from '../server/db/database.js';
import { FULL_SCALE, generateLargeDataset, tableDigest, type LargeSummary } from '../fixtures/large.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-large-'));
const fileA = path.join(dir, 'a.db');
const fileB = path.join(dir, 'b.db');
const SCALE = 0.01;
let a: LargeSummary;
let b: LargeSummary;

beforeAll(async () => {
  a = await generateLargeDataset({ file: fileA, seed: 42, scale: SCALE });
  b = await generateLargeDataset({ file: fileB, seed: 42, scale: SCALE });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('large dataset generator at 1 % scale', () => {
  it('makes the issue-7 quantities in proportion', () => {
    expect(a.counts.solutions).toBe(FULL_SCALE.solutions);
    expect(a.counts.requirements).toBe(FULL_SCALE.requirements * SCALE);
    expect(a.counts.trace_links).toBe(FULL_SCALE.links * SCALE);
    expect(a.counts.change_requests).toBe(FULL_SCALE.changeRequests * SCALE);
    // Three versions per requirement on average.
    expect(a.counts.requirement_versions / a.counts.requirements).toBeGreaterThan(2.7);
    expect(a.counts.requirement_versions / a.counts.requirements).toBeLessThan(3.3);
  });

  it('loads every version of every act in the LexDania folder', () => {
    const files = fs.readdirSync(path.join(import.meta.dirname, '../../shared/data/lexdania'), { recursive: true }).filter((f) => String(f).endsWith('.xml'));
    expect(a.counts.source_versions).toBe(files.length);
  });

  it('points every current link at a provision of its act’s newest version, with that provision’s fingerprint', () => {
    const db = new SQLite(fileA, { readonly: true });
    const wrong = db
      .prepare(
        `select count(*) as n from trace_links l
         where l.status = 'current' and not exists (
           select 1 from provisions p
           where p.version_id = (select v.id from source_versions v where v.source_id = l.source_id order by v.in_force_from desc, v.id desc limit 1)
             and p.key = l.provision_key and p.fingerprint = l.confirmed_fingerprint and p.repealed = 0)`,
      )
      .get() as { n: number };
    const suspectWithoutChange = db
      .prepare(
        `select count(*) as n from trace_links l join provisions p on p.version_id = l.flagged_version_id and p.key = l.provision_key
         where l.status = 'suspect' and p.fingerprint = l.confirmed_fingerprint`,
      )
      .get() as { n: number };
    db.close();
    expect(wrong.n).toBe(0);
    expect(suspectWithoutChange.n).toBe(0);
  });

  it('lets the demo users log in and keeps the audit chain whole', async () => {
    const { db, sqlite } = openDatabase(fileA);
    const admin = await db.selectFrom('users').select(['username', 'password_hash']).where('username', '=', 'admin').executeTakeFirst();
    const chain = await verifyAuditChain(db);
    sqlite.close();
    expect(admin?.password_hash).toMatch(/^\$argon2/);
    expect(chain.firstBroken).toBeNull();
  });

  it('gives the same requirements, versions and links for the same seed', () => {
    const [dbA, dbB] = [new SQLite(fileA, { readonly: true }), new SQLite(fileB, { readonly: true })];
    for (const table of ['requirements', 'requirement_versions', 'trace_links', 'change_requests']) {
      expect(tableDigest(dbA, table), table).toBe(tableDigest(dbB, table));
    }
    dbA.close();
    dbB.close();
  });

  it('gives other requirements for another seed', async () => {
    const other = path.join(dir, 'c.db');
    await generateLargeDataset({ file: other, seed: 43, scale: 0.002 });
    const small = path.join(dir, 'd.db');
    await generateLargeDataset({ file: small, seed: 42, scale: 0.002 });
    const [dbC, dbD] = [new SQLite(other, { readonly: true }), new SQLite(small, { readonly: true })];
    expect(tableDigest(dbC, 'requirements')).not.toBe(tableDigest(dbD, 'requirements'));
    dbC.close();
    dbD.close();
  }, 60_000);
});
