// Mixed load at a steady rate: 80 % reads (list, search, detail, provision), 20 % writes (create, edit, link) against
// the real server on loopback; every error counts. `npm run load-test -- [--seconds 60] [--rate 50] [--db FILE]`.
// Without --db the server runs on a fresh demo database; with it, on a copy of FILE (e.g. .tmp/bench-large.db).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { mulberry32 } from '../fixtures/large.js';
import { copyDatabase, login, percentile, removeDatabase, ROOT, spawnServer, type ServerProcess, type Session } from '../bench/server-process.js';

export interface LoadTestOptions {
  seconds?: number;
  rate?: number;
  /** Run on a copy of this database; omitted: a fresh demo database. */
  dbFile?: string;
  seed?: number;
  log?: (line: string) => void;
}

type Op = 'list' | 'search' | 'detail' | 'provision' | 'create' | 'update' | 'link';
const MIX: [Op, number][] = [['list', 20], ['search', 20], ['detail', 25], ['provision', 15], ['create', 8], ['update', 8], ['link', 4]];
const WORDS = ['skal', 'kunne', 'sygedagpenge', 'valg', 'refusion', 'borger', 'frist'];

export interface LoadTestResult {
  requests: number;
  errors: number;
  /** The first few errors, in words. */
  errorSamples: string[];
  p50: number;
  p95: number;
  p99: number;
  /** Completed requests per second over the run. */
  achievedRate: number;
  byOp: Record<string, { n: number; p50: number; p99: number }>;
}

interface Pools {
  solutions: string[];
  humanIds: string[];
  linked: { sourceId: number; key: string }[];
  linkable: { sourceId: number; key: string }[];
}

function readPools(dbFile: string): Pools {
  const db = new SQLite(dbFile, { readonly: true });
  try {
    const latest = `select id from source_versions v where v.source_id = s.id order by v.in_force_from desc, v.id desc limit 1`;
    return {
      solutions: db.prepare('select code from solutions order by id').pluck().all() as string[],
      humanIds: db.prepare('select human_id from requirements order by id limit 20000').pluck().all() as string[],
      linked: (db.prepare('select distinct source_id as sourceId, provision_key as key from trace_links limit 20000').all() as Pools['linked']),
      linkable: db
        .prepare(`select s.id as sourceId, p.key from legal_sources s join provisions p on p.version_id = (${latest}) where p.repealed = 0 and p.kind in ('paragraf', 'stk', 'nr')`)
        .all() as Pools['linkable'],
    };
  } finally {
    db.close();
  }
}

