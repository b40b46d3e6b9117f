// Solutions: the IT systems KOMBIT buys on behalf of the municipalities.
import { z } from 'zod';
import { ROLES, authorize, authorizeRead, canRead, hasRole, readableSolutions, type Actor, type Role } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import { UntilChanged } from '../db/change-token.js';
import type { Db, Executor } from '../db/database.js';
import type { SolutionScope } from '../db/sql.js';
import { nowIso } from '../db/time.js';
import { Conflict, Forbidden, NotFound, StaleEdit } from '../http/errors.js';
import { editVersion, isoDate, plainText } from '../http/validation.js';
import * as repo from './solutions.repository.js';
import type { SolutionRow } from './solutions.table.js';


export const SolutionInput = z.object({
  code: z.string().trim().regex(/^[A-ZÆØÅ][A-ZÆØÅ0-9]{0,9}$/, 'Koden skal være 1-10 store bogstaver/cifre, fx KY'),
  name: plainText.trim().min(1, 'Navnet mangler').max(200),
  description: plainText.max(5000).optional().default(''),
  supplier: plainText.trim().max(200).nullish(),
  contractStart: isoDate.nullish(),
  contractEnd: isoDate.nullish(),
  retenderDate: isoDate.nullish(),
});
export type SolutionInput = z.infer<typeof SolutionInput>;
export const SolutionPatch = SolutionInput.omit({ code: true })
  .partial()
  .extend({
    /** The version the editor started from; a newer one in the database means someone else got there first. */
    version: editVersion,
    lastSteeringMeeting: isoDate.nullish(),
    decisionLeadDays: z.number().int().min(0).max(3650).optional(),
    reason: plainText.max(2000).optional(),
  });

export function toSolution(row: SolutionRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    supplier: row.supplier,
    contractStart: row.contract_start,
    contractEnd: row.contract_end,
    retenderDate: row.retender_date,
    lastSteeringMeeting: row.last_steering_meeting,
    decisionLeadDays: row.decision_lead_days,
    /** What an edit names (PATCH `version`); it moves on with every edit. */
    version: row.version,
  };
}
export type Solution = ReturnType<typeof toSolution>;

export async function getSolution(db: Executor, code: string): Promise<SolutionRow> {
  const row = await repo.findSolutionByCode(db, code);
  if (!row) throw new NotFound(`Løsningen ${code} findes ikke`);
  return row;
}

/** A solution the actor may read (403 otherwise: that a solution exists is public, what it holds is not). */
export async function getReadableSolution(db: Executor, code: string, actor: Actor): Promise<SolutionRow> {
  const row = await getSolution(db, code);
  authorizeRead(actor, row.id);
  return row;
}

/** What a read may show: the named solution (403 if the actor may not read it), or every solution the actor may read. */
export async function readScope(db: Executor, actor: Actor, code?: string): Promise<SolutionScope> {
  if (code) return { solutionId: (await getReadableSolution(db, code, actor)).id };
  const scope = readableSolutions(actor);
  return scope === 'all' ? {} : { solutionIds: scope };
}

export interface SolutionMember {
  username: string;
  displayName: string;
  /** The roles that hold in this solution, in the order of ROLES. */
  roles: Role[];
}

const byDisplayName = new Intl.Collator('da');

/** Everyone who holds a role in the solution (or in every solution), by display name; what a pick-list of people needs. */
export async function listSolutionMembers(db: Executor, code: string, actor: Actor): Promise<SolutionMember[]> {
  const solution = await getSolution(db, code);
  // Who works where is for admins and the solution's own projektleder (who picks session participants).
  if (!hasRole(actor, ['projektleder'], solution.id)) throw new Forbidden('Løsningens brugere kan kun ses af administratorer og løsningens projektleder');
  const members = new Map<string, SolutionMember>();
  for (const grant of await repo.memberGrants(db, solution.id)) {
    const member = members.get(grant.username) ?? { username: grant.username, displayName: grant.display_name, roles: [] };
    members.set(grant.username, member);
    if (!member.roles.includes(grant.role as Role)) member.roles.push(grant.role as Role);
  }
  const list = [...members.values()];
  for (const m of list) m.roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
  return list.sort((a, b) => byDisplayName.compare(a.displayName, b.displayName) || a.username.localeCompare(b.username));
}

// The overview's counts aggregate every requirement and link; they are kept until anything is written.
const overview = new UntilChanged<Awaited<ReturnType<typeof repo.listSolutionsWithCounts>>>(1);

/** The solutions the actor may read, with their counts. */
export async function listSolutions(db: Db, actor: Actor) {
  const rows = await overview.get(db, 'all', () => repo.listSolutionsWithCounts(db));
  return rows.filter((r) => canRead(actor, r.id)).map((r) => ({
    ...toSolution(r),
    requirementCount: Number(r.requirement_count ?? 0),
    openLinkCount: Number(r.open_link_count ?? 0),
    untracedCount: Number(r.untraced_count ?? 0),
  }));
}

export async function createSolution(db: Db, input: SolutionInput, user: Actor) {
  authorize(user, 'users.manage', null);
  const actor = user.name;
  return db.transaction().execute(async (trx) => {
    if (await repo.findSolutionByCode(trx, input.code)) {
      throw new Conflict(`Der findes allerede en løsning med koden ${input.code}`, [{ field: 'code', message: 'Koden er i brug' }]);
    }
    const now = nowIso();
    const row = await repo.insertSolution(trx, {
      code: input.code,
      name: input.name,
      description: input.description ?? '',
      supplier: input.supplier ?? null,
      contract_start: input.contractStart ?? null,
      contract_end: input.contractEnd ?? null,
      retender_date: input.retenderDate ?? null,
      created_at: now,
      updated_at: now,
    });
    const solution = toSolution(row);
    await recordAudit(trx, { actor, action: 'solution.create', entityType: 'solution', entityId: row.code, after: solution });
    return solution;
  });
}

export async function updateSolution(db: Db, code: string, patch: z.infer<typeof SolutionPatch>, user: Actor) {
  const actor = user.name;
  return db.transaction().execute(async (trx) => {
    const before = await getSolution(trx, code);
    authorize(user, 'solution.write', before.id);
    const row = await repo.updateSolution(trx, before.id, patch.version, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.supplier !== undefined && { supplier: patch.supplier }),
      ...(patch.contractStart !== undefined && { contract_start: patch.contractStart }),
      ...(patch.contractEnd !== undefined && { contract_end: patch.contractEnd }),
      ...(patch.retenderDate !== undefined && { retender_date: patch.retenderDate }),
      ...(patch.lastSteeringMeeting !== undefined && { last_steering_meeting: patch.lastSteeringMeeting }),
      ...(patch.decisionLeadDays !== undefined && { decision_lead_days: patch.decisionLeadDays }),
      updated_at: nowIso(),
    });
    if (!row) throw new StaleEdit(`Løsningen ${code}`);
    const after = toSolution(row);
    await recordAudit(trx, { actor, action: 'solution.update', entityType: 'solution', entityId: code, reason: patch.reason, before: toSolution(before), after });
    return after;
  });
}
