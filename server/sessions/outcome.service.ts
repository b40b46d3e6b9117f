// A session's outcome: the chair's manual moves and marks on the ranking, a recommendation per item, holding
// and closing the meeting (closing freezes the decision record and writes each recommendation into the change
// request's history), and the printable agenda and decision record.
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, rolesIn, type Actor, type Role } from '../auth/permissions.js';
import { getChangeRequest, type ChangeClass } from '../change-requests/change-requests.service.js';
import { MACHINES, transitionsFrom } from '../change-requests/lifecycle.js';
import { CLASS_NAMES } from '../change-requests/workflow.service.js';
import type { Db, Trx } from '../db/database.js';
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
    generatedAt: nowIso(),
  };
}
export type SessionRecord = ReturnType<typeof buildRecord>;

/** The record for a document: frozen as it was closed, or as it stands now. */
export async function sessionRecord(db: Db, id: number, actor: Actor): Promise<SessionRecord> {
  const session = await requireSession(db, id);
  authorize(actor, 'read', session.solution_id);
  if (session.status === 'afsluttet' && session.record_json) return JSON.parse(session.record_json) as SessionRecord;
  assertRevealed(session, 'Beslutningsoplægget');
  return buildRecord(await loadSession(db, id));
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
      statusLabel: MACHINES[cr.class as ChangeClass]?.states[cr.status]?.label ?? cr.status,
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

/**
 * Closes a held session: freezes its decision record, writes each recommendation into its change request's
 * history, and, where the chair is a faggruppe member, moves a recommended videreudvikling on to the
 * steering group by the lifecycle's own "anbefal" transition.
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
  record.session = { ...record.session, status: 'afsluttet', statusLabel: 'Afsluttet', closedAt, closedBy: actor.name };
  const chairFaggruppe = await chairIsFaggruppe(trx, loaded);
  const heading = `Faggruppemøde "${session.title}" ${session.meeting_date}`;
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
    if (item.recommendation === 'anbefales' && row.class === 'videreudvikling' && chairFaggruppe) {
      await recommendOnward(trx, row, chairFaggruppe, heading, item.recommendationReason ?? '', actor);
    }
  }
  await repo.updateSessionRow(trx, id, { status: 'afsluttet', closed_at: closedAt, closed_by: actor.name, record_json: JSON.stringify(record) });
  await recordAudit(trx, {
    actor: actor.name,
    action: 'session.close',
    entityType: 'session',
    entityId: id,
    reason: reasonText,
    before: { status: session.status },
    after: { status: 'afsluttet', recommendations: record.ranking.items.map((i) => ({ changeRequest: i.humanId, recommendation: i.recommendation, position: i.position })) },
  });
}

/** The chair's roles in the solution, if the chair is a faggruppe member: only then does the faggruppe's recommendation move the request. */
async function chairIsFaggruppe(trx: Trx, loaded: Loaded): Promise<Set<Role> | null> {
  const chair = loaded.participants.find((p) => p.role === 'formand');
  if (!chair) return null;
  const grants = await trx.selectFrom('user_roles').select(['solution_id', 'role']).where('user_id', '=', chair.user_id).execute();
  const held = rolesIn({ name: chair.username, userId: chair.user_id, roles: grants.map((g) => ({ solutionId: g.solution_id, role: g.role as Role })) }, loaded.session.solution_id);
  return held.has('faggruppe') ? held : null;
}

async function recommendOnward(trx: Trx, row: repo.ItemWithRequest, chairRoles: Set<Role>, heading: string, why: string, actor: Actor) {
  const transition = transitionsFrom(row.class as ChangeClass, row.cr_status).find((t) => t.action === 'anbefal');
  if (!transition || !transition.roles.some((r) => chairRoles.has(r))) return;
  await repo.setChangeRequestStatus(trx, row.change_request_id, transition.to);
  const text = `Anbefalet af faggruppen på ${heading.charAt(0).toLowerCase()}${heading.slice(1)}: ${why}`;
  await repo.insertChangeRequestEvent(trx, { changeRequestId: row.change_request_id, kind: 'transition', action: transition.action, from: row.cr_status, to: transition.to, text, actor: actor.name });
  await recordAudit(trx, {
    actor: actor.name,
    action: `change_request.${transition.action}`,
    entityType: 'change_request',
    entityId: row.human_id,
    reason: text,
    before: { status: row.cr_status },
    after: { status: transition.to },
  });
}
