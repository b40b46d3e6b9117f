// The real server in a child process, for benches, the crash test and the load test: spawn, wait, log in, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config.js';
import type { DatabaseOptions } from '../server/db/database.js';
import type { BenchResult } from './diff.bench.js';

/** A bench figure, or the reason there is none. */
export interface Figure extends BenchResult {
  notMeasured?: string;
}

/** What the server opens its database with (its page cache), for the in-process benches. */
export const SERVER_DB_OPTIONS: DatabaseOptions = { cacheMb: loadConfig().dbCacheMb };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn until /api/health answered 200. */
  startMs: number;
  /** What the server printed, for a failure message. */
  output: () => string;
  /** SIGTERM (graceful) or SIGKILL; resolves when the process has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** A port nothing listens on right now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface SpawnOptions {
  dbFile: string;
  /** Load the demo data into an empty database (default: no). */
  demo?: boolean;
  port?: number;
  /** Give up waiting for /api/health after this long. */
  timeoutMs?: number;
  /** More environment for the server (SPORBAR_RESPONSE_CACHE=0, say). */
  env?: Record<string, string>;
}

/** Starts the server as `npm start` does (the bundled dist/server/main.mjs, built if stale) and waits until /api/health answers 200. */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const { ensureServerBuilt } = await import('../scripts/start.mjs');
  const child = spawn(process.execPath, [await ensureServerBuilt()], {
    cwd: ROOT,
    env: { ...process.env, SPORBAR_DB: options.dbFile, PORT: String(port), HOST: '127.0.0.1', SPORBAR_DEMO: options.demo ? '1' : '0', NODE_ENV: 'development', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (alive) child.kill(signal);
    await exited;
  };
  const deadline = started + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (!alive) throw new Error(`Serveren stoppede under start:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`Serveren svarede ikke på /api/health inden for ${options.timeoutMs ?? 30_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { url, pid: child.pid!, child, startMs: performance.now() - started, output: () => output, stop };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** Logs in through the API and returns the cookie header and CSRF token a client sends on. */
export async function login(url: string, username = 'admin', password = 'demo'): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`Login som ${username} mislykkedes: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** Resident set size of a process in MB (Linux /proc), or NaN where that cannot be read. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Copies a SQLite database file (and its WAL, if any, and its audit key) so a bench can change the copy. */
export function copyDatabase(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm', '.audit-key']) {
    fs.rmSync(to + suffix, { force: true });
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
  }
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '.audit-key', '.audit-anchor.json']) fs.rmSync(file + suffix, { force: true });
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
