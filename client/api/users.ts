// Users and their roles per solution (admin).
import type { Role } from '../../server/auth/permissions.js';
import { api, call } from './http.js';

export type { Role };

export const ROLES = ['admin', 'kravredaktoer', 'projektleder', 'faggruppe', 'styregruppe', 'leverandoer', 'kommune', 'lovovervaagning', 'laeser'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  kravredaktoer: 'Kravredaktør',
  projektleder: 'Projektleder',
  faggruppe: 'Faggruppemedlem',
  styregruppe: 'Styregruppemedlem',
  leverandoer: 'Leverandør',
  kommune: 'Kommune',
  lovovervaagning: 'Lovovervågning',
  laeser: 'Læser',
};

/** A role in one solution (a code), or in every solution (null). */
export interface RoleGrant {
  role: Role;
  solution: string | null;
}

export const listUsers = () => call(api.users.$get());

export const createUser = (input: { username: string; displayName: string; password: string; roles: RoleGrant[] }) => call(api.users.$post({ json: input }));

export const updateUser = (username: string, patch: { displayName?: string; password?: string; active?: boolean; roles?: RoleGrant[] }) =>
  call(api.users[':username'].$patch({ param: { username }, json: patch }));

export type UserSummary = Awaited<ReturnType<typeof listUsers>>['items'][number];

/** The admin page of one user. */
export const userHref = (username: string) => `/admin/brugere/${encodeURIComponent(username)}`;
