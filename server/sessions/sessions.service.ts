// Faggruppe sessions (faggruppemøder): the meeting and its participants, the agenda of open change requests,
// private assessments until the chair reveals them, and each reader's view of the live state.
import { changeRequestStatusName } from '../text/vocabulary.js';
import { displayNames } from '../auth/display-names.js';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, can, rolesIn, type Actor, type Role } from '../auth/permissions.js';
import { CHANGE_CLASSES, requestReferences, type ChangeClass } from '../change-requests/change-requests.service.js';
import { CLOSED_STATUSES } from '../change-requests/lifecycle.js';
import { CLASS_NAMES } from '../change-requests/workflow.service.js';
import type { Db, Trx } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { Conflict, Forbidden, Invalid, NotFound, StaleEdit } from '../http/errors.js';
import { editVersion, isoDate, plainText } from '../http/validation.js';
import { getReadableSolution, getSolution } from '../solutions/solutions.service.js';
import { FIBONACCI, MOSCOW, rankSession, type BudgetUnit, type Moscow, type RankAssessment, type RankItem, type Ranking } from './ranking.js';
import type { Handoff } from './outcome.service.js';
import { publishSession } from './session-events.js';
import * as repo from './sessions.repository.js';
import type { SessionRow } from './sessions.table.js';

export const SESSION_STATUSES = { forberedelse: 'Under forberedelse', afholdt: 'Afholdt', afsluttet: 'Afsluttet' } as const;
export type SessionStatus = keyof typeof SESSION_STATUSES;
export const PARTICIPANT_ROLES = { formand: 'Formand (projektleder)', faggruppe: 'Faggruppemedlem', kl: 'KL-repræsentant' } as const;
export type ParticipantRole = keyof typeof PARTICIPANT_ROLES;
export const BUDGET_UNITS = ['timer', 'kr'] as const;
/** The steering group and KOMBIT decide a re-tender; it is not prioritised within a faggruppe's frame. */
const NOT_ON_AGENDA: readonly ChangeClass[] = ['genudbud'];

const optionalReason = plainText.trim().max(4000).optional();
const ParticipantInput = z.object({
  username: z.string().trim().min(1).max(64),
  role: z.enum(Object.keys(PARTICIPANT_ROLES) as [ParticipantRole, ...ParticipantRole[]], { message: 'Rollen skal være formand, faggruppe eller kl' }),
});
const Participants = z
  .array(ParticipantInput)
  .max(50)
  .refine((list) => new Set(list.map((p) => p.username)).size === list.length, 'Hver deltager må kun stå der én gang')
  .refine((list) => list.filter((p) => p.role === 'formand').length <= 1, 'Mødet kan kun have én formand');

export const SessionInput = z
  .object({
    solution: z.string().min(1).max(16),
    title: plainText.trim().min(1, 'Titlen mangler').max(200),
    date: isoDate,
    periodEnd: isoDate,
    budgetAmount: z.number().min(0, 'Rammen kan ikke være negativ').max(1_000_000_000),
    budgetUnit: z.enum(BUDGET_UNITS, { message: 'Rammen skal være i timer eller kr' }),
    participants: Participants.default([]),
  })
  .refine((v) => v.periodEnd >= v.date, { path: ['periodEnd'], message: 'Perioden skal slutte på eller efter mødedatoen' });

export const SessionPatch = z.object({
  /** The version of the meeting's own fields the editor started from; assessments and agenda changes do not move it. */
  version: editVersion,
  title: plainText.trim().min(1, 'Titlen mangler').max(200).optional(),
  date: isoDate.optional(),
  periodEnd: isoDate.optional(),
  budgetAmount: z.number().min(0).max(1_000_000_000).optional(),
  budgetUnit: z.enum(BUDGET_UNITS).optional(),
  reason: optionalReason,
});
export const ParticipantsInput = z.object({ participants: Participants, reason: optionalReason });
export const SessionQuery = z.object({ solution: z.string().max(16).optional() });
export const CandidateQuery = z.object({ class: z.enum(CHANGE_CLASSES).optional(), status: z.string().max(32).optional() });
export const AddItemsInput = z.object({ changeRequests: z.array(z.string().min(1).max(32)).min(1, 'Vælg mindst ét ændringsforslag').max(200), reason: optionalReason });
export const ReasonInput = z.object({ reason: optionalReason });
export const AgendaOrderInput = z.object({ itemIds: z.array(z.number().int().positive()).max(500), reason: optionalReason });
const fibonacci = z
  .number()
  .int()
  .refine((v) => (FIBONACCI as readonly number[]).includes(v), `Vælg en værdi på skalaen ${FIBONACCI.join(', ')}`)
  .describe(`Fibonacci-skala: ${FIBONACCI.join(', ')}`);
