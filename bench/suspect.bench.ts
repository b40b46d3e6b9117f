// Marking suspect links when a new version arrives, with 100,000 trace links in the database: sygedagpengeloven
// LBK-2011-920 → LBK-2011-1152, in-process on a file database with the server's pragmas.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { systemActor } from '../server/auth/permissions.js';
import { migrateToLatest, openDatabase } from '../server/db/database.js';
import { markSuspectLinks } from '../server/links/suspect.js';
import { parseSourceText } from '../server/sources/parse-source.js';
import { diffVersions } from '../server/sources/provision-diff.js';
import { latestVersion } from '../server/sources/sources.repository.js';
import { importSourceDocument, previousVersion } from '../server/sources/sources.service.js';
import { loadParsedVersion } from '../server/sources/version-diff.service.js';
import type { BenchResult } from './diff.bench.js';
import { copyDatabase, median, removeDatabase, ROOT, round, SERVER_DB_OPTIONS } from './server-process.js';

const ACT_DIR = fileURLToPath(new URL('../../shared/data/lexdania/sygedagpengeloven/', import.meta.url));
const BASE = 'LBK-2011-920.xml';
const NEW = 'LBK-2011-1152.xml';
const LINKS = 100_000;
const LINKS_PER_REQUIREMENT = 5;
const RUNS = 3;
const MARK_MS = 200;
const IMPORT_MS = 500;
const actor = systemActor('bench');

