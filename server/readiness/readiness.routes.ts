// /api/solutions/:code/readiness
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, paramsOf, queryOf, z } from '../http/validation.js';
import { ReadinessQuery, readinessReport } from './readiness.service.js';

const CodeParam = z.object({ code: z.string().min(1).max(16) });
documentRoute({
  method: 'get',
  path: '/api/solutions/{code}/readiness',
  summary: 'Klar til genudbud? Usporede krav, åbne links, krav ikke gennemgået efter lovændring, åbne ændringsforslag, score',
  tags: ['Genudbud'],
  params: CodeParam,
  query: ReadinessQuery,
});

export const readinessRoutes = new Hono<AppEnv>().get('/solutions/:code/readiness', paramsOf(CodeParam), queryOf(ReadinessQuery), async (c) =>
  c.json(await readinessReport(c.var.db, c.req.valid('param').code, c.req.valid('query'), c.var.actor)),
);