export const AssessmentInput = z.object({
  moscow: z.enum(MOSCOW, { message: 'Vælg must, should, could eller wont' }),
  businessValue: fibonacci,
  timeCriticality: fibonacci,
  riskReduction: fibonacci,
  comment: plainText.max(2000).default(''),
});

export type Loaded = Awaited<ReturnType<typeof loadSession>>;

export async function requireSession(db: Db | Trx, id: number): Promise<SessionRow> {
  const row = await repo.findSession(db, id);
  if (!row) throw new NotFound(`Mødet ${id} findes ikke`);
  return row;
}

type Guard = 'read' | 'manage' | 'assess';

async function guard(db: Db | Trx, session: SessionRow, actor: Actor, need: Guard) {
  if (need === 'read') return authorize(actor, 'read', session.solution_id);
  if (need === 'manage') return authorize(actor, 'session.manage', session.solution_id);
  authorize(actor, 'session.assess', session.solution_id);
  const listed = (await repo.participantRows(db, session.id)).some((p) => p.user_id === actor.userId);
  if (!listed) throw new Forbidden('Kun mødets deltagere kan vurdere punkterne');
}

/**
 * Runs one change to a session: rights first, then the read-only rule for closed sessions, then the work,
 * all in one transaction that also moves the revision on; listeners hear of it once it has committed.
 */
export async function changeSession<T>(db: Db, id: number, actor: Actor, need: Guard, work: (trx: Trx, session: SessionRow) => Promise<T>): Promise<T> {
  const { result, revision, closed } = await db.transaction().execute(async (trx) => {
    const session = await requireSession(trx, id);
    await guard(trx, session, actor, need);
    if (session.status === 'afsluttet') throw new Conflict('Mødet er afsluttet og kan ikke ændres');
    const result = await work(trx, session);
    const revision = await repo.bumpRevision(trx, id);
    const after = await requireSession(trx, id);
    return { result, revision, closed: after.status === 'afsluttet' };
  });
  publishSession(db, id, { revision, closed });
  return result;
}

export function assertStatus(session: SessionRow, allowed: SessionStatus[], message: string) {
  if (!allowed.includes(session.status as SessionStatus)) throw new Conflict(message);
}

const AGENDA_FIXED = 'Dagsordenen kan kun ændres, mens mødet er under forberedelse';

function actorOf(user: { username: string; id: number; roles: { solutionId: number | null; role: string }[] }): Actor {
  return { name: user.username, userId: user.id, roles: user.roles.map((r) => ({ solutionId: r.solutionId, role: r.role as Role })) };
}

/** Participants must be able to assess in the solution; the chair must be its project manager. */
async function resolveParticipants(db: Db | Trx, solutionId: number, list: z.infer<typeof ParticipantInput>[]) {
  const users = await repo.usersWithRoles(db, list.map((p) => p.username));
  const fields = [];
  const out: { userId: number; role: ParticipantRole }[] = [];
  for (const [i, p] of list.entries()) {
    const user = users.find((u) => u.username === p.username);
    if (!user) {
      fields.push({ field: `participants.${i}.username`, message: `Brugeren ${p.username} findes ikke eller er ikke aktiv` });
      continue;
    }
    const asActor = actorOf(user);
    if (!can(asActor, 'session.assess', solutionId)) {
      fields.push({ field: `participants.${i}.username`, message: `${p.username} er hverken faggruppemedlem eller projektleder i løsningen` });
    } else if (p.role === 'formand' && !can(asActor, 'session.manage', solutionId)) {
      fields.push({ field: `participants.${i}.role`, message: `${p.username} er ikke projektleder i løsningen og kan ikke være formand` });
    }
    out.push({ userId: user.id, role: p.role });
  }
  if (fields.length) throw new Invalid('Ugyldige deltagere', fields);
  return out;
}

