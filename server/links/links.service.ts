// Trace links: requirement ↔ provision, confirmed against a version of the source.
import { z } from 'zod';
import { authorize, type Actor } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { inSolutionScope } from '../db/sql.js';
import { nowIso } from '../db/time.js';
import { Conflict, NotFound } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import { getRequirementRow, readRequirementRow } from '../requirements/requirements.service.js';
import { readScope } from '../solutions/solutions.service.js';
import { findProvision, latestVersion } from '../sources/sources.repository.js';
import { getSource, provisionWithText } from '../sources/sources.service.js';
import type { TraceLinkRow } from './links.table.js';

export const LinkInput = z.object({
  requirement: z.string().min(1, 'Angiv kravet').max(32),
  sourceId: z.number().int().positive(),
  provisionKey: z.string().min(1, 'Angiv bestemmelsen').max(64),
  rationale: plainText.trim().max(2000).default(''),
});
export type LinkInput = z.infer<typeof LinkInput>;

export const LinkQuery = z.object({
  requirement: z.string().max(32).optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  provisionKey: z.string().max(64).optional(),
  status: z.enum(['current', 'suspect', 'broken']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export async function solutionOfRequirement(db: Executor, requirementId: number): Promise<number> {
  return (await db.selectFrom('requirements').select('solution_id').where('id', '=', requirementId).executeTakeFirstOrThrow()).solution_id;
}

function toLink(row: TraceLinkRow) {
  return {
    id: row.id,
    provisionKey: row.provision_key,
    rationale: row.rationale,
    status: row.status,
    statusNote: row.status_note,
    confirmedVersionId: row.confirmed_version_id,
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The provision's label and whole text in the source's newest version, or in the confirmed version if it is gone. */
async function describeTarget(db: Executor, latestVersionId: number | undefined, key: string, confirmedVersionId: number) {
  for (const versionId of [latestVersionId, confirmedVersionId]) {
    if (!versionId) continue;
    const found = await provisionWithText(db, versionId, key);
    if (found) return { label: found.provision.label, text: found.text, versionId, repealed: found.provision.repealed === 1 };
  }
  return { label: key, text: '', versionId: confirmedVersionId, repealed: false };
}

/** Links with their source, confirmed version and provision text: sources and versions read once for all links. */
async function expandLinks(db: Executor, rows: (TraceLinkRow & { human_id: string; title: string; solution_code: string })[]) {
  if (!rows.length) return [];
  const sourceIds = [...new Set(rows.map((r) => r.source_id))];
  const sources = new Map((await db.selectFrom('legal_sources').selectAll().where('id', 'in', sourceIds).execute()).map((s) => [s.id, s]));
  const versionIds = [...new Set(rows.map((r) => r.confirmed_version_id))];
  const confirmedVersions = new Map((await db.selectFrom('source_versions').select(['id', 'short_name']).where('id', 'in', versionIds).execute()).map((v) => [v.id, v]));
  const latest = new Map<number, number | undefined>();
  for (const id of sourceIds) latest.set(id, (await latestVersion(db, id))?.id);
  const out = [];
  for (const row of rows) {
    const source = sources.get(row.source_id)!;
    const confirmed = confirmedVersions.get(row.confirmed_version_id)!;
    out.push({
      ...toLink(row),
      requirement: { humanId: row.human_id, title: row.title, solution: row.solution_code },
      source: { id: source.id, title: source.title, popularTitle: source.popular_title },
      confirmedVersion: { id: confirmed.id, shortName: confirmed.short_name },
      provision: await describeTarget(db, latest.get(row.source_id), row.provision_key, row.confirmed_version_id),
    });
  }
  return out;
}

function linkRows(db: Executor) {
  return db
    .selectFrom('trace_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
    .innerJoin('solutions as s', 's.id', 'r.solution_id')
    .selectAll('l')
    .select(['r.human_id', 'r.title', 's.code as solution_code']);
}

export async function linksOfRequirement(db: Executor, requirementId: number) {
  return expandLinks(db, await linkRows(db).where('l.requirement_id', '=', requirementId).orderBy('l.id').execute());
}

/** Links of the solutions the actor may read; naming a requirement of another solution is 403. */
export async function listLinks(db: Db, q: z.infer<typeof LinkQuery>, actor: Actor) {
  let query = linkRows(db).where(inSolutionScope('r.solution_id', await readScope(db, actor)));
  if (q.requirement) query = query.where('r.id', '=', (await readRequirementRow(db, q.requirement, actor)).id);
  if (q.sourceId) query = query.where('l.source_id', '=', q.sourceId);
  if (q.provisionKey) query = query.where('l.provision_key', '=', q.provisionKey);
  if (q.status) query = query.where('l.status', '=', q.status);
  return expandLinks(db, await query.orderBy('l.id').limit(q.limit).execute());
}

/** Links a requirement to a provision, confirmed against the source's newest version; inside the caller's transaction when given one. */
export async function createLink(db: Db, input: LinkInput, user: Actor, outer?: Executor) {
  const actor = user.name;
  const run = async (trx: Executor) => {
    const requirement = await getRequirementRow(trx, input.requirement);
    authorize(user, 'link.write', requirement.solution_id);
    const source = await getSource(trx, input.sourceId);
    const version = await latestVersion(trx, source.id);
    const provision = version ? await findProvision(trx, version.id, input.provisionKey) : undefined;
    if (!version || !provision) {
      throw new NotFound(`Bestemmelsen ${input.provisionKey} findes ikke i den nyeste version af ${source.title}`);
    }
    const existing = await trx
      .selectFrom('trace_links')
      .select('id')
      .where('requirement_id', '=', requirement.id)
      .where('source_id', '=', source.id)
      .where('provision_key', '=', input.provisionKey)
      .executeTakeFirst();
    if (existing) throw new Conflict(`${requirement.human_id} sporer allerede til ${provision.label}`, [{ field: 'provisionKey', message: 'Linket findes allerede' }]);
    const now = nowIso();
    const row = await trx
      .insertInto('trace_links')
      .values({
        requirement_id: requirement.id,
        source_id: source.id,
        provision_key: input.provisionKey,
        rationale: input.rationale,
        status: 'current',
        confirmed_version_id: version.id,
        confirmed_fingerprint: provision.fingerprint,
        confirmed_key: input.provisionKey,
        created_by: actor,
        created_at: now,
        confirmed_by: actor,
        confirmed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const [link] = await expandLinks(trx, [{ ...row, human_id: requirement.human_id, title: requirement.title, solution_code: requirement.solution_code }]);
    await recordAudit(trx, {
      actor,
      action: 'link.create',
      entityType: 'trace_link',
      entityId: row.id,
      reason: input.rationale || null,
      after: { requirement: requirement.human_id, source: source.title, provision: provision.label, versionId: version.id },
    });
    return link;
  };
  return outer ? run(outer) : db.transaction().execute(run);
}

export async function deleteLink(db: Db, id: number, reason: string, user: Actor) {
  const actor = user.name;
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('trace_links').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound(`Sporingslinket ${id} findes ikke`);
    authorize(user, 'link.write', await solutionOfRequirement(trx, row.requirement_id));
    await trx.deleteFrom('trace_links').where('id', '=', id).execute();
    await recordAudit(trx, { actor, action: 'link.delete', entityType: 'trace_link', entityId: id, reason, before: toLink(row) });
    return { deleted: id };
  });
}
