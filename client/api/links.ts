// Trace links between a requirement and a provision.
import { LINK_STATUS_NAMES } from '../../server/text/vocabulary.js';
import { api, call } from './http.js';

export type LinkStatus = 'current' | 'suspect' | 'broken';

export const LINK_STATUS_LABELS: Record<LinkStatus, string> = LINK_STATUS_NAMES;

export const createLink = (requirement: string, sourceId: number, provisionKey: string, rationale: string) =>
  call(api.links.$post({ json: { requirement, sourceId, provisionKey, rationale } }));

export const deleteLink = (id: number, reason: string) => call(api.links[':id'].$delete({ param: { id: String(id) }, query: { reason } }));
