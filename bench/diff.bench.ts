// Speed of the provision diff against git's word diff of the same texts, and of the LexDania parser.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseLexDania } from '../server/sources/lexdania.js';
import { diffVersions } from '../server/sources/provision-diff.js';
import type { ParsedVersion } from '../server/sources/provision.types.js';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable goal, e.g. "≤ 3". */
  target: string;
  met: boolean;
}

const RETSPLEJELOVEN = fileURLToPath(new URL('../../shared/data/lexdania/retsplejeloven/', import.meta.url));
const OLD_FILE = join(RETSPLEJELOVEN, 'LBK-2015-1255.xml');
const NEW_FILE = join(RETSPLEJELOVEN, 'LBK-2016-1257.xml');
const RUNS = 5;
// The diff runs in tens of milliseconds, so V8 needs a good number of calls before it settles.
const WARM_UP = 10;

/** Median wall time in ms of `runs` calls after `WARM_UP` untimed ones. */
export function medianMs(run: () => void, runs = RUNS): number {
  for (let i = 0; i < WARM_UP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

/** One "label text" line per provision: the plain text git sees. */
function plainText(version: ParsedVersion): string {
  return version.provisions.map((p) => `${p.label} ${p.text}`).join('\n') + '\n';
}

/** git's word diff of the two plain texts, timed as a whole process the way someone would run it. */
function gitWordDiffMs(oldV: ParsedVersion, newV: ParsedVersion): number {
  const dir = mkdtempSync(join(tmpdir(), 'sporbar-diff-bench-'));
  try {
    const [a, b] = [join(dir, 'old.txt'), join(dir, 'new.txt')];
    writeFileSync(a, plainText(oldV));
    writeFileSync(b, plainText(newV));
    return medianMs(() => {
      // Exit status 1 means "differences found"; only a missing git or a real failure is an error.
      const r = spawnSync('git', ['diff', '--no-index', '--no-color', '--word-diff', a, b], { maxBuffer: 64 * 1024 * 1024 });
      if (r.error || (r.status !== 0 && r.status !== 1)) throw r.error ?? new Error(`git diff exited with ${r.status}: ${r.stderr}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runDiffBench(): Promise<BenchResult[]> {
  const oldXml = readFileSync(OLD_FILE);
  const newXml = readFileSync(NEW_FILE);
  const oldV = parseLexDania(oldXml);
  const newV = parseLexDania(newXml);

  const diffMs = medianMs(() => diffVersions(oldV, newV));
  let gitMs = Number.NaN;
  try {
    gitMs = gitWordDiffMs(oldV, newV);
  } catch {
    // Without git there is no reference; the ratio is reported as not met rather than failing the run.
  }
  const ratio = diffMs / gitMs;
  const parseMs = medianMs(() => parseLexDania(newXml));
  const megabytes = newXml.length / 1e6;
  const mbPerSecond = megabytes / (parseMs / 1000);

  return [
    { name: 'provision diff, retsplejeloven LBK-2015-1255 → LBK-2016-1257 (median of 5)', value: round(diffMs), unit: 'ms', target: '< 1000', met: diffMs < 1000 },
    { name: 'git diff --no-index --word-diff, same two texts as "label text" lines', value: round(gitMs), unit: 'ms', target: 'reference', met: Number.isFinite(gitMs) },
    { name: 'provision diff / git word diff', value: round(ratio), unit: '×', target: '≤ 3', met: ratio <= 3 },
    { name: `LexDania parse, LBK-2016-1257.xml (${megabytes.toFixed(1)} MB, median of 5)`, value: round(mbPerSecond), unit: 'MB/s', target: '≥ 30', met: mbPerSecond >= 30 },
  ];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await runDiffBench()) {
    console.log(`${r.met ? 'ok  ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
  }
}
