// Taking back a version registered by mistake (the wrong act, an amending act registered as a consolidation): the
// version stays in history, marked as withdrawn, and every trace link returns to the state it had before it.
import { versionInForce } from '../sources/sources.repository.js';
import { z } from 'zod';
import { recordAudit, recordAuditBatch } from '../audit/audit.repository.js';
import { authorize, type Actor } from '../auth/permissions.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { Conflict } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import { getVersion, previousVersion, toVersion } from '../sources/sources.service.js';
import type { SourceVersionRow } from '../sources/sources.table.js';

export const WithdrawInput = z.object({ reason: plainText.trim().min(1, 'Skriv hvorfor versionen tilbagekaldes').max(2000) });

interface Restored {
  id: number;
  before: { provisionKey: string; status: string };
  after: { provisionKey: string; status: string; confirmedVersionId?: number };
}

/** The links the version moved or flagged, back to their state from before it (those that still exist). */
async function restoreFlaggedLinks(trx: Executor, version: SourceVersionRow): Promise<Restored[]> {
  const states = await trx
    .selectFrom('version_link_states as s')
    .innerJoin('trace_links as l', 'l.id', 's.link_id')
    .select([
      's.link_id',
      's.provision_key',
      's.status',
      's.status_note',
      's.flagged_version_id',
      's.confirmed_version_id',
      's.confirmed_key',
      's.confirmed_fingerprint',
      's.confirmed_at',
      'l.provision_key as now_key',
      'l.status as now_status',
      'l.requirement_id',
    ])
    .where('s.version_id', '=', version.id)
    .execute();
  const restored: Restored[] = [];
  // Moved links go back in two steps, like the move itself (suspect.ts), so a chain never collides on the unique key.
  const moving = states.filter((s) => s.provision_key !== s.now_key);
  for (const s of moving) await trx.updateTable('trace_links').set({ provision_key: `~${s.link_id}` }).where('id', '=', s.link_id).execute();
  for (const s of states) {
    let key = s.provision_key;
    if (key !== s.now_key) {
      // A link the requirement has made to the old key since keeps it; this one stays where the version put it.
      const taken = await trx.selectFrom('trace_links').select('id').where('requirement_id', '=', s.requirement_id).where('source_id', '=', version.source_id).where('provision_key', '=', key).executeTakeFirst();
      if (taken) key = s.now_key;
    }
    // A link the version carried forward (its provision unchanged) is confirmed against the version before again.
    const confirmation =
      s.confirmed_version_id !== null
        ? { confirmed_version_id: s.confirmed_version_id, confirmed_key: s.confirmed_key, confirmed_fingerprint: s.confirmed_fingerprint!, confirmed_at: s.confirmed_at! }
        : {};
    await trx
      .updateTable('trace_links')
      .set({ provision_key: key, status: s.status as 'current' | 'suspect' | 'broken', status_note: s.status_note, flagged_version_id: s.flagged_version_id, ...confirmation })
      .where('id', '=', s.link_id)
      .execute();
    restored.push({
      id: s.link_id,
      before: { provisionKey: s.now_key, status: s.now_status },
      after: { provisionKey: key, status: s.status, ...(s.confirmed_version_id !== null ? { confirmedVersionId: s.confirmed_version_id } : {}) },
    });
  }
  return restored;
}

/**
 * Links confirmed (or made) against the withdrawn version are confirmed against text that was never the law:
 * they go back to the version before, current where the provision read the same there, suspect otherwise.
 */
