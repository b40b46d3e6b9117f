// Change requests through their lifecycle: registering, editing, transitions by the roles the governance
// model names, class correction, comments, attachments, orienteringer, deadlines and each role's work list.
import { changeRequestStatusName } from '../text/vocabulary.js';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import { displayNames } from '../auth/display-names.js';
import { authorize, can, rolesIn, type Actor } from '../auth/permissions.js';
import type { Db, Executor } from '../db/database.js';
import { inSolutionScope } from '../db/sql.js';
import { nowIso, todayIso } from '../db/time.js';
import { Conflict, Forbidden, Invalid, NotFound, StaleEdit } from '../http/errors.js';
import { editVersion, isoDate, plainText } from '../http/validation.js';
import { getSolution, readScope } from '../solutions/solutions.service.js';
import { findProvision, latestVersion } from '../sources/sources.repository.js';
import { CHANGE_CLASSES, CLASS_NAMES, getChangeRequest, insertChangeRequest, type ChangeClass } from './change-requests.service.js';

export { CLASS_NAMES };
import type { ChangeRequestRow } from './change-requests.table.js';
import { CLOSED_STATUSES, MACHINES, isClosed, nextSteps, stepsAwaiting, type Transition } from './lifecycle.js';


const ProvisionRef = z.object({ sourceId: z.number().int().positive(), provisionKey: z.string().min(1).max(64) });
const reason = plainText.trim().min(1, 'Skriv en begrundelse').max(4000);

export const ChangeRequestInput = z
  .object({
    solution: z.string().min(1).max(16),
    class: z.enum(CHANGE_CLASSES, { message: `Klassen skal være en af: ${CHANGE_CLASSES.join(', ')}` }),
    title: plainText.trim().min(1, 'Titlen mangler').max(300),
    description: plainText.max(20_000).default(''),
    proposer: plainText.trim().min(1, 'Hvem foreslår ændringen?').max(200),
    estimateHours: z.number().min(0).max(1_000_000).nullish(),
    estimateDkk: z.number().min(0).max(1_000_000_000).nullish(),
    deadline: isoDate.nullish(),
    priority: z.number().int().min(1).max(1000).nullish(),
    requirements: z.array(z.string().max(32)).max(500).default([]),
    provisions: z.array(ProvisionRef).max(500).default([]),
  })
  .refine((v) => v.class !== 'lovvedligehold' || Boolean(v.deadline), {
    path: ['deadline'],
    message: 'Lovvedligehold skal have en frist: datoen loven træder i kraft',
  });

export const ChangeRequestPatch = z.object({
  /** The version the editor started from; a newer one in the database means someone else got there first. */
  version: editVersion,
  title: plainText.trim().min(1, 'Titlen mangler').max(300, 'Titlen må højst være 300 tegn').optional(),
  description: plainText.max(20_000).optional(),
  proposer: plainText.trim().min(1, 'Hvem foreslår ændringen?').max(200).optional(),
  estimateHours: z.number().min(0).max(1_000_000).nullable().optional(),
  estimateDkk: z.number().min(0).max(1_000_000_000).nullable().optional(),
  deadline: isoDate.nullable().optional(),
  priority: z.number().int().min(1).max(1000).nullable().optional(),
  requirements: z.array(z.string().max(32)).max(500).optional(),
  provisions: z.array(ProvisionRef).max(500).optional(),
  reason: plainText.trim().max(4000).optional(),
});

export const TransitionInput = z.object({
  action: z.string().min(1).max(32),
  reason,
  /** For the lovudredning: the provisions concerned (replaces the request's list). */
  provisions: z.array(ProvisionRef).max(500).optional(),
  /** For "krav opdateret": the requirement versions produced; default the current version of each changed linked requirement. */
  requirementVersions: z.array(z.object({ humanId: z.string().max(32), version: z.number().int().positive() })).max(500).optional(),
  estimateHours: z.number().min(0).max(1_000_000).optional(),
});

