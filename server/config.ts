// Configuration from the environment, with the defaults the README documents.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT skal være et portnummer, ikke "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dbFile: env.SPORBAR_DB ?? './data/sporbar.db',
    clientDir: path.join(ROOT_DIR, 'dist', 'client'),
    loadDemo: env.SPORBAR_DEMO !== '0',
    production: env.NODE_ENV === 'production',
  };
}