export async function createSession(db: Db, input: z.infer<typeof SessionInput>, actor: Actor) {
  const id = await db.transaction().execute(async (trx) => {
    const solution = await getSolution(trx, input.solution);
    authorize(actor, 'session.manage', solution.id);
    const participants = await resolveParticipants(trx, solution.id, input.participants);
    const now = nowIso();
    const row = await repo.insertSession(trx, {
      solution_id: solution.id,
      title: input.title,
      meeting_date: input.date,
      period_end: input.periodEnd,
      budget_amount: input.budgetAmount,
      budget_unit: input.budgetUnit,
      status: 'forberedelse',
      revealed_at: null,
      revealed_by: null,
      closed_at: null,
      closed_by: null,
      record_json: null,
      created_by: actor.name,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceParticipants(trx, row.id, participants);
    await recordAudit(trx, { actor: actor.name, action: 'session.create', entityType: 'session', entityId: row.id, reason: 'Oprettet', after: input });
    return row.id;
  });
  return sessionView(db, id, actor);
}

/**
 * The supplier estimates and carries out, but the faggruppe's individual assessments and the budget frame it
 * prioritises within are not the supplier's to see: a reader whose only role in the solution is leverandør.
 */
export function seesDeliberations(actor: Actor, solutionId: number): boolean {
  const held = rolesIn(actor, solutionId);
  return held.size === 0 || held.has('admin') || [...held].some((r) => r !== 'leverandoer');
}

export async function listSessions(db: Db, q: z.infer<typeof SessionQuery>, actor: Actor) {
  // Naming a solution the actor may not read is 403, as for every list.
  const solutionId = q.solution ? (await getReadableSolution(db, q.solution, actor)).id : undefined;
  const rows = await repo.listSessionRows(db, solutionId);
  return rows
    .filter((r) => can(actor, 'read', r.solution_id))
    .map((r) => ({
      id: r.id,
      solution: r.code,
      title: r.title,
      date: r.meeting_date,
      periodEnd: r.period_end,
      budget: { amount: seesDeliberations(actor, r.solution_id) ? r.budget_amount : null, unit: r.budget_unit as BudgetUnit },
      status: r.status,
      statusLabel: SESSION_STATUSES[r.status as SessionStatus] ?? r.status,
      itemCount: Number(r.item_count ?? 0),
      revision: r.revision,
    }));
}

export async function updateSession(db: Db, id: number, patch: z.infer<typeof SessionPatch>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, before) => {
    const set = {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.date !== undefined && { meeting_date: patch.date }),
      ...(patch.periodEnd !== undefined && { period_end: patch.periodEnd }),
      ...(patch.budgetAmount !== undefined && { budget_amount: patch.budgetAmount }),
      ...(patch.budgetUnit !== undefined && { budget_unit: patch.budgetUnit }),
    };
    if (!Object.keys(set).length) throw new Invalid('Der er intet at ændre');
    if ((set.period_end ?? before.period_end) < (set.meeting_date ?? before.meeting_date)) {
      throw new Invalid('Perioden skal slutte på eller efter mødedatoen', [{ field: 'periodEnd', message: 'Før mødedatoen' }]);
    }
    if (!(await repo.editSessionRow(trx, id, patch.version, set))) throw new StaleEdit(`Mødet «${before.title}»`);
    await recordAudit(trx, { actor: actor.name, action: 'session.update', entityType: 'session', entityId: id, reason: patch.reason, before, after: set });
  });
  return sessionView(db, id, actor);
}

export async function setParticipants(db: Db, id: number, input: z.infer<typeof ParticipantsInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    const next = await resolveParticipants(trx, session.solution_id, input.participants);
    const before = await repo.participantRows(trx, id);
    // Dropping someone would silently drop their assessments; they must stay on record.
    for (const p of before.filter((b) => !next.some((n) => n.userId === b.user_id))) {
      const n = await repo.countAssessmentsBy(trx, id, p.user_id);
      if (Number(n.n) > 0) throw new Conflict(`${p.display_name} har allerede vurderet punkter og kan ikke fjernes fra mødet`);
    }
    await repo.replaceParticipants(trx, id, next);
    await recordAudit(trx, {
      actor: actor.name,
      action: 'session.participants',
      entityType: 'session',
      entityId: id,
      reason: input.reason,
      before: before.map((p) => ({ username: p.username, role: p.role })),
      after: input.participants,
    });
  });
  return sessionView(db, id, actor);
}

