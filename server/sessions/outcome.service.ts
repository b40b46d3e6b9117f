// A session's outcome: the chair's manual moves and marks on the ranking, a recommendation per item, holding
// and closing the meeting (closing freezes the decision record and writes each recommendation into the change
// request's history and lets it take effect on the request by the lifecycle's own steps), and the printable agenda
// and decision record.
import { changeRequestStatusName } from '../text/vocabulary.js';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import { displayName } from '../auth/display-names.js';
import { ROLE_NAMES, authorize, rolesIn, type Actor, type Role } from '../auth/permissions.js';
import { getChangeRequest, type ChangeClass } from '../change-requests/change-requests.service.js';
import { RESUME, awaitsSteeringGroup, isClosed, transitionsFrom, type Transition } from '../change-requests/lifecycle.js';
import { CLASS_NAMES, deferChangeRequest, takeStep } from '../change-requests/workflow.service.js';
import type { Db, Trx } from '../db/database.js';
import { formatDate } from '../text/danish.js';
import { nowIso } from '../db/time.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import type { RankedItem, Ranking } from './ranking.js';
import * as repo from './sessions.repository.js';
import {
  PARTICIPANT_ROLES,
  RECOMMENDATIONS,
  assertStatus,
  changeSession,
  loadSession,
  rankLoaded,
  requireSession,
  sessionHeader,
  sessionView,
  type Loaded,
  type ParticipantRole,
  type Recommendation,
  seesDeliberations,
} from './sessions.service.js';

const reason = plainText.trim().min(1, 'Skriv en begrundelse').max(4000);

export const OverrideInput = z.object({
  /** 1-based place in the ranking; null puts the item back where the rules place it. */
  position: z.number().int().min(1).max(500).nullable(),
  reason,
});
export const ItemMarkInput = z.object({
  /** Why a lovvedligehold with a deadline in the period may stand below the cut line; null withdraws it. */
  belowCutReason: plainText.trim().min(1, 'Skriv hvorfor punktet kan stå under linjen').max(4000).nullable().optional(),
  tilStyregruppen: z.boolean().optional(),
  reason: plainText.trim().max(4000).optional(),
});
export const RecommendationInput = z.object({
  recommendation: z.enum(Object.keys(RECOMMENDATIONS) as [Recommendation, ...Recommendation[]], { message: 'Vælg anbefales, udskydes, afvises eller til_styregruppen' }),
  reason,
  dissent: plainText.trim().max(4000).nullish(),
});
export const SessionTransitionInput = z.object({
  action: z.enum(['afhold', 'afslut'], { message: 'Handlingen skal være afhold eller afslut' }),
  reason: plainText.trim().max(4000).optional(),
});

async function itemOf(trx: Trx, sessionId: number, itemId: number) {
  const item = (await repo.itemRows(trx, sessionId)).find((i) => i.id === itemId);
  if (!item) throw new NotFound(`Punktet ${itemId} er ikke på mødets dagsorden`);
  return item;
}

function assertRevealed(session: { revealed_at: string | null }, what: string) {
  if (!session.revealed_at) throw new Conflict(`${what} kræver, at formanden først har vist vurderingerne`);
}

export async function setOverride(db: Db, id: number, itemId: number, input: z.infer<typeof OverrideInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    assertRevealed(session, 'At flytte et punkt');
    const item = await itemOf(trx, id, itemId);
    // The revision orders the moves: a later move to the same place takes it.
    await repo.updateItem(trx, itemId, {
      override_position: input.position,
      override_reason: input.position === null ? null : input.reason,
      override_seq: input.position === null ? null : session.revision + 1,
    });
    await recordAudit(trx, {
      actor: actor.name,
      action: input.position === null ? 'session.override.remove' : 'session.override',
      entityType: 'session',
      entityId: id,
      reason: input.reason,
      before: { changeRequest: item.human_id, position: item.override_position },
      after: { changeRequest: item.human_id, position: input.position },
    });
  });
  return sessionView(db, id, actor);
}

