// Baselines: named, frozen snapshots of a solution's requirements and trace links, and comparisons between states.
import { api, call } from './http.js';

export const listBaselines = (code: string) => call(api.solutions[':code'].baselines.$get({ param: { code } }));

export const createBaseline = (code: string, name: string, description: string) =>
  call(api.solutions[':code'].baselines.$post({ param: { code }, json: { name, description } }));

/** Each side is a baseline id or "now". */
export const compareBaselines = (solution: string, from: string, to: string) => call(api.baselines.compare.$get({ query: { solution, from, to } }));

export type Baseline = Awaited<ReturnType<typeof listBaselines>>['items'][number];
export type BaselineComparison = Awaited<ReturnType<typeof compareBaselines>>;
export type ChangedRequirement = BaselineComparison['requirements']['changed'][number];
export type ComparedLink = BaselineComparison['links']['added'][number];
