// What the browser downloads: the client's JavaScript, gzipped as a server or CDN would send it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from './diff.bench.js';
import { ROOT, round } from './server-process.js';

const ASSETS = path.join(ROOT, 'dist', 'client', 'assets');
const CLIENT_JS_KB = 150;

export async function runClientSizeBench(): Promise<BenchResult[]> {
  if (!fs.existsSync(ASSETS)) {
    const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build mislykkedes');
  }
  const files = fs.readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(ASSETS, f));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  const kb = gz / 1024;
  return [
    {
      name: `client JS gzipped (${files.length} files in dist/client/assets, ${round(raw / 1024, 0)} KB raw; own target)`,
      value: round(kb, 1),
      unit: 'KB',
      target: `< ${CLIENT_JS_KB}`,
      met: kb < CLIENT_JS_KB,
    },
  ];
}
