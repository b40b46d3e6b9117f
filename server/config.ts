// Configuration from the environment, with the defaults the README documents.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseAnchorFile } from './audit/audit.anchor.js';
import { auditKeySource } from './audit/audit.key.js';
import { parseTrustedProxies } from './http/client-address.js';

/** The project folder: found upwards from this file, as it runs from server/ under tsx and from dist/server/ when bundled. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'sporbar') return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..');
  }
}

export const ROOT_DIR = findRoot(path.dirname(fileURLToPath(import.meta.url)));

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT skal være et portnummer, ikke "${env.PORT}"`);
  const cacheMb = Number(env.SPORBAR_DB_CACHE_MB ?? 64);
  if (!Number.isFinite(cacheMb) || cacheMb < 0) throw new Error(`SPORBAR_DB_CACHE_MB skal være et antal MB, ikke "${env.SPORBAR_DB_CACHE_MB}"`);
  const dbFile = env.SPORBAR_DB ?? './data/sporbar.db';
  return {
    port,
    dbCacheMb: cacheMb,
    responseCache: env.SPORBAR_RESPONSE_CACHE !== '0',
    host: env.HOST ?? '127.0.0.1',
    dbFile,
    /** SPORBAR_AUDIT_KEY, else the file SPORBAR_AUDIT_KEY_FILE, else sporbar.db.audit-key beside the database. */
    auditKey: auditKeySource(env, dbFile),
    /** The audit log's head at the last backup; `sporbar audit verify` compares with it. */
    auditAnchorFile: databaseAnchorFile(dbFile),
    clientDir: path.join(ROOT_DIR, 'dist', 'client'),
    loadDemo: env.SPORBAR_DEMO !== '0',
    production: env.NODE_ENV === 'production',
    trustedProxies: parseTrustedProxies(env.SPORBAR_TRUSTED_PROXIES),
  };
}
