// /api/search
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { cachedUntilChanged } from '../http/response-cache.js';
import { documentRoute, queryOf } from '../http/validation.js';
import { SearchQuery, search } from './search.service.js';

documentRoute({
  method: 'get',
  path: '/api/search',
  summary: 'Søg i krav, ændringsforslag, bestemmelser, møder og baselines (id, § eller ord; danske bøjningsformer)',
  tags: ['Søgning'],
  query: SearchQuery,
});

export const searchRoutes = new Hono<AppEnv>().get('/search', cachedUntilChanged, queryOf(SearchQuery), async (c) =>
  c.json(await search(c.var.db, c.req.valid('query'), c.var.actor)),
);