export const ClassCorrection = z.object({ class: z.enum(CHANGE_CLASSES), reason });
export const CommentInput = z.object({ text: plainText.trim().min(1, 'Kommentaren er tom').max(10_000) });
export const AttachmentInput = z.object({
  title: plainText.trim().min(1, 'Giv linket en titel').max(200),
  url: z
    .string()
    .max(2000)
    .url('Skriv en gyldig adresse')
    .refine((u) => /^https?:\/\//i.test(u), 'Kun http- og https-adresser'),
});

async function crRow(db: Executor, humanId: string) {
  const row = await db.selectFrom('change_requests').selectAll().where('human_id', '=', humanId).executeTakeFirst();
  if (!row) throw new NotFound(`Ændringsforslaget ${humanId} findes ikke`);
  return row;
}

async function requirementIds(db: Executor, solutionId: number, humanIds: string[]) {
  if (!humanIds.length) return [];
  const rows = await db.selectFrom('requirements').select(['id', 'human_id', 'solution_id']).where('human_id', 'in', humanIds).execute();
  const missing = humanIds.filter((h) => !rows.some((r) => r.human_id === h));
  if (missing.length) throw new Invalid('Ukendte krav', [{ field: 'requirements', message: `Findes ikke: ${missing.join(', ')}` }]);
  if (rows.some((r) => r.solution_id !== solutionId)) throw new Invalid('Kravene skal høre til samme løsning', [{ field: 'requirements', message: 'Krav fra en anden løsning' }]);
  return rows.map((r) => r.id);
}

async function provisionRefs(db: Executor, refs: z.infer<typeof ProvisionRef>[]) {
  const out = [];
  for (const ref of refs) {
    const version = await latestVersion(db, ref.sourceId);
    if (!version || !(await findProvision(db, version.id, ref.provisionKey))) {
      throw new Invalid('Ukendt bestemmelse', [{ field: 'provisions', message: `${ref.provisionKey} findes ikke i nyeste version af retskilde ${ref.sourceId}` }]);
    }
    out.push({ sourceId: ref.sourceId, provisionKey: ref.provisionKey, versionId: version.id });
  }
  return out;
}

async function addEvent(db: Executor, crId: number, e: { kind: string; action?: string; from?: string; to?: string; text: string; actor: string }) {
  await db
    .insertInto('change_request_events')
    .values({ change_request_id: crId, kind: e.kind, action: e.action ?? null, from_status: e.from ?? null, to_status: e.to ?? null, text: e.text, actor: e.actor, at: nowIso() })
    .execute();
}

export async function createChangeRequest(db: Db, input: z.infer<typeof ChangeRequestInput>, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const solution = await getSolution(trx, input.solution);
    authorize(actor, 'change_request.create', solution.id);
    const cr = await insertChangeRequest(
      trx,
      {
        solutionId: solution.id,
        solutionCode: solution.code,
        class: input.class,
        title: input.title,
        description: input.description,
        proposer: input.proposer,
        status: MACHINES[input.class].initial,
        deadline: input.deadline ?? null,
        requirementIds: await requirementIds(trx, solution.id, input.requirements),
        provisions: await provisionRefs(trx, input.provisions),
      },
      actor.name,
      'Registreret',
    );
    if (input.estimateHours != null || input.estimateDkk != null || input.priority != null) {
      await trx
        .updateTable('change_requests')
        .set({ estimate_hours: input.estimateHours ?? null, estimate_dkk: input.estimateDkk ?? null, priority: input.priority ?? null })
        .where('id', '=', cr.id)
        .execute();
    }
    await addEvent(trx, cr.id, { kind: 'transition', to: cr.status, text: 'Registreret', actor: actor.name });
    return cr;
  });
}

function assertOpen(row: { class: string; status: string; human_id: string }) {
  if (isClosed(row.class as ChangeClass, row.status)) throw new Conflict(`${row.human_id} er afsluttet og kan ikke ændres`);
}

