// Applying an amending act's instruction by hand where Sporbar could not, and correcting a projected provision by
// hand: the user gives the provision and its new projected text with a note; the projection, its stored changes and
// the trace links then follow exactly as for a change the act made.
import { z } from 'zod';
import { recordAudit, recordAuditBatch } from '../audit/audit.repository.js';
import { authorize, type Actor } from '../auth/permissions.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { Conflict, Invalid } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import type { LinkStatus } from '../links/links.table.js';
import { isKeyInside, parseKey, parseLabel, provisionKey, provisionLabel, type ProvisionParts } from '../sources/labels.js';
import type { ProvisionKind } from '../sources/provision.types.js';
import { storedSubtreeTexts } from '../sources/provision-tree.js';
import { latestVersion } from '../sources/sources.repository.js';
import { getVersion, toProvision, toVersion } from '../sources/sources.service.js';
import type { ProvisionRow, SourceVersionRow } from '../sources/sources.table.js';
import { fingerprint } from '../sources/substance.js';
import { forgetStoredDiffs } from '../sources/version-diff.service.js';

/** What a repealed provision reads in the projection, as the acts print it. */
const REPEALED_TEXT = '(Ophævet)';

export const ManualChangeInput = z
  .object({
    /** The number of an instruction of the act that could not be applied; without it, a correction of the projected text. */
    instruction: z.number().int().positive().optional(),
    /** A citation ("§ 11, stk. 3") or a key ("p11.s3"); a provision the projection lacks is added. */
    provision: plainText.trim().min(1, 'Angiv bestemmelsen, fx "§ 11, stk. 3"').max(100),
    /** The provision's own new text (without what lies under it); not given when it is repealed. */
    text: plainText.max(50_000).optional(),
    repeal: z.boolean().default(false),
    note: plainText.trim().min(1, 'Skriv en note: hvorfor, og hvad der er gjort').max(2000),
    /** The text the form showed; if the provision reads otherwise now, someone changed it meanwhile and nothing is saved. */
    expectedText: z.string().max(50_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.repeal && !v.text?.trim()) ctx.addIssue({ code: 'custom', path: ['text'], message: 'Skriv bestemmelsens nye tekst, eller vælg at ophæve den' });
    if (v.repeal && v.text?.trim()) ctx.addIssue({ code: 'custom', path: ['text'], message: 'En bestemmelse, der ophæves, får ingen ny tekst' });
  });
export type ManualChangeInput = z.infer<typeof ManualChangeInput>;

/** Whitespace as the importers store it: runs (NBSP too) as one space. */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The key a typed citation or key names, with its parts. */
function provisionNamed(input: string): { key: string; parts: ProvisionParts } | null {
  const parts = parseLabel(input) ?? parseKey(input.trim());
  return parts ? { key: provisionKey(parts), parts } : null;
}

/** The key of the provision a key lies directly under (`p11.s3` → `p11`), or null for a §. */
function parentKeyOf(key: string): string | null {
  const i = key.lastIndexOf('.');
  return i < 0 ? null : key.slice(0, i);
}

function kindOf(parts: ProvisionParts): ProvisionKind {
  if (parts.litra) return 'litra';
  if (parts.nr) return 'nr';
  if (parts.stk !== null) return 'stk';
  return parts.paragrafTo ? 'range' : 'paragraf';
}

/** Document order among siblings: the number and letter of the key's last part (`s3`, `n2a`, `lb`, `p12a`). */
function siblingOrder(key: string): [number, string] {
  const last = key.slice(key.lastIndexOf('.') + 1);
  const m = /^[psnl](\d*)([a-zæøå]*)/.exec(last);
  return [m?.[1] ? Number(m[1]) : 0, m?.[2] ?? ''];
}

function before(a: string, b: string): boolean {
  const [an, al] = siblingOrder(a);
  const [bn, bl] = siblingOrder(b);
  return an < bn || (an === bn && al < bl);
}

