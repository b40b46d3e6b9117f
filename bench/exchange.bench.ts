// Exports of a 10,000-requirement solution (XLSX and ReqIF: time to the last byte and the process's peak RSS)
// and the readiness report of a 5,000-requirement solution, on a temporary file database with the server's
// pragmas. The requirements and links are written straight into the tables: the bench measures the export, not
// how long 10,000 audited creations take.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type SQLite from 'better-sqlite3';
import { systemActor } from '../server/auth/permissions.js';
import { migrateToLatest, openDatabase, type Db } from '../server/db/database.js';
import { exportSpecification, type ExportFormat } from '../server/exchange/export.service.js';
import { readinessReport } from '../server/readiness/readiness.service.js';
import { importSourceDocument } from '../server/sources/sources.service.js';
import type { BenchResult } from './diff.bench.js';
import { SERVER_DB_OPTIONS } from './server-process.js';

const LEXDANIA = fileURLToPath(new URL('../../shared/data/lexdania/', import.meta.url));
const ACTS = [
  { file: 'sygedagpengeloven/LBK-2011-920.xml', popularTitle: 'sygedagpengeloven' },
  { file: 'aktivloven/LBK-2015-806.xml', popularTitle: 'aktivloven' },
  { file: 'serviceloven/LBK-2016-1270.xml', popularTitle: 'serviceloven' },
];
const EXPORT_REQUIREMENTS = 10_000;
const READINESS_REQUIREMENTS = 5_000;
const EXPORT_MS = 3000;
const EXPORT_RSS_MB = 300;
const READINESS_MS = 500;
const RUNS = 3;
const actor = systemActor('bench');

const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** A solution of `count` requirements, each with a text of a few sentences and one to three links to real provisions. */
function fillSolution(sqlite: SQLite.Database, code: string, count: number, options: { untracedEvery?: number; suspectEvery?: number; staleEvery?: number } = {}) {
  const now = new Date().toISOString();
  const old = new Date(Date.now() - 3 * 365 * 24 * 3600 * 1000).toISOString();
  const provisions = sqlite
    .prepare(
      `select v.source_id, v.id as version_id, p.key, p.fingerprint from provisions p join source_versions v on v.id = p.version_id
       where p.repealed = 0 and p.kind in ('paragraf', 'stk', 'nr') order by v.source_id, p.position`,
    )
    .all() as { source_id: number; version_id: number; key: string; fingerprint: string }[];
  const kinds = ['proces', 'regel', 'data', 'integration', 'ikke-funktionel'];
  const categories = ['mindstekrav', 'krav', 'option', null];
  sqlite.transaction(() => {
    const solutionId = Number(sqlite.prepare(`insert into solutions (code, name, created_at, updated_at) values (?, ?, ?, ?)`).run(code, `Bench ${code}`, now, now).lastInsertRowid);
    const requirement = sqlite.prepare(
      `insert into requirements (solution_id, human_id, title, text, kind, status, tender_category, non_legal, version, created_at, updated_at, last_reviewed_at)
       values (?, ?, ?, ?, ?, 'godkendt', ?, ?, 1, ?, ?, ?)`,
    );
    const link = sqlite.prepare(
      `insert into trace_links (requirement_id, source_id, provision_key, rationale, status, confirmed_version_id, confirmed_fingerprint, confirmed_key, created_by, created_at, confirmed_by, confirmed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, 'bench', ?)`,
    );
    for (let i = 1; i <= count; i++) {
      const kind = kinds[i % kinds.length];
      const nonLegal = kind === 'ikke-funktionel' ? 1 : 0;
      const text = `Løsningen skal understøtte sagsbehandlingen i trin ${i}, så borgeren får en korrekt afgørelse til tiden. Sagsbehandleren skal kunne se grundlaget for beregningen og dokumentere sin vurdering. Løsningen skal logge hvem der ændrede hvad.`;
      const stale = options.staleEvery && i % options.staleEvery === 0;
      const id = Number(
        requirement.run(solutionId, `${code}-${String(i).padStart(5, '0')}`, `Krav nummer ${i} om sagsbehandling`, text, kind, categories[i % categories.length], nonLegal, now, now, stale ? old : now).lastInsertRowid,
      );
      if (nonLegal || (options.untracedEvery && i % options.untracedEvery === 0)) continue;
      const seen = new Set<string>();
      for (let j = 0; j < 1 + (i % 3); j++) {
        const p = provisions[(i * 7 + j * 131) % provisions.length];
        if (seen.has(p.key + p.source_id)) continue;
        seen.add(p.key + p.source_id);
        const status = options.suspectEvery && (i + j) % options.suspectEvery === 0 ? 'suspect' : 'current';
        link.run(id, p.source_id, p.key, 'Bestemmelsen fastsætter reglen, kravet omsætter.', status, p.version_id, p.fingerprint, p.key, now, now);
      }
    }
  })();
}