export async function updateChangeRequest(db: Db, humanId: string, patch: z.infer<typeof ChangeRequestPatch>, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const before = await crRow(trx, humanId);
    const estimateOnly = Object.keys(patch).every((k) => ['version', 'estimateHours', 'estimateDkk', 'reason'].includes(k));
    // The supplier estimates; everything else is the project manager's.
    if (!(estimateOnly && rolesIn(actor, before.solution_id).has('leverandoer'))) authorize(actor, 'change_request.edit', before.solution_id);
    assertOpen(before);
    const set = {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.proposer !== undefined && { proposer: patch.proposer }),
      ...(patch.estimateHours !== undefined && { estimate_hours: patch.estimateHours }),
      ...(patch.estimateDkk !== undefined && { estimate_dkk: patch.estimateDkk }),
      ...(patch.deadline !== undefined && { deadline: patch.deadline }),
      ...(patch.priority !== undefined && { priority: patch.priority }),
      updated_at: nowIso(),
      version: before.version + 1,
    };
    if (before.class === 'lovvedligehold' && patch.deadline === null) throw new Invalid('Lovvedligehold skal have en frist', [{ field: 'deadline', message: 'Fristen kan ikke fjernes' }]);
    // Check and write in one statement, so two edits of the same version cannot both land.
    const written = await trx.updateTable('change_requests').set(set).where('id', '=', before.id).where('version', '=', patch.version).executeTakeFirst();
    if (Number(written.numUpdatedRows) !== 1) throw new StaleEdit(`Ændringsforslaget ${humanId}`);
    if (patch.requirements) {
      const ids = await requirementIds(trx, before.solution_id, patch.requirements);
      await trx.deleteFrom('change_request_requirements').where('change_request_id', '=', before.id).execute();
      if (ids.length) await trx.insertInto('change_request_requirements').values(ids.map((id) => ({ change_request_id: before.id, requirement_id: id }))).execute();
    }
    if (patch.provisions) await replaceProvisions(trx, before.id, patch.provisions);
    await addEvent(trx, before.id, { kind: 'edit', text: patch.reason || 'Rettet', actor: actor.name });
    await recordAudit(trx, { actor: actor.name, action: 'change_request.update', entityType: 'change_request', entityId: humanId, reason: patch.reason, before, after: { ...before, ...set } });
    return { humanId, version: set.version };
  });
}

async function replaceProvisions(db: Executor, crId: number, refs: z.infer<typeof ProvisionRef>[]) {
  const resolved = await provisionRefs(db, refs);
  await db.deleteFrom('change_request_provisions').where('change_request_id', '=', crId).execute();
  if (resolved.length) {
    await db
      .insertInto('change_request_provisions')
      .values(resolved.map((p) => ({ change_request_id: crId, source_id: p.sourceId, provision_key: p.provisionKey, version_id: p.versionId })))
      .execute();
  }
}

/** Moves a request along its class's lifecycle; only the roles the governance model names may. */
export async function transitionChangeRequest(db: Db, humanId: string, input: z.infer<typeof TransitionInput>, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const row = await crRow(trx, humanId);
    const transition = findStep(row, input.action);
    const held = rolesIn(actor, row.solution_id);
    if (!transition.roles.some((r) => held.has(r))) {
      const names = transition.roles.join(' eller ');
      throw new Forbidden(`Kun ${names} i løsningen kan "${transition.label.toLowerCase()}"`);
    }
    return takeStep(trx, row, transition, input, actor);
  });
}

/** The step named by `action` from where the request stands, or a 409 naming the steps that are possible. */
export function findStep(row: { class: string; status: string; deferred_at: string | null }, action: string): Transition {
  const cls = row.class as ChangeClass;
  const steps = nextSteps(cls, row.status, row.deferred_at !== null);
  const transition = steps.find((t) => t.action === action);
  if (transition) return transition;
  const possible = steps.map((t) => t.action);
  throw new Conflict(
    `"${action}" kan ikke ske for ${CLASS_NAMES[cls].toLowerCase()} i status "${changeRequestStatusName(cls, row.status)}"` +
      (row.deferred_at !== null ? ', mens forslaget er udskudt' : '') +
      (possible.length ? ` (mulige: ${possible.join(', ')})` : ''),
    [{ field: 'action', message: 'Ikke mulig i denne status' }],
  );
}

/**
 * Takes one lifecycle step inside the caller's transaction, once the caller has checked who may: the status (a
 * deferred request taken up again keeps its own), the history, the steering group's orientering and the audit.
 * Both a user's step and a faggruppe meeting's decisions go through here, so the rules and the record are one.
 */