const estimateIn = (unit: BudgetUnit, r: { estimate_hours: number | null; estimate_dkk: number | null }) => (unit === 'timer' ? r.estimate_hours : r.estimate_dkk);
const isMustByLaw = (r: { class: string; deadline: string | null }, periodEnd: string) => r.class === 'lovvedligehold' && r.deadline !== null && r.deadline <= periodEnd;
const statusLabel = changeRequestStatusName;

/** Open change requests of the solution to put on the agenda: lovvedligehold with a deadline first, soonest first. */
export async function candidates(db: Db, id: number, q: z.infer<typeof CandidateQuery>, actor: Actor) {
  const session = await requireSession(db, id);
  await guard(db, session, actor, 'read');
  const unit = session.budget_unit as BudgetUnit;
  const rows = await repo.candidateRows(db, id, session.solution_id, { ...q, closedStatuses: CLOSED_STATUSES, excludedClasses: NOT_ON_AGENDA });
  const legalFirst = (r: (typeof rows)[number]) => (r.class === 'lovvedligehold' && r.deadline ? 0 : 1);
  rows.sort((a, b) => legalFirst(a) - legalFirst(b) || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.id - b.id);
  return {
    items: rows.map((r) => ({
      humanId: r.human_id,
      title: r.title,
      class: r.class,
      className: CLASS_NAMES[r.class as ChangeClass] ?? r.class,
      status: r.status,
      statusLabel: statusLabel(r.class, r.status),
      estimate: estimateIn(unit, r),
      estimateHours: r.estimate_hours,
      estimateDkk: r.estimate_dkk,
      deadline: r.deadline,
      mustByLaw: isMustByLaw(r, session.period_end),
    })),
  };
}

export async function addItems(db: Db, id: number, input: z.infer<typeof AddItemsInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    assertStatus(session, ['forberedelse'], AGENDA_FIXED);
    const humanIds = [...new Set(input.changeRequests)];
    const rows = await repo.changeRequestsByHumanId(trx, humanIds);
    const onAgenda = new Set((await repo.itemRows(trx, id)).map((i) => i.change_request_id));
    const fields = [];
    for (const humanId of humanIds) {
      const r = rows.find((x) => x.human_id === humanId);
      const problem = !r
        ? 'findes ikke'
        : r.solution_id !== session.solution_id
          ? 'hører til en anden løsning'
          : (CLOSED_STATUSES as readonly string[]).includes(r.status)
            ? 'er afsluttet'
            : NOT_ON_AGENDA.includes(r.class as ChangeClass)
              ? 'er et genudbud, som styregruppen og KOMBIT beslutter'
              : onAgenda.has(r.id)
                ? 'er allerede på dagsordenen'
                : null;
      if (problem) fields.push({ field: 'changeRequests', message: `${humanId} ${problem}` });
    }
    if (fields.length) throw new Invalid('Ændringsforslagene kan ikke sættes på dagsordenen', fields);
    await repo.insertItems(
      trx,
      id,
      humanIds.map((h) => rows.find((r) => r.human_id === h)!.id),
    );
    await recordAudit(trx, { actor: actor.name, action: 'session.agenda.add', entityType: 'session', entityId: id, reason: input.reason, after: { changeRequests: humanIds } });
  });
  return sessionView(db, id, actor);
}

export async function removeItem(db: Db, id: number, itemId: number, input: z.infer<typeof ReasonInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    assertStatus(session, ['forberedelse'], AGENDA_FIXED);
    const item = (await repo.itemRows(trx, id)).find((i) => i.id === itemId);
    if (!item) throw new NotFound(`Punktet ${itemId} er ikke på mødets dagsorden`);
    await repo.deleteItem(trx, itemId);
    await recordAudit(trx, { actor: actor.name, action: 'session.agenda.remove', entityType: 'session', entityId: id, reason: input.reason, before: { changeRequest: item.human_id } });
  });
  return sessionView(db, id, actor);
}

