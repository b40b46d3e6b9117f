// Import previews against the real server (the build `npm start` runs): /api/health's p99 while the largest
// XLSX and CSV an import accepts are previewed (no request should wait on another user's import), and the
// server's RSS after ten such previews (they wait in the database, not in memory). The files are generated here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS } from '../server/exchange/import-file.js';
import type { BenchResult } from './diff.bench.js';
import { login, percentile, removeDatabase, round, rssMb, spawnServer, type Session } from './server-process.js';

const HEALTH_P99_MS = 100;
const RSS_AFTER_MB = 400;
const PREVIEWS = 10;
/** Memory is read right after the last preview (the budget) and again once the server has been idle a while (both budgeted). */
const SETTLE_MS = 15_000;

/** A requirement text of about a kilobyte, different per row so the shared strings do not collapse. */
const text = (i: number) =>
  `Løsningen skal understøtte sagsbehandlingen i trin ${i}, så borgeren får en korrekt afgørelse til tiden. `.repeat(7) + `Sagsbehandleren dokumenterer vurdering nr. ${i * 7919}.`;
const row = (i: number) => [`EXT-${i}`, `Krav nummer ${i} om sagsbehandling`, text(i), 'Proces', 'Udkast', '§ 6, stk. 1, sygedagpengeloven'];
const HEADER = ['Krav-ID', 'Titel', 'Kravtekst', 'Kravtype', 'Status', 'Lovgrundlag'];

async function largestXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Krav');
  sheet.addRow(HEADER);
  for (let i = 1; i <= MAX_IMPORT_ROWS; i++) sheet.addRow(row(i));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function largestCsv(): Uint8Array {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [HEADER.join(';')];
  for (let i = 1; i <= MAX_IMPORT_ROWS; i++) lines.push(row(i).map(quote).join(';'));
  return new TextEncoder().encode(lines.join('\r\n'));
}

async function preview(url: string, session: Session, name: string, content: Uint8Array): Promise<{ ms: number; status: number; body: string }> {
  const form = new FormData();
  form.append('file', new Blob([content as Uint8Array<ArrayBuffer>]), name);
  const start = performance.now();
  const res = await fetch(`${url}/api/solutions/KY/import/preview`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: form });
  const body = await res.text();
  return { ms: performance.now() - start, status: res.status, body: res.status === 200 ? '' : body.slice(0, 300) };
}

/** /api/health asked one request after another while `work` runs: each answer's time. */
async function healthDuring(url: string, work: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    const start = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 5));
  }
  await work;
  return times.sort((a, b) => a - b);
}

export async function runImportPreviewBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-import-bench-'));
  const dbFile = path.join(dir, 'bench.db');
  const xlsx = await largestXlsx();
  const csv = largestCsv();
  const server = await spawnServer({ dbFile, demo: true });
  try {
    const session = await login(server.url);
    const results: BenchResult[] = [];
    for (const [name, content] of [
      ['krav.xlsx', xlsx],
      ['krav.csv', csv],
    ] as const) {
      let answer = { ms: 0, status: 0, body: '' };
      const health = await healthDuring(
        server.url,
        preview(server.url, session, name, content).then((a) => (answer = a)),
      );
      if (answer.status !== 200) throw new Error(`Forhåndsvisning af ${name} gav ${answer.status}: ${answer.body}`);
      const p99 = percentile(health, 99);
      const kind = name.endsWith('.xlsx') ? 'XLSX' : 'CSV';
      results.push({
        name: `/api/health p99 while a ${MAX_IMPORT_ROWS.toLocaleString('en')}-row ${kind} (${round(content.length / 1e6)} MB) is previewed (${health.length} requests, max ${round(health.at(-1)!)} ms; preview took ${round(answer.ms / 1000)} s)`,
        value: round(p99),
        unit: 'ms',
        target: `< ${HEALTH_P99_MS}`,
        met: p99 < HEALTH_P99_MS,
      });
    }
    for (let i = 0; i < PREVIEWS; i++) {
      const answer = await preview(server.url, session, `krav-${i}.xlsx`, xlsx);
      if (answer.status !== 200) throw new Error(`Forhåndsvisning ${i + 1} gav ${answer.status}: ${answer.body}`);
    }
    const right = rssMb(server.pid);
    results.push({ name: `server RSS right after ${PREVIEWS} previews of the ${MAX_IMPORT_ROWS.toLocaleString('en')}-row XLSX`, value: round(right), unit: 'MB', target: `< ${RSS_AFTER_MB}`, met: right < RSS_AFTER_MB });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const rss = rssMb(server.pid);
    results.push({ name: `server RSS ${SETTLE_MS / 1000} s after ${PREVIEWS} previews of the ${MAX_IMPORT_ROWS.toLocaleString('en')}-row XLSX`, value: round(rss), unit: 'MB', target: `< ${RSS_AFTER_MB}`, met: rss < RSS_AFTER_MB });
    return results;
  } finally {
    await server.stop();
    removeDatabase(dbFile);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
