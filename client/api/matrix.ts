// The traceability matrix of a solution: requirements × provisions, as compact arrays (see server/links/matrix.service.ts).
import { api, call } from './http.js';

export const getMatrix = (code: string) => call(api.solutions[':code'].matrix.$get({ param: { code } }));

export type Matrix = Awaited<ReturnType<typeof getMatrix>>;
/** [humanId, title, status] */
export type MatrixRequirement = Matrix['requirements'][number];
/** [sourceId, key, label, source name] */
export type MatrixProvision = Matrix['provisions'][number];
/** [requirement index, provision index, link status] */
export type MatrixCell = Matrix['cells'][number];
