// Requirements: create, edit with optimistic concurrency (an edit names the version it edits), history and word diff.
import { changeRequestStatusName, className } from '../text/vocabulary.js';
import { diffWords } from 'diff';
import { z } from 'zod';
import { displayNames } from '../auth/display-names.js';
import { authorize, authorizeRead, type Actor } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import { CLOSED_STATUSES } from '../change-requests/lifecycle.js';
import { linksOfRequirement } from '../links/links.service.js';
import { getSolution, readScope } from '../solutions/solutions.service.js';
import { takeRequirementSeq } from '../solutions/solutions.repository.js';
import * as repo from './requirements.repository.js';
import type { RequirementRow, RequirementVersionRow } from './requirements.table.js';

export const REQUIREMENT_KINDS = ['proces', 'regel', 'data', 'integration', 'ikke-funktionel'] as const;
export const REQUIREMENT_STATUSES = ['udkast', 'godkendt', 'udgaaet'] as const;
export const TENDER_CATEGORIES = ['mindstekrav', 'krav', 'option'] as const;

const title = plainText.trim().min(1, 'Titlen mangler').max(300, 'Titlen må højst være 300 tegn');
const text = plainText.trim().min(1, 'Kravteksten mangler').max(20_000, 'Kravteksten må højst være 20.000 tegn');
const reason = plainText.trim().max(2000, 'Begrundelsen må højst være 2000 tegn');

export const RequirementInput = z.object({
  solution: z.string().min(1, 'Vælg en løsning').max(16),
  title,
  text,
  kind: z.enum(REQUIREMENT_KINDS, { message: `Kravtypen skal være en af: ${REQUIREMENT_KINDS.join(', ')}` }),
  status: z.enum(REQUIREMENT_STATUSES).default('udkast'),
  tenderCategory: z.enum(TENDER_CATEGORIES).nullish(),
  nonLegal: z.boolean().default(false),
  reason: reason.optional(),
});
export type RequirementInput = z.infer<typeof RequirementInput>;

export const RequirementUpdate = z.object({
  /** The version the editor started from; a newer one in the database means someone else got there first. */
  version: z.number().int().positive(),
  title: title.optional(),
  text: text.optional(),
  kind: z.enum(REQUIREMENT_KINDS).optional(),
  status: z.enum(REQUIREMENT_STATUSES).optional(),
  tenderCategory: z.enum(TENDER_CATEGORIES).nullable().optional(),
  nonLegal: z.boolean().optional(),
  reason: reason.min(1, 'Skriv hvorfor kravet ændres'),
});
export type RequirementUpdate = z.infer<typeof RequirementUpdate>;

