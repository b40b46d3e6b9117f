// When a new version of a source arrives: which trace links now point at changed, moved or vanished text.
import { recordAuditBatch } from '../audit/audit.repository.js';
import type { Executor } from '../db/database.js';
import type { ProvisionDiff } from '../sources/provision-diff.js';
import type { SourceVersionRow } from '../sources/sources.table.js';

export interface SuspectMarking {
  checked: number;
  suspect: number;
  broken: number;
  moved: number;
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
 * Compares each link's confirmed fingerprint with its provision in the new version. The fingerprint covers
 * the provision's whole subtree in substantive form, so only a change in substance (not soft hyphens or
 * line breaks) makes a link suspect; a repealed or vanished provision makes it broken; a renumbered one
 * carries its links to the new label and says so.
 */
export async function markSuspectLinks(db: Executor, version: SourceVersionRow, diff: ProvisionDiff | null, actor: string): Promise<SuspectMarking> {
  const provisions = new Map<string, NewProvision>();
  for (const p of await db.selectFrom('provisions').select(['key', 'fingerprint', 'repealed', 'label']).where('version_id', '=', version.id).execute()) {
    provisions.set(p.key, p);
  }
  const moves = new Map<string, { newKey: string; label: string; newLabel: string }>();
  for (const c of diff?.changes ?? []) {
    if (isMove(c)) moves.set(c.key, { newKey: c.newKey!, label: c.label, newLabel: c.newLabel ?? c.newKey! });
  }
  const links = await db
    .selectFrom('trace_links')
    .select(['id', 'requirement_id', 'provision_key', 'confirmed_fingerprint', 'status'])
    .where('source_id', '=', version.source_id)
    .execute();

  const taken = new Set(links.map((l) => `${l.requirement_id}|${l.provision_key}`));
  const updates: { id: number; oldKey: string; key: string; status: string; note: string | null; before: unknown }[] = [];
  let moved = 0;
  for (const link of links) {
    let key = link.provision_key;
    let note: string | null = null;
    const move = moves.get(key);
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
      updates.push({ id: link.id, oldKey: link.provision_key, key, status, note, before: { provisionKey: link.provision_key, status: link.status } });
    }
  }

  // Two steps, so a chain of moves (stk. 2 → 3, stk. 3 → 4) never collides on the unique key midway.
  for (const u of updates) {
    if (u.key !== u.oldKey) {
      await db.updateTable('trace_links').set({ provision_key: `~${u.id}` }).where('id', '=', u.id).execute();
    }
  }
  for (const u of updates) {
    await db
      .updateTable('trace_links')
      .set({ provision_key: u.key, status: u.status as 'current' | 'suspect' | 'broken', status_note: u.note, flagged_version_id: version.id })
      .where('id', '=', u.id)
      .execute();
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
  return {
    checked: links.length,
    suspect: updates.filter((u) => u.status === 'suspect').length,
    broken: updates.filter((u) => u.status === 'broken').length,
    moved,
  };
}
