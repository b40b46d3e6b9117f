// /api/versions/{id}/withdraw: the law-change flow's own routes.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, z } from '../http/validation.js';
import { WithdrawInput, withdrawVersion } from './withdraw.service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const tags = ['Retskilder'];
documentRoute({ access: { permission: 'source.import' }, method: 'post', path: '/api/versions/{id}/withdraw', summary: 'Tilbagekald en fejlregistreret version: linkene får deres tilstand fra før den', tags, params: IdParam, body: WithdrawInput });

export const lawChangeRoutes = new Hono<AppEnv>().post('/versions/:id/withdraw', paramsOf(IdParam), jsonBody(WithdrawInput), async (c) =>
  c.json(await withdrawVersion(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)),
);
