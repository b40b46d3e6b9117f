// Reads that every signed-in user sees alike (requirement lists, a requirement, a provision with its links) are
// kept as finished responses until anything is written to the database. A kravredaktør paging back and forth,
// or fifty people opening the same provision after a law change, then costs a lookup instead of the queries,
// and the browser revalidates with If-None-Match and gets 304 without a body.
// Correct because the key is the whole URL and the set of solutions the user may read, these responses depend on
// nothing but those and the data (a user who may read other solutions gets other lists: two users share an entry
// only when they may read exactly the same solutions), and the change token moves on every
// commit, from this process or another (the CLI). A write between reading the token and reading the data leaves
// an entry under a token that is already stale, so it is never served.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { readableSolutions } from '../auth/permissions.js';
import { UntilChanged, changeToken } from '../db/change-token.js';
import type { AppEnv } from './env.js';

interface Kept {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
}

/** 32 MB of response bodies at most, per database. */
const kept = new UntilChanged<Kept>({ entries: 5000, weight: 32 * 1024 * 1024, weigh: (k) => k.body.byteLength });

// no-cache: the browser may keep the body, but asks each time whether it is still current.
const headers = { 'cache-control': 'private, no-cache', vary: 'cookie' };

export const cachedUntilChanged: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Off with SPORBAR_RESPONSE_CACHE=0 (config.ts): the bench measures the queries themselves that way.
  if (!c.var.responseCache || c.req.method !== 'GET') return next();
  const db = c.var.db;
  // The path and query as sent: the key needs no parsing, only to be the same for the same request.
  const scope = readableSolutions(c.var.actor);
  const key = `${scope === 'all' ? '*' : scope.join(',')} ${c.req.url.slice(c.req.url.indexOf('/', c.req.url.indexOf('//') + 2))}`;
  const token = await changeToken(db);
  const hit = kept.peek(db, key, token);
  if (hit) {
    if (c.req.header('if-none-match') === hit.etag) return c.body(null, 304, { ...headers, etag: hit.etag });
    return c.body(hit.body, 200, { ...headers, 'content-type': hit.contentType, etag: hit.etag });
  }
  await next();
  if (c.res.status !== 200) return;
  const res = c.res;
  const body = new Uint8Array(await res.arrayBuffer());
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  kept.put(db, key, token, { body, contentType: res.headers.get('content-type') ?? 'application/json', etag });
  c.res = new Response(body, { status: 200, headers: res.headers });
  c.res.headers.set('etag', etag);
  for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
};