export async function takeStep(
  trx: Executor,
  row: ChangeRequestRow,
  transition: Transition,
  input: Omit<z.infer<typeof TransitionInput>, 'action'>,
  actor: Actor,
) {
  const humanId = row.human_id;
  if (transition.requiresProvisions) {
    if (input.provisions) await replaceProvisions(trx, row.id, input.provisions);
    const n = await trx.selectFrom('change_request_provisions').select((eb) => eb.fn.countAll<number>().as('n')).where('change_request_id', '=', row.id).executeTakeFirstOrThrow();
    if (Number(n.n) === 0) throw new Invalid('Lovudredningen skal angive de berørte bestemmelser', [{ field: 'provisions', message: 'Angiv mindst én bestemmelse' }]);
  }
  let producedVersions: { humanId: string; version: number }[] = [];
  if (transition.recordsRequirementVersions) producedVersions = await recordRequirementVersions(trx, row, input.requirementVersions);
  const now = nowIso();
  await trx
    .updateTable('change_requests')
    .set((eb) => ({
      status: transition.to,
      deferred_at: null,
      deferred_note: null,
      updated_at: now,
      version: eb('version', '+', 1),
      ...(input.estimateHours !== undefined && { estimate_hours: input.estimateHours }),
    }))
    .where('id', '=', row.id)
    .execute();
  await addEvent(trx, row.id, { kind: 'transition', action: transition.action, from: row.status, to: transition.to, text: input.reason, actor: actor.name });
  if (transition.orientering) {
    await trx
      .insertInto('orienteringer')
      .values({
        solution_id: row.solution_id,
        change_request_id: row.id,
        text: `${row.human_id} "${row.title}" er aftalt med leverandøren som behovsændring${row.estimate_hours ? ` (${row.estimate_hours} timer)` : ''}. ${input.reason}`,
        created_by: actor.name,
        created_at: now,
      })
      .execute();
  }
  await recordAudit(trx, {
    actor: actor.name,
    action: `change_request.${transition.action}`,
    entityType: 'change_request',
    entityId: humanId,
    reason: input.reason,
    before: { status: row.status, ...(row.deferred_at !== null && { deferred: true }) },
    after: { status: transition.to, requirementVersions: producedVersions.length ? producedVersions : undefined },
  });
  return { humanId, status: transition.to, requirementVersions: producedVersions };
}

/**
 * Defers a request ("Udskydes" at a faggruppe meeting): its status stays, but no step awaits anyone until the
 * projektleder takes it up again (RESUME) or a later meeting decides otherwise. Inside the caller's transaction.
 */
