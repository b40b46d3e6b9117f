// When a new version of a source arrives: which trace links now point at changed, moved or vanished text.
import { sql } from 'kysely';
import { recordAuditBatch } from '../audit/audit.repository.js';
import type { Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import type { ProvisionDiff } from '../sources/provision-diff.js';
import type { SourceVersionRow } from '../sources/sources.table.js';
import type { LinkStatus } from './links.table.js';

export interface SuspectMarking {
  checked: number;
  suspect: number;
  broken: number;
  moved: number;
  /** Current links whose provision reads the same in substance: now confirmed against the new version. */
  unchanged: number;
}

/**
 * A renumbering that carries links. When a § gains stk., the diff pairs the §'s old words with its new
 * stk. 1 (`p12` → `p12.s1`); a link to the whole § stays on the § (and turns suspect, as the § grew).
 */
export function isMove(c: ProvisionDiff['changes'][number]): boolean {
  return c.kind === 'renumbered' && c.newKey !== undefined && !c.newKey.startsWith(`${c.key}.`) && !c.key.startsWith(`${c.newKey}.`);
}

interface NewProvision {
  fingerprint: string;
  repealed: number;
  label: string;
}

/**
 * Compares the links to provisions that changed between the previous version and the new one with their
 * confirmed fingerprint. The fingerprint covers the provision's whole subtree in substantive form, so only a
 * change in substance (not soft hyphens or line breaks) makes a link suspect; a repealed or vanished
 * provision makes it broken; a renumbered one carries its links to the new label and says so. Links to
 * provisions that did not change are not even read: an act with 100,000 links and a few changed
 * provisions touches only the links to those.
 */
export async function markSuspectLinks(
  db: Executor,
  version: SourceVersionRow,
  previous: SourceVersionRow | null,
  diff: ProvisionDiff | null,
  actor: string,
): Promise<SuspectMarking> {
  const checked = Number(
    (await db.selectFrom('trace_links').select((eb) => eb.fn.countAll<number>().as('n')).where('source_id', '=', version.source_id).executeTakeFirstOrThrow()).n,
  );
  if (!previous) return { checked, suspect: 0, broken: 0, moved: 0, unchanged: 0 };
  const provisions = new Map<string, NewProvision>();
  for (const p of await db.selectFrom('provisions').select(['key', 'fingerprint', 'repealed', 'label']).where('version_id', '=', version.id).execute()) {
    provisions.set(p.key, p);
  }
  const moves = new Map<string, { newKey: string; label: string; newLabel: string }>();
  for (const c of diff?.changes ?? []) {
    if (isMove(c)) moves.set(c.key, { newKey: c.newKey!, label: c.label, newLabel: c.newLabel ?? c.newKey! });
  }
  const changedKeys = new Set(moves.keys());
  for (const old of await db.selectFrom('provisions').select(['key', 'fingerprint']).where('version_id', '=', previous.id).execute()) {
    const now = provisions.get(old.key);
    if (!now || now.repealed === 1 || now.fingerprint !== old.fingerprint) changedKeys.add(old.key);
  }
  const links = [];
  const keys = [...changedKeys];
  for (let i = 0; i < keys.length; i += 500) {
    links.push(
      ...(await db
        .selectFrom('trace_links')
        .select(['id', 'requirement_id', 'provision_key', 'confirmed_fingerprint', 'status', 'status_note', 'flagged_version_id'])
        .where('source_id', '=', version.source_id)
        .where('provision_key', 'in', keys.slice(i, i + 500))
        .execute()),
    );
  }

  // Which requirement already links to which key, where a link might move: the links read above, and those to
  // the move targets (unchanged provisions, so not read above). A move onto one of them would duplicate a link.
  const taken = new Set(links.map((l) => `${l.requirement_id}|${l.provision_key}`));
  const targets = [...new Set([...moves.values()].map((m) => m.newKey))];
  for (let i = 0; i < targets.length; i += 500) {
    const occupied = await db
      .selectFrom('trace_links')
      .select(['requirement_id', 'provision_key'])
      .where('source_id', '=', version.source_id)
      .where('provision_key', 'in', targets.slice(i, i + 500))
      .execute();
    for (const l of occupied) taken.add(`${l.requirement_id}|${l.provision_key}`);
  }
  const updates: { id: number; oldKey: string; key: string; status: LinkStatus; note: string | null; before: unknown; was: (typeof links)[number] }[] = [];
  let moved = 0;
  for (const link of links) {
    let key = link.provision_key;
    let note: string | null = null;
    const move = moves.get(key);
    // A move onto a provision the requirement already links to would duplicate the link; it stays and is judged where it is.
    if (move && !taken.has(`${link.requirement_id}|${move.newKey}`)) {
      taken.delete(`${link.requirement_id}|${key}`);
      taken.add(`${link.requirement_id}|${move.newKey}`);
      key = move.newKey;
      note = `Flyttet fra ${move.label} til ${move.newLabel} ved ${version.short_name}`;
      moved++;
    }
    const target = provisions.get(key);
    let status = link.status;
    if (!target || target.repealed === 1) {
      status = 'broken';
      note = target ? `${target.label} er ophævet ved ${version.short_name}` : `Bestemmelsen findes ikke i ${version.short_name}`;
    } else if (link.status === 'current' && target.fingerprint !== link.confirmed_fingerprint) {
      status = 'suspect';
      note = [note, `Teksten er ændret ved ${version.short_name}`].filter(Boolean).join('; ');
    }
    if (key !== link.provision_key || status !== link.status) {
      updates.push({ id: link.id, oldKey: link.provision_key, key, status, note, before: { provisionKey: link.provision_key, status: link.status }, was: link });
    }
  }

  // Each link's state before this version, so that withdrawing the version can put it back (withdraw.service.ts).
  for (let i = 0; i < updates.length; i += 500) {
    await db
      .insertInto('version_link_states')
      .values(
        updates.slice(i, i + 500).map((u) => ({
          version_id: version.id,
          link_id: u.id,
          provision_key: u.was.provision_key,
          status: u.was.status,
          status_note: u.was.status_note,
          flagged_version_id: u.was.flagged_version_id,
        })),
      )
      .execute();
  }

  // Moves in two steps, so a chain (stk. 2 → 3, stk. 3 → 4) never collides on the unique key midway: first every
  // moving link to a key of its own ('~' and its id), then each to its new key, a batch per new key.
  const movedIds = updates.filter((u) => u.key !== u.oldKey).map((u) => u.id);
  for (let i = 0; i < movedIds.length; i += 500) {
    await db
      .updateTable('trace_links')
      .set({ provision_key: sql<string>`'~' || ${sql.ref('id')}` })
      .where('id', 'in', movedIds.slice(i, i + 500))
      .execute();
  }
  const byNewKey = new Map<string, number[]>();
  for (const u of updates) {
    if (u.key === u.oldKey) continue;
    const ids = byNewKey.get(u.key);
    if (ids) ids.push(u.id);
    else byNewKey.set(u.key, [u.id]);
  }
  for (const [key, ids] of byNewKey) {
    for (let i = 0; i < ids.length; i += 500) await db.updateTable('trace_links').set({ provision_key: key }).where('id', 'in', ids.slice(i, i + 500)).execute();
  }
  // Status changes in batches: most share their status and note.
  const groups = new Map<string, { status: LinkStatus; note: string | null; ids: number[] }>();
  for (const u of updates) {
    const k = `${u.status}|${u.note}`;
    const g = groups.get(k) ?? { status: u.status, note: u.note, ids: [] };
    g.ids.push(u.id);
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    for (let i = 0; i < g.ids.length; i += 500) {
      await db
        .updateTable('trace_links')
        .set({ status: g.status, status_note: g.note, flagged_version_id: version.id })
        .where('id', 'in', g.ids.slice(i, i + 500))
        .execute();
    }
  }
  await recordAuditBatch(
    db,
    updates.map((u) => ({
      actor,
      action: 'link.flag',
      entityType: 'trace_link',
      entityId: u.id,
      reason: u.note,
      before: u.before,
      after: { provisionKey: u.key, status: u.status, versionId: version.id },
    })),
  );
  const unchanged = await carryUnchangedLinks(db, version, actor);
  return {
    checked,
    suspect: updates.filter((u) => u.status === 'suspect').length,
    broken: updates.filter((u) => u.status === 'broken').length,
    moved,
    unchanged,
  };
}

/**
 * A current link whose provision reads the same in substance in the new version (the fingerprint it was confirmed
 * with) is confirmed against the new version by itself, with the same key-word in its history: "§ 7 uændret i LBK
 * nr …". Otherwise it would cite the old version in exports next to links reviewed against the new one, and the
 * readiness report would ask for a review that has nothing to look at. Its confirmation before is kept in
 * version_link_states, so withdrawing the version moves it back (withdraw.service.ts). Runs after the moves, so a
 * link carried to a new label is confirmed at that label.
 */
async function carryUnchangedLinks(db: Executor, version: SourceVersionRow, actor: string): Promise<number> {
  const carried = await db
    .selectFrom('trace_links as l')
    .innerJoin('provisions as p', (join) => join.on('p.version_id', '=', version.id).onRef('p.key', '=', 'l.provision_key'))
    .select(['l.id', 'l.provision_key', 'l.status', 'l.status_note', 'l.flagged_version_id', 'l.confirmed_version_id', 'l.confirmed_key', 'l.confirmed_fingerprint', 'l.confirmed_at', 'p.label'])
    .where('l.source_id', '=', version.source_id)
    .where('l.status', '=', 'current')
    .where('l.confirmed_version_id', '!=', version.id)
    .where('p.repealed', '=', 0)
    .whereRef('p.fingerprint', '=', 'l.confirmed_fingerprint')
    .execute();
  if (!carried.length) return 0;
  const names = new Map(
    (await db.selectFrom('source_versions').select(['id', 'short_name']).where('id', 'in', [...new Set(carried.map((l) => l.confirmed_version_id))]).execute()).map((v) => [v.id, v.short_name]),
  );
  const now = nowIso();
  for (let i = 0; i < carried.length; i += 500) {
    const batch = carried.slice(i, i + 500);
    // A link this version also moved already has its state from before; it gains its confirmation from before.
    await db
      .insertInto('version_link_states')
      .values(
        batch.map((l) => ({
          version_id: version.id,
          link_id: l.id,
          provision_key: l.provision_key,
          status: l.status,
          status_note: l.status_note,
          flagged_version_id: l.flagged_version_id,
          confirmed_version_id: l.confirmed_version_id,
          confirmed_key: l.confirmed_key,
          confirmed_fingerprint: l.confirmed_fingerprint,
          confirmed_at: l.confirmed_at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['version_id', 'link_id']).doUpdateSet((eb) => ({
          confirmed_version_id: eb.ref('excluded.confirmed_version_id'),
          confirmed_key: eb.ref('excluded.confirmed_key'),
          confirmed_fingerprint: eb.ref('excluded.confirmed_fingerprint'),
          confirmed_at: eb.ref('excluded.confirmed_at'),
        })),
      )
      .execute();
    await db
      .updateTable('trace_links')
      .set({ confirmed_version_id: version.id, confirmed_key: sql.ref('provision_key'), confirmed_at: now })
      .where('id', 'in', batch.map((l) => l.id))
      .execute();
  }
  await recordAuditBatch(
    db,
    carried.map((l) => ({
      actor,
      action: 'link.carry',
      entityType: 'trace_link',
      entityId: l.id,
      reason: `${l.label} uændret i ${version.short_name}; før bekræftet mod ${names.get(l.confirmed_version_id) ?? 'en tidligere version'}`,
      before: { provisionKey: l.provision_key, status: l.status, confirmedVersionId: l.confirmed_version_id },
      after: { provisionKey: l.provision_key, status: l.status, confirmedVersionId: version.id },
    })),
  );
  return carried.length;
}