export async function markItem(db: Db, id: number, itemId: number, input: z.infer<typeof ItemMarkInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    const item = await itemOf(trx, id, itemId);
    const mustByLaw = item.class === 'lovvedligehold' && item.deadline !== null && item.deadline <= session.period_end;
    if (input.belowCutReason && !mustByLaw) {
      throw new Invalid('Kun lovvedligehold med frist i perioden skal begrundes for at stå under linjen', [{ field: 'belowCutReason', message: 'Ikke et lovpligtigt punkt' }]);
    }
    const set = {
      ...(input.belowCutReason !== undefined && { below_cut_reason: input.belowCutReason }),
      ...(input.tilStyregruppen !== undefined && { til_styregruppen: input.tilStyregruppen ? 1 : 0 }),
    };
    if (!Object.keys(set).length) throw new Invalid('Der er intet at ændre');
    await repo.updateItem(trx, itemId, set);
    await recordAudit(trx, {
      actor: actor.name,
      action: 'session.item',
      entityType: 'session',
      entityId: id,
      reason: input.reason ?? input.belowCutReason ?? undefined,
      before: { changeRequest: item.human_id, belowCutReason: item.below_cut_reason, tilStyregruppen: item.til_styregruppen === 1 },
      after: { changeRequest: item.human_id, belowCutReason: input.belowCutReason, tilStyregruppen: input.tilStyregruppen },
    });
  });
  return sessionView(db, id, actor);
}

export async function recommend(db: Db, id: number, itemId: number, input: z.infer<typeof RecommendationInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    assertRevealed(session, 'En anbefaling');
    const item = await itemOf(trx, id, itemId);
    await repo.updateItem(trx, itemId, { recommendation: input.recommendation, recommendation_reason: input.reason, dissent: input.dissent || null });
    await recordAudit(trx, {
      actor: actor.name,
      action: 'session.recommend',
      entityType: 'session',
      entityId: id,
      reason: input.reason,
      before: { changeRequest: item.human_id, recommendation: item.recommendation },
      after: { changeRequest: item.human_id, recommendation: input.recommendation, dissent: input.dissent || null },
    });
  });
  return sessionView(db, id, actor);
}

export type RecordItem = RankedItem & {
  class: string;
  className: string;
  recommendation: Recommendation | null;
  recommendationLabel: string | null;
  recommendationReason: string | null;
  dissent: string | null;
};

/** The decision record ("oplæg til projektleder med prioritering"), built from the live rows. */
function buildRecord(loaded: Loaded) {
  const ranking: Ranking = rankLoaded(loaded);
  const byId = new Map(loaded.items.map((i) => [i.id, i]));
  const items: RecordItem[] = ranking.items.map((r) => {
    const row = byId.get(r.itemId)!;
    const rec = row.recommendation as Recommendation | null;
    return {
      ...r,
      class: row.class,
      className: CLASS_NAMES[row.class as ChangeClass] ?? row.class,
      recommendation: rec,
      recommendationLabel: rec ? RECOMMENDATIONS[rec] : null,
      recommendationReason: row.recommendation_reason,
      dissent: row.dissent,
    };
  });
  return {
    session: sessionHeader(loaded),
    participants: loaded.participants.map((p) => ({ username: p.username, displayName: p.display_name, role: p.role, roleLabel: PARTICIPANT_ROLES[p.role as ParticipantRole] ?? p.role })),
    ranking: { ...ranking, items },
    steeringGroup: items.filter((i) => i.tilStyregruppen || i.recommendation === 'til_styregruppen'),
    dissents: items.filter((i) => i.dissent),
    /** What the chair wrote on closing the meeting; frozen with the record. */
    closingRemark: null as string | null,
    /** Filled in when the session is closed: what each recommendation did to its change request. */
    handoffs: [] as Handoff[],
    generatedAt: nowIso(),
  };
}
export type SessionRecord = ReturnType<typeof buildRecord>;

/** Of an item, what a reader who may not see the deliberations gets: where it stands and what was recommended. */
export type PublicRecordItem = Pick<
  RecordItem,
  'itemId' | 'humanId' | 'title' | 'class' | 'className' | 'position' | 'estimate' | 'missingEstimate' | 'deadline' | 'mustByLaw' | 'tilStyregruppen' | 'recommendation' | 'recommendationLabel' | 'recommendationReason'
>;

/**
 * The record as one reader may see it. `deliberations: false` (a supplier, seesDeliberations) leaves out the budget
 * frame, the cut line drawn at it, the scores built from the members' assessments, the chair's moves and the
 * dissents; the agreed order, the estimates and the recommendations stay.
 */