export async function deferChangeRequest(trx: Executor, row: ChangeRequestRow, note: string, actor: Actor) {
  const now = nowIso();
  await trx
    .updateTable('change_requests')
    .set((eb) => ({ deferred_at: now, deferred_note: note, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .execute();
  await addEvent(trx, row.id, { kind: 'transition', action: 'udskyd', from: row.status, to: row.status, text: note, actor: actor.name });
  await recordAudit(trx, {
    actor: actor.name,
    action: 'change_request.udskyd',
    entityType: 'change_request',
    entityId: row.human_id,
    reason: note,
    before: { status: row.status, deferred: row.deferred_at !== null },
    after: { status: row.status, deferred: true },
  });
}

/** Which requirement versions a lovvedligehold produced: the ones named, or each linked requirement's versions since the request was made. */
async function recordRequirementVersions(db: Executor, row: { id: number; solution_id: number; created_at: string }, named?: { humanId: string; version: number }[]) {
  let pairs: { requirementId: number; humanId: string; version: number }[];
  if (named?.length) {
    pairs = [];
    for (const n of named) {
      const v = await db
        .selectFrom('requirement_versions as v')
        .innerJoin('requirements as r', 'r.id', 'v.requirement_id')
        .select(['r.id', 'r.solution_id'])
        .where('r.human_id', '=', n.humanId)
        .where('v.version', '=', n.version)
        .executeTakeFirst();
      if (!v || v.solution_id !== row.solution_id) throw new Invalid('Ukendt kravversion', [{ field: 'requirementVersions', message: `${n.humanId} version ${n.version} findes ikke i løsningen` }]);
      pairs.push({ requirementId: v.id, humanId: n.humanId, version: n.version });
    }
  } else {
    const rows = await db
      .selectFrom('change_request_requirements as cr')
      .innerJoin('requirement_versions as v', 'v.requirement_id', 'cr.requirement_id')
      .innerJoin('requirements as r', 'r.id', 'cr.requirement_id')
      .select(['r.id', 'r.human_id', 'v.version'])
      .where('cr.change_request_id', '=', row.id)
      .where('v.created_at', '>=', row.created_at)
      .orderBy('r.id')
      .orderBy('v.version')
      .execute();
    pairs = rows.map((r) => ({ requirementId: r.id, humanId: r.human_id, version: r.version }));
  }
  if (!pairs.length) {
    throw new Invalid('Ingen kravversioner at knytte til ændringsforslaget; ret kravene først eller angiv versionerne', [
      { field: 'requirementVersions', message: 'Ingen nye kravversioner' },
    ]);
  }
  await db
    .insertInto('change_request_requirement_versions')
    .values(pairs.map((p) => ({ change_request_id: row.id, requirement_id: p.requirementId, version: p.version })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return pairs.map((p) => ({ humanId: p.humanId, version: p.version }));
}

/** Corrects the class of an open request; the status is kept where the new class has it, else it starts over. */
export async function correctClass(db: Db, humanId: string, input: z.infer<typeof ClassCorrection>, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const row = await crRow(trx, humanId);
    authorize(actor, 'change_request.edit', row.solution_id);
    assertOpen(row);
    if (row.class === input.class) throw new Invalid('Klassen er allerede ' + CLASS_NAMES[input.class], [{ field: 'class', message: 'Uændret' }]);
    const machine = MACHINES[input.class];
    const status = machine.states[row.status] ? row.status : machine.initial;
    if (input.class === 'lovvedligehold' && !row.deadline) throw new Invalid('Lovvedligehold skal have en frist; sæt fristen først', [{ field: 'class', message: 'Fristen mangler' }]);
    await trx
      .updateTable('change_requests')
      .set((eb) => ({ class: input.class, status, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    await addEvent(trx, row.id, { kind: 'class', from: row.class, to: input.class, text: input.reason, actor: actor.name });
    await recordAudit(trx, {
      actor: actor.name,
      action: 'change_request.class',
      entityType: 'change_request',
      entityId: humanId,
      reason: input.reason,
      before: { class: row.class, status: row.status },
      after: { class: input.class, status },
    });
    return { humanId, class: input.class, status };
  });
}

export async function addComment(db: Db, humanId: string, input: z.infer<typeof CommentInput>, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const row = await crRow(trx, humanId);
    authorize(actor, 'change_request.comment', row.solution_id);
    assertOpen(row);
    await addEvent(trx, row.id, { kind: 'comment', text: input.text, actor: actor.name });
    await recordAudit(trx, { actor: actor.name, action: 'change_request.comment', entityType: 'change_request', entityId: humanId, after: { text: input.text } });
    return { ok: true };
  });
}

export async function addAttachment(db: Db, humanId: string, input: z.infer<typeof AttachmentInput>, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const row = await crRow(trx, humanId);
    authorize(actor, 'change_request.comment', row.solution_id);
    assertOpen(row);
    await trx.insertInto('change_request_attachments').values({ change_request_id: row.id, title: input.title, url: input.url, added_by: actor.name, added_at: nowIso() }).execute();
    await recordAudit(trx, { actor: actor.name, action: 'change_request.attach', entityType: 'change_request', entityId: humanId, after: input });
    return { ok: true };
  });
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const minusDays = (date: string, days: number) => new Date(Date.parse(date) - days * DAY_MS).toISOString().slice(0, 10);

/** The full request as its detail page shows it: lifecycle position, what this actor may do next, and the history. */
export async function changeRequestDetail(db: Db, humanId: string, actor: Actor, today = todayIso()) {
  const base = await getChangeRequest(db, humanId, actor);
  const row = await crRow(db, humanId);
  const cls = row.class as ChangeClass;
  const solution = await db.selectFrom('solutions').select(['decision_lead_days', 'name']).where('id', '=', row.solution_id).executeTakeFirstOrThrow();
  const held = rolesIn(actor, row.solution_id);
  const events = await db.selectFrom('change_request_events').selectAll().where('change_request_id', '=', row.id).orderBy('id').execute();
  const attachments = await db.selectFrom('change_request_attachments').selectAll().where('change_request_id', '=', row.id).orderBy('id').execute();
  const produced = await db
    .selectFrom('change_request_requirement_versions as p')
    .innerJoin('requirements as r', 'r.id', 'p.requirement_id')
    .innerJoin('requirement_versions as v', (j) => j.onRef('v.requirement_id', '=', 'p.requirement_id').onRef('v.version', '=', 'p.version'))
    .select(['r.human_id', 'p.version', 'v.title', 'v.reason', 'v.author', 'v.created_at'])
    .where('p.change_request_id', '=', row.id)
    .orderBy('r.id')
    .orderBy('p.version')
    .execute();
  const closed = isClosed(cls, row.status);
  // People by name: whoever registered, moved, commented on or attached to the request, and the authors of its versions.
  const names = await displayNames(db, [base.createdBy, ...events.map((e) => e.actor), ...attachments.map((a) => a.added_by), ...produced.map((p) => p.author)]);
  const nameOf = (username: string) => names.get(username) ?? username;
  // "Næste skridt": the same rule as each user's work list (myWork).
  const steps = nextSteps(cls, row.status, row.deferred_at !== null);
  const awaiting = stepsAwaiting(steps, held);
  return {
    ...base,
    createdBy: nameOf(base.createdBy),
    solutionName: solution.name,
    className: CLASS_NAMES[cls],
    statusLabel: changeRequestStatusName(cls, row.status),
    closed,
    daysLeft: row.deadline ? daysBetween(today, row.deadline) : null,
    decisionBy: row.deadline ? minusDays(row.deadline, solution.decision_lead_days) : null,
    deferred: row.deferred_at ? { at: row.deferred_at, note: row.deferred_note ?? '' } : null,
    actions: steps.map((t) => ({
      action: t.action,
      label: t.label,
      to: t.to,
      allowed: awaiting.includes(t),
      roles: t.roles,
      requiresProvisions: Boolean(t.requiresProvisions),
      recordsRequirementVersions: Boolean(t.recordsRequirementVersions),
    })),
    canEdit: !closed && can(actor, 'change_request.edit', row.solution_id),
    canComment: can(actor, 'change_request.comment', row.solution_id),
    lifecycle: Object.entries(MACHINES[cls].states).map(([status, s]) => ({ status, label: s.label, closed: Boolean(s.closed) })),
    events: events.map((e) => ({ id: e.id, kind: e.kind, action: e.action, from: e.from_status, to: e.to_status, text: e.text, actor: nameOf(e.actor), at: e.at })),
    attachments: attachments.map((a) => ({ id: a.id, title: a.title, url: a.url, addedBy: nameOf(a.added_by), addedAt: a.added_at })),
    producedVersions: produced.map((p) => ({ humanId: p.human_id, version: p.version, title: p.title, reason: p.reason, author: nameOf(p.author), createdAt: p.created_at })),
  };
}

export const DeadlineQuery = z.object({ days: z.coerce.number().int().min(1).max(730).default(60), solution: z.string().max(16).optional() });

/** Open requests with a deadline: overdue, and due within the window; with days left and the latest decision date. */
export async function deadlines(db: Db, q: z.infer<typeof DeadlineQuery>, actor: Actor, today = todayIso()) {
  const scope = await readScope(db, actor, q.solution);
  const query = db
    .selectFrom('change_requests as c')
    .innerJoin('solutions as s', 's.id', 'c.solution_id')
    .select(['c.human_id', 'c.title', 'c.class', 'c.status', 'c.deadline', 's.code', 's.decision_lead_days'])
    .where('c.deadline', 'is not', null)
    .where('c.status', 'not in', [...CLOSED_STATUSES])
    .where('c.deadline', '<=', new Date(Date.parse(today) + q.days * DAY_MS).toISOString().slice(0, 10))
    .where(inSolutionScope('c.solution_id', scope));
  const rows = await query.orderBy('c.deadline').execute();
  const items = rows.map((r) => ({
    humanId: r.human_id,
    title: r.title,
    class: r.class,
    status: r.status,
    solution: r.code,
    deadline: r.deadline!,
    daysLeft: daysBetween(today, r.deadline!),
    decisionBy: minusDays(r.deadline!, r.decision_lead_days),
  }));
  return { today, overdue: items.filter((i) => i.daysLeft < 0), dueSoon: items.filter((i) => i.daysLeft >= 0) };
}

export const OrienteringQuery = z.object({ solution: z.string().min(1).max(16), since: isoDate.optional() });

/** What the steering group has been informed of since its last meeting (or a given date). */
export async function orienteringer(db: Db, q: z.infer<typeof OrienteringQuery>, actor: Actor) {
  const solution = await getSolution(db, q.solution);
  const held = rolesIn(actor, solution.id);
  if (!['styregruppe', 'projektleder', 'admin'].some((r) => held.has(r as never))) {
    throw new Forbidden('Orienteringer er til styregruppen og projektlederen');
  }
  const since = q.since ?? solution.last_steering_meeting ?? '0000-01-01';
  const rows = await db
    .selectFrom('orienteringer as o')
    .innerJoin('change_requests as c', 'c.id', 'o.change_request_id')
    .select(['o.id', 'o.text', 'o.created_by', 'o.created_at', 'c.human_id', 'c.title'])
    .where('o.solution_id', '=', solution.id)
    .where('o.created_at', '>=', since)
    .orderBy('o.created_at', 'desc')
    .execute();
  const names = await displayNames(db, rows.map((r) => r.created_by));
  return {
    solution: solution.code,
    since,
    items: rows.map((r) => ({ id: r.id, text: r.text, createdBy: names.get(r.created_by) ?? r.created_by, createdAt: r.created_at, changeRequest: { humanId: r.human_id, title: r.title } })),
  };
}