export async function runLoadTest(options: LoadTestOptions = {}): Promise<LoadTestResult> {
  const seconds = Math.min(options.seconds ?? 60, 600);
  const rate = Math.min(options.rate ?? 50, 1000);
  const log = options.log ?? (() => {});
  const rnd = mulberry32(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const weighted = () => {
    let r = rnd() * MIX.reduce((a, [, w]) => a + w, 0);
    for (const [op, w] of MIX) if ((r -= w) < 0) return op;
    return MIX[0][0];
  };
  const dbFile = path.join(ROOT, '.tmp', 'load-test.db');
  if (options.dbFile) copyDatabase(options.dbFile, dbFile);
  else removeDatabase(dbFile);
  const server: ServerProcess = await spawnServer({ dbFile, demo: !options.dbFile, timeoutMs: 60_000 });
  const session: Session = await login(server.url);
  const pools = readPools(dbFile);
  // The requirements this run created: each is edited by one request at a time, so an edit never meets a 409.
  const own: { humanId: string; version: number; busy: boolean; links: Set<string> }[] = [];
  const latencies: { op: Op; ms: number }[] = [];
  const errorSamples: string[] = [];
  let errors = 0;

  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(server.url + url, {
      method,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };

  const request = async (op: Op): Promise<void> => {
    const free = own.filter((o) => !o.busy);
    if ((op === 'update' || op === 'link') && free.length === 0) op = 'create';
    const started = performance.now();
    const target = op === 'update' || op === 'link' ? pick(free) : null;
    if (target) target.busy = true;
    try {
      switch (op) {
        case 'list':
          await call('GET', `/api/requirements?solution=${pick(pools.solutions)}&limit=25&offset=${25 * Math.floor(rnd() * 4)}`);
          break;
        case 'search':
          await call('GET', `/api/requirements?q=${encodeURIComponent(pick(WORDS))}&solution=${pick(pools.solutions)}&limit=25`);
          break;
        case 'detail':
          await call('GET', `/api/requirements/${encodeURIComponent(pick(pools.humanIds))}`);
          break;
        case 'provision': {
          const p = pick(pools.linked);
          await call('GET', `/api/sources/${p.sourceId}/provisions/${encodeURIComponent(p.key)}`);
          break;
        }
        case 'create': {
          const r = await call('POST', '/api/requirements', { solution: 'KY', title: 'Belastningstest', text: 'Løsningen skal svare hurtigt under blandet belastning.', kind: 'proces', reason: 'Belastningstest' });
          own.push({ humanId: String(r.humanId), version: Number(r.version), busy: false, links: new Set() });
          break;
        }
        case 'update': {
          const r = await call('PUT', `/api/requirements/${target!.humanId}`, { version: target!.version, text: `Løsningen skal svare hurtigt (version ${target!.version + 1}).`, reason: 'Belastningstest' });
          target!.version = Number(r.version);
          break;
        }
        case 'link': {
          let p = pick(pools.linkable);
          for (let i = 0; i < 20 && target!.links.has(`${p.sourceId}|${p.key}`); i++) p = pick(pools.linkable);
          target!.links.add(`${p.sourceId}|${p.key}`);
          await call('POST', '/api/links', { requirement: target!.humanId, sourceId: p.sourceId, provisionKey: p.key, rationale: 'Belastningstest' });
          break;
        }
      }
      latencies.push({ op, ms: performance.now() - started });
    } catch (err) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push((err as Error).message);
    } finally {
      if (target) target.busy = false;
    }
  };

  try {
    const total = seconds * rate;
    const interval = 1000 / rate;
    const inFlight = new Set<Promise<void>>();
    const start = performance.now();
    log(`${total} requests at ${rate}/s over ${seconds} s against ${options.dbFile ?? 'the demo data'} …`);
    for (let i = 0; i < total; i++) {
      // Open loop: requests leave on schedule whether or not earlier ones have answered.
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const p = request(weighted());
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      if (i > 0 && i % (rate * 10) === 0) log(`  ${Math.round((performance.now() - start) / 1000)} s: ${latencies.length} answered, ${errors} errors, ${inFlight.size} in flight`);
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - start) / 1000;
    const all = latencies.map((l) => l.ms).sort((a, b) => a - b);
    const byOp: LoadTestResult['byOp'] = {};
    for (const [op] of MIX) {
      const xs = latencies.filter((l) => l.op === op).map((l) => l.ms).sort((a, b) => a - b);
      byOp[op] = { n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99) };
    }
    return { requests: latencies.length + errors, errors, errorSamples, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), achievedRate: (latencies.length + errors) / elapsed, byOp };
  } finally {
    await server.stop();
    removeDatabase(dbFile);
  }
}

function parseArgs(argv: string[]): LoadTestOptions {
  const out: LoadTestOptions = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--db') out.dbFile = value;
    else if (flag === '--seconds' || flag === '--rate' || flag === '--seed') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} skal være et positivt heltal`);
      out[flag.slice(2) as 'seconds' | 'rate' | 'seed'] = n;
    } else throw new Error(`Ukendt argument ${flag}; brug --seconds N --rate N [--db FILE] [--seed N]`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runLoadTest({ ...parseArgs(process.argv.slice(2)), log: console.log });
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`\nrequests ${r.requests}, errors ${r.errors}, achieved ${r.achievedRate.toFixed(1)} req/s`);
  console.log(`latency p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}`);
  for (const [op, f] of Object.entries(r.byOp)) console.log(`  ${op.padEnd(10)} ${String(f.n).padStart(6)}  p50 ${ms(f.p50)}  p99 ${ms(f.p99)}`);
  for (const e of r.errorSamples) console.log(`ERROR ${e}`);
  process.exit(r.errors === 0 ? 0 : 1);
}