export async function reorderAgenda(db: Db, id: number, input: z.infer<typeof AgendaOrderInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    assertStatus(session, ['forberedelse'], AGENDA_FIXED);
    const items = await repo.itemRows(trx, id);
    const current = items.map((i) => i.id);
    const same = input.itemIds.length === current.length && new Set(input.itemIds).size === current.length && input.itemIds.every((x) => current.includes(x));
    if (!same) throw new Invalid('Den nye rækkefølge skal indeholde hvert punkt på dagsordenen præcis én gang', [{ field: 'itemIds', message: 'Ikke de samme punkter' }]);
    for (const [i, itemId] of input.itemIds.entries()) await repo.updateItem(trx, itemId, { position: i + 1 });
    await recordAudit(trx, {
      actor: actor.name,
      action: 'session.agenda.reorder',
      entityType: 'session',
      entityId: id,
      reason: input.reason,
      before: items.map((i) => i.human_id),
      after: input.itemIds.map((x) => items.find((i) => i.id === x)!.human_id),
    });
  });
  return sessionView(db, id, actor);
}

export async function submitAssessment(db: Db, id: number, itemId: number, input: z.infer<typeof AssessmentInput>, actor: Actor) {
  await changeSession(db, id, actor, 'assess', async (trx, session) => {
    const item = await repo.findItem(trx, id, itemId);
    if (!item) throw new NotFound(`Punktet ${itemId} er ikke på mødets dagsorden`);
    await repo.upsertAssessment(trx, { itemId, userId: actor.userId!, ...input });
    const cr = (await repo.itemRows(trx, id)).find((i) => i.id === itemId)!;
    // Before the reveal the audit log, which every reader can see, must not carry the values: that is the
    // anchoring the privacy prevents. The reveal records every value as it stood; later changes are public.
    await recordAudit(trx, {
      actor: actor.name,
      action: 'session.assess',
      entityType: 'session',
      entityId: id,
      after: session.revealed_at ? { changeRequest: cr.human_id, ...input } : { changeRequest: cr.human_id },
    });
  });
  return sessionView(db, id, actor);
}

export async function reveal(db: Db, id: number, input: z.infer<typeof ReasonInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    if (session.revealed_at) throw new Conflict('Vurderingerne er allerede vist');
    await repo.updateSessionRow(trx, id, { revealed_at: nowIso(), revealed_by: actor.name });
    const all = await repo.assessmentRows(trx, id);
    await recordAudit(trx, {
      actor: actor.name,
      action: 'session.reveal',
      entityType: 'session',
      entityId: id,
      reason: input.reason,
      after: {
        assessments: all.map((a) => ({ itemId: a.item_id, username: a.username, moscow: a.moscow, businessValue: a.business_value, timeCriticality: a.time_criticality, riskReduction: a.risk_reduction })),
      },
    });
  });
  return sessionView(db, id, actor);
}

/** Everything about a session, straight from the rows; what a reader may see is decided by sessionView. */
export async function loadSession(db: Db | Trx, id: number) {
  const session = await requireSession(db, id);
  const solution = await db.selectFrom('solutions').select(['id', 'code', 'name']).where('id', '=', session.solution_id).executeTakeFirstOrThrow();
  const [participants, items, assessments] = await Promise.all([repo.participantRows(db, id), repo.itemRows(db, id), repo.assessmentRows(db, id)]);
  return { session, solution, participants, items, assessments };
}

/** The ranking's inputs from the rows: estimates in the session's unit, the Must-by-law flag, the chair's moves. */
export function rankLoaded(loaded: Loaded): Ranking {
  const { session, items, assessments } = loaded;
  const unit = session.budget_unit as BudgetUnit;
  const rankItems: RankItem[] = items.map((i) => ({
    itemId: i.id,
    changeRequestId: i.change_request_id,
    humanId: i.human_id,
    title: i.title,
    deadline: i.deadline,
    estimate: estimateIn(unit, i),
    mustByLaw: isMustByLaw(i, session.period_end),
    belowCutReason: i.below_cut_reason,
    tilStyregruppen: i.til_styregruppen === 1,
  }));
  const rankAssessments: RankAssessment[] = assessments.map((a) => ({
    itemId: a.item_id,
    participantId: a.user_id,
    moscow: a.moscow as Moscow,
    businessValue: a.business_value,
    timeCriticality: a.time_criticality,
    riskReduction: a.risk_reduction,
  }));
  const overrides = items
    .filter((i) => i.override_position !== null)
    .map((i) => ({ itemId: i.id, position: i.override_position!, reason: i.override_reason ?? '', seq: i.override_seq ?? 0 }));
  return rankSession(rankItems, rankAssessments, { amount: session.budget_amount, unit }, overrides);
}

