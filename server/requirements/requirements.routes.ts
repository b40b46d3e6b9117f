// /api/requirements
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { cachedUntilChanged } from '../http/response-cache.js';
import { documentRoute, jsonBody, paramsOf, queryOf, z } from '../http/validation.js';
import {
  RequirementInput,
  RequirementQuery,
  RequirementUpdate,
  createRequirement,
  diffRequirementVersions,
  getRequirement,
  listRequirements,
  requirementHistory,
  updateRequirement,
} from './requirements.service.js';

const HumanIdParam = z.object({ humanId: z.string().min(1).max(32) });
const DiffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });

const tags = ['Krav'];
documentRoute({ method: 'get', path: '/api/requirements', summary: 'Søg og filtrér krav (sideinddelt)', tags, query: RequirementQuery });
documentRoute({ access: { permission: 'requirement.write' }, method: 'post', path: '/api/requirements', summary: 'Opret krav', tags, body: RequirementInput });
documentRoute({ method: 'get', path: '/api/requirements/{humanId}', summary: 'Krav med sporingslinks', tags, params: HumanIdParam });
documentRoute({ access: { permission: 'requirement.write' }, method: 'put', path: '/api/requirements/{humanId}', summary: 'Ny version af et krav (optimistisk samtidighed)', tags, params: HumanIdParam, body: RequirementUpdate });
documentRoute({ method: 'get', path: '/api/requirements/{humanId}/versions', summary: 'Kravets historik', tags, params: HumanIdParam });
documentRoute({ method: 'get', path: '/api/requirements/{humanId}/diff', summary: 'Ordforskel mellem to versioner', tags, params: HumanIdParam, query: DiffQuery });

export const requirementRoutes = new Hono<AppEnv>()
  .get('/requirements', cachedUntilChanged, queryOf(RequirementQuery), async (c) => c.json(await listRequirements(c.var.db, c.req.valid('query'), c.var.actor)))
  .post('/requirements', jsonBody(RequirementInput), async (c) => c.json(await createRequirement(c.var.db, c.req.valid('json'), c.var.actor), 201))
  .get('/requirements/:humanId', cachedUntilChanged, paramsOf(HumanIdParam), async (c) => c.json(await getRequirement(c.var.db, c.req.valid('param').humanId, c.var.actor)))
  .put('/requirements/:humanId', paramsOf(HumanIdParam), jsonBody(RequirementUpdate), async (c) =>
    c.json(await updateRequirement(c.var.db, c.req.valid('param').humanId, c.req.valid('json'), c.var.actor)),
  )
  .get('/requirements/:humanId/versions', cachedUntilChanged, paramsOf(HumanIdParam), async (c) => c.json(await requirementHistory(c.var.db, c.req.valid('param').humanId, c.var.actor)))
  .get('/requirements/:humanId/diff', cachedUntilChanged, paramsOf(HumanIdParam), queryOf(DiffQuery), async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await diffRequirementVersions(c.var.db, c.req.valid('param').humanId, from, to, c.var.actor));
  });
