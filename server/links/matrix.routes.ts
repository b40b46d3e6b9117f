// /api/solutions/:code/matrix
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, paramsOf, z } from '../http/validation.js';
import { traceabilityMatrix } from './matrix.service.js';

const CodeParam = z.object({ code: z.string().min(1).max(16) });
documentRoute({
  method: 'get',
  path: '/api/solutions/{code}/matrix',
  summary: 'Sporbarhedsmatrix: krav × bestemmelser (grupperet efter retskilde) med linkstatus, kompakt som arrays',
  tags: ['Sporingslinks'],
  params: CodeParam,
});

export const matrixRoutes = new Hono<AppEnv>().get('/solutions/:code/matrix', paramsOf(CodeParam), async (c) =>
  c.json(await traceabilityMatrix(c.var.db, c.req.valid('param').code, c.var.actor)),
);
