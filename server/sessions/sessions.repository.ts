// Faggruppe sessions: rows in and out, and the few writes a closed session makes into change requests' history.
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import type { SessionDatabase, SessionItemTable, SessionTable } from './sessions.table.js';

const tables = (db: Executor) => db.withTables<SessionDatabase>();

export function findSession(db: Executor, id: number) {
  return tables(db).selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSessionRows(db: Executor, solutionId?: number) {
  let q = tables(db)
    .selectFrom('sessions as m')
    .innerJoin('solutions as s', 's.id', 'm.solution_id')
    .selectAll('m')
    .select(['s.code', (eb) => eb.selectFrom('session_items as i').whereRef('i.session_id', '=', 'm.id').select(eb.fn.countAll<number>().as('n')).as('item_count')]);
  if (solutionId !== undefined) q = q.where('m.solution_id', '=', solutionId);
  return q.orderBy('m.meeting_date', 'desc').orderBy('m.id', 'desc').execute();
}

export function insertSession(db: Executor, row: Insertable<SessionTable>) {
  return tables(db).insertInto('sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSessionRow(db: Executor, id: number, set: Updateable<SessionTable>) {
  await tables(db).updateTable('sessions').set(set).where('id', '=', id).execute();
}

/** Writes an edit of the meeting's own fields made from the given version, in one statement; false if that version is no longer current. */
export async function editSessionRow(db: Executor, id: number, version: number, set: Updateable<SessionTable>): Promise<boolean> {
  const written = await tables(db)
    .updateTable('sessions')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(written.numUpdatedRows) === 1;
}

/** Every change to a session, however small, moves its revision on: devices compare it to know they are behind. */
export async function bumpRevision(db: Executor, id: number): Promise<number> {
  const row = await tables(db)
    .updateTable('sessions')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .returning('revision')
    .executeTakeFirstOrThrow();
  return row.revision;
}

export function participantRows(db: Executor, sessionId: number) {
  return tables(db)
    .selectFrom('session_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.role', 'u.username', 'u.display_name'])
    .where('p.session_id', '=', sessionId)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}

export async function replaceParticipants(db: Executor, sessionId: number, rows: { userId: number; role: string }[]) {
  await tables(db).deleteFrom('session_participants').where('session_id', '=', sessionId).execute();
  if (rows.length) {
    await tables(db)
      .insertInto('session_participants')
      .values(rows.map((r) => ({ session_id: sessionId, user_id: r.userId, role: r.role })))
      .execute();
  }
}

/** Active users by username, with their role grants, to check who may take part. */
export async function usersWithRoles(db: Executor, usernames: string[]) {
  if (!usernames.length) return [];
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', 'in', usernames).where('active', '=', 1).execute();
  const grants = users.length ? await db.selectFrom('user_roles').select(['user_id', 'solution_id', 'role']).where('user_id', 'in', users.map((u) => u.id)).orderBy('id').execute() : [];
  return users.map((u) => ({ ...u, roles: grants.filter((g) => g.user_id === u.id).map((g) => ({ solutionId: g.solution_id, role: g.role })) }));
}

/** The agenda in order, each item with the change request as it stands now. */
export function itemRows(db: Executor, sessionId: number) {
  return tables(db)
    .selectFrom('session_items as i')
    .innerJoin('change_requests as c', 'c.id', 'i.change_request_id')
    .leftJoin('source_versions as lv', 'lv.id', 'c.source_version_id')
    .selectAll('i')
    .select([
      'c.source_version_id',
      'lv.source_id as law_source_id',
      'lv.short_name as law_short_name',
      'c.human_id',
      'c.title',
      'c.description',
      'c.class',
      'c.status as cr_status',
      'c.proposer',
      'c.estimate_hours',
      'c.estimate_dkk',
      'c.deadline',
      'c.priority as cr_priority',
    ])
    .where('i.session_id', '=', sessionId)
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
}
export type ItemWithRequest = Awaited<ReturnType<typeof itemRows>>[number];

export function findItem(db: Executor, sessionId: number, itemId: number) {
  return tables(db).selectFrom('session_items').selectAll().where('session_id', '=', sessionId).where('id', '=', itemId).executeTakeFirst();
}

export async function insertItems(db: Executor, sessionId: number, changeRequestIds: number[]) {
  const last = await tables(db)
    .selectFrom('session_items')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  const start = Number(last?.p ?? 0);
  await tables(db)
    .insertInto('session_items')
    .values(changeRequestIds.map((id, i) => ({ session_id: sessionId, change_request_id: id, position: start + i + 1 })))
    .execute();
}

export async function deleteItem(db: Executor, itemId: number) {
  await tables(db).deleteFrom('session_assessments').where('item_id', '=', itemId).execute();
  await tables(db).deleteFrom('session_items').where('id', '=', itemId).execute();
}

export async function updateItem(db: Executor, itemId: number, set: Updateable<SessionItemTable>) {
  await tables(db).updateTable('session_items').set(set).where('id', '=', itemId).execute();
}

export function assessmentRows(db: Executor, sessionId: number) {
  return tables(db)
    .selectFrom('session_assessments as a')
    .innerJoin('session_items as i', 'i.id', 'a.item_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select(['u.username', 'u.display_name'])
    .where('i.session_id', '=', sessionId)
    .orderBy('a.item_id')
    .orderBy('a.user_id')
    .execute();
}

export async function upsertAssessment(
  db: Executor,
  row: { itemId: number; userId: number; moscow: string; businessValue: number; timeCriticality: number; riskReduction: number; comment: string },
) {
  const now = nowIso();
  await tables(db)
    .insertInto('session_assessments')
    .values({
      item_id: row.itemId,
      user_id: row.userId,
      moscow: row.moscow,
      business_value: row.businessValue,
      time_criticality: row.timeCriticality,
      risk_reduction: row.riskReduction,
      comment: row.comment,
      submitted_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['item_id', 'user_id']).doUpdateSet({
        moscow: row.moscow,
        business_value: row.businessValue,
        time_criticality: row.timeCriticality,
        risk_reduction: row.riskReduction,
        comment: row.comment,
        updated_at: now,
      }),
    )
    .execute();
}

export function countAssessmentsBy(db: Executor, sessionId: number, userId: number) {
  return tables(db)
    .selectFrom('session_assessments as a')
    .innerJoin('session_items as i', 'i.id', 'a.item_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.session_id', '=', sessionId)
    .where('a.user_id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Open change requests of a solution that are not on this session's agenda. */
export async function candidateRows(db: Executor, sessionId: number, solutionId: number, filter: { class?: string; status?: string; closedStatuses: readonly string[]; excludedClasses: readonly string[] }) {
  const onAgenda = await tables(db).selectFrom('session_items').select('change_request_id').where('session_id', '=', sessionId).execute();
  let q = db
    .selectFrom('change_requests as c')
    .selectAll('c')
    .where('c.solution_id', '=', solutionId)
    .where('c.status', 'not in', [...filter.closedStatuses])
    .where('c.class', 'not in', [...filter.excludedClasses]);
  if (onAgenda.length) q = q.where('c.id', 'not in', onAgenda.map((r) => r.change_request_id));
  if (filter.class) q = q.where('c.class', '=', filter.class);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  return q.orderBy('c.id').execute();
}

export function changeRequestsByHumanId(db: Executor, humanIds: string[]) {
  if (!humanIds.length) return Promise.resolve([]);
  return db.selectFrom('change_requests').selectAll().where('human_id', 'in', humanIds).execute();
}

/** A line in a change request's history, written when a session closes. */
export async function insertChangeRequestEvent(
  db: Executor,
  e: { changeRequestId: number; kind: string; action?: string | null; from?: string | null; to?: string | null; text: string; actor: string },
) {
  await db
    .insertInto('change_request_events')
    .values({ change_request_id: e.changeRequestId, kind: e.kind, action: e.action ?? null, from_status: e.from ?? null, to_status: e.to ?? null, text: e.text, actor: e.actor, at: nowIso() })
    .execute();
}

/** The faggruppe's rank, 1 first, as the change request's priority. */
export async function setChangeRequestPriority(db: Executor, changeRequestId: number, priority: number) {
  await db.updateTable('change_requests').set((eb) => ({ priority, updated_at: nowIso(), version: eb('version', '+', 1) })).where('id', '=', changeRequestId).execute();
}


/** Sessions not yet closed in these solutions, with their item count, and this user's place and assessments in each. */
export function openSessionRowsFor(db: Executor, solutionIds: number[], userId: number | null) {
  const me = userId ?? -1;
  return tables(db)
    .selectFrom('sessions as m')
    .innerJoin('solutions as s', 's.id', 'm.solution_id')
    .select([
      'm.id',
      'm.title',
      'm.meeting_date',
      'm.status',
      'm.revealed_at',
      'm.solution_id',
      's.code',
      (eb) => eb.selectFrom('session_items as i').whereRef('i.session_id', '=', 'm.id').select(eb.fn.countAll<number>().as('n')).as('item_count'),
      (eb) =>
        eb
          .selectFrom('session_assessments as a')
          .innerJoin('session_items as i', 'i.id', 'a.item_id')
          .whereRef('i.session_id', '=', 'm.id')
          .where('a.user_id', '=', me)
          .select(eb.fn.countAll<number>().as('n'))
          .as('assessed'),
      (eb) => eb.selectFrom('session_participants as p').whereRef('p.session_id', '=', 'm.id').where('p.user_id', '=', me).select('p.role').as('my_role'),
    ])
    .where('m.solution_id', 'in', solutionIds.length ? solutionIds : [-1])
    .where('m.status', '!=', 'afsluttet')
    .orderBy('m.meeting_date')
    .orderBy('m.id')
    .execute();
}
