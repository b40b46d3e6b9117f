// Assembles the API and the static client into one Hono app.
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { auditRoutes } from '../audit/audit.routes.js';
import type { Db } from '../db/database.js';
import { changeRequestRoutes } from '../change-requests/change-requests.routes.js';
import { linkRoutes } from '../links/links.routes.js';
import { reviewRoutes } from '../links/review.routes.js';
import { requirementRoutes } from '../requirements/requirements.routes.js';
import { solutionRoutes } from '../solutions/solutions.routes.js';
import { sourceRoutes } from '../sources/sources.routes.js';
import type { AppEnv } from './env.js';
import { NotFound, TooLarge, handleError } from './errors.js';
import { openApiDocument } from './validation.js';

export interface AppOptions {
  db: Db;
  /** Folder of the built client; omitted in API-only tests. */
  clientDir?: string;
}

const JSON_LIMIT_BYTES = 1024 * 1024;
const ACTOR_PATTERN = /^[\p{L}\p{N}._ -]{1,64}$/u;

function buildApi() {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      // Uploads have their own, larger limit on their route.
      if (c.req.path === '/api/sources/import') return next();
      return bodyLimit({
        maxSize: JSON_LIMIT_BYTES,
        onError: () => {
          throw new TooLarge('Forespørgslen er for stor; højst 1 MB');
        },
      })(c, next);
    })
    .get('/health', (c) => c.json({ ok: true }))
    .get('/openapi.json', (c) => c.json(openApiDocument()))
    .route('/', solutionRoutes)
    .route('/', sourceRoutes)
    .route('/', requirementRoutes)
    .route('/', linkRoutes)
    .route('/', reviewRoutes)
    .route('/', changeRequestRoutes)
    .route('/', auditRoutes);
}

export type ApiType = ReturnType<typeof buildApi>;

export function createApp({ db, clientDir }: AppOptions) {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use('/api/*', async (c, next) => {
    c.set('db', db);
    // Until logins arrive, the acting user is named by a header; the audit log records it.
    const claimed = c.req.header('x-sporbar-user')?.trim();
    c.set('actor', claimed && ACTOR_PATTERN.test(claimed) ? claimed : 'anonym');
    await next();
  });
  app.route('/api', buildApi());
  app.all('/api/*', () => {
    throw new NotFound('Ukendt API-adresse');
  });
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    const indexHtml = fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), clientDir) || '.' }));
    app.use('/favicon.svg', serveStatic({ root: path.relative(process.cwd(), clientDir) || '.' }));
    // The client routes in the browser: every other GET gets the app shell.
    app.get('*', (c) => c.html(indexHtml));
  }
  return app;
}
