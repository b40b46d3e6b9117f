// The readiness report before a re-tender (genudbud): score, its components and the list to work through.
import { api, call } from './http.js';

export const getReadiness = (code: string, months: number) =>
  call(api.solutions[':code'].readiness.$get({ param: { code }, query: { months: String(months) } }));

export type Readiness = Awaited<ReturnType<typeof getReadiness>>;
export type ReadinessComponent = Readiness['components'][number];
export type ReadinessItem = Readiness['items'][number];
export type ReadinessItemKind = ReadinessItem['kind'];
