// `npm run bench`: every budget of issue 7 on the large dataset, one line per figure and a summary table.
// The server runs in a child process; autocannon and the in-process benches run here.
// Options: --seed N, --scale S (dataset), --seconds N (per load run), --only api|import|suspect|startup|client|diff|exchange|preview|law-change|search.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrations } from '../migrations/index.js';
import { migrateToLatest, openDatabase } from '../server/db/database.js';
import { runApiBench } from './api.bench.js';
import { runClientSizeBench } from './client-size.bench.js';
import { runDiffBench } from './diff.bench.js';
import { runImportPreviewBench } from './import-preview.bench.js';
import { runLawChangeBench } from './law-change.bench.js';
import { runMatrixBench } from './matrix.bench.js';
import { runSearchBench } from './search.bench.js';
import { ROOT, login, rssMb, spawnServer, type Figure } from './server-process.js';
import { runStartupBench } from './startup.bench.js';
import { runLargeActImportBench, runSuspectBench } from './suspect.bench.js';

/** Newest versions of two large acts, kept out of the dataset so the import bench can register them. */
const HELD_BACK = ['serviceloven/LBK-2016-1270.xml', 'retsplejeloven/LBK-2016-1257.xml'];
const DB_FILE = path.join(ROOT, '.tmp', 'bench-large.db');
const META_FILE = path.join(ROOT, '.tmp', 'bench-large.json');

function parseArgs(argv: string[]) {
  const out = { seed: 1, scale: 1, seconds: 10, only: null as string | null };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--seed') out.seed = Number(value);
    else if (flag === '--scale') out.scale = Number(value);
    else if (flag === '--seconds') out.seconds = Number(value);
    else if (flag === '--only') out.only = value;
    else throw new Error(`Ukendt argument ${flag}; brug --seed N --scale S --seconds N --only api|import|suspect|startup|client|diff|exchange|preview|law-change|search`);
  }
  return out;
}

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} stoppede med kode ${code}`))));
  });
}

/** The dataset is rebuilt only when its seed, scale, held-back files, generator or migrations differ from last time. */
async function ensureDataset(seed: number, scale: number): Promise<void> {
  const meta = JSON.stringify({
    seed,
    scale,
    holdBack: HELD_BACK,
    generator: createHash('sha256').update(fs.readFileSync(path.join(ROOT, 'fixtures', 'large.ts'))).digest('hex'),
    migrations: Object.keys(migrations),
  });
  if (fs.existsSync(DB_FILE) && fs.existsSync(META_FILE) && fs.readFileSync(META_FILE, 'utf8') === meta) {
    console.log(`Genbruger ${path.relative(ROOT, DB_FILE)} (seed ${seed}, skala ${scale})`);
  } else {
    fs.rmSync(META_FILE, { force: true });
    // In a child process, so the generator's memory does not count against the benches run here.
    await runChild(['fixtures/large.ts', '--db', DB_FILE, '--seed', String(seed), '--scale', String(scale), ...HELD_BACK.flatMap((h) => ['--hold-back', h])]);
    fs.writeFileSync(META_FILE, meta);
  }
  const { db, sqlite } = openDatabase(DB_FILE);
  await migrateToLatest(db);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

/** The exchange bench (another area's) runs in its own process, so its RSS figure is its own. */
async function exchangeFigures(): Promise<Figure[]> {
  const file = path.join(ROOT, 'bench', 'exchange.bench.ts');
  if (!fs.existsSync(file)) {
    return [{ name: 'XLSX + ReqIF export of 10,000 requirements', value: Number.NaN, unit: '', target: '< 3 s, < 300 MB RSS', met: false, notMeasured: 'bench/exchange.bench.ts does not exist yet' }];
  }
  const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); const r = await m.runExchangeBench({ dbFile: ${JSON.stringify(DB_FILE)} }); console.log('@@' + JSON.stringify(r));`;
  // --expose-gc: each export starts from a collected heap (timeExport calls gc), so its peak RSS is its own and not
  // what the export before it left for the collector.
  const out = await runChild(['--expose-gc', '--input-type=module', '--eval', script]);
  const line = out.split('\n').find((l) => l.startsWith('@@'));
  if (!line) throw new Error('runExchangeBench gav intet resultat');
  return JSON.parse(line.slice(2)) as Figure[];
}

