// Search across everything (GET /api/search): requirements, change requests, provisions, sessions and baselines.
import { api, call } from './http.js';

export const searchEverything = (q: string, limit = 10) => call(api.search.$get({ query: { q, limit: String(limit) } }));

export type SearchResults = Awaited<ReturnType<typeof searchEverything>>;