export const RECOMMENDATIONS = { anbefales: 'Anbefales', udskydes: 'Udskydes', afvises: 'Afvises', til_styregruppen: 'Til styregruppen' } as const;
export type Recommendation = keyof typeof RECOMMENDATIONS;

/** `showBudget`: false for a reader who may not see the budget frame (seesDeliberations); the unit stays, for estimates. */
export function sessionHeader(loaded: Loaded, showBudget = true) {
  const { session, solution } = loaded;
  return {
    id: session.id,
    solution: { code: solution.code, name: solution.name },
    title: session.title,
    date: session.meeting_date,
    periodEnd: session.period_end,
    budget: { amount: showBudget ? session.budget_amount : null, unit: session.budget_unit as BudgetUnit },
    status: session.status as SessionStatus,
    statusLabel: SESSION_STATUSES[session.status as SessionStatus] ?? session.status,
    revision: session.revision,
    /** What an edit of title, dates or budget names (PATCH `version`). */
    version: session.version,
    revealed: session.revealed_at !== null,
    revealedAt: session.revealed_at,
    revealedBy: session.revealed_by,
    closedAt: session.closed_at,
    closedBy: session.closed_by,
    createdBy: session.created_by,
  };
}

/**
 * The session as this actor may see it. Before the reveal nobody, the chair included, sees another's values:
 * only their own assessments and how many each participant has submitted. After the reveal, everything.
 */
export async function sessionView(db: Db, id: number, actor: Actor) {
  const loaded = await loadSession(db, id);
  const { session, participants, items, assessments } = loaded;
  await guard(db, session, actor, 'read');
  const revealed = session.revealed_at !== null;
  const closed = session.status === 'afsluttet';
  const unit = session.budget_unit as BudgetUnit;
  const me = participants.find((p) => p.user_id === actor.userId);
  const assessmentOut = (a: (typeof assessments)[number]) => ({
    itemId: a.item_id,
    userId: a.user_id,
    username: a.username,
    displayName: a.display_name,
    moscow: a.moscow,
    businessValue: a.business_value,
    timeCriticality: a.time_criticality,
    riskReduction: a.risk_reduction,
    comment: a.comment,
    updatedAt: a.updated_at,
  });
  const refs = await requestReferences(db, items.map((i) => i.change_request_id));
  const frozen = closed && session.record_json ? (JSON.parse(session.record_json) as { ranking: Ranking; handoffs?: Handoff[] }) : null;
  // The ranking's cut line is drawn at the budget, so a supplier gets neither it nor anyone's values.
  const deliberations = seesDeliberations(actor, session.solution_id);
  const header = sessionHeader(loaded, deliberations);
  const names = await displayNames(db, [header.closedBy, header.revealedBy, header.createdBy]);
  return {
    ...header,
    closedBy: header.closedBy && (names.get(header.closedBy) ?? header.closedBy),
    revealedBy: header.revealedBy && (names.get(header.revealedBy) ?? header.revealedBy),
    participants: participants.map((p) => ({
      userId: p.user_id,
      username: p.username,
      displayName: p.display_name,
      role: p.role,
      roleLabel: PARTICIPANT_ROLES[p.role as ParticipantRole] ?? p.role,
      assessedCount: assessments.filter((a) => a.user_id === p.user_id).length,
    })),
    items: items.map((i) => ({
      id: i.id,
      agendaPosition: i.position,
      changeRequest: {
        humanId: i.human_id,
        title: i.title,
        class: i.class,
        className: CLASS_NAMES[i.class as ChangeClass] ?? i.class,
        status: i.cr_status,
        statusLabel: statusLabel(i.class, i.cr_status),
        estimateHours: i.estimate_hours,
        estimateDkk: i.estimate_dkk,
        deadline: i.deadline,
        description: i.description,
        // What the item concerns, so a participant can read it before assessing.
        requirements: refs.get(i.change_request_id)!.requirements.map((r) => ({ humanId: r.humanId, title: r.title })),
        provisions: refs.get(i.change_request_id)!.provisions.map((p) => ({ sourceId: p.sourceId, sourceTitle: p.sourceTitle, key: p.key, label: p.label })),
        lawChange: i.source_version_id !== null && i.law_source_id !== null ? { versionId: i.source_version_id, sourceId: i.law_source_id, shortName: i.law_short_name ?? '' } : null,
      },
      estimate: estimateIn(unit, i),
      mustByLaw: isMustByLaw(i, session.period_end),
      assessedBy: assessments.filter((a) => a.item_id === i.id).length,
      belowCutReason: i.below_cut_reason,
      tilStyregruppen: i.til_styregruppen === 1,
      override: i.override_position === null ? null : { position: i.override_position, reason: i.override_reason },
      recommendation: i.recommendation
        ? { value: i.recommendation, label: RECOMMENDATIONS[i.recommendation as Recommendation] ?? i.recommendation, reason: i.recommendation_reason, dissent: i.dissent }
        : null,
    })),
    you: {
      participant: Boolean(me),
      role: me?.role ?? null,
      canManage: !closed && can(actor, 'session.manage', session.solution_id),
      canAssess: !closed && Boolean(me) && can(actor, 'session.assess', session.solution_id),
      assessments: assessments.filter((a) => a.user_id === actor.userId).map(assessmentOut),
    },
    assessments: revealed && deliberations ? assessments.map(assessmentOut) : null,
    ranking: revealed && deliberations ? (frozen?.ranking ?? rankLoaded(loaded)) : null,
    /** Once closed: what each recommendation did to its change request, the steps not possible included. */
    handoffs: frozen ? (frozen.handoffs ?? []) : null,
  };
}

