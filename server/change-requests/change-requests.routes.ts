// /api/change-requests
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, paramsOf, queryOf, z } from '../http/validation.js';
import { ChangeRequestQuery, getChangeRequest, listChangeRequests } from './change-requests.service.js';

const HumanIdParam = z.object({ humanId: z.string().min(1).max(32) });
const tags = ['Ændringsforslag'];
documentRoute({ method: 'get', path: '/api/change-requests', summary: 'Ændringsforslag efter løsning, klasse og status', tags, query: ChangeRequestQuery });
documentRoute({ method: 'get', path: '/api/change-requests/{humanId}', summary: 'Ét ændringsforslag med krav og bestemmelser', tags, params: HumanIdParam });

export const changeRequestRoutes = new Hono<AppEnv>()
  .get('/change-requests', queryOf(ChangeRequestQuery), async (c) => c.json({ items: await listChangeRequests(c.var.db, c.req.valid('query')) }))
  .get('/change-requests/:humanId', paramsOf(HumanIdParam), async (c) => c.json(await getChangeRequest(c.var.db, c.req.valid('param').humanId)));
