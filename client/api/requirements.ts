// Requirements (forretningskrav): search, read, create, edit with the version edited, history and diff.
import { KIND_NAMES, REQUIREMENT_STATUS_NAMES } from '../../server/text/vocabulary.js';
import { api, call } from './http.js';

export const REQUIREMENT_KINDS = ['proces', 'regel', 'data', 'integration', 'ikke-funktionel'] as const;
export const REQUIREMENT_STATUSES = ['udkast', 'godkendt', 'udgaaet'] as const;
export const TENDER_CATEGORIES = ['mindstekrav', 'krav', 'option'] as const;

export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
export type TenderCategory = (typeof TENDER_CATEGORIES)[number];

export const KIND_LABELS: Record<RequirementKind, string> = KIND_NAMES;
export const STATUS_LABELS: Record<RequirementStatus, string> = REQUIREMENT_STATUS_NAMES;
export const TENDER_LABELS: Record<TenderCategory, string> = { mindstekrav: 'Mindstekrav', krav: 'Krav (evalueres)', option: 'Option' };

/** A label for a value the server may one day send that this client does not know yet. */
export function labelOf<K extends string>(labels: Record<K, string>, value: string | null | undefined): string {
  if (!value) return '';
  return (labels as Record<string, string>)[value] ?? value;
}

export interface RequirementSearch {
  solution?: string;
  status?: RequirementStatus;
  kind?: RequirementKind;
  q?: string;
  limit?: number;
  offset?: number;
}

/** Empty filters are left out rather than sent as "", which the server would read as a value. */
export const searchRequirements = ({ solution, status, kind, q, limit = 50, offset = 0 }: RequirementSearch) =>
  call(
    api.requirements.$get({
      query: { solution: solution || undefined, status: status || undefined, kind: kind || undefined, q: q?.trim() || undefined, limit: String(limit), offset: String(offset) },
    }),
  );
export const getRequirement = (humanId: string) => call(api.requirements[':humanId'].$get({ param: { humanId } }));
export const requirementVersions = (humanId: string) => call(api.requirements[':humanId'].versions.$get({ param: { humanId } }));
export const requirementDiff = (humanId: string, from: number, to: number) =>
  call(api.requirements[':humanId'].diff.$get({ param: { humanId }, query: { from: String(from), to: String(to) } }));

export interface RequirementDraft {
  title: string;
  text: string;
  kind: RequirementKind;
  status: RequirementStatus;
  tenderCategory: TenderCategory | null;
  nonLegal: boolean;
  reason: string;
}

export const createRequirement = (solution: string, draft: RequirementDraft) =>
  call(api.requirements.$post({ json: { solution, ...draft, reason: draft.reason || undefined } }));

/** Saves a new version; `version` is the one the editor started from, so the server can refuse a lost update (409). */
export const updateRequirement = (humanId: string, version: number, draft: RequirementDraft) =>
  call(api.requirements[':humanId'].$put({ param: { humanId }, json: { version, ...draft } }));

export type RequirementListItem = Awaited<ReturnType<typeof searchRequirements>>['items'][number];
export type RequirementDetail = Awaited<ReturnType<typeof getRequirement>>;
export type TraceLink = RequirementDetail['links'][number];
export type RequirementVersion = Awaited<ReturnType<typeof requirementVersions>>['versions'][number];
export type RequirementDiff = Awaited<ReturnType<typeof requirementDiff>>;
export type DiffPart = RequirementDiff['text'][number];