/** For polling devices: the whole view only when the revision has moved past the one they hold. */
export async function sessionState(db: Db, id: number, since: number | undefined, actor: Actor) {
  const session = await requireSession(db, id);
  await guard(db, session, actor, 'read');
  if (since === session.revision) return { revision: session.revision, changed: false as const };
  const view = await sessionView(db, id, actor);
  return { revision: view.revision, changed: true as const, session: view };
}

/** Where an event stream starts: the revision now, and whether the session is already closed. */
export async function sessionRevision(db: Db, id: number, actor: Actor) {
  const session = await requireSession(db, id);
  await guard(db, session, actor, 'read');
  return { revision: session.revision, closed: session.status === 'afsluttet' };
}

export interface SessionTodo {
  id: number;
  solution: string;
  title: string;
  date: string;
  status: SessionStatus;
  /** The role in the solution the work falls to. */
  role: 'projektleder' | 'faggruppe';
  /** What is to be done, in a sentence. */
  todo: string;
}

/**
 * The sessions waiting for this user: the projektleder prepares, reveals, holds and closes the solution's meetings;
 * each participant assesses the items of a meeting not yet revealed. Read by "Mit arbejde".
 */
export async function sessionsAwaiting(db: Db, actor: Actor): Promise<SessionTodo[]> {
  const solutions = await db.selectFrom('solutions').select(['id']).execute();
  const ids = solutions.map((s) => s.id).filter((id) => can(actor, 'session.assess', id) || can(actor, 'session.manage', id));
  if (!ids.length) return [];
  const out: SessionTodo[] = [];
  for (const r of await repo.openSessionRowsFor(db, ids, actor.userId)) {
    const held = rolesIn(actor, r.solution_id);
    const base = { id: r.id, solution: r.code, title: r.title, date: r.meeting_date, status: r.status as SessionStatus };
    const items = Number(r.item_count ?? 0);
    const assessed = Number(r.assessed ?? 0);
    if (held.has('projektleder')) {
      const todo =
        r.status === 'afholdt'
          ? 'Giv hvert punkt en anbefaling, og afslut mødet'
          : items === 0
            ? 'Sæt ændringsforslag på dagsordenen'
            : r.revealed_at
              ? 'Markér mødet som afholdt'
              : 'Vis vurderingerne, når deltagerne har vurderet';
      out.push({ ...base, role: 'projektleder', todo });
    }
    if (r.my_role && !r.revealed_at && assessed < items && can(actor, 'session.assess', r.solution_id)) {
      out.push({ ...base, role: held.has('faggruppe') ? 'faggruppe' : 'projektleder', todo: `Vurdér ${items - assessed} af ${items} punkter` });
    }
  }
  return out;
}