/** A database with one act version and LINKS links to its provisions, confirmed against it. */
async function buildBase(file: string): Promise<void> {
  removeDatabase(file);
  const { db, sqlite } = openDatabase(file, SERVER_DB_OPTIONS);
  await migrateToLatest(db);
  await importSourceDocument(db, fs.readFileSync(path.join(ACT_DIR, BASE)), BASE, { popularTitle: 'sygedagpengeloven' }, actor);
  const version = (await db.selectFrom('source_versions').selectAll().executeTakeFirstOrThrow());
  const provisions = sqlite
    .prepare(`select key, fingerprint from provisions where version_id = ? and repealed = 0 and kind in ('paragraf', 'stk', 'nr', 'litra') order by position`)
    .all(version.id) as { key: string; fingerprint: string }[];
  const now = '2024-01-01T00:00:00.000Z';
  sqlite.transaction(() => {
    const solutionId = Number(
      sqlite.prepare(`insert into solutions (code, name, created_at, updated_at) values ('KSD', 'Kommunernes Sygedagpengesystem', ?, ?)`).run(now, now).lastInsertRowid,
    );
    const req = sqlite.prepare(`insert into requirements (solution_id, human_id, title, text, kind, status, version, created_at, updated_at) values (?, ?, ?, ?, 'regel', 'godkendt', 1, ?, ?)`);
    const link = sqlite.prepare(
      `insert into trace_links (requirement_id, source_id, provision_key, status, confirmed_version_id, confirmed_fingerprint, confirmed_key, created_by, created_at, confirmed_by, confirmed_at)
       values (?, ?, ?, 'current', ?, ?, ?, 'bench', ?, 'bench', ?)`,
    );
    for (let r = 0; r < LINKS / LINKS_PER_REQUIREMENT; r++) {
      const id = Number(req.run(solutionId, `KSD-${String(r + 1).padStart(5, '0')}`, `Krav ${r + 1}`, 'Løsningen skal kunne beregne sygedagpenge.', now, now).lastInsertRowid);
      // Consecutive provisions, shifted per requirement: every provision gets about the same number of links.
      for (let k = 0; k < LINKS_PER_REQUIREMENT; k++) {
        const p = provisions[(r * LINKS_PER_REQUIREMENT + k) % provisions.length];
        link.run(id, version.source_id, p.key, version.id, p.fingerprint, p.key, now, now);
      }
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

export async function runSuspectBench(workDir = path.join(ROOT, '.tmp')): Promise<BenchResult[]> {
  fs.mkdirSync(workDir, { recursive: true });
  const base = path.join(workDir, 'bench-suspect-base.db');
  const work = path.join(workDir, 'bench-suspect.db');
  await buildBase(base);
  const xml = fs.readFileSync(path.join(ACT_DIR, NEW));

  const parseTimes: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    parseSourceText(xml, NEW);
    if (i >= 2) parseTimes.push(performance.now() - t);
  }

  const importTimes: number[] = [];
  let marking = { checked: 0, suspect: 0, broken: 0, moved: 0 };
  for (let i = 0; i < RUNS; i++) {
    copyDatabase(base, work);
    const { db, sqlite } = openDatabase(work, SERVER_DB_OPTIONS);
    const t = performance.now();
    const result = await importSourceDocument(db, xml, NEW, {}, actor);
    importTimes.push(performance.now() - t);
    marking = result.links ?? marking;
    sqlite.close();
  }

  // markSuspectLinks alone: the new version is in place, the links are put back as they were, marked, rolled back.
  const markTimes: number[] = [];
  {
    const { db, sqlite } = openDatabase(work, SERVER_DB_OPTIONS);
    const parsed = parseSourceText(xml, NEW);
    const source = await db.selectFrom('legal_sources').select('id').executeTakeFirstOrThrow();
    const version = (await latestVersion(db, source.id))!;
    const previous = (await previousVersion(db, source.id, version.in_force_from, version.id))!;
    const diff = diffVersions(await loadParsedVersion(db, previous), parsed);
    for (let i = 0; i < RUNS + 1; i++) {
      await db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('trace_links').set((eb) => ({ status: 'current', status_note: null, flagged_version_id: null, provision_key: eb.fn.coalesce('confirmed_key', 'provision_key') })).execute();
          // The states kept for taking the version back were written when it was registered; marking writes them again.
          await trx.deleteFrom('version_link_states').where('version_id', '=', version.id).execute();
          const t = performance.now();
          await markSuspectLinks(trx, version, previous, diff, 'bench');
          if (i > 0) markTimes.push(performance.now() - t);
          throw new Rollback();
        })
        .catch((err) => {
          if (!(err instanceof Rollback)) throw err;
        });
    }
    sqlite.close();
  }
  removeDatabase(base);
  if (!process.env.BENCH_KEEP) removeDatabase(work);

  const mark = median(markTimes);
  const total = median(importTimes);
  const what = `${marking.checked.toLocaleString('en')} links checked, ${marking.suspect} suspect, ${marking.broken} broken, ${marking.moved} moved`;
  return [
    { name: `markSuspectLinks alone, sygedagpengeloven ${BASE} → ${NEW}, 100,000 links (${what}; median of ${RUNS})`, value: round(mark, 0), unit: 'ms', target: `≤ ${MARK_MS}`, met: mark <= MARK_MS },
    { name: `importSourceDocument ${NEW} with 100,000 links: parse, diff, mark, audit (median of ${RUNS})`, value: round(total, 0), unit: 'ms', target: `< ${IMPORT_MS}`, met: total < IMPORT_MS },
    { name: `  of which parsing ${NEW} (median of ${RUNS})`, value: round(median(parseTimes), 0), unit: 'ms', target: 'reported', met: true },
  ];
}

class Rollback extends Error {}

/**
 * A new version of a large act on the large dataset, where the links to the act were confirmed against the version
 * before it (the dataset was generated with this file held back): importSourceDocument in-process, on a fresh copy
 * of the database for each run, parse time reported beside it.
 */
export async function runLargeActImportBench(dbFile: string, heldBack: string, workDir = path.join(ROOT, '.tmp')): Promise<BenchResult[]> {
  const file = path.join(fileURLToPath(new URL('../../shared/data/lexdania/', import.meta.url)), heldBack);
  const name = path.basename(file);
  const xml = fs.readFileSync(file);
  const work = path.join(workDir, 'bench-import.db');
  const parseTimes: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t = performance.now();
    parseSourceText(xml, name);
    if (i >= 2) parseTimes.push(performance.now() - t);
  }
  const times: number[] = [];
  let marking = { checked: 0, suspect: 0, broken: 0, moved: 0 };
  for (let i = 0; i < RUNS; i++) {
    copyDatabase(dbFile, work);
    const { db, sqlite } = openDatabase(work, SERVER_DB_OPTIONS);
    const t = performance.now();
    const result = await importSourceDocument(db, xml, name, {}, actor);
    times.push(performance.now() - t);
    marking = result.links ?? marking;
    sqlite.close();
  }
  removeDatabase(work);
  const total = median(times);
  const what = `${marking.checked.toLocaleString('en')} links checked, ${marking.suspect} suspect, ${marking.broken} broken, ${marking.moved} moved`;
  return [
    { name: `import ${heldBack} on the large dataset: parse, diff, mark suspect links, audit (${what}; median of ${RUNS})`, value: round(total, 0), unit: 'ms', target: `< ${IMPORT_MS}`, met: total < IMPORT_MS },
    { name: `  of which parsing ${name} (${round(xml.length / 1e6, 1)} MB; median of ${RUNS})`, value: round(median(parseTimes), 0), unit: 'ms', target: 'reported', met: true },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runSuspectBench()) console.log(`${r.met ? 'ok  ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
}
