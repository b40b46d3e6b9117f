// Solutions (løsninger) and their key figures.
import { api, call } from './http.js';

export const listSolutions = () => call(api.solutions.$get());
export const getSolution = (code: string) => call(api.solutions[':code'].$get({ param: { code } }));

export type SolutionSummary = Awaited<ReturnType<typeof listSolutions>>['items'][number];
