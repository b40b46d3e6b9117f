// /api/versions/{id}/withdraw, /api/versions/{id}/instructions, /api/versions/{id}/manual-changes: the law-change flow's own routes.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, z } from '../http/validation.js';
import { ManualChangeInput, applyByHand, versionInstructions } from './manual-apply.service.js';
import { WithdrawInput, withdrawVersion } from './withdraw.service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const tags = ['Retskilder'];
documentRoute({ access: { permission: 'source.import' }, method: 'post', path: '/api/versions/{id}/withdraw', summary: 'Tilbagekald en fejlregistreret version: linkene får deres tilstand fra før den', tags, params: IdParam, body: WithdrawInput });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/versions/{id}/instructions', summary: 'Ændringer, ændringsloven ikke kunne anvende, og rettelser i hånden', tags, params: IdParam });
documentRoute({ access: { permission: 'source.import' }, method: 'post', path: '/api/versions/{id}/manual-changes', summary: 'Anvend en ændring i hånden eller ret en projiceret bestemmelse, med en note', tags, params: IdParam, body: ManualChangeInput });

export const lawChangeRoutes = new Hono<AppEnv>()
  .post('/versions/:id/withdraw', paramsOf(IdParam), jsonBody(WithdrawInput), async (c) => c.json(await withdrawVersion(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)))
  .get('/versions/:id/instructions', paramsOf(IdParam), async (c) => c.json(await versionInstructions(c.var.db, c.req.valid('param').id)))
  .post('/versions/:id/manual-changes', paramsOf(IdParam), jsonBody(ManualChangeInput), async (c) =>
    c.json(await applyByHand(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor), 201),
  );
