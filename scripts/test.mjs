// `npm test`: everything — type check, client build, unit/API/CLI tests and browser tests in Debian's Chromium.
// Installs what the tests need from Debian (as root) or stops at once naming the one command that does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureClientBuilt } from './start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const APT_PACKAGES = { '/usr/bin/chromium': 'chromium', '/usr/bin/xmllint': 'libxml2-utils' };

function ensureSystemPackages() {
  const missing = Object.entries(APT_PACKAGES).filter(([bin]) => !fs.existsSync(bin)).map(([, pkg]) => pkg);
  if (!missing.length) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || spawnSync('which', ['apt-get']).status !== 0) {
    console.error(`Testene kræver ${missing.join(', ')}. Installér med:\n  sudo ${command}`);
    process.exit(1);
  }
  console.log(`Installerer ${missing.join(', ')} fra Debian …`);
  const result = spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Installationen mislykkedes. Kør selv:\n  sudo ${command}`);
    process.exit(1);
  }
}

function run(label, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  return result.status ?? 1;
}

// The tests run against the real statutes and ReqIF files in shared/, beside this repository.
const SHARED_DATA = path.resolve(root, '..', 'shared', 'data');
if (!fs.existsSync(path.join(SHARED_DATA, 'lexdania')) || !fs.existsSync(path.join(SHARED_DATA, 'reqif'))) {
  console.error(`Testene bruger de rigtige lovtekster og ReqIF-filer i ${SHARED_DATA} (mappen shared/ ved siden af dette repository), men den findes ikke.`);
  process.exit(1);
}

ensureSystemPackages();
if (run('Typecheck (tsc --noEmit)', [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit']) !== 0) process.exit(1);
ensureClientBuilt();

const reportFile = path.join(root, '.tmp', 'vitest-report.json');
fs.mkdirSync(path.dirname(reportFile), { recursive: true });
fs.rmSync(reportFile, { force: true });
const status = run('Tests (vitest: unit, API, CLI, browser)', [
  path.join(root, 'node_modules', 'vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
  ...process.argv.slice(2),
]);
if (fs.existsSync(reportFile)) {
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`\nvitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
}
process.exit(status);
