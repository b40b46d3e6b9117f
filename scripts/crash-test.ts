// Crash safety: a write load against the real server, SIGKILL at a random (seeded) moment, restart, and check that
// every write the server acknowledged is there, the history is whole, PRAGMA integrity_check is ok and the audit
// chain verifies. `npm run crash-test -- [--cycles 20] [--seed 1] [--clients 6]`.
// What makes it hold: WAL with synchronous=FULL (server/db/database.ts), and a response only after COMMIT.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../fixtures/large.js';
import { verifyAuditChain } from '../server/audit/audit.repository.js';
import { openDatabase } from '../server/db/database.js';
import { login, removeDatabase, spawnServer, type ServerProcess, type Session } from '../bench/server-process.js';

export interface CrashTestOptions {
  cycles?: number;
  seed?: number;
  /** Concurrent writers. */
  clients?: number;
  /** Longest time the load runs before the kill, in ms (the kill falls at a random moment within it). */
  maxLoadMs?: number;
  dbFile?: string;
  log?: (line: string) => void;
}

export interface CrashTestResult {
  cycles: number;
  acknowledged: number;
  lost: number;
  /** Every failed check, in words; empty when all held. */
  problems: string[];
  ms: number;
}

interface Owned {
  humanId: string;
  /** The newest version the server acknowledged. */
  acked: number;
}

const SOLUTION = 'KY';

async function send(server: ServerProcess, session: Session, method: string, url: string, body: unknown) {
  const res = await fetch(server.url + url, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { humanId?: string; version?: number; error?: { message: string } };
  if (res.status < 200 || res.status > 299) throw new HttpError(res.status, json.error?.message ?? '');
  return json;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`${status} ${message}`);
  }
}

/** One writer: creates requirements and edits its own, recording each acknowledged write, until the server dies. */
async function writer(server: ServerProcess, session: Session, owned: Owned[], rnd: () => number, stop: { killed: boolean }, counts: { acked: number; rejected: string[] }) {
  let n = 0;
  while (!stop.killed) {
    try {
      if (owned.length === 0 || rnd() < 0.35) {
        const r = await send(server, session, 'POST', '/api/requirements', {
          solution: SOLUTION,
          title: `Crashtest-krav ${n++}`,
          text: 'Løsningen skal bevare enhver bekræftet ændring, også efter et nedbrud.',
          kind: 'regel',
          reason: 'Crashtest',
        });
        owned.push({ humanId: r.humanId!, acked: r.version! });
      } else {
        const target = owned[Math.floor(rnd() * owned.length)];
        const r = await send(server, session, 'PUT', `/api/requirements/${target.humanId}`, {
          version: target.acked,
          text: `Løsningen skal bevare enhver bekræftet ændring (redigering ${target.acked + 1}).`,
          reason: 'Crashtest',
        });
        target.acked = r.version!;
      }
      counts.acked++;
    } catch (err) {
      // A refused connection or a reset is the kill; an HTTP error status while the server lives is a finding.
      if (err instanceof HttpError && !stop.killed) counts.rejected.push(err.message);
      if (!(err instanceof HttpError)) return;
    }
  }
}

