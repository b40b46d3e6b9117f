// The kravredaktion's review of suspect and broken links: old and new provision text side by side with the
// requirement, and the four ways to settle a link (confirm, edit and confirm, move, remove).
import { diffWords } from 'diff';
import { z } from 'zod';
import { authorize, type Actor } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { inSolutionScope, keyOrDescendant, type SolutionScope } from '../db/sql.js';
import { nowIso } from '../db/time.js';
import { Conflict, NotFound } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import { RequirementUpdate, getRequirementRow, updateRequirement } from '../requirements/requirements.service.js';
import { readScope } from '../solutions/solutions.service.js';
import { findProvision, latestVersion } from '../sources/sources.repository.js';
import { solutionOfRequirement } from './links.service.js';
import { isOpenLink } from './links.repository.js';
import { provisionWithText } from '../sources/sources.service.js';
import type { TraceLinkRow } from './links.table.js';

export const ReviewQuery = z.object({
  solution: z.string().max(16).optional(),
  status: z.enum(['suspect', 'broken']).optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const reason = plainText.trim().min(1, 'Skriv en begrundelse').max(2000);
export const ConfirmInput = z.object({ reason });
export const MoveInput = z.object({ provisionKey: z.string().min(1).max(64), reason });
export const ReviseInput = RequirementUpdate;
export const ConfirmUnchangedInput = z.object({ reason: plainText.trim().max(2000).default('') });
export const RequirementParam = z.object({ humanId: z.string().min(1).max(32) });

async function subtreeTextAt(db: Executor, versionId: number, key: string): Promise<{ label: string; text: string; fingerprint: string } | null> {
  const found = await provisionWithText(db, versionId, key);
  return found && { label: found.provision.label, text: found.text, fingerprint: found.provision.fingerprint };
}

/**
 * Safe to confirm without reading: a suspect link whose provision, in the source's newest version, reads the same in
 * substance (the same fingerprint of its whole subtree) as the text it was last confirmed against, whether under the
 * same number or a new one. That happens when a change is taken back by a later version, or when a projected
 * amending act is consolidated without it. A link confirmed against the newest version itself (after a withdrawal)
 * is never safe: the reviewer read a text that is no longer the law. A broken link never is.
 */
function unchangedInSubstance(link: Pick<TraceLinkRow, 'status' | 'confirmed_version_id'>, latestId: number, oldSide: { fingerprint: string } | null, newSide: { fingerprint: string } | null): boolean {
  return link.status === 'suspect' && link.confirmed_version_id !== latestId && !!oldSide && !!newSide && oldSide.fingerprint === newSide.fingerprint;
}

function openLinks(db: Executor, q: z.infer<typeof ReviewQuery>, scope: SolutionScope) {
  let query = db
    .selectFrom('trace_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
    .innerJoin('solutions as s', 's.id', 'r.solution_id')
    .innerJoin('legal_sources as src', 'src.id', 'l.source_id')
    .where(isOpenLink)
    .where('l.status', 'in', q.status ? [q.status] : ['suspect', 'broken']);
  query = query.where(inSolutionScope('r.solution_id', scope));
  if (q.sourceId) query = query.where('l.source_id', '=', q.sourceId);
  return query;
}

/** The queue of the solutions the actor may read, newest flag first, each item with what the reviewer needs to decide. */
export async function reviewQueue(db: Db, q: z.infer<typeof ReviewQuery>, actor: Actor) {
  const scope = await readScope(db, actor, q.solution);
  const rows = await openLinks(db, q, scope)
    .selectAll('l')
    .select([
      'r.human_id', 'r.title as requirement_title', 'r.text as requirement_text', 'r.version as requirement_version', 'r.kind as requirement_kind',
      's.code as solution_code', 's.name as solution_name', 's.id as solution_id', 'src.title as source_title', 'src.popular_title',
    ])
    .orderBy('l.flagged_version_id', 'desc')
    .orderBy('s.code')
    .orderBy('r.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = await openLinks(db, q, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = [];
  for (const row of rows) items.push(await reviewItem(db, row));
  return { total: Number(total.n), items };
}

async function reviewItem(
  db: Executor,
  row: TraceLinkRow & {
    human_id: string; requirement_title: string; requirement_text: string; requirement_version: number; requirement_kind: string;
    solution_code: string; solution_name: string; solution_id: number; source_title: string; popular_title: string | null;
  },
) {
  const latest = await latestVersion(db, row.source_id);
  const versions = await db.selectFrom('source_versions').select(['id', 'short_name', 'in_force_from']).where('id', 'in', [row.confirmed_version_id, latest!.id]).execute();
  const oldSide = await subtreeTextAt(db, row.confirmed_version_id, row.confirmed_key ?? row.provision_key);
  const newSide = await subtreeTextAt(db, latest!.id, row.provision_key);
  const name = (id: number) => versions.find((v) => v.id === id);
  // The amending act's own words for this change, when the flagging version is an amending act applied to the act.
  const instructions = row.flagged_version_id
    ? await db
        .selectFrom('provision_changes as c')
        .leftJoin('users as u', 'u.username', 'c.changed_by')
        .select(['c.act', 'c.instruction', 'c.in_force_from', 'c.provision_key', 'c.change', 'c.reason', 'c.applied_change_id', 'c.method', 'c.note', 'c.changed_by', 'u.display_name'])
        .where('c.version_id', '=', row.flagged_version_id)
        .where((eb) => eb.or([eb('c.instruction', 'is not', null), eb('c.method', '=', 'manuel')]))
        .where(keyOrDescendant('c.provision_key', row.provision_key))
        .orderBy('c.id')
        .execute()
    : [];
  // The lovvedligehold request drafted for the version that flagged the link, in the requirement's solution.
  const request = row.flagged_version_id
    ? await db
        .selectFrom('change_requests')
        .select(['human_id', 'title', 'status'])
        .where('source_version_id', '=', row.flagged_version_id)
        .where('solution_id', '=', row.solution_id)
        .where('class', '=', 'lovvedligehold')
        .orderBy('id')
        .executeTakeFirst()
    : undefined;
  return {
    linkId: row.id,
    status: row.status,
    /** The lovvedligehold change request drafted for this law change in the solution, once there is one. */
    changeRequest: request ? { humanId: request.human_id, title: request.title, status: request.status } : null,
    note: row.status_note,
    rationale: row.rationale,
    solution: { code: row.solution_code, name: row.solution_name },
    requirement: { humanId: row.human_id, title: row.requirement_title, text: row.requirement_text, version: row.requirement_version, kind: row.requirement_kind },
    source: { id: row.source_id, title: row.source_title, popularTitle: row.popular_title },
    provisionKey: row.provision_key,
    old: { versionId: row.confirmed_version_id, shortName: name(row.confirmed_version_id)?.short_name, label: oldSide?.label ?? row.confirmed_key, text: oldSide?.text ?? '' },
    new: newSide ? { versionId: latest!.id, shortName: latest!.short_name, label: newSide.label, text: newSide.text } : null,
    /** Safe to confirm with the requirement's other unchanged links at once (see unchangedInSubstance). */
    unchangedInSubstance: unchangedInSubstance(row, latest!.id, oldSide, newSide),
    words: newSide && oldSide ? diffWords(oldSide.text, newSide.text).map((p) => ({ value: p.value, added: p.added || undefined, removed: p.removed || undefined })) : null,
    /**
     * The amending act's instructions that changed the provision (or something under it), with their date in force;
     * one applied by hand, or a correction by hand (no instruction), says who did it and their note.
     */
    instructions: [
      ...new Map(
        instructions.map((i) => [
          i.instruction ?? `manuel:${i.note}`,
          {
            act: i.act,
            text: i.instruction ?? '',
            inForceFrom: i.in_force_from,
            byHand: i.method === 'manuel' ? { by: i.display_name ?? i.changed_by, note: i.note ?? '' } : null,
            /** Why Sporbar could not apply it, while nobody has applied it by hand. */
            notApplied: i.change === 'unapplied' && i.applied_change_id === null ? i.reason : null,
          },
        ]),
      ).values(),
    ],
  };
}

/** Links awaiting review in the solutions the actor may read. */
export async function reviewCounts(db: Db, actor: Actor) {
  const scope = await readScope(db, actor);
  const rows = await db
    .selectFrom('trace_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
    .innerJoin('solutions as s', 's.id', 'r.solution_id')
    .select(['s.code', 'l.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(isOpenLink)
    .where('l.status', 'in', ['suspect', 'broken'])
    .where(inSolutionScope('r.solution_id', scope))
    .groupBy(['s.code', 'l.status'])
    .execute();
  const bySolution: Record<string, { suspect: number; broken: number }> = {};
  let suspect = 0;
  let broken = 0;
  for (const r of rows) {
    const entry = (bySolution[r.code] ??= { suspect: 0, broken: 0 });
    const n = Number(r.n);
    if (r.status === 'suspect') (entry.suspect += n), (suspect += n);
    else (entry.broken += n), (broken += n);
  }
  return { total: suspect + broken, suspect, broken, bySolution };
}

/** The link, after checking the actor may review links in its requirement's solution. */
async function getLink(db: Executor, id: number, user: Actor) {
  const row = await db.selectFrom('trace_links').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`Sporingslinket ${id} findes ikke`);
  authorize(user, 'link.review', await solutionOfRequirement(db, row.requirement_id));
  return row;
}

/** Makes a link current at the source's newest version, under the given key. */
async function confirmAt(db: Executor, link: TraceLinkRow, key: string, actor: string, reason: string, action: string) {
  const latest = await latestVersion(db, link.source_id);
  const provision = latest ? await findProvision(db, latest.id, key) : undefined;
  if (!latest || !provision || provision.repealed === 1) {
    throw new Conflict('Bestemmelsen findes ikke (længere) i den nyeste version; flyt linket til en anden bestemmelse eller fjern det', [
      { field: 'provisionKey', message: 'Findes ikke i nyeste version' },
    ]);
  }
  const now = nowIso();
  await db
    .updateTable('trace_links')
    .set({
      provision_key: key,
      confirmed_key: key,
      status: 'current',
      status_note: null,
      confirmed_version_id: latest.id,
      confirmed_fingerprint: provision.fingerprint,
      confirmed_by: actor,
      confirmed_at: now,
    })
    .where('id', '=', link.id)
    .execute();
  await db.updateTable('requirements').set({ last_reviewed_at: now }).where('id', '=', link.requirement_id).execute();
  await recordAudit(db, {
    actor,
    action,
    entityType: 'trace_link',
    entityId: link.id,
    reason,
    before: { provisionKey: link.provision_key, status: link.status, confirmedVersionId: link.confirmed_version_id },
    after: { provisionKey: key, status: 'current', confirmedVersionId: latest.id },
  });
  return { linkId: link.id, status: 'current' as const, provisionKey: key, label: provision.label, confirmedVersion: { id: latest.id, shortName: latest.short_name } };
}

/** The requirement still holds under the new text. */
export async function confirmLink(db: Db, id: number, input: z.infer<typeof ConfirmInput>, user: Actor) {
  return db.transaction().execute(async (trx) => {
    const link = await getLink(trx, id, user);
    return confirmAt(trx, link, link.provision_key, user.name, input.reason, 'link.confirm');
  });
}

/** The requirement is edited to match the new law (a new requirement version) and the link confirmed, as one change. */
export async function reviseAndConfirm(db: Db, id: number, input: z.infer<typeof ReviseInput>, user: Actor) {
  return db.transaction().execute(async (trx) => {
    const link = await getLink(trx, id, user);
    const humanId = (await trx.selectFrom('requirements').select('human_id').where('id', '=', link.requirement_id).executeTakeFirstOrThrow()).human_id;
    const requirement = await updateRequirement(db, humanId, input, user, trx);
    const confirmed = await confirmAt(trx, link, link.provision_key, user.name, input.reason, 'link.confirm');
    return { ...confirmed, requirement };
  });
}

/** The requirement now rests on another provision. */
export async function moveLink(db: Db, id: number, input: z.infer<typeof MoveInput>, user: Actor) {
  return db.transaction().execute(async (trx) => {
    const link = await getLink(trx, id, user);
    if (input.provisionKey !== link.provision_key) {
      const clash = await trx
        .selectFrom('trace_links')
        .select('id')
        .where('requirement_id', '=', link.requirement_id)
        .where('source_id', '=', link.source_id)
        .where('provision_key', '=', input.provisionKey)
        .executeTakeFirst();
      if (clash) throw new Conflict('Kravet sporer allerede til den bestemmelse; fjern dette link i stedet', [{ field: 'provisionKey', message: 'Linket findes allerede' }]);
    }
    return confirmAt(trx, link, input.provisionKey, user.name, input.reason, 'link.move');
  });
}

/**
 * Confirms, in one step, every link of the requirement that is safe to confirm without reading (unchangedInSubstance):
 * each one audited as a confirmation of its own. Refused (409) when none is, so a click never does nothing silently.
 */
export async function confirmUnchangedLinks(db: Db, humanId: string, input: z.infer<typeof ConfirmUnchangedInput>, user: Actor) {
  return db.transaction().execute(async (trx) => {
    const requirement = await getRequirementRow(trx, humanId);
    authorize(user, 'link.review', requirement.solution_id);
    const links = await trx.selectFrom('trace_links').selectAll().where('requirement_id', '=', requirement.id).where('status', '=', 'suspect').orderBy('id').execute();
    const confirmed = [];
    for (const link of links) {
      const latest = await latestVersion(trx, link.source_id);
      if (!latest) continue;
      const oldSide = await subtreeTextAt(trx, link.confirmed_version_id, link.confirmed_key ?? link.provision_key);
      const newSide = await subtreeTextAt(trx, latest.id, link.provision_key);
      if (!unchangedInSubstance(link, latest.id, oldSide, newSide)) continue;
      const before = (await trx.selectFrom('source_versions').select('short_name').where('id', '=', link.confirmed_version_id).executeTakeFirst())?.short_name;
      const why = `${newSide!.label} er uændret i substans siden ${before ?? 'den bekræftede version'}; bekræftet samlet for ${requirement.human_id}`;
      confirmed.push(await confirmAt(trx, link, link.provision_key, user.name, input.reason ? `${why}: ${input.reason}` : why, 'link.confirm'));
    }
    if (!confirmed.length) {
      throw new Conflict(`${requirement.human_id} har ingen mistænkte links, hvis tekst er uændret i substans; gennemgå dem enkeltvis`);
    }
    const remaining = links.length - confirmed.length;
    return { humanId: requirement.human_id, confirmed, remaining };
  });
}