/** The projected version a change by hand may be made in: a projection, in force, and the newest of its act. */
async function projectionToEdit(trx: Executor, versionId: number): Promise<SourceVersionRow> {
  const version = await getVersion(trx, versionId);
  const refuse = (message: string) => new Conflict(message, [{ field: 'id', message }]);
  if (version.kind !== 'projiceret') throw refuse(`${version.short_name} er en officiel tekst; kun en projiceret version kan rettes i hånden`);
  if (version.withdrawn_at) throw refuse(`${version.short_name} er tilbagekaldt og kan ikke rettes`);
  if (version.superseded_by_version_id) {
    const by = await getVersion(trx, version.superseded_by_version_id);
    throw refuse(`${version.short_name} er afløst af den officielle ${by.short_name} og kan ikke længere rettes`);
  }
  const newest = await latestVersion(trx, version.source_id);
  if (newest && newest.id !== version.id) throw refuse(`${newest.short_name} bygger videre på ${version.short_name}; kun den nyeste version kan rettes i hånden`);
  return version;
}

/** Where a new provision goes in document order: after the subtree of the sibling before it, else first under its parent. */
function positionFor(rows: ProvisionRow[], key: string, parent: ProvisionRow | null): number {
  const parentKey = parent?.key ?? null;
  const siblings = rows.filter((r) => r.parent_key === parentKey && before(r.key, key));
  const previous = siblings.sort((a, b) => a.position - b.position).at(-1);
  if (!previous) return parent ? parent.position + 1 : 0;
  return Math.max(...rows.filter((r) => isKeyInside(r.key, previous.key)).map((r) => r.position)) + 1;
}

interface FlagResult {
  suspect: number;
  broken: number;
}

/**
 * The links to the changed provisions, judged by the rules markSuspectLinks applies to a new version: a current link
 * whose confirmed fingerprint no longer matches turns suspect, one whose provision is repealed or gone turns broken.
 * Each link's state from before the version is kept (the first one: withdrawing the version restores that).
 */
async function flagLinks(trx: Executor, version: SourceVersionRow, keys: string[], actor: string): Promise<FlagResult> {
  if (!keys.length) return { suspect: 0, broken: 0 };
  const links = await trx
    .selectFrom('trace_links')
    .select(['id', 'provision_key', 'confirmed_version_id', 'confirmed_fingerprint', 'status', 'status_note', 'flagged_version_id'])
    .where('source_id', '=', version.source_id)
    .where('provision_key', 'in', keys)
    .execute();
  const provisions = new Map(
    (await trx.selectFrom('provisions').select(['key', 'label', 'fingerprint', 'repealed']).where('version_id', '=', version.id).where('key', 'in', keys).execute()).map((p) => [p.key, p]),
  );
  const updates: { link: (typeof links)[number]; status: LinkStatus; note: string }[] = [];
  for (const link of links) {
    const target = provisions.get(link.provision_key);
    if (!target || target.repealed === 1) {
      if (link.status !== 'broken') {
        updates.push({ link, status: 'broken', note: target ? `${target.label} er ophævet i hånden i ${version.short_name}` : `Bestemmelsen findes ikke i ${version.short_name}` });
      }
    } else if (link.status === 'current' && target.fingerprint !== link.confirmed_fingerprint) {
      updates.push({ link, status: 'suspect', note: `Teksten er ændret i hånden i ${version.short_name}` });
    }
  }
  if (!updates.length) return { suspect: 0, broken: 0 };
  await trx
    .insertInto('version_link_states')
    .values(
      updates.map(({ link }) => ({
        version_id: version.id,
        link_id: link.id,
        provision_key: link.provision_key,
        status: link.status,
        status_note: link.status_note,
        flagged_version_id: link.flagged_version_id,
      })),
    )
    .onConflict((oc) => oc.columns(['version_id', 'link_id']).doNothing())
    .execute();
  // A link the projection carried over as unchanged was confirmed against the base's text, which the projection no
  // longer shows once edited in place: it goes back to that confirmation, so its card compares with what was read.
  const carried = new Map(
    (
      await trx
        .selectFrom('version_link_states')
        .select(['link_id', 'confirmed_version_id', 'confirmed_key', 'confirmed_fingerprint', 'confirmed_at'])
        .where('version_id', '=', version.id)
        .where('link_id', 'in', updates.map((u) => u.link.id))
        .where('confirmed_version_id', 'is not', null)
        .execute()
    ).map((r) => [r.link_id, r]),
  );
  for (const u of updates) {
    const before = u.link.confirmed_version_id === version.id ? carried.get(u.link.id) : undefined;
    const confirmation = before
      ? { confirmed_version_id: before.confirmed_version_id!, confirmed_key: before.confirmed_key, confirmed_fingerprint: before.confirmed_fingerprint!, confirmed_at: before.confirmed_at! }
      : {};
    await trx.updateTable('trace_links').set({ status: u.status, status_note: u.note, flagged_version_id: version.id, ...confirmation }).where('id', '=', u.link.id).execute();
  }
  await recordAuditBatch(
    trx,
    updates.map((u) => ({
      actor,
      action: 'link.flag',
      entityType: 'trace_link',
      entityId: u.link.id,
      reason: u.note,
      before: { provisionKey: u.link.provision_key, status: u.link.status },
      after: { provisionKey: u.link.provision_key, status: u.status, versionId: version.id },
    })),
  );
  return { suspect: updates.filter((u) => u.status === 'suspect').length, broken: updates.filter((u) => u.status === 'broken').length };
}