export type RecordView =
  | (SessionRecord & { deliberations: true })
  | (Omit<SessionRecord, 'ranking' | 'steeringGroup' | 'dissents'> & {
      deliberations: false;
      ranking: { items: PublicRecordItem[]; rules: string[] };
      steeringGroup: PublicRecordItem[];
      dissents: [];
    });

function publicItem(i: RecordItem): PublicRecordItem {
  const { itemId, humanId, title, class: cls, className, position, estimate, missingEstimate, deadline, mustByLaw, tilStyregruppen, recommendation, recommendationLabel, recommendationReason } = i;
  return { itemId, humanId, title, class: cls, className, position, estimate, missingEstimate, deadline, mustByLaw, tilStyregruppen, recommendation, recommendationLabel, recommendationReason };
}

function recordFor(record: SessionRecord, deliberations: boolean): RecordView {
  if (deliberations) return { ...record, deliberations: true };
  return {
    ...record,
    deliberations: false,
    session: { ...record.session, budget: { amount: null, unit: record.session.budget.unit } },
    ranking: { items: record.ranking.items.map(publicItem), rules: record.ranking.rules },
    steeringGroup: record.steeringGroup.map(publicItem),
    dissents: [],
  };
}

/** The record for a document, as this reader may see it: frozen as it was closed, or as it stands now. */
export async function sessionRecord(db: Db, id: number, actor: Actor): Promise<RecordView> {
  const session = await requireSession(db, id);
  authorize(actor, 'read', session.solution_id);
  const deliberations = seesDeliberations(actor, session.solution_id);
  if (session.status === 'afsluttet' && session.record_json) {
    const record = JSON.parse(session.record_json) as SessionRecord;
    // Records closed before names were written there hold the chair's username.
    return recordFor({ ...record, session: { ...record.session, closedBy: await displayName(db, record.session.closedBy) } }, deliberations);
  }
  assertRevealed(session, 'Beslutningsoplægget');
  return recordFor(buildRecord(await loadSession(db, id)), deliberations);
}

/** The agenda material sent out ahead: each item with its description, requirements, provisions, estimate and deadline. */
export async function sessionAgenda(db: Db, id: number, actor: Actor) {
  const session = await requireSession(db, id);
  authorize(actor, 'read', session.solution_id);
  const loaded = await loadSession(db, id);
  const unit = loaded.session.budget_unit;
  const items = [];
  for (const i of loaded.items) {
    const cr = await getChangeRequest(db, i.human_id, actor);
    items.push({
      position: i.position,
      humanId: cr.humanId,
      title: cr.title,
      description: cr.description,
      proposer: cr.proposer,
      className: CLASS_NAMES[cr.class as ChangeClass] ?? cr.class,
      statusLabel: changeRequestStatusName(cr.class, cr.status),
      estimate: unit === 'timer' ? cr.estimateHours : cr.estimateDkk,
      deadline: cr.deadline,
      mustByLaw: cr.class === 'lovvedligehold' && cr.deadline !== null && cr.deadline <= loaded.session.period_end,
      requirements: cr.requirements,
      provisions: cr.provisions,
    });
  }
  return {
    session: sessionHeader(loaded, seesDeliberations(actor, session.solution_id)),
    participants: loaded.participants.map((p) => ({ displayName: p.display_name, roleLabel: PARTICIPANT_ROLES[p.role as ParticipantRole] ?? p.role })),
    items,
  };
}
export type SessionAgenda = Awaited<ReturnType<typeof sessionAgenda>>;

export async function transitionSession(db: Db, id: number, input: z.infer<typeof SessionTransitionInput>, actor: Actor) {
  await changeSession(db, id, actor, 'manage', async (trx, session) => {
    if (input.action === 'afhold') {
      assertStatus(session, ['forberedelse'], 'Kun et møde under forberedelse kan markeres som afholdt');
      if (!(await repo.itemRows(trx, id)).length) throw new Conflict('Dagsordenen er tom');
      await repo.updateSessionRow(trx, id, { status: 'afholdt' });
      await recordAudit(trx, { actor: actor.name, action: 'session.afhold', entityType: 'session', entityId: id, reason: input.reason, before: { status: session.status }, after: { status: 'afholdt' } });
      return;
    }
    assertStatus(session, ['afholdt'], 'Mødet skal være markeret som afholdt, før det kan afsluttes');
    await closeSession(trx, session.id, actor, input.reason);
  });
  return sessionView(db, id, actor);
}