/** Checks the database file after a crash and restart; brings each writer's versions up to date with what is stored. */
async function verify(dbFile: string, writers: Owned[][], problems: string[], cycle: number): Promise<{ checked: number; lost: number }> {
  const { db, sqlite } = openDatabase(dbFile);
  let checked = 0;
  let lost = 0;
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`cycle ${cycle}: integrity_check: ${String(integrity)}`);
    const chain = await verifyAuditChain(db);
    if (chain.firstBroken !== null) problems.push(`cycle ${cycle}: audit chain broken at entry ${chain.firstBroken}`);
    const row = sqlite.prepare('select id, version from requirements where human_id = ?');
    const history = sqlite.prepare('select count(*) as n, min(version) as lo, max(version) as hi from requirement_versions where requirement_id = ?');
    for (const owned of writers) {
      for (const o of owned) {
        checked++;
        const r = row.get(o.humanId) as { id: number; version: number } | undefined;
        if (!r) {
          lost++;
          problems.push(`cycle ${cycle}: ${o.humanId} acknowledged (version ${o.acked}) but missing`);
          continue;
        }
        if (r.version < o.acked) {
          lost++;
          problems.push(`cycle ${cycle}: ${o.humanId} is version ${r.version}, version ${o.acked} was acknowledged`);
        }
        const h = history.get(r.id) as { n: number; lo: number; hi: number };
        if (h.n !== r.version || h.lo !== 1 || h.hi !== r.version) problems.push(`cycle ${cycle}: ${o.humanId} version ${r.version} has history ${h.n} rows (${h.lo}-${h.hi})`);
        // A write can land without its answer arriving: the next cycle edits from what is stored.
        o.acked = Math.max(o.acked, r.version);
      }
    }
  } finally {
    sqlite.close();
  }
  return { checked, lost };
}

export async function runCrashTest(options: CrashTestOptions = {}): Promise<CrashTestResult> {
  const cycles = options.cycles ?? 20;
  const clients = options.clients ?? 6;
  const maxLoadMs = options.maxLoadMs ?? 2000;
  const log = options.log ?? (() => {});
  const rnd = mulberry32(options.seed ?? 1);
  const dbFile = options.dbFile ?? path.join(os.tmpdir(), `sporbar-crash-${process.pid}.db`);
  const started = performance.now();
  removeDatabase(dbFile);
  const writers: Owned[][] = Array.from({ length: clients }, () => []);
  const problems: string[] = [];
  let acknowledged = 0;
  let lost = 0;
  let server = await spawnServer({ dbFile, demo: true, timeoutMs: 60_000 });
  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const session = await login(server.url);
      const stop = { killed: false };
      const counts = { acked: 0, rejected: [] as string[] };
      const load = writers.map((owned) => writer(server, session, owned, rnd, stop, counts));
      const killAfter = 200 + Math.floor(rnd() * (maxLoadMs - 200));
      await new Promise((r) => setTimeout(r, killAfter));
      stop.killed = true;
      await server.stop('SIGKILL');
      await Promise.all(load);
      acknowledged += counts.acked;
      for (const message of counts.rejected) problems.push(`cycle ${cycle}: a write was refused while the server ran: ${message}`);
      server = await spawnServer({ dbFile, timeoutMs: 60_000 });
      const { checked, lost: lostNow } = await verify(dbFile, writers, problems, cycle);
      lost += lostNow;
      log(`cycle ${String(cycle).padStart(2)}: killed after ${killAfter} ms, ${counts.acked} writes acknowledged, ${checked} requirements checked, ${problems.length} problems so far`);
    }
  } finally {
    await server.stop();
    removeDatabase(dbFile);
  }
  return { cycles, acknowledged, lost, problems, ms: performance.now() - started };
}

function parseArgs(argv: string[]): CrashTestOptions {
  const out: CrashTestOptions = {};
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${argv[i]} skal være et positivt heltal`);
    if (argv[i] === '--cycles') out.cycles = Math.min(value, 200);
    else if (argv[i] === '--seed') out.seed = value;
    else if (argv[i] === '--clients') out.clients = Math.min(value, 50);
    else throw new Error(`Ukendt argument ${argv[i]}; brug --cycles N --seed N --clients N`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runCrashTest({ ...parseArgs(process.argv.slice(2)), log: console.log });
  for (const p of result.problems) console.log(`PROBLEM ${p}`);
  console.log(`\ncycles ${result.cycles}, writes acknowledged ${result.acknowledged}, lost ${result.lost}, other problems ${result.problems.length - result.lost}, time ${(result.ms / 1000).toFixed(1)} s`);
  console.log('durability: journal_mode=WAL, synchronous=FULL; every acknowledged write is committed before the answer is sent');
  process.exit(result.problems.length === 0 ? 0 : 1);
}
