// Solutions (løsninger) and their key figures.
import { api, call } from './http.js';

export const listSolutions = () => call(api.solutions.$get());
export const getSolution = (code: string) => call(api.solutions[':code'].$get({ param: { code } }));

/** Everyone holding a role in the solution (or in every solution), by display name, with the roles that hold there. */
export const listSolutionMembers = (code: string) => call(api.solutions[':code'].members.$get({ param: { code } }));

export type SolutionSummary = Awaited<ReturnType<typeof listSolutions>>['items'][number];
export type SolutionMember = Awaited<ReturnType<typeof listSolutionMembers>>['items'][number];
