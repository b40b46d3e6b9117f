// "Mit arbejde": what waits for a user in each of their roles. Requests are read off the same rule as each
// request's "Næste skridt" (nextSteps, stepsAwaiting), so a request is on the list exactly when its page says a
// step awaits the user; beside them the sessions to prepare or assess, the review queue and the orienteringer.
import { rolesIn, type Actor, type Role } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { reviewCounts } from '../links/review.service.js';
import { sessionsAwaiting, type SessionTodo } from '../sessions/sessions.service.js';
import type { ChangeClass } from './change-requests.service.js';
import { CLOSED_STATUSES, MACHINES, RESUME, nextSteps, stepsAwaiting } from './lifecycle.js';
import { orienteringer } from './workflow.service.js';

/** The roles a lifecycle step can await, in the order their sections are shown, with each section's heading. */
const SECTIONS: { role: Role; title: string }[] = [
  { role: 'kravredaktoer', title: 'Krav at opdatere efter lovændringer' },
  { role: 'faggruppe', title: 'Lovudredning og anbefalinger' },
  { role: 'styregruppe', title: 'Afventer styregruppens godkendelse' },
  { role: 'projektleder', title: 'Til projektlederen' },
  { role: 'leverandoer', title: 'Til leverandøren' },
];

/** At most this many requests per section; `total` says how many there are. */
const SECTION_LIMIT = 200;

export interface WorkItem {
  humanId: string;
  title: string;
  class: string;
  status: string;
  deadline: string | null;
  solution: string;
  deferred: boolean;
  /** The steps that await this role, as the request page offers them. */
  actions: { action: string; label: string }[];
}

const lifecycleRoles = new Set<Role>([...Object.values(MACHINES).flatMap((m) => m.transitions.flatMap((t) => t.roles)), ...RESUME.roles]);

/** Each role's list of things waiting for it, across the solutions where it holds the role. */
export async function myWork(db: Db, actor: Actor) {
  const solutions = await db.selectFrom('solutions').select(['id', 'code']).orderBy('id').execute();
  const held = new Map(solutions.map((s) => [s.id, rolesIn(actor, s.id)]));
  const acting = solutions.filter((s) => [...held.get(s.id)!].some((r) => lifecycleRoles.has(r))).map((s) => s.id);
  const rows = acting.length
    ? await db
        .selectFrom('change_requests as c')
        .innerJoin('solutions as s', 's.id', 'c.solution_id')
        .select(['c.human_id', 'c.title', 'c.class', 'c.status', 'c.deadline', 'c.deferred_at', 'c.solution_id', 's.code'])
        .where('c.solution_id', 'in', acting)
        .where('c.status', 'not in', [...CLOSED_STATUSES])
        .orderBy((eb) => eb.fn.coalesce('c.deadline', eb.val('9999-12-31')))
        .orderBy('c.id')
        .execute()
    : [];
  const byRole = new Map<Role, WorkItem[]>(SECTIONS.map((s) => [s.role, []]));
  for (const r of rows) {
    const steps = stepsAwaiting(nextSteps(r.class as ChangeClass, r.status, r.deferred_at !== null), held.get(r.solution_id)!);
    for (const { role } of SECTIONS) {
      const mine = steps.filter((t) => t.roles.includes(role) && held.get(r.solution_id)!.has(role));
      if (!mine.length) continue;
      byRole.get(role)!.push({
        humanId: r.human_id,
        title: r.title,
        class: r.class,
        status: r.status,
        deadline: r.deadline,
        solution: r.code,
        deferred: r.deferred_at !== null,
        actions: mine.map((t) => ({ action: t.action, label: t.label })),
      });
    }
  }
  const sessions = await sessionsAwaiting(db, actor);
  const holds = (role: Role) => solutions.some((s) => held.get(s.id)!.has(role));
  const sections = [];
  for (const { role, title } of SECTIONS) {
    if (!holds(role)) continue;
    const items = byRole.get(role)!;
    const section: {
      role: Role;
      title: string;
      total: number;
      items: WorkItem[];
      sessions: SessionTodo[];
      reviewLinks?: number;
      orienteringer?: Awaited<ReturnType<typeof orienteringer>>['items'];
    } = { role, title, total: items.length, items: items.slice(0, SECTION_LIMIT), sessions: sessions.filter((s) => s.role === role) };
    if (role === 'kravredaktoer') section.reviewLinks = (await reviewCounts(db, actor)).total;
    if (role === 'styregruppe') {
      section.orienteringer = [];
      for (const s of solutions.filter((x) => held.get(x.id)!.has('styregruppe'))) section.orienteringer.push(...(await orienteringer(db, { solution: s.code }, actor)).items);
    }
    sections.push(section);
  }
  return { sections };
}
