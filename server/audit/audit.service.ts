// Reading the audit trail: per object, for whoever may read the object; users' trails and the whole log for admins
// (and a user's trail for the projektleder of a solution the user works in).
import { z } from 'zod';
import { authorizeRead, hasRole, type Actor } from '../auth/permissions.js';
import type { BaselineDatabase } from '../baselines/baselines.table.js';
import type { Executor } from '../db/database.js';
import type { SessionDatabase } from '../sessions/sessions.table.js';
import { Forbidden, NotFound } from '../http/errors.js';
import { displayNames } from '../auth/display-names.js';
import { auditActionName } from '../text/vocabulary.js';
import { listAudit } from './audit.repository.js';

export const AuditQuery = z.object({
  entityType: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

const isAdmin = (actor: Actor) => actor.roles.some((g) => g.role === 'admin');

/** The solution an audited object belongs to; null for the law (public); undefined when it cannot be told. */
async function solutionOfEntity(db: Executor, entityType: string, entityId: string): Promise<number | null | undefined> {
  const id = Number(entityId);
  switch (entityType) {
    case 'source':
    case 'source_version':
      return null;
    case 'solution':
      return (await db.selectFrom('solutions').select('id').where('code', '=', entityId).executeTakeFirst())?.id;
    case 'requirement':
      return (await db.selectFrom('requirements').select('solution_id').where('human_id', '=', entityId).executeTakeFirst())?.solution_id;
    case 'change_request':
      return (await db.selectFrom('change_requests').select('solution_id').where('human_id', '=', entityId).executeTakeFirst())?.solution_id;
    case 'trace_link':
      if (!Number.isSafeInteger(id)) return undefined;
      return (
        await db
          .selectFrom('trace_links as l')
          .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
          .select('r.solution_id')
          .where('l.id', '=', id)
          .executeTakeFirst()
      )?.solution_id;
    case 'session':
      if (!Number.isSafeInteger(id)) return undefined;
      return (await db.withTables<SessionDatabase>().selectFrom('sessions').select('solution_id').where('id', '=', id).executeTakeFirst())?.solution_id;
    case 'baseline':
      if (!Number.isSafeInteger(id)) return undefined;
      return (await db.withTables<BaselineDatabase>().selectFrom('baselines').select('solution_id').where('id', '=', id).executeTakeFirst())?.solution_id;
    default:
      return undefined;
  }
}

/** A user's trail (logins, role changes): admins, and the projektleder of a solution the user holds a role in. */
async function authorizeUserTrail(db: Executor, actor: Actor, username: string) {
  const grants = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.solution_id')
    .where('u.username', '=', username)
    .execute();
  const ownProjektleder = grants.some((g) =>
    g.solution_id === null ? actor.roles.some((a) => a.role === 'projektleder') : hasRole(actor, ['projektleder'], g.solution_id),
  );
  if (!ownProjektleder) throw new Forbidden('En brugers historik kan kun ses af administratorer og projektlederen i en løsning, brugeren arbejder i');
}

async function authorizeTrail(db: Executor, actor: Actor, q: AuditQuery) {
  if (isAdmin(actor)) return;
  if (!q.entityType || !q.entityId) throw new Forbidden('Hele revisionssporet kan kun ses af administratorer; angiv entityType og entityId');
  if (q.entityType === 'user') return authorizeUserTrail(db, actor, q.entityId);
  const solutionId = await solutionOfEntity(db, q.entityType, q.entityId);
  if (solutionId === null) return;
  // An object that is gone (a removed link) or of a kind without a solution: its trail is the admins'.
  if (solutionId === undefined) throw new NotFound('Objektet findes ikke, eller dets historik kan kun ses af administratorer');
  authorizeRead(actor, solutionId);
}

/** The audit trail of one object, newest first, for an actor who may read the object. */
export async function readAuditTrail(db: Executor, q: AuditQuery, actor: Actor) {
  await authorizeTrail(db, actor, q);
  const rows = await listAudit(db, q);
  const names = await displayNames(db, rows.map((r) => r.actor));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    /** Who, as people know them. */
    actorName: names.get(r.actor) ?? r.actor,
    action: r.action,
    /** What happened, in Danish. */
    actionLabel: auditActionName(r.action),
    entityType: r.entity_type,
    entityId: r.entity_id,
    reason: r.reason,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
  }));
}