async function reconfirmAgainstPrevious(trx: Executor, version: SourceVersionRow, previous: SourceVersionRow | undefined, already: Map<number, Restored>) {
  const links = await trx.selectFrom('trace_links').selectAll().where('confirmed_version_id', '=', version.id).execute();
  const out: Restored[] = [];
  // The previous version's provisions under those links, read once for all of them.
  const keys = [...new Set(links.map((l) => l.provision_key))];
  const provisions = new Map<string, { fingerprint: string; repealed: number }>();
  for (let i = 0; previous && i < keys.length; i += 500) {
    const rows = await trx.selectFrom('provisions').select(['key', 'fingerprint', 'repealed']).where('version_id', '=', previous.id).where('key', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) provisions.set(r.key, r);
  }
  for (const link of links) {
    const provision = provisions.get(link.provision_key);
    const same = provision !== undefined && provision.repealed === 0 && provision.fingerprint === link.confirmed_fingerprint;
    const status = !provision || provision.repealed === 1 ? 'broken' : same ? link.status : 'suspect';
    const note = same ? link.status_note : `Bekræftet mod ${version.short_name}, som er tilbagekaldt; gennemgå mod ${previous?.short_name ?? 'den forrige version'}`;
    await trx
      .updateTable('trace_links')
      .set({
        confirmed_version_id: previous?.id ?? link.confirmed_version_id,
        confirmed_key: link.provision_key,
        confirmed_fingerprint: provision?.fingerprint ?? link.confirmed_fingerprint,
        status,
        status_note: note,
        flagged_version_id: same ? link.flagged_version_id : previous?.id ?? null,
      })
      .where('id', '=', link.id)
      .execute();
    const entry = already.get(link.id);
    const after = { provisionKey: link.provision_key, status, confirmedVersionId: previous?.id };
    if (entry) entry.after = after;
    else out.push({ id: link.id, before: { provisionKey: link.provision_key, status: link.status }, after });
  }
  return out;
}

/** Withdraws the newest version of its source, with a reason: links as they were before it, the version kept and marked. */
export async function withdrawVersion(db: Db, versionId: number, input: z.infer<typeof WithdrawInput>, user: Actor) {
  authorize(user, 'source.import', null);
  return db.transaction().execute(async (trx) => {
    const version = await getVersion(trx, versionId);
    if (version.withdrawn_at) throw new Conflict(`${version.short_name} er allerede tilbagekaldt`);
    const newer = await trx
      .selectFrom('source_versions')
      .select('short_name')
      .where('source_id', '=', version.source_id)
      .where(versionInForce())
      .where('id', '!=', version.id)
      .where((eb) => eb.or([eb('in_force_from', '>', version.in_force_from), eb.and([eb('in_force_from', '=', version.in_force_from), eb('id', '>', version.id)])]))
      .executeTakeFirst();
    if (newer) throw new Conflict(`Tilbagekald først den nyere version ${newer.short_name}: kun den nyeste version kan tilbagekaldes`);
    const previous = await previousVersion(trx, version.source_id, version.in_force_from, version.id);
    const restored = await restoreFlaggedLinks(trx, version);
    const byId = new Map(restored.map((r) => [r.id, r]));
    const reconfirmed = await reconfirmAgainstPrevious(trx, version, previous, byId);
    const row = await trx
      .updateTable('source_versions')
      .set({ withdrawn_at: nowIso(), withdrawn_by: user.name, withdrawn_reason: input.reason })
      .where('id', '=', version.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const requests = await trx.selectFrom('change_requests').select('human_id').where('source_version_id', '=', version.id).execute();
    const links = [...restored, ...reconfirmed];
    await recordAuditBatch(
      trx,
      links.map((l) => ({ actor: user.name, action: 'link.restore', entityType: 'trace_link', entityId: l.id, reason: `${version.short_name} tilbagekaldt: ${input.reason}`, before: l.before, after: l.after })),
    );
    const result = {
      version: toVersion(row),
      previousVersionId: previous?.id ?? null,
      links: { restored: restored.length, reconfirmed: reconfirmed.length },
      /** Lovvedligehold requests drafted from the version: they stay, for their projektleder to close. */
      changeRequests: requests.map((r) => r.human_id),
    };
    await recordAudit(trx, { actor: user.name, action: 'source_version.withdraw', entityType: 'source_version', entityId: version.id, reason: input.reason, before: toVersion(version), after: result });
    return result;
  });
}
