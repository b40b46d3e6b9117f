// Cold start (spawn → /api/health 200 on an existing, migrated database) and the idle server's memory.
import type { BenchResult } from './diff.bench.js';
import { median, round, rssMb, spawnServer } from './server-process.js';

const RUNS = 5;
const COLD_START_MS = 1000;
const IDLE_RSS_MB = 150;
/** Time the server gets to settle (JIT, lazy modules, GC) before its idle memory is read. */
const SETTLE_MS = 2000;

export async function runStartupBench(dbFile: string): Promise<BenchResult[]> {
  const times: number[] = [];
  let idle = Number.NaN;
  for (let i = 0; i < RUNS; i++) {
    const server = await spawnServer({ dbFile });
    times.push(server.startMs);
    if (i === RUNS - 1) {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      idle = rssMb(server.pid);
    }
    await server.stop();
  }
  const cold = median(times);
  return [
    {
      name: `cold start: spawn → /api/health 200, migrated large database (median of ${RUNS}; ${times.map((t) => Math.round(t)).join(', ')} ms)`,
      value: round(cold, 0),
      unit: 'ms',
      target: `< ${COLD_START_MS}`,
      met: cold < COLD_START_MS,
    },
    { name: 'idle RSS of the server after start (own target)', value: round(idle, 1), unit: 'MB', target: `< ${IDLE_RSS_MB}`, met: idle < IDLE_RSS_MB },
  ];
}
