// `npm start`: build the client if it is missing or older than its sources, then run the server.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureClientBuilt() {
  const built = path.join(root, 'dist', 'client', 'index.html');
  const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(newestMtime(path.join(root, 'client')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs);
  if (!stale) return;
  console.log('Bygger klienten …');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * The server as one ES module (dependencies stay in node_modules), so a start does not transpile every
 * TypeScript file on the fly: cold start drops from seconds to a fraction of one.
 */
export async function ensureServerBuilt() {
  const out = path.join(root, 'dist', 'server', 'main.mjs');
  const sources = Math.max(...['server', 'fixtures', 'migrations'].map((d) => newestMtime(path.join(root, d))), fs.statSync(path.join(root, 'package.json')).mtimeMs);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= sources) return out;
  const { build } = await import('esbuild');
  // The import thread (server/exchange/import-thread.ts) starts dist/server/import-worker.mjs beside main.mjs.
  await build({
    entryPoints: [path.join(root, 'server', 'main.ts'), path.join(root, 'server', 'exchange', 'import-worker.ts')],
    outdir: path.dirname(out),
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureClientBuilt();
  const server = await ensureServerBuilt();
  const child = spawn(process.execPath, ['--enable-source-maps', server], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
