// The audit trail (revisionsspor): who changed what, when and why, per object.
import { api, call } from './http.js';

/** The kinds of object the audit log records, with the id each is known by. */
export type AuditEntityType = 'requirement' | 'change_request' | 'trace_link' | 'solution' | 'source' | 'source_version' | 'user' | 'session' | 'baseline';

export const getAuditTrail = (entityType: AuditEntityType, entityId: string, limit = 100, offset = 0) =>
  call(api.audit.$get({ query: { entityType, entityId, limit: String(limit), offset: String(offset) } }));

export type AuditEntry = Awaited<ReturnType<typeof getAuditTrail>>['items'][number];