/** The traceability matrix in headless Chromium (bench/matrix.bench.ts); a missing browser is reported, not fatal. */
async function matrixFigures(): Promise<Figure[]> {
  try {
    return await runMatrixBench({ dbFile: DB_FILE });
  } catch (err) {
    return [{ name: 'Sporbarhedsmatrix første visning (3.000 krav)', value: Number.NaN, unit: 'ms', target: '< 500', met: false, notMeasured: (err as Error).message.split('\n')[0] }];
  }
}

function printFigure(f: Figure) {
  if (f.notMeasured) console.log(`--   ${f.name}: not measured: ${f.notMeasured}`);
  else console.log(`${f.met ? 'ok  ' : 'MISS'} ${f.name}: ${f.value} ${f.unit} (target ${f.target})`);
}

function printSummary(all: Figure[]) {
  const rows = all.map((f) => [f.notMeasured ? '--' : f.met ? 'yes' : 'NO', f.notMeasured ? 'not measured' : `${f.value} ${f.unit}`, f.target, f.name]);
  const widths = [4, Math.max(6, ...rows.map((r) => r[1].length)), Math.max(6, ...rows.map((r) => r[2].length))];
  console.log('\nSummary');
  console.log(`${'met'.padEnd(widths[0])}  ${'figure'.padEnd(widths[1])}  ${'target'.padEnd(widths[2])}  budget`);
  for (const r of rows) console.log(`${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`);
  const measured = all.filter((f) => !f.notMeasured);
  console.log(`\n${measured.filter((f) => f.met).length} of ${measured.length} measured budgets met; ${all.length - measured.length} not measured.`);
}

const args = parseArgs(process.argv.slice(2));
const wanted = (part: string) => args.only === null || args.only === part;
const all: Figure[] = [];
const add = (figures: Figure[]) => {
  for (const f of figures) printFigure(f);
  all.push(...figures);
};
// Figures from a shared machine are only as good as its quiet: each section says how busy it was.
const section = (title: string) => console.log(`\n▶ ${title}  (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, ${os.cpus().length} cores)`);

// The preview and law-change benches bring their own data.
if (args.only !== 'preview' && args.only !== 'law-change') {
  section('Large dataset');
  await ensureDataset(args.seed, args.scale);
}

if (wanted('exchange')) {
  section('Export (bench/exchange.bench.ts)');
  add(await exchangeFigures());
}
if (wanted('preview')) {
  section('Requirement import previews of the largest accepted files, on the real server');
  add(await runImportPreviewBench());
}
if (wanted('diff')) {
  section('Provision diff (bench/diff.bench.ts)');
  add(await runDiffBench());
}
if (wanted('law-change')) {
  section('Amending acts (bench/law-change.bench.ts)');
  add(await runLawChangeBench());
}
if (wanted('suspect')) {
  section('Suspect links with 100,000 trace links (in-process)');
  add(await runSuspectBench());
}
if (wanted('import')) {
  section('A new version of a large act on the large dataset (in-process)');
  for (const file of HELD_BACK) add(await runLargeActImportBench(DB_FILE, file));
}
if (wanted('client')) {
  section('Client');
  add(await runClientSizeBench());
  add(await matrixFigures());
}
if (wanted('startup')) {
  section('Cold start and idle memory');
  add(await runStartupBench(DB_FILE));
}
if (wanted('api')) {
  section(`API at 50 connections, ${args.seconds} s each (autocannon, loopback)`);
  const server = await spawnServer({ dbFile: DB_FILE });
  try {
    const session = await login(server.url);
    add(await runApiBench({ url: server.url, session, dbFile: DB_FILE, seconds: args.seconds, log: console.log }));
    add([{ name: 'server RSS after the load runs (reported)', value: Math.round(rssMb(server.pid)), unit: 'MB', target: 'reported', met: true }]);
  } finally {
    await server.stop();
  }
  section(`The same without the response cache: what the queries themselves cost (reported, not a budget)`);
  const uncached = await spawnServer({ dbFile: DB_FILE, env: { SPORBAR_RESPONSE_CACHE: '0' } });
  try {
    const session = await login(uncached.url);
    add(await runApiBench({ url: uncached.url, session, dbFile: DB_FILE, seconds: args.seconds, log: console.log, uncached: true }));
  } finally {
    await uncached.stop();
  }
}
if (wanted('search')) {
  section(`Search across everything (bench/search.bench.ts), ${args.seconds} s per load run`);
  add(await runSearchBench({ dbFile: DB_FILE, seconds: args.seconds, seed: args.seed, log: console.log }));
}
console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
printSummary(all);
