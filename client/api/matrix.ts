// The traceability matrix of a solution: requirements × provisions, as compact arrays (see server/links/matrix.service.ts).
import { api, call } from './http.js';

const fetchMatrix = (code: string) => call(api.solutions[':code'].matrix.$get({ param: { code } }));

export type Matrix = Awaited<ReturnType<typeof fetchMatrix>>;
/** [humanId, title, status] */
export type MatrixRequirement = Matrix['requirements'][number];
/** [sourceId, key, label, source name] */
export type MatrixProvision = Matrix['provisions'][number];
/** [requirement index, provision index, link status] */
export type MatrixCell = Matrix['cells'][number];

const early = new Map<string, Promise<Matrix>>();

/**
 * Starts loading a matrix while the app shell is still asking who is logged in, so the two requests overlap when
 * a matrix is the first page opened. A plain fetch: a 401 here must not log the user out; the page then asks again.
 */
export function prefetchMatrix(code: string): void {
  if (early.has(code)) return;
  const promise = fetch(`/api${api.solutions[':code'].matrix.$path({ param: { code } })}`, { credentials: 'same-origin' }).then((res) => {
    if (!res.ok) throw new Error(String(res.status));
    return res.json() as Promise<Matrix>;
  });
  promise.catch(() => undefined);
  early.set(code, promise);
}

/** The matrix; a prefetched answer is used once (the first page), any later visit asks again. */
export function getMatrix(code: string): Promise<Matrix> {
  const prefetched = early.get(code);
  if (!prefetched) return fetchMatrix(code);
  early.delete(code);
  return prefetched.catch(() => fetchMatrix(code));
}