/** What closing did to one agenda item's change request. */
export interface Handoff {
  humanId: string;
  title: string;
  recommendation: Recommendation;
  /** flyttet: a lifecycle step was taken; udskudt: deferred; uaendret: no step was due; ikke_muligt: the step the recommendation asks for is not possible now. */
  outcome: 'flyttet' | 'udskudt' | 'uaendret' | 'ikke_muligt';
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  message: string;
}

/**
 * Closes a held session: freezes its decision record, writes each recommendation into its change request's
 * history and its rank into the request's priority, and lets each recommendation take effect on its request by
 * the lifecycle's own steps, with the meeting as the recorded reason (handOff). What could not be done is listed
 * in the record's hand-offs, never skipped in silence.
 */
async function closeSession(trx: Trx, id: number, actor: Actor, reasonText: string | undefined) {
  const loaded = await loadSession(trx, id);
  const { session } = loaded;
  assertRevealed(session, 'At afslutte mødet');
  const missing = loaded.items.filter((i) => !i.recommendation);
  if (missing.length) {
    throw new Conflict(
      'Alle punkter skal have en anbefaling, før mødet kan afsluttes',
      missing.map((i) => ({ field: `items.${i.id}.recommendation`, message: `${i.human_id} mangler en anbefaling` })),
    );
  }
  const closedAt = nowIso();
  const record = buildRecord(loaded);
  record.session = { ...record.session, status: 'afsluttet', statusLabel: 'Afsluttet', closedAt, closedBy: await displayName(trx, actor.name) };
  record.closingRemark = reasonText || null;
  const meeting = await meetingRoles(trx, loaded);
  const heading = `Faggruppemøde "${session.title}" ${formatDate(session.meeting_date)}`;
  for (const item of record.ranking.items) {
    const row = loaded.items.find((i) => i.id === item.itemId)!;
    const text = `${heading}: ${item.recommendationLabel}. ${item.recommendationReason}${item.dissent ? ` Dissens: ${item.dissent}` : ''} (plads ${item.position}, ${item.aboveCut ? 'over' : 'under'} skærelinjen)`;
    await repo.insertChangeRequestEvent(trx, { changeRequestId: row.change_request_id, kind: 'recommendation', action: item.recommendation, text, actor: actor.name });
    // The rank becomes the request's priority, so lists and the steering group see the faggruppe's order.
    await repo.setChangeRequestPriority(trx, row.change_request_id, item.position);
    await recordAudit(trx, {
      actor: actor.name,
      action: 'change_request.recommendation',
      entityType: 'change_request',
      entityId: row.human_id,
      reason: item.recommendationReason,
      before: { priority: row.cr_priority },
      after: { session: id, recommendation: item.recommendation, dissent: item.dissent, position: item.position, aboveCut: item.aboveCut, priority: item.position },
    });
    const decided = `Besluttet på ${heading.charAt(0).toLowerCase()}${heading.slice(1)}: ${item.recommendationReason ?? item.recommendationLabel}`;
    record.handoffs.push(await handOff(trx, row.change_request_id, item.recommendation!, meeting, decided, actor));
  }
  await repo.updateSessionRow(trx, id, { status: 'afsluttet', closed_at: closedAt, closed_by: actor.name, record_json: JSON.stringify(record) });
  await recordAudit(trx, {
    actor: actor.name,
    action: 'session.close',
    entityType: 'session',
    entityId: id,
    reason: reasonText,
    before: { status: session.status },
    after: {
      status: 'afsluttet',
      recommendations: record.ranking.items.map((i) => ({ changeRequest: i.humanId, recommendation: i.recommendation, position: i.position })),
      notPossible: record.handoffs.filter((h) => h.outcome === 'ikke_muligt').map((h) => ({ changeRequest: h.humanId, message: h.message })),
    },
  });
}

