// /api/solutions/:code/baselines, /api/baselines
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, queryOf, z } from '../http/validation.js';
import { BaselineInput, CompareQuery, compareBaselines, createBaseline, getBaseline, listBaselines } from './baselines.service.js';

const CodeParam = z.object({ code: z.string().min(1).max(16) });
const IdParam = z.object({ id: z.coerce.number().int().positive() });

const tags = ['Baselines'];
documentRoute({ method: 'get', path: '/api/solutions/{code}/baselines', summary: 'Løsningens baselines, med hvem der tog dem', tags, params: CodeParam });
documentRoute({ access: { permission: 'baseline.create' }, method: 'post', path: '/api/solutions/{code}/baselines', summary: 'Frys krav og sporingslinks som en navngivet baseline', tags, params: CodeParam, body: BaselineInput });
documentRoute({ method: 'get', path: '/api/baselines/compare', summary: 'Sammenlign to baselines, eller en baseline med nu', tags, query: CompareQuery });
documentRoute({ method: 'get', path: '/api/baselines/{id}', summary: 'Én baseline med dens frosne krav og links', tags, params: IdParam });

// Baselines are immutable: there is deliberately no PUT, PATCH or DELETE.
export const baselineRoutes = new Hono<AppEnv>()
  .get('/solutions/:code/baselines', paramsOf(CodeParam), async (c) => c.json({ items: await listBaselines(c.var.db, c.req.valid('param').code, c.var.actor) }))
  .post('/solutions/:code/baselines', paramsOf(CodeParam), jsonBody(BaselineInput), async (c) =>
    c.json(await createBaseline(c.var.db, c.req.valid('param').code, c.req.valid('json'), c.var.actor), 201),
  )
  .get('/baselines/compare', queryOf(CompareQuery), async (c) => c.json(await compareBaselines(c.var.db, c.req.valid('query'), c.var.actor)))
  .get('/baselines/:id', paramsOf(IdParam), async (c) => c.json(await getBaseline(c.var.db, c.req.valid('param').id, c.var.actor)));
