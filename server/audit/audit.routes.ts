// /api/audit
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, queryOf, z } from '../http/validation.js';
import { listAudit } from './audit.repository.js';

const AuditQuery = z.object({
  entityType: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
documentRoute({ method: 'get', path: '/api/audit', summary: 'Revisionsspor: hvem ændrede hvad, hvornår og hvorfor', tags: ['Revisionsspor'], query: AuditQuery });

export const auditRoutes = new Hono<AppEnv>().get('/audit', queryOf(AuditQuery), async (c) => {
  const rows = await listAudit(c.var.db, c.req.valid('query'));
  return c.json({
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      reason: r.reason,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
    })),
  });
});
