// The kravredaktion's review of suspect and broken trace links: the queue, its counts, and the ways to settle a link.
import { api, call } from './http.js';
import type { RequirementDraft } from './requirements.js';

export interface ReviewFilter {
  solution?: string;
  status?: 'suspect' | 'broken';
  sourceId?: number;
  limit?: number;
  offset?: number;
}

export const getReviewQueue = ({ solution, status, sourceId, limit = 50, offset = 0 }: ReviewFilter = {}) =>
  call(api.review.$get({ query: { solution: solution || undefined, status, sourceId, limit: String(limit), offset: String(offset) } }));

export const getReviewCounts = () => call(api.review.counts.$get());

/** The requirement still holds under the new text; the link becomes current at the newest version. */
export const confirmLink = (linkId: number, reason: string) => call(api.links[':id'].confirm.$post({ param: { id: String(linkId) }, json: { reason } }));

/**
 * Saves a new requirement version and confirms the link in one step; `version` is the one the editor
 * started from, so a colleague's save in between is refused (409) rather than overwritten.
 */
export const reviseAndConfirmLink = (linkId: number, version: number, change: Pick<RequirementDraft, 'title' | 'text' | 'reason'>) =>
  call(api.links[':id'].revise.$post({ param: { id: String(linkId) }, json: { version, ...change } }));

/** The requirement now rests on another provision of the same source. */
export const moveLink = (linkId: number, provisionKey: string, reason: string) =>
  call(api.links[':id'].move.$post({ param: { id: String(linkId) }, json: { provisionKey, reason } }));

/** Confirms every suspect link of the requirement whose provision reads the same in substance as when it was confirmed. */
export const confirmUnchangedLinks = (humanId: string) =>
  call(api.review.requirements[':humanId']['confirm-unchanged'].$post({ param: { humanId }, json: { reason: '' } }));

export type ReviewQueue = Awaited<ReturnType<typeof getReviewQueue>>;
export type ReviewItem = ReviewQueue['items'][number];
export type ReviewCounts = Awaited<ReturnType<typeof getReviewCounts>>;

/** Fired on window whenever the number of links awaiting review may have changed (an import, a review action). */
export const REVIEW_CHANGED = 'sb-review-changed';

export function announceReviewChanged(): void {
  window.dispatchEvent(new CustomEvent(REVIEW_CHANGED));
}

declare global {
  interface WindowEventMap {
    'sb-review-changed': CustomEvent<void>;
  }
}