/** The fingerprints of the provisions whose subtree holds `key` (it and every provision above it), as import computes them. */
async function refreshFingerprints(trx: Executor, versionId: number, key: string): Promise<string[]> {
  const rows = await trx.selectFrom('provisions').select(['id', 'key', 'text', 'parent_key', 'position', 'fingerprint']).where('version_id', '=', versionId).orderBy('position').execute();
  const full = storedSubtreeTexts(rows);
  const changed: string[] = [];
  for (const row of rows.filter((r) => isKeyInside(key, r.key))) {
    const now = fingerprint(full.get(row.key) ?? row.text);
    if (now === row.fingerprint) continue;
    await trx.updateTable('provisions').set({ fingerprint: now }).where('id', '=', row.id).execute();
    changed.push(row.key);
  }
  return changed;
}

/**
 * Applies an instruction by hand (or corrects a projected provision): the provision's text in the projection, the
 * change stored with the words before and after, 'manuel', the note and who, the instruction marked as applied,
 * and the links to what changed flagged; all in one transaction, audited.
 */
export async function applyByHand(db: Db, versionId: number, input: ManualChangeInput, user: Actor) {
  authorize(user, 'source.import', null);
  const result = await db.transaction().execute(async (trx) => {
    const version = await projectionToEdit(trx, versionId);
    const instruction = input.instruction === undefined ? null : await unappliedInstruction(trx, version, input.instruction);
    const named = provisionNamed(input.provision);
    if (!named) {
      throw new Invalid(`"${input.provision}" er ikke en bestemmelse`, [{ field: 'provision', message: 'Skriv bestemmelsen som fx "§ 11, stk. 3"' }]);
    }
    const { key, parts } = named;
    const rows = await trx.selectFrom('provisions').selectAll().where('version_id', '=', version.id).orderBy('position').execute();
    const existing = rows.find((r) => r.key === key);
    const label = existing?.label ?? provisionLabel(parts);
    const newText = input.repeal ? REPEALED_TEXT : collapse(input.text ?? '');

    if (existing && input.expectedText !== undefined && collapse(input.expectedText) !== collapse(existing.text)) {
      throw new Conflict(`${label} er ændret, siden du åbnede den; genindlæs og prøv igen`, [{ field: 'text', message: 'Teksten er ændret af en anden' }]);
    }
    let change: 'changed' | 'added' | 'removed';
    let removedKeys: string[] = [];
    if (input.repeal) {
      if (!existing) throw new Invalid(`${label} findes ikke i ${version.short_name}`, [{ field: 'provision', message: 'Bestemmelsen findes ikke, så den kan ikke ophæves' }]);
      if (existing.repealed === 1) throw new Conflict(`${label} er allerede ophævet i ${version.short_name}`, [{ field: 'provision', message: 'Allerede ophævet' }]);
      change = 'removed';
      removedKeys = rows.filter((r) => r.key !== key && isKeyInside(r.key, key)).map((r) => r.key);
      if (removedKeys.length) await trx.deleteFrom('provisions').where('version_id', '=', version.id).where('key', 'in', removedKeys).execute();
      await trx.updateTable('provisions').set({ text: newText, repealed: 1 }).where('id', '=', existing.id).execute();
    } else if (existing) {
      if (existing.repealed === 0 && collapse(existing.text) === newText) {
        throw new Invalid(`${label} lyder allerede sådan i ${version.short_name}`, [{ field: 'text', message: 'Teksten er uændret' }]);
      }
      change = 'changed';
      await trx.updateTable('provisions').set({ text: newText, repealed: 0 }).where('id', '=', existing.id).execute();
    } else {
      const parentKey = parentKeyOf(key);
      const parent = parentKey === null ? null : (rows.find((r) => r.key === parentKey) ?? null);
      if (parentKey !== null && (!parent || parent.repealed === 1)) {
        throw new Invalid(`${label} kan ikke indsættes: ${provisionLabel(parseKey(parentKey)!)} findes ikke i ${version.short_name}`, [
          { field: 'provision', message: 'Bestemmelsen over den findes ikke' },
        ]);
      }
      change = 'added';
      const position = positionFor(rows, key, parent);
      await trx.updateTable('provisions').set((eb) => ({ position: eb('position', '+', 1) })).where('version_id', '=', version.id).where('position', '>=', position).execute();
      await trx
        .insertInto('provisions')
        .values({
          version_id: version.id,
          key,
          label,
          kind: kindOf(parts),
          text: newText,
          fingerprint: fingerprint(newText),
          parent_key: parentKey,
          position,
          chapter: parent?.chapter ?? rows.filter((r) => r.position < position).at(-1)?.chapter ?? null,
          repealed: 0,
        })
        .execute();
    }
    const refreshed = await refreshFingerprints(trx, version.id, key);
    const provisionCount = rows.length + (change === 'added' ? 1 : 0) - removedKeys.length;
    if (provisionCount !== rows.length) await trx.updateTable('source_versions').set({ provision_count: provisionCount }).where('id', '=', version.id).execute();

    const now = nowIso();
    const stored = await trx
      .insertInto('provision_changes')
      .values({
        version_id: version.id,
        provision_key: key,
        label,
        change,
        act: version.amending_act,
        number: instruction?.number ?? null,
        instruction: instruction?.instruction ?? null,
        reason: null,
        in_force_from: instruction?.in_force_from ?? null,
        method: 'manuel',
        note: input.note,
        changed_by: user.name,
        changed_at: now,
        old_text: existing ? existing.text : null,
        new_text: newText,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (instruction) await trx.updateTable('provision_changes').set({ applied_change_id: stored.id }).where('id', '=', instruction.id).execute();
    const links = await flagLinks(trx, version, [...new Set([key, ...refreshed, ...removedKeys])], user.name);
    const provision = await trx.selectFrom('provisions').selectAll().where('version_id', '=', version.id).where('key', '=', key).executeTakeFirstOrThrow();
    const out = { version: toVersion(version), change: await toManualChange(trx, stored), provision: toProvision(provision), links };
    await recordAudit(trx, {
      actor: user.name,
      action: instruction ? 'provision.apply_by_hand' : 'provision.correct_by_hand',
      entityType: 'source_version',
      entityId: version.id,
      reason: input.note,
      before: { provisionKey: key, label, text: existing?.text ?? null, repealed: existing ? existing.repealed === 1 : null, instruction: instruction ? { number: instruction.number, appliedChangeId: null } : null },
      after: { provisionKey: key, label, text: newText, repealed: input.repeal, change, instruction: instruction ? { number: instruction.number, appliedChangeId: stored.id } : null, links },
    });
    return out;
  });
  // The diff between the projection and its base is kept in memory; it no longer holds.
  forgetStoredDiffs(versionId);
  return result;
}

/** The instruction with that number that the version could not apply; 400 if there is none, 409 if it is applied already. */
async function unappliedInstruction(trx: Executor, version: SourceVersionRow, number: number) {
  const row = await trx.selectFrom('provision_changes').selectAll().where('version_id', '=', version.id).where('change', '=', 'unapplied').where('number', '=', number).executeTakeFirst();
  if (!row) {
    throw new Invalid(`${version.amending_act ?? 'Ændringsloven'} har ingen ikke-anvendt ændring nr. ${number} i ${version.short_name}`, [
      { field: 'instruction', message: 'Ændringen findes ikke blandt dem, der ikke kunne anvendes' },
    ]);
  }
  if (row.applied_change_id !== null) {
    const by = await trx.selectFrom('provision_changes').select(['changed_by']).where('id', '=', row.applied_change_id).executeTakeFirst();
    throw new Conflict(`Ændring nr. ${number} er allerede anvendt i hånden${by?.changed_by ? ` af ${by.changed_by}` : ''}`, [{ field: 'instruction', message: 'Allerede anvendt' }]);
  }
  return row;
}

type ChangeRow = Awaited<ReturnType<typeof changeRows>>[number];

/** The version's unapplied instructions and changes by hand, in order; or the one change with `id`. */
function changeRows(db: Executor, versionId: number, id?: number) {
  return db
    .selectFrom('provision_changes as c')
    .leftJoin('users as u', 'u.username', 'c.changed_by')
    .selectAll('c')
    .select('u.display_name')
    .where('c.version_id', '=', versionId)
    .where((eb) => eb.or([eb('c.change', '=', 'unapplied'), eb('c.method', '=', 'manuel')]))
    .$if(id !== undefined, (q) => q.where('c.id', '=', id!))
    .orderBy('c.id')
    .execute();
}

function manualChange(row: ChangeRow) {
  return {
    id: row.id,
    provisionKey: row.provision_key,
    label: row.label,
    change: row.change as 'changed' | 'added' | 'removed',
    number: row.number,
    instruction: row.instruction,
    inForceFrom: row.in_force_from,
    oldText: row.old_text,
    newText: row.new_text,
    note: row.note ?? '',
    /** Who made the change: the user name the audit trail records, and the person's name. */
    by: row.changed_by,
    byName: row.display_name ?? row.changed_by,
    at: row.changed_at,
  };
}

async function toManualChange(trx: Executor, row: { id: number; version_id: number }) {
  const [stored] = await changeRows(trx, row.version_id, row.id);
  return manualChange(stored);
}

/**
 * A version's instructions that could not be applied, each with the reason and, once applied by hand, the change
 * that did it; and every change made by hand in the version (corrections without an instruction too).
 */
export async function versionInstructions(db: Executor, versionId: number) {
  const version = await getVersion(db, versionId);
  const rows = await changeRows(db, versionId);
  const manual = rows.filter((r) => r.method === 'manuel').map(manualChange);
  const labels = new Map(
    (await db.selectFrom('provisions').select(['key', 'label']).where('version_id', '=', versionId).where('key', 'in', [...new Set(rows.map((r) => r.provision_key ?? ''))]).execute()).map((p) => [p.key, p.label]),
  );
  return {
    version: toVersion(version),
    unapplied: rows
      .filter((r) => r.change === 'unapplied')
      .map((r) => ({
        id: r.id,
        act: r.act,
        number: r.number,
        instruction: r.instruction ?? '',
        reason: r.reason ?? '',
        inForceFrom: r.in_force_from,
        /** The provision the instruction names, as far as Sporbar could read it. */
        provisionKey: r.provision_key,
        label: r.provision_key ? (labels.get(r.provision_key) ?? labelOfKey(r.provision_key)) : null,
        appliedByHand: manual.find((m) => m.id === r.applied_change_id) ?? null,
      })),
    manual,
  };
}

function labelOfKey(key: string): string | null {
  const parts = parseKey(key);
  return parts ? provisionLabel(parts) : null;
}