/** The roles the meeting holds in the solution: those of its participants (the faggruppe's members and its chair). */
async function meetingRoles(trx: Trx, loaded: Loaded): Promise<Set<Role>> {
  const users = await repo.usersWithRoles(trx, loaded.participants.map((p) => p.username));
  const held = new Set<Role>();
  for (const u of users) {
    const asActor: Actor = { name: u.username, userId: u.id, roles: u.roles.map((r) => ({ solutionId: r.solutionId, role: r.role as Role })) };
    for (const role of rolesIn(asActor, loaded.session.solution_id)) held.add(role);
  }
  return held;
}

type Wanted = { step: Transition } | { none: string } | { refused: string };

/** The lifecycle step a recommendation asks for, from where the request stands. */
function wantedStep(recommendation: Recommendation, cls: ChangeClass, status: string): Wanted {
  const from = transitionsFrom(cls, status);
  const here = `${CLASS_NAMES[cls].toLowerCase()} i status "${changeRequestStatusName(cls, status)}"`;
  const toSteering = () => {
    if (awaitsSteeringGroup(cls, status)) return { none: 'Ligger allerede hos styregruppen' };
    const step = from.find((t) => awaitsSteeringGroup(cls, t.to));
    return step ? { step } : { refused: `En ${here} kan ikke gå til styregruppen` };
  };
  if (recommendation === 'til_styregruppen') return toSteering();
  if (recommendation === 'afvises') {
    const step = from.find((t) => t.action === 'afvis');
    return step ? { step } : { refused: `En ${here} kan ikke afvises` };
  }
  // Anbefales: a videreudvikling goes on to the steering group, which approves every one; the others are the
  // projektleder's to carry from where they stand.
  if (cls === 'videreudvikling') {
    const step = from.find((t) => t.action === 'anbefal');
    if (step) return { step };
  }
  return { none: 'Status uændret' };
}

const whoMay = (roles: readonly Role[]) => roles.map((r) => ROLE_NAMES[r].toLowerCase()).join(' eller ');

/** Lets one recommendation take effect on its change request, inside the closing transaction. */
async function handOff(trx: Trx, changeRequestId: number, recommendation: Recommendation, meeting: Set<Role>, decided: string, actor: Actor): Promise<Handoff> {
  const cr = await trx.selectFrom('change_requests').selectAll().where('id', '=', changeRequestId).executeTakeFirstOrThrow();
  const cls = cr.class as ChangeClass;
  const label = (status: string) => changeRequestStatusName(cls, status);
  const result = (outcome: Handoff['outcome'], to: string, message: string): Handoff => ({
    humanId: cr.human_id,
    title: cr.title,
    recommendation,
    outcome,
    from: cr.status,
    fromLabel: label(cr.status),
    to,
    toLabel: label(to),
    message,
  });
  if (isClosed(cls, cr.status)) return result('ikke_muligt', cr.status, `Forslaget er allerede afsluttet (${label(cr.status).toLowerCase()})`);
  if (recommendation === 'udskydes') {
    await deferChangeRequest(trx, cr, decided, actor);
    return result('udskudt', cr.status, 'Udskudt: intet skridt venter, før projektlederen genoptager forslaget');
  }
  const wanted = wantedStep(recommendation, cls, cr.status);
  if ('refused' in wanted) return result('ikke_muligt', cr.status, wanted.refused);
  if ('none' in wanted) {
    // A request deferred at an earlier meeting is taken up again by this one.
    if (cr.deferred_at !== null) await takeStep(trx, cr, { ...RESUME, from: [cr.status], to: cr.status }, { reason: decided }, actor);
    const next = transitionsFrom(cls, cr.status);
    const nextText = next.length ? `; næste skridt: ${next.map((t) => `${t.label.toLowerCase()} (${whoMay(t.roles)})`).join(', ')}` : '';
    return result('uaendret', cr.status, `${wanted.none}${nextText}`);
  }
  const { step } = wanted;
  if (!step.roles.some((r) => meeting.has(r))) {
    return result('ikke_muligt', cr.status, `Kun ${whoMay(step.roles)} kan "${step.label.toLowerCase()}", og ingen af mødets deltagere er det`);
  }
  await takeStep(trx, cr, step, { reason: decided }, actor);
  return result('flyttet', step.to, `${step.label}: ${label(cr.status)} → ${label(step.to)}`);
}
