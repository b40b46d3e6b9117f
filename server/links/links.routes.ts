// /api/links
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, plainText, queryOf, z } from '../http/validation.js';
import { LinkInput, LinkQuery, createLink, deleteLink, listLinks } from './links.service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const DeleteQuery = z.object({ reason: plainText.trim().min(1, 'Skriv hvorfor linket fjernes').max(2000) });

const tags = ['Sporingslinks'];
documentRoute({ method: 'get', path: '/api/links', summary: 'Sporingslinks efter krav, bestemmelse eller status', tags, query: LinkQuery });
documentRoute({ access: { permission: 'link.write' }, method: 'post', path: '/api/links', summary: 'Link et krav til en bestemmelse', tags, body: LinkInput });
documentRoute({ access: { permission: 'link.write' }, method: 'delete', path: '/api/links/{id}', summary: 'Fjern et sporingslink (med begrundelse)', tags, params: IdParam, query: DeleteQuery });

export const linkRoutes = new Hono<AppEnv>()
  .get('/links', queryOf(LinkQuery), async (c) => c.json({ items: await listLinks(c.var.db, c.req.valid('query'), c.var.actor) }))
  .post('/links', jsonBody(LinkInput), async (c) => c.json(await createLink(c.var.db, c.req.valid('json'), c.var.actor), 201))
  .delete('/links/:id', paramsOf(IdParam), queryOf(DeleteQuery), async (c) =>
    c.json(await deleteLink(c.var.db, c.req.valid('param').id, c.req.valid('query').reason, c.var.actor)),
  );
