// Assembles the API and the static client into one Hono app: security headers, sessions, CSRF, routers.
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { auditRoutes } from '../audit/audit.routes.js';
import { baselineRoutes } from '../baselines/baselines.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { LoginThrottle, SESSION_COOKIE, resolveSession } from '../auth/auth.service.js';
import { authorize } from '../auth/permissions.js';
import { changeRequestRoutes } from '../change-requests/change-requests.routes.js';
import type { Db } from '../db/database.js';
import { exchangeRoutes } from '../exchange/exchange.routes.js';
import { lawChangeRoutes } from '../law-change/law-change.routes.js';
import { billRoutes } from '../law-change/bills.routes.js';
import { linkRoutes } from '../links/links.routes.js';
import { matrixRoutes } from '../links/matrix.routes.js';
import { reviewRoutes } from '../links/review.routes.js';
import { readinessRoutes } from '../readiness/readiness.routes.js';
import { requirementRoutes } from '../requirements/requirements.routes.js';
import { searchRoutes } from '../search/search.routes.js';
import { sessionRoutes } from '../sessions/sessions.routes.js';
import { solutionRoutes } from '../solutions/solutions.routes.js';
import { sourceRoutes } from '../sources/sources.routes.js';
import { TrustedProxies, clientInfo } from './client-address.js';
import type { AppEnv } from './env.js';
import { DomainError, Forbidden, NotFound, TooLarge, Unauthorized, handleError } from './errors.js';
import { openApiDocument } from './validation.js';

export interface AppOptions {
  db: Db;
  /** Folder of the built client; omitted in API-only tests. */
  clientDir?: string;
  loginThrottle?: LoginThrottle;
  /** Keep the responses of reads everyone sees alike until the next write (default on; response-cache.ts). */
  responseCache?: boolean;
  /** Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (SPORBAR_TRUSTED_PROXIES). */
  trustedProxies?: readonly string[];
}

const JSON_LIMIT_BYTES = 1024 * 1024;
/** Reachable without a session. */
const PUBLIC_PATHS = new Set(['/api/health', '/api/openapi.json', '/api/auth/login', '/api/auth/logout']);
const LOGOUT_PATH = '/api/auth/logout';
/** Hono's default for Strict-Transport-Security, sent only when the client came over https. */
const HSTS = 'max-age=15552000; includeSubDomains';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requirement imports (exchange.routes.ts) take files up to their own limit. */
const IMPORT_UPLOAD_PATH = /^\/api\/solutions\/[^/]+\/import\/(preview|commit)$/;

function buildApi(throttle: LoginThrottle) {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      // Uploads have their own, larger limit on their route.
      if (c.req.path === '/api/sources/import' || IMPORT_UPLOAD_PATH.test(c.req.path)) return next();
      return bodyLimit({
        maxSize: JSON_LIMIT_BYTES,
        onError: () => {
          throw new TooLarge('Forespørgslen er for stor; højst 1 MB');
        },
      })(c, next);
    })
    .get('/health', (c) => c.json({ ok: true }))
    .get('/openapi.json', (c) => c.json(openApiDocument()))
    .route('/', authRoutes(throttle))
    .route('/', solutionRoutes)
    .route('/', sourceRoutes)
    .route('/', lawChangeRoutes)
    .route('/', billRoutes)
    .route('/', requirementRoutes)
    .route('/', linkRoutes)
    .route('/', matrixRoutes)
    .route('/', reviewRoutes)
    .route('/', changeRequestRoutes)
    .route('/', sessionRoutes)
    .route('/', auditRoutes)
    .route('/', baselineRoutes)
    .route('/', readinessRoutes)
    .route('/', exchangeRoutes)
    .route('/', searchRoutes);
}

export type ApiType = ReturnType<typeof buildApi>;

export function createApp({ db, clientDir, loginThrottle = new LoginThrottle(), responseCache = true, trustedProxies = [] }: AppOptions) {
  const app = new Hono<AppEnv>();
  const proxies = new TrustedProxies(trustedProxies);
  app.onError((err, c) => {
    const res = handleError(err, c);
    if (err instanceof DomainError && 'retryAfterSeconds' in err) res.headers.set('retry-after', String(err.retryAfterSeconds));
    return res;
  });
  app.use(async (c, next) => {
    const client = clientInfo(c, proxies);
    c.set('clientAddress', client.address);
    c.set('https', client.https);
    await next();
    // Over plain http the header means nothing, and on a local address it would pin the browser to https.
    if (client.https) c.res.headers.set('strict-transport-security', HSTS);
  });
  app.use(
    secureHeaders({
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
    }),
  );
  app.use('/api/*', async (c, next) => {
    c.set('db', db);
    c.set('responseCache', responseCache);
    c.set('sessionId', null);
    c.set('csrfToken', null);
    c.set('displayName', null);
    const session = await resolveSession(db, getCookie(c, SESSION_COOKIE));
    c.set('actor', session?.actor ?? { name: 'anonym', userId: null, roles: [] });
    // The session cookie rides along on any request from the browser; the token in a header does not.
    const requireCsrf = () => {
      if (MUTATING.has(c.req.method) && c.req.header('x-csrf-token') !== session?.csrfToken) {
        throw new Forbidden('CSRF-token mangler eller er forkert; genindlæs siden');
      }
    };
    // Logging out without a session is a harmless no-op; ending a live one is a change like any other.
    if (c.req.path === LOGOUT_PATH && session) requireCsrf();
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    if (!session) throw new Unauthorized();
    c.set('sessionId', session.sessionId);
    c.set('csrfToken', session.csrfToken);
    c.set('displayName', session.displayName);
    requireCsrf();
    if (c.req.path !== '/api/auth/me') authorize(session.actor, 'read', null);
    await next();
  });
  app.route('/api', buildApi(loginThrottle));
  app.all('/api/*', () => {
    throw new NotFound('Ukendt API-adresse');
  });
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    const indexHtml = fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8');
    const root = path.relative(process.cwd(), clientDir) || '.';
    app.use('/assets/*', serveStatic({ root }));
    app.use('/favicon.svg', serveStatic({ root }));
    // The client routes in the browser: every other GET gets the app shell.
    app.get('*', (c) => c.html(indexHtml));
  }
  return app;
}
