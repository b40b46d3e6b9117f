// /api/audit
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, queryOf } from '../http/validation.js';
import { AuditQuery, readAuditTrail } from './audit.service.js';

documentRoute({ method: 'get', path: '/api/audit', summary: 'Revisionsspor for ét objekt: hvem ændrede hvad, hvornår og hvorfor', tags: ['Revisionsspor'], query: AuditQuery });

export const auditRoutes = new Hono<AppEnv>().get('/audit', queryOf(AuditQuery), async (c) => c.json({ items: await readAuditTrail(c.var.db, c.req.valid('query'), c.var.actor) }));