async function drain(body: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

/** Wall time to the last byte, and the highest RSS seen while the export ran (sampled every 5 ms). */
async function timeExport(db: Db, code: string, format: ExportFormat) {
  global.gc?.();
  let peak = rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 5);
  const start = performance.now();
  const out = await exportSpecification(db, code, { format }, actor);
  const bytes = await drain(out.body);
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  return { ms, peakMb: peak, bytes, requirements: out.requirements, links: out.links };
}

/**
 * `options.dbFile` (the large dataset of `npm run bench`) is not used: its solutions hold some 2,500 requirements
 * each, and the budget is about one solution of 10,000, which this bench builds in a temporary database.
 */
export async function runExchangeBench(_options: { dbFile?: string } = {}): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-exchange-bench-'));
  const { db, sqlite } = openDatabase(path.join(dir, 'bench.db'), SERVER_DB_OPTIONS);
  try {
    await migrateToLatest(db);
    for (const act of ACTS) await importSourceDocument(db, fs.readFileSync(path.join(LEXDANIA, act.file)), act.file, { popularTitle: act.popularTitle }, actor);
    fillSolution(sqlite, 'EXP', EXPORT_REQUIREMENTS);
    fillSolution(sqlite, 'RDY', READINESS_REQUIREMENTS, { untracedEvery: 10, suspectEvery: 7, staleEvery: 5 });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');

    // One untimed run of each warms the code paths and SQLite's cache, as a running server would have them.
    await timeExport(db, 'EXP', 'reqif');
    await timeExport(db, 'EXP', 'xlsx');
    const xlsx = await timeExport(db, 'EXP', 'xlsx');
    const reqif = await timeExport(db, 'EXP', 'reqif');
    const others = [];
    for (const format of ['reqifz', 'docx', 'html'] as const) {
      await timeExport(db, 'EXP', format);
      others.push({ format, ...(await timeExport(db, 'EXP', format)) });
    }
    const readinessMs: number[] = [];
    let items = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      const start = performance.now();
      const report = await readinessReport(db, 'RDY', { months: 12 }, actor);
      if (i > 0) readinessMs.push(performance.now() - start);
      items = report.items.length;
    }
    const readiness = median(readinessMs);
    const peak = Math.max(xlsx.peakMb, reqif.peakMb);
    return [
      { name: `XLSX export, ${xlsx.requirements} requirements, ${xlsx.links} links (${round(xlsx.bytes / 1e6)} MB)`, value: round(xlsx.ms), unit: 'ms', target: `< ${EXPORT_MS}`, met: xlsx.ms < EXPORT_MS },
      { name: `ReqIF export, ${reqif.requirements} requirements, ${reqif.links} links (${round(reqif.bytes / 1e6)} MB)`, value: round(reqif.ms), unit: 'ms', target: `< ${EXPORT_MS}`, met: reqif.ms < EXPORT_MS },
      { name: 'peak RSS of the process during the XLSX and ReqIF exports', value: round(peak), unit: 'MB', target: `< ${EXPORT_RSS_MB}`, met: peak < EXPORT_RSS_MB },
      ...others.map((o) => ({
        name: `${o.format.toUpperCase()} export, ${o.requirements} requirements (${round(o.bytes / 1e6)} MB, peak RSS ${round(o.peakMb)} MB)`,
        value: round(o.ms),
        unit: 'ms',
        target: `< ${EXPORT_MS}`,
        met: o.ms < EXPORT_MS && o.peakMb < EXPORT_RSS_MB,
      })),
      { name: `readiness report, ${READINESS_REQUIREMENTS} requirements (${items} items to work through, median of ${RUNS})`, value: round(readiness), unit: 'ms', target: `< ${READINESS_MS}`, met: readiness < READINESS_MS },
    ];
  } finally {
    await db.destroy().catch(() => undefined);
    if (sqlite.open) sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runExchangeBench()) console.log(`${r.met ? 'ok  ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
}
