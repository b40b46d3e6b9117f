// The API under load on the large dataset: p99 at 50 concurrent connections with autocannon on loopback, each
// endpoint's throughput beside the trivial /api/health's, and single-request timings for the heavy reports.
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { mulberry32 } from '../fixtures/large.js';
import { median, percentile, round, type Figure, type Session } from './server-process.js';

const CONNECTIONS = 50;
const P99_MS = 50;
const READINESS_MS = 300;
const PATHS_PER_ENDPOINT = 400;
/** Words a kravredaktør would search for: each occurs in many requirements, across solutions. */
const SEARCH_WORDS = ['refusionen', 'valgkortet', 'handleplanen', 'udlånet', 'aktindsigten', 'fogedsagen', 'kontanthjælp', 'lægeattesten'];

export interface ApiBenchOptions {
  url: string;
  session: Session;
  /** The database the server runs on, read here only to pick realistic paths. */
  dbFile: string;
  seconds?: number;
  seed?: number;
  /**
   * The server runs with SPORBAR_RESPONSE_CACHE=0: every request runs its queries. Its figures are reported
   * beside the budgets (which are for the server as shipped), not held to them.
   */
  uncached?: boolean;
  log?: (line: string) => void;
}

interface Endpoint {
  name: string;
  paths: string[];
}

/** Realistic request paths from the data itself: pages of real solutions, real requirement ids, linked provisions. */
function endpoints(dbFile: string, seed: number): { list: Endpoint[]; largest: string } {
  const db = new SQLite(dbFile, { readonly: true });
  try {
    const rnd = mulberry32(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const solutions = db.prepare('select s.code, count(r.id) as n from solutions s join requirements r on r.solution_id = s.id group by s.id order by n desc').all() as { code: string; n: number }[];
    const total = solutions.reduce((a, s) => a + s.n, 0);
    const ids = db.prepare('select human_id from requirements order by id').pluck().all() as string[];
    const provisions = db.prepare('select distinct source_id, provision_key from trace_links').all() as { source_id: number; provision_key: string }[];
    const many = (make: () => string) => Array.from({ length: PATHS_PER_ENDPOINT }, make);
    const page = (n: number) => Math.floor(rnd() * Math.max(1, Math.ceil(n / 25)));
    return {
      largest: solutions[0].code,
      list: [
        { name: 'requirement list, all solutions (25 a page, as the Krav page opens)', paths: many(() => `/api/requirements?limit=25&offset=${page(total) * 25}`) },
        {
          name: 'requirement list, one solution (25 a page)',
          paths: many(() => {
            const s = pick(solutions);
            return `/api/requirements?solution=${s.code}&limit=25&offset=${page(s.n) * 25}`;
          }),
        },
        { name: 'requirement search, all solutions (q=word)', paths: many(() => `/api/requirements?q=${encodeURIComponent(pick(SEARCH_WORDS))}&limit=25`) },
        { name: 'requirement search, one solution (q=word)', paths: many(() => `/api/requirements?solution=${pick(solutions).code}&q=${encodeURIComponent(pick(SEARCH_WORDS))}&limit=25`) },
        { name: 'requirement detail with links', paths: many(() => `/api/requirements/${encodeURIComponent(pick(ids))}`) },
        {
          name: 'provision with history and every linked requirement',
          paths: many(() => {
            const p = pick(provisions);
            return `/api/sources/${p.source_id}/provisions/${encodeURIComponent(p.provision_key)}`;
          }),
        },
      ],
    };
  } finally {
    db.close();
  }
}

interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

export async function load(url: string, cookie: string, paths: string[], seconds: number, connections = CONNECTIONS): Promise<LoadFigures> {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie },
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[i++ % paths.length];
          return req;
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors + result.timeouts };
}

/** Sequential requests, after a warm-up: the time one user waits for a report. */
async function timeRequests(url: string, cookie: string, path: string, runs: number): Promise<{ status: number; times: number[] }> {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    const res = await fetch(url + path, { headers: { cookie } });
    await res.arrayBuffer();
    status = res.status;
    if (status !== 200) return { status, times };
    if (i >= 2) times.push(performance.now() - t);
  }
  return { status, times };
}

export async function runApiBench(options: ApiBenchOptions): Promise<Figure[]> {
  const seconds = options.seconds ?? 10;
  const log = options.log ?? (() => {});
  const { cookie } = options.session;
  const { list, largest } = endpoints(options.dbFile, options.seed ?? 7);
  const results: Figure[] = [];

  // Warm the server (JIT, SQLite page cache) on every endpoint before anything is measured.
  for (const e of list) await load(options.url, cookie, e.paths, 2, 10);
  const health = await load(options.url, cookie, ['/api/health'], seconds);
  log(`  /api/health: ${Math.round(health.rps)} req/s, p99 ${health.p99} ms`);
  // Without the response cache the figures are reported beside the budgets, not held to them.
  const off = options.uncached ? ', response cache off,' : '';
  if (!options.uncached) {
    results.push({
      name: `/api/health (with session cookie) at ${CONNECTIONS} connections: p99 (${Math.round(health.rps)} req/s, the reference)`,
      value: health.p99,
      unit: 'ms',
      target: `< ${P99_MS}`,
      met: health.p99 < P99_MS && health.bad === 0,
    });
  }
  for (const e of list) {
    const f = await load(options.url, cookie, e.paths, seconds);
    log(`  ${e.name}${off}: ${Math.round(f.rps)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.bad} errors`);
    results.push({
      name: `${e.name}${off} at ${CONNECTIONS} connections: p99 (p50 ${f.p50} ms, ${Math.round(f.rps)} req/s = ${round(f.rps / health.rps, 3)} × health${f.bad ? `, ${f.bad} errors` : ''})`,
      value: f.p99,
      unit: 'ms',
      target: options.uncached ? 'reported' : `< ${P99_MS}`,
      met: f.bad === 0 && (options.uncached || f.p99 < P99_MS),
    });
  }
  if (options.uncached) return results;

  const readiness = await timeRequests(options.url, cookie, `/api/solutions/${largest}/readiness`, 10);
  if (readiness.status === 200) {
    const sorted = [...readiness.times].sort((a, b) => a - b);
    const med = median(sorted);
    results.push({
      name: `readiness report, ${largest} (the largest solution) (median of 10, slowest ${round(percentile(sorted, 100), 0)} ms)`,
      value: round(med, 0),
      unit: 'ms',
      target: `< ${READINESS_MS}`,
      met: med < READINESS_MS,
    });
  } else {
    results.push({
      name: `readiness report, ${largest} (the largest solution)`,
      value: Number.NaN,
      unit: 'ms',
      target: `< ${READINESS_MS}`,
      met: false,
      notMeasured: `GET /api/solutions/${largest}/readiness answered ${readiness.status}`,
    });
  }
  return results;
}