export const RequirementQuery = z.object({
  solution: z.string().max(16).optional(),
  status: z.enum(REQUIREMENT_STATUSES).optional(),
  kind: z.enum(REQUIREMENT_KINDS).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function toRequirement(row: RequirementRow & { solution_code: string }) {
  return {
    id: row.id,
    humanId: row.human_id,
    solution: row.solution_code,
    title: row.title,
    text: row.text,
    kind: row.kind,
    status: row.status,
    tenderCategory: row.tender_category,
    nonLegal: row.non_legal === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastReviewedAt: row.last_reviewed_at,
  };
}
export type Requirement = ReturnType<typeof toRequirement>;

function toVersionEntry(v: RequirementVersionRow) {
  return {
    version: v.version,
    title: v.title,
    text: v.text,
    kind: v.kind,
    status: v.status,
    tenderCategory: v.tender_category,
    author: v.author,
    reason: v.reason,
    createdAt: v.created_at,
  };
}

export async function getRequirementRow(db: Executor, humanId: string) {
  const row = await repo.findRequirement(db, humanId);
  if (!row) throw new NotFound(`Kravet ${humanId} findes ikke`);
  return row;
}

/** A requirement the actor may read (403 in a solution the actor holds no role in). */
export async function readRequirementRow(db: Executor, humanId: string, actor: Actor) {
  const row = await getRequirementRow(db, humanId);
  authorizeRead(actor, row.solution_id);
  return row;
}

export async function listRequirements(db: Db, query: z.infer<typeof RequirementQuery>, actor: Actor) {
  const { solution, ...filter } = query;
  const { rows, total } = await repo.listRequirements(db, { ...filter, ...(await readScope(db, actor, solution)) });
  return {
    total,
    limit: query.limit,
    offset: query.offset,
    items: rows.map((r) => ({ ...toRequirement(r), linkCount: Number(r.link_count ?? 0), openLinkCount: Number(r.open_link_count ?? 0) })),
  };
}

export async function getRequirement(db: Db, humanId: string, actor: Actor) {
  const row = await readRequirementRow(db, humanId, actor);
  return { ...toRequirement(row), solutionName: row.solution_name, links: await linksOfRequirement(db, row.id), changeRequests: await changeRequestsOfRequirement(db, row.id) };
}

/** The change requests that concern the requirement (they belong to its solution), open ones first, newest first. */
async function changeRequestsOfRequirement(db: Executor, requirementId: number) {
  const rows = await db
    .selectFrom('change_request_requirements as cr')
    .innerJoin('change_requests as c', 'c.id', 'cr.change_request_id')
    .select(['c.human_id', 'c.title', 'c.class', 'c.status', 'c.deadline', 'c.id'])
    .where('cr.requirement_id', '=', requirementId)
    .orderBy('c.id', 'desc')
    .execute();
  return rows
    .map((c) => ({
      humanId: c.human_id,
      title: c.title,
      class: c.class,
      className: className(c.class),
      status: c.status,
      statusLabel: changeRequestStatusName(c.class, c.status),
      closed: CLOSED_STATUSES.includes(c.status),
      deadline: c.deadline,
    }))
    .sort((a, b) => Number(a.closed) - Number(b.closed));
}

export async function requirementHistory(db: Db, humanId: string, actor: Actor) {
  const row = await readRequirementRow(db, humanId, actor);
  const versions = await repo.listVersions(db, row.id);
  const names = await displayNames(db, versions.map((v) => v.author));
  return { humanId, versions: versions.map((v) => ({ ...toVersionEntry(v), author: names.get(v.author) ?? v.author })) };
}

/** Word diff between two versions of a requirement, title and text separately. */
export async function diffRequirementVersions(db: Db, humanId: string, from: number, to: number, actor: Actor) {
  const row = await readRequirementRow(db, humanId, actor);
  const [a, b] = await Promise.all([repo.findVersion(db, row.id, from), repo.findVersion(db, row.id, to)]);
  if (!a || !b) throw new NotFound(`Version ${!a ? from : to} af ${humanId} findes ikke`);
  const parts = (x: string, y: string) => diffWords(x, y).map((p) => ({ value: p.value, added: p.added || undefined, removed: p.removed || undefined }));
  const names = await displayNames(db, [a.author, b.author]);
  const named = (v: RequirementVersionRow) => ({ ...toVersionEntry(v), author: names.get(v.author) ?? v.author });
  return { humanId, from: named(a), to: named(b), title: parts(a.title, b.title), text: parts(a.text, b.text) };
}

async function insertVersion(db: Executor, r: RequirementRow, author: string, why: string) {
  await db
    .insertInto('requirement_versions')
    .values({
      requirement_id: r.id,
      version: r.version,
      title: r.title,
      text: r.text,
      kind: r.kind,
      status: r.status,
      tender_category: r.tender_category,
      author,
      reason: why,
      created_at: r.updated_at,
    })
    .execute();
}

/** Creates a requirement, version 1, audited; inside the caller's transaction when given one (a bulk import is one). */
export async function createRequirement(db: Db, input: RequirementInput, user: Actor, outer?: Executor) {
  const actor = user.name;
  const run = async (trx: Executor) => {
    const solution = await getSolution(trx, input.solution);
    authorize(user, 'requirement.write', solution.id);
    const seq = await takeRequirementSeq(trx, solution.id);
    const now = nowIso();
    const row = await trx
      .insertInto('requirements')
      .values({
        solution_id: solution.id,
        human_id: `${solution.code}-${String(seq).padStart(4, '0')}`,
        title: input.title,
        text: input.text,
        kind: input.kind,
        status: input.status,
        tender_category: input.tenderCategory ?? null,
        non_legal: input.nonLegal ? 1 : 0,
        version: 1,
        created_at: now,
        updated_at: now,
        last_reviewed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const why = input.reason || 'Oprettet';
    await insertVersion(trx, row, actor, why);
    const requirement = toRequirement({ ...row, solution_code: solution.code });
    await recordAudit(trx, { actor, action: 'requirement.create', entityType: 'requirement', entityId: row.human_id, reason: why, after: requirement });
    return requirement;
  };
  return outer ? run(outer) : db.transaction().execute(run);
}

/** Saves a new version. The edit names the version it started from; if that is no longer current, 409. */
export async function updateRequirement(db: Db, humanId: string, input: RequirementUpdate, user: Actor, trx?: Executor) {
  const actor = user.name;
  const run = async (t: Executor) => {
    const before = await getRequirementRow(t, humanId);
    authorize(user, 'requirement.write', before.solution_id);
    if (before.version !== input.version) {
      throw new Conflict(`${humanId} er ændret af en anden (nu version ${before.version}, du redigerede version ${input.version}). Hent kravet igen.`, [
        { field: 'version', message: `Nuværende version er ${before.version}` },
      ]);
    }
    const next = {
      title: input.title ?? before.title,
      text: input.text ?? before.text,
      kind: input.kind ?? before.kind,
      status: input.status ?? before.status,
      tender_category: input.tenderCategory === undefined ? before.tender_category : input.tenderCategory,
      non_legal: input.nonLegal === undefined ? before.non_legal : input.nonLegal ? 1 : 0,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== before[k]);
    if (!changed) throw new Invalid('Der er ingen ændringer at gemme', [{ field: '(body)', message: 'Intet felt er ændret' }]);
    const now = nowIso();
    const row = await t
      .updateTable('requirements')
      .set({ ...next, version: before.version + 1, updated_at: now, last_reviewed_at: now })
      .where('id', '=', before.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new Conflict(`${humanId} blev ændret samtidig af en anden. Hent kravet igen.`, [{ field: 'version', message: 'Versionen er forældet' }]);
    await insertVersion(t, row, actor, input.reason);
    const after = toRequirement({ ...row, solution_code: before.solution_code });
    await recordAudit(t, {
      actor,
      action: 'requirement.update',
      entityType: 'requirement',
      entityId: humanId,
      reason: input.reason,
      before: toRequirement(before),
      after,
    });
    return after;
  };
  return trx ? run(trx) : db.transaction().execute(run);
}
