// Change requests (ændringsforslag): the five classes of the governance model. This is the part the law-change
// flow needs (drafting lovvedligehold requests, reading them); the lifecycle per class builds on it.
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { NotFound } from '../http/errors.js';
import { isoDate } from '../http/validation.js';
import { authorizeRead, type Actor } from '../auth/permissions.js';
import { inSolutionScope } from '../db/sql.js';
import { readScope } from '../solutions/solutions.service.js';
import { CLASS_NAMES as CLASS_NAME_TEXT } from '../text/vocabulary.js';
import type { ChangeRequestRow } from './change-requests.table.js';
import { CLOSED_STATUSES, MACHINES } from './lifecycle.js';

export const CHANGE_CLASSES = ['lovvedligehold', 'teknisk', 'behovsaendring', 'videreudvikling', 'genudbud'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export const CLASS_NAMES: Record<ChangeClass, string> = CLASS_NAME_TEXT;

export interface NewChangeRequest {
  solutionId: number;
  solutionCode: string;
  class: ChangeClass;
  title: string;
  description: string;
  proposer: string;
  status: string;
  deadline?: string | null;
  sourceVersionId?: number | null;
  requirementIds: number[];
  provisions: { sourceId: number; provisionKey: string; versionId: number | null }[];
}

/** Inserts a change request with its links, numbered per solution (`KY-ÆF-0001`), audited. */
export async function insertChangeRequest(db: Executor, input: NewChangeRequest, actor: string, reason: string) {
  const count = await db
    .selectFrom('change_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('solution_id', '=', input.solutionId)
    .executeTakeFirstOrThrow();
  const now = nowIso();
  const row = await db
    .insertInto('change_requests')
    .values({
      solution_id: input.solutionId,
      human_id: `${input.solutionCode}-ÆF-${String(Number(count.n) + 1).padStart(4, '0')}`,
      class: input.class,
      title: input.title,
      description: input.description,
      proposer: input.proposer,
      status: input.status,
      estimate_hours: null,
      estimate_dkk: null,
      deadline: input.deadline ?? null,
      priority: null,
      source_version_id: input.sourceVersionId ?? null,
      created_by: actor,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.requirementIds.length) {
    await db.insertInto('change_request_requirements').values(input.requirementIds.map((id) => ({ change_request_id: row.id, requirement_id: id }))).execute();
  }
  if (input.provisions.length) {
    await db
      .insertInto('change_request_provisions')
      .values(input.provisions.map((p) => ({ change_request_id: row.id, source_id: p.sourceId, provision_key: p.provisionKey, version_id: p.versionId })))
      .execute();
  }
  const out = toChangeRequest(row, input.solutionCode);
  await recordAudit(db, { actor, action: 'change_request.create', entityType: 'change_request', entityId: row.human_id, reason, after: out });
  return out;
}

export function toChangeRequest(row: ChangeRequestRow, solutionCode: string) {
  const machine = MACHINES[row.class as ChangeClass];
  return {
    id: row.id,
    humanId: row.human_id,
    solution: solutionCode,
    class: row.class,
    className: CLASS_NAMES[row.class as ChangeClass] ?? row.class,
    statusLabel: machine?.states[row.status]?.label ?? row.status,
    title: row.title,
    description: row.description,
    proposer: row.proposer,
    status: row.status,
    estimateHours: row.estimate_hours,
    estimateDkk: row.estimate_dkk,
    deadline: row.deadline,
    priority: row.priority,
    sourceVersionId: row.source_version_id,
    /** What an edit names (PATCH `version`); it moves on with every change to the request. */
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const ChangeRequestQuery = z.object({
  solution: z.string().max(16).optional(),
  class: z.enum(CHANGE_CLASSES).optional(),
  status: z.string().max(32).optional(),
  /** Only open requests (not done, rejected or closed). */
  open: z.enum(['0', '1']).optional(),
  /** Deadline on or before this date. */
  deadlineBefore: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The change requests of the solutions the actor may read (naming another solution is 403). */
export async function listChangeRequests(db: Db, q: z.infer<typeof ChangeRequestQuery>, actor: Actor) {
  const scope = await readScope(db, actor, q.solution);
  // Counts per class follow every filter but the class itself, so the tabs show what each would list.
  let base = db.selectFrom('change_requests as c').innerJoin('solutions as s', 's.id', 'c.solution_id').where(inSolutionScope('c.solution_id', scope));
  if (q.status) base = base.where('c.status', '=', q.status);
  if (q.open === '1') base = base.where('c.status', 'not in', [...CLOSED_STATUSES]);
  if (q.deadlineBefore) base = base.where('c.deadline', '<=', q.deadlineBefore);
  const counts = await base.select(['c.class', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('c.class').execute();
  const filtered = q.class ? base.where('c.class', '=', q.class) : base;
  // Requests without a deadline come after those with one (SQLite and PostgreSQL disagree on where nulls sort).
  const rows = await filtered
    .selectAll('c')
    .select('s.code')
    .orderBy(sql`case when c.deadline is null then 1 else 0 end`)
    .orderBy('c.deadline')
    .orderBy('c.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const countsByClass = Object.fromEntries(CHANGE_CLASSES.map((c) => [c, Number(counts.find((x) => x.class === c)?.n ?? 0)]));
  return {
    total: q.class ? countsByClass[q.class] : Object.values(countsByClass).reduce((a, b) => a + b, 0),
    countsByClass,
    items: rows.map((r) => toChangeRequest(r, r.code)),
  };
}

/** A change request with its requirements and provisions; 403 in a solution the actor may not read. */
export async function getChangeRequest(db: Db, humanId: string, actor: Actor) {
  const row = await db
    .selectFrom('change_requests as c')
    .innerJoin('solutions as s', 's.id', 'c.solution_id')
    .selectAll('c')
    .select('s.code')
    .where('c.human_id', '=', humanId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`Ændringsforslaget ${humanId} findes ikke`);
  authorizeRead(actor, row.solution_id);
  const refs = (await requestReferences(db, [row.id])).get(row.id)!;
  return { ...toChangeRequest(row, row.code), ...refs };
}

/**
 * What each request concerns, for many requests in two queries: its requirements and the provisions (with the
 * act's name and the provision's label). The request page, the agenda and each agenda item read it.
 */
export async function requestReferences(db: Executor, ids: number[]) {
  const out = new Map(
    ids.map((id) => [
      id,
      {
        requirements: [] as { humanId: string; title: string; version: number }[],
        provisions: [] as { sourceId: number; sourceTitle: string; key: string; label: string; versionId: number | null }[],
      },
    ]),
  );
  if (!ids.length) return out;
  const requirements = await db
    .selectFrom('change_request_requirements as cr')
    .innerJoin('requirements as r', 'r.id', 'cr.requirement_id')
    .select(['cr.change_request_id', 'r.human_id', 'r.title', 'r.version'])
    .where('cr.change_request_id', 'in', ids)
    .orderBy('r.id')
    .execute();
  const provisions = await db
    .selectFrom('change_request_provisions as cp')
    .innerJoin('legal_sources as ls', 'ls.id', 'cp.source_id')
    .leftJoin('provisions as p', (j) => j.onRef('p.version_id', '=', 'cp.version_id').onRef('p.key', '=', 'cp.provision_key'))
    .select(['cp.change_request_id', 'cp.source_id', 'cp.provision_key', 'cp.version_id', 'ls.title', 'ls.popular_title', 'p.label'])
    .where('cp.change_request_id', 'in', ids)
    .orderBy('cp.source_id')
    .orderBy('p.position')
    .execute();
  for (const r of requirements) out.get(r.change_request_id)!.requirements.push({ humanId: r.human_id, title: r.title, version: r.version });
  for (const p of provisions) {
    out.get(p.change_request_id)!.provisions.push({
      sourceId: p.source_id,
      sourceTitle: p.popular_title ?? p.title,
      key: p.provision_key,
      label: p.label ?? p.provision_key,
      versionId: p.version_id,
    });
  }
  return out;
}
