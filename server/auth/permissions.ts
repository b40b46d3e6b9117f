// Who may do what: roles are held per solution (or, for admin, everywhere), and every service checks the
// permission it needs against the solution it touches.
import { Forbidden } from '../http/errors.js';

export const ROLES = ['admin', 'kravredaktoer', 'projektleder', 'faggruppe', 'styregruppe', 'leverandoer', 'kommune', 'lovovervaagning', 'laeser'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
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

export type Permission =
  | 'read'
  | 'solution.write'
  | 'source.import'
  | 'requirement.write'
  | 'link.write'
  | 'link.review'
  | 'change_request.create'
  | 'change_request.comment'
  | 'change_request.edit'
  | 'session.manage'
  | 'session.assess'
  | 'baseline.create'
  | 'exchange.import'
  | 'users.manage';

/** What each permission lets one do, for the message that says it is missing. */
const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  read: 'læse her',
  'solution.write': 'rette løsningen',
  'source.import': 'registrere retskilder og nye versioner',
  'requirement.write': 'oprette og rette krav',
  'link.write': 'oprette og fjerne sporinger',
  'link.review': 'gennemgå mistænkte sporinger',
  'change_request.create': 'registrere ændringsforslag',
  'change_request.comment': 'kommentere ændringsforslag',
  'change_request.edit': 'rette ændringsforslag',
  'session.manage': 'forberede og lede faggruppemøder',
  'session.assess': 'vurdere punkter på faggruppemøder',
  'baseline.create': 'tage baselines',
  'exchange.import': 'importere krav',
  'users.manage': 'administrere brugere',
};

export const PERMISSIONS = [
  'read', 'solution.write', 'source.import', 'requirement.write', 'link.write', 'link.review', 'change_request.create',
  'change_request.comment', 'change_request.edit', 'session.manage', 'session.assess', 'baseline.create', 'exchange.import', 'users.manage',
] as const satisfies readonly Permission[];

/** Which roles grant a permission. Transitions of change requests have their own table (lifecycle.ts). */
const GRANTS: Record<Permission, readonly Role[]> = {
  read: ROLES,
  'solution.write': ['admin', 'projektleder'],
  // Lovovervågning registers versions, amending acts and bills (and drafts the lovvedligehold they cause), nothing else.
  'source.import': ['admin', 'kravredaktoer', 'lovovervaagning'],
  'requirement.write': ['admin', 'kravredaktoer'],
  'link.write': ['admin', 'kravredaktoer'],
  'link.review': ['admin', 'kravredaktoer'],
  'change_request.create': ['admin', 'projektleder', 'kravredaktoer', 'faggruppe', 'leverandoer', 'kommune'],
  'change_request.comment': ['admin', 'projektleder', 'kravredaktoer', 'faggruppe', 'styregruppe', 'leverandoer', 'kommune'],
  'change_request.edit': ['admin', 'projektleder'],
  'session.manage': ['admin', 'projektleder'],
  'session.assess': ['faggruppe', 'projektleder'],
  'baseline.create': ['admin', 'kravredaktoer', 'projektleder'],
  'exchange.import': ['admin', 'kravredaktoer'],
  'users.manage': ['admin'],
};

export interface RoleGrant {
  /** null: the role holds for every solution. */
  solutionId: number | null;
  role: Role;
}

export interface Actor {
  /** The name the audit log records. */
  name: string;
  userId: number | null;
  roles: RoleGrant[];
}

/** The CLI and the demo loader act with full rights under their own name. */
export function systemActor(name: string): Actor {
  return { name, userId: null, roles: [{ solutionId: null, role: 'admin' }] };
}

export function rolesIn(actor: Actor, solutionId: number | null): Set<Role> {
  const out = new Set<Role>();
  for (const g of actor.roles) {
    if (g.role === 'admin' || g.solutionId === null || g.solutionId === solutionId) out.add(g.role);
  }
  return out;
}

export function hasRole(actor: Actor, roles: readonly Role[], solutionId: number | null): boolean {
  const held = rolesIn(actor, solutionId);
  if (held.has('admin')) return true;
  return roles.some((r) => held.has(r));
}

/**
 * May the actor do this in that solution? `solutionId: null` asks "in some solution" (sources, for one,
 * belong to no solution).
 */
export function can(actor: Actor, permission: Permission, solutionId: number | null): boolean {
  const granted = GRANTS[permission];
  if (actor.roles.some((g) => g.role === 'admin')) return true;
  if (solutionId === null) return actor.roles.some((g) => granted.includes(g.role));
  return actor.roles.some((g) => (g.solutionId === null || g.solutionId === solutionId) && granted.includes(g.role));
}

export function authorize(actor: Actor, permission: Permission, solutionId: number | null): void {
  if (!can(actor, permission, solutionId)) {
    throw new Forbidden(`Du har ikke rettighed til at ${PERMISSION_DESCRIPTIONS[permission]}${solutionId === null ? '' : ' i denne løsning'}`);
  }
}

/**
 * The solutions whose contents (requirements, links, change requests, sessions, baselines, audit) the actor may
 * read: 'all' for an admin or a role held in every solution, otherwise the ids of the solutions the actor holds a
 * role in. The law itself (sources, versions, provisions) is public to everyone signed in and is not scoped.
 */
export function readableSolutions(actor: Actor): 'all' | number[] {
  if (actor.roles.some((g) => g.role === 'admin' || g.solutionId === null)) return 'all';
  return [...new Set(actor.roles.map((g) => g.solutionId as number))].sort((a, b) => a - b);
}

/** May the actor read the contents of this solution? */
export function canRead(actor: Actor, solutionId: number): boolean {
  const scope = readableSolutions(actor);
  return scope === 'all' || scope.includes(solutionId);
}

/** Reading inside a solution the actor holds no role in is 403: solutions themselves are public, their contents are not. */
export function authorizeRead(actor: Actor, solutionId: number): void {
  if (!canRead(actor, solutionId)) throw new Forbidden('Du har ikke adgang til at læse i denne løsning');
}

/** Every permission the actor holds, per solution code, and under '*' those held somewhere (for the UI to offer actions). */
export function permissionMap(actor: Actor, solutions: { id: number; code: string }[]): Record<string, Permission[]> {
  const out: Record<string, Permission[]> = { '*': PERMISSIONS.filter((p) => can(actor, p, null)) };
  for (const s of solutions) out[s.code] = PERMISSIONS.filter((p) => can(actor, p, s.id));
  return out;
}
