// The traceability matrix of a 3,000-requirement solution, first painted in headless Chromium: from navigation
// start to the first requirement rows in the DOM (the page's performance mark), in fresh browser contexts.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { MATRIX_SOLUTION } from '../fixtures/large.js';
import type { BenchResult } from './diff.bench.js';
import { ROOT, login, median, round, spawnServer } from './server-process.js';

/** The page's mark (client/pages/sb-trace-matrix-page.ts, MATRIX_FIRST_ROWS_MARK); kept literal so no client code runs here. */
const FIRST_ROWS_MARK = 'sb-matrix-first-rows';
const FIRST_PAINT_MS = 500;
const RUNS = 5;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface MatrixPaintOptions {
  baseUrl: string;
  /** The session cookie as a request sends it: `name=value`. */
  cookie: string;
  code: string;
  runs?: number;
  /** A running browser to use; else one is launched and closed again. */
  browser?: Browser;
}

export interface MatrixPaint {
  /** Navigation start → first rows in the DOM, per run, each in a fresh context (empty cache, as a first visit), after one unmeasured visit. */
  runsMs: number[];
  medianMs: number;
  /** What the grid says it holds, and how many rows are actually in the DOM (virtualisation). */
  rowCount: number;
  rowsInDom: number;
  cellsInDom: number;
}

/** Opens the matrix page `runs` times, each in a new browser context with the session cookie, and reads the mark. */
export async function measureMatrixFirstPaint(options: MatrixPaintOptions): Promise<MatrixPaint> {
  const browser = options.browser ?? (await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
  const [name, ...value] = options.cookie.split('=');
  const runsMs: number[] = [];
  let rowCount = 0;
  let rowsInDom = 0;
  let cellsInDom = 0;
  try {
    // One visit first, unmeasured, as a running server has its code paths and SQLite's cache warm.
    for (let i = -1; i < (options.runs ?? RUNS); i++) {
      const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } });
      try {
        await context.addCookies([{ name, value: value.join('='), url: options.baseUrl }]);
        const page = await context.newPage();
        await page.goto(`${options.baseUrl}/loesninger/${encodeURIComponent(options.code)}/sporbarhed`);
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_ROWS_MARK, { timeout: 30_000 });
        const ms = await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, FIRST_ROWS_MARK);
        if (i >= 0) runsMs.push(ms);
        const grid = page.getByRole('grid');
        rowCount = Number(await grid.getAttribute('aria-rowcount')) - 2;
        rowsInDom = await grid.locator('[role="row"][aria-rowindex]').count().then((n) => n - 2);
        cellsInDom = await grid.locator('[role="gridcell"]').count();
      } finally {
        await context.close();
      }
    }
  } finally {
    if (!options.browser) await browser.close();
  }
  return { runsMs, medianMs: median(runsMs), rowCount, rowsInDom, cellsInDom };
}

/** On the large dataset (`npm run bench`), whose MATRIX_SOLUTION has 3,000 requirements; needs the built client. */
export async function runMatrixBench(options: { dbFile: string }): Promise<BenchResult[]> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'client', 'index.html'))) throw new Error('dist/client mangler: kør "npm run build" først');
  const server = await spawnServer({ dbFile: options.dbFile });
  try {
    const session = await login(server.url, 'kravredaktoer');
    const paint = await measureMatrixFirstPaint({ baseUrl: server.url, cookie: session.cookie, code: MATRIX_SOLUTION.code });
    console.log(
      `  matrix: ${paint.rowCount} krav, ${paint.rowsInDom} rækker og ${paint.cellsInDom} celler i DOM; første visning ${paint.runsMs.map((t) => Math.round(t)).join(', ')} ms (median af ${paint.runsMs.length})`,
    );
    return [
      {
        name: `Sporbarhedsmatrix første visning (${paint.rowCount.toLocaleString('da-DK')} krav)`,
        value: round(paint.medianMs, 0),
        unit: 'ms',
        target: `< ${FIRST_PAINT_MS}`,
        met: paint.medianMs < FIRST_PAINT_MS,
      },
    ];
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dbFile = process.argv[2] ?? path.join(ROOT, '.tmp', 'bench-large.db');
  for (const r of await runMatrixBench({ dbFile })) console.log(`${r.met ? 'ok  ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
}
