// The `sporbar` command as a user runs it: real files from ../shared/data, a real database file.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSourceText } from '../server/sources/parse-source.js';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const LEXDANIA = path.resolve(ROOT, '../shared/data/lexdania');
const BIN = path.join(ROOT, 'bin/sporbar.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-cli-'));
const DB = path.join(tmp, 'sporbar.db');

async function sporbar(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, SPORBAR_DB: DB, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const consolidated = fs
  .readdirSync(LEXDANIA, { recursive: true })
  .map(String)
  .filter((f) => /LBK-\d{4}-\d+\.xml$/.test(f))
  .sort();

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('sporbar parse', () => {
  it(
    'lists each § of every consolidated act exactly once, in citation form, as the parser reads it',
    async () => {
      expect(consolidated.length).toBeGreaterThanOrEqual(38);
      const queue = [...consolidated];
      const worker = async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          const full = path.join(LEXDANIA, file);
          const { code, stdout } = await sporbar(['parse', full, '--json']);
          expect(code, file).toBe(0);
          const out = JSON.parse(stdout) as { shortName: string; title: string; provisions: { label: string; text: string }[] };
          const paragraphs = out.provisions.map((p) => p.label).filter((l) => !l.includes(','));
          expect(new Set(paragraphs).size, `${file}: a § listed twice`).toBe(paragraphs.length);
          expect(paragraphs.every((l) => /^§§? \d+/.test(l)), file).toBe(true);
          expect(paragraphs.some((l) => / [a-z]$/.test(l)) || file.includes('biblioteksloven'), `${file}: no lettered §`).toBe(true);
          const inProcess = parseSourceText(fs.readFileSync(full), full);
          expect(out.provisions.map((p) => p.label)).toEqual(inProcess.provisions.map((p) => p.label));
          expect(out.shortName).toBe(inProcess.shortName);
        }
      };
      await Promise.all([worker(), worker(), worker()]);
    },
    240_000,
  );

  it('says clearly what is wrong with a bad file, and exits non-zero', async () => {
    const truncated = path.join(tmp, 'halv.xml');
    fs.writeFileSync(truncated, fs.readFileSync(path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-920.xml')).subarray(0, 4000));
    const bad = await sporbar(['parse', truncated, '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/sporbar parse: .+/);
    expect(bad.stdout).toBe('');
    const missing = await sporbar(['parse', path.join(tmp, 'findes-ikke.xml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('findes ikke');
  });
});

describe('sporbar diff', () => {
  it('marks substantive exactly what LOV 1599/2010 changes (sygedagpengeloven LBK 920 → 1152/2011)', async () => {
    const { code, stdout } = await sporbar(['diff', path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-920.xml'), path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), '--json']);
    expect(code).toBe(0);
    const { changes } = JSON.parse(stdout) as { changes: { label: string; kind: string; substantive: boolean }[] };
    expect(changes.filter((c) => c.substantive).map((c) => c.label)).toEqual([
      '§ 6, stk. 1',
      '§ 24, stk. 2, nr. 1',
      '§ 24, stk. 2, nr. 2',
      '§ 30, stk. 1',
      '§ 40, stk. 1',
      '§ 56, stk. 1',
      '§ 61',
    ]);
  });

  it('shows the inserted § 53 a as added and moved stk. as renumbered (kommunevalgloven LBK 127/2013 → 363/2014)', async () => {
    const { stdout } = await sporbar(['diff', path.join(LEXDANIA, 'kommunale-regionale-valg/LBK-2013-127.xml'), path.join(LEXDANIA, 'kommunale-regionale-valg/LBK-2014-363.xml'), '--json']);
    const { changes } = JSON.parse(stdout) as { changes: { label: string; newLabel?: string; kind: string }[] };
    expect(changes.find((c) => c.label === '§ 53 a')?.kind).toBe('added');
    expect(changes.filter((c) => c.kind === 'renumbered').map((c) => `${c.label} → ${c.newLabel}`)).toEqual(['§ 105, stk. 2 → § 105, stk. 3', '§ 105, stk. 3 → § 105, stk. 4']);
    expect(changes.some((c) => c.kind === 'changed' && c.label.startsWith('§ 105'))).toBe(false);
  });
});

describe('sporbar import, audit verify, backup and restore', () => {
  beforeAll(async () => {
    const first = await sporbar(['import', path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-920.xml'), '--popular-title', 'sygedagpengeloven']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('LBK nr 920 af 22/08/2011');
  });

  it('registers a new act with the kind given by --kind, and refuses a kind it does not know', async () => {
    const file = path.join(LEXDANIA, 'folketingsvalgloven/LBK-2011-107.xml');
    const wrong = await sporbar(['import', file, '--kind', 'lovforslag']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Vælg retskildens art');
    const res = await sporbar(['import', file, '--kind', 'vejledning']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('(vejledning)');
  });

  it('imports a new version onto the same act, and refuses it twice', async () => {
    const next = await sporbar(['import', path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), '--in-force', '2012-01-02']);
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/forrige version id \d+/);
    const again = await sporbar(['import', path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('allerede registreret');
  });

  /** What someone holding only a database file can do: drop the append-only triggers, then change the log at will. */
  function tamper(file: string, change: (db: SQLite.Database) => void) {
    const db = new SQLite(file);
    db.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete;');
    change(db);
    db.close();
  }

  it('verifies a sound audit log, refuses to change it, and prints its head', async () => {
    const ok = await sporbar(['audit', 'verify']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/intakt: \d+ poster/);
    expect(ok.stdout).toContain('Intet anker');
    const db = new SQLite(DB);
    expect(() => db.prepare("update audit_log set actor = 'mallory' where id = 2").run()).toThrow(/kan ikke ændres/);
    expect(() => db.prepare('delete from audit_log').run()).toThrow(/kan ikke slettes/);
    const newest = db.prepare('select id, hash, (select count(*) from audit_log) as n from audit_log order by id desc limit 1').get() as { id: number; hash: string; n: number };
    db.close();
    const head = await sporbar(['audit', 'head', '--json']);
    expect(head.code, head.stderr).toBe(0);
    expect(JSON.parse(head.stdout)).toEqual({ entries: newest.n, headId: newest.id, headHash: newest.hash });
    const text = await sporbar(['audit', 'head']);
    expect(text.stdout).toContain(`${newest.n} poster`);
    expect(text.stdout).toContain(newest.hash);
  }, 60_000);

  it('anchors the log at every backup, and catches a log cut short, emptied or rewritten', async () => {
    const backup = path.join(tmp, 'anker.db');
    const made = await sporbar(['backup', backup]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`${backup}.anchor.json`);
    const anchor = JSON.parse(fs.readFileSync(`${backup}.anchor.json`, 'utf8'));
    expect(JSON.parse((await sporbar(['audit', 'head', backup, '--json'])).stdout)).toEqual({ entries: anchor.entries, headId: anchor.headId, headHash: anchor.headHash });
    expect(anchor.entries).toBeGreaterThanOrEqual(3);
    const sound = await sporbar(['audit', 'verify', backup]);
    expect(sound.code, sound.stderr).toBe(0);
    expect(sound.stdout).toContain('passer');
    // The live database's own anchor is the one verify reads by default.
    expect((await sporbar(['audit', 'verify'])).stdout).toContain(`${anchor.entries} poster) passer`);

    const copy = (name: string) => {
      const file = path.join(tmp, name);
      fs.copyFileSync(backup, file);
      return file;
    };
    const cut = copy('afkortet.db');
    fs.copyFileSync(`${backup}.anchor.json`, `${cut}.anchor.json`);
    tamper(cut, (db) => db.prepare('delete from audit_log where id > ?').run(anchor.headId - 2));
    const cutResult = await sporbar(['audit', 'verify', cut]);
    expect(cutResult.code).toBe(1);
    expect(cutResult.stderr).toContain(`ankeret fra ${anchor.at}`);
    expect(cutResult.stderr).toContain(`har ${anchor.entries} poster, loggen kun ${anchor.entries - 2}`);

    const emptied = copy('tom.db');
    tamper(emptied, (db) => db.prepare('delete from audit_log').run());
    const emptiedResult = await sporbar(['audit', 'verify', emptied, '--anchor', `${backup}.anchor.json`]);
    expect(emptiedResult.code).toBe(1);
    expect(emptiedResult.stderr).toContain('loggen kun 0');

    const rewritten = copy('omskrevet.db');
    const second = new SQLite(rewritten, { readonly: true }).prepare('select id from audit_log order by id limit 1 offset 1').get() as { id: number };
    tamper(rewritten, (db) => {
      const rows = db.prepare('select * from audit_log where id >= ? order by id').all(second.id) as Record<string, string | number | null>[];
      let prev = (db.prepare('select hash from audit_log where id < ? order by id desc limit 1').get(second.id) as { hash: string }).hash;
      for (const row of rows) {
        const actor = row.id === second.id ? 'mallory' : row.actor;
        const hash = createHash('sha256').update(JSON.stringify([prev, row.at, actor, row.action, row.entity_type, row.entity_id, row.reason, row.before_json, row.after_json])).digest('hex');
        db.prepare('update audit_log set actor = ?, prev_hash = ?, hash = ? where id = ?').run(actor, prev, hash, row.id);
        prev = hash;
      }
    });
    const rewrittenResult = await sporbar(['audit', 'verify', rewritten, '--anchor', `${backup}.anchor.json`]);
    expect(rewrittenResult.code).toBe(1);
    expect(rewrittenResult.stderr).toContain(`brudt ved post ${second.id}`);
    expect(rewrittenResult.stderr).toContain('passer ikke med ankeret');
  }, 120_000);

  it('backs up and restores the database', async () => {
    const file = path.join(tmp, 'backup.db');
    const countVersions = (f: string) => {
      const db = new SQLite(f, { readonly: true });
      const n = (db.prepare('select count(*) as n from source_versions').get() as { n: number }).n;
      db.close();
      return n;
    };
    const atBackup = countVersions(DB); // the versions the tests above registered
    const backup = await sporbar(['backup', file]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(countVersions(file)).toBe(atBackup);
    // A change after the backup is gone after the restore.
    await sporbar(['import', path.join(LEXDANIA, 'sygedagpengeloven/LBK-2012-653.xml')]);
    expect(countVersions(DB)).toBe(atBackup + 1);
    expect((await sporbar(['restore', file])).code).toBe(2); // asks for --yes
    const restored = await sporbar(['restore', file, '--yes']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(countVersions(DB)).toBe(atBackup);
    // The entries after the backup are gone with the restore; the anchor is the backup's, so verify still passes.
    const verified = await sporbar(['audit', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('passer');
    const notADb = path.join(tmp, 'noget.db');
    fs.writeFileSync(notADb, 'ikke en database');
    const bad = await sporbar(['restore', notADb, '--yes']);
    expect(bad.code).toBe(2);
    expect(countVersions(DB)).toBe(atBackup);
  }, 120_000);
});

describe('the server in production mode', () => {
  it('refuses to start while demo users exist', async () => {
    const demoDb = path.join(tmp, 'demo.db');
    const res = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
      env: { ...process.env, SPORBAR_DB: demoDb, NODE_ENV: 'production', PORT: '0' },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('demobrugerne');
  }, 90_000);
});
