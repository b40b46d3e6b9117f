// The impact of a new version of a source on the solutions' requirements, its CSV, and the lovvedligehold drafts made from it.
import { api, call } from './http.js';

export const getVersionImpact = (versionId: number) => call(api.versions[':id'].impact.$get({ param: { id: String(versionId) } }));

/** A plain link target (the browser downloads it); through the typed client so a renamed route breaks the type check. */
export const impactCsvHref = (versionId: number) => `/api${api.versions[':id']['impact.csv'].$path({ param: { id: String(versionId) } })}`;

/** One lovvedligehold change request per affected solution; solutions that already have one keep it. */
export const draftLovvedligehold = (versionId: number) => call(api.versions[':id'].lovvedligehold.$post({ param: { id: String(versionId) } }));

export type VersionImpact = Awaited<ReturnType<typeof getVersionImpact>>;
export type ImpactSolution = VersionImpact['solutions'][number];
export type ImpactProvision = ImpactSolution['provisions'][number];
export type LovvedligeholdDrafts = Awaited<ReturnType<typeof draftLovvedligehold>>;
