// The impact of a new version: per solution, the changed provisions and the requirements tracing to them,
// and the provisions several solutions share; and, from it, one lovvedligehold change request per solution.
import { authorize, hasRole, type Actor } from '../auth/permissions.js';
import type { Db, Executor } from '../db/database.js';
import { inSolutionScope } from '../db/sql.js';
import { readScope } from '../solutions/solutions.service.js';
import { insertChangeRequest } from '../change-requests/change-requests.service.js';
import { csvDocument } from '../exchange/csv.js';
import type { ProvisionChange } from '../sources/provision-diff.js';
import { getSource, getVersion, previousVersion, toSource, toVersion } from '../sources/sources.service.js';
import { diffStoredVersions } from '../sources/version-diff.service.js';
import { isKeyInside, keysOverlap } from '../sources/labels.js';
import { formatDate } from '../text/danish.js';
import { linkStatusName } from '../text/vocabulary.js';
import { isMove } from './suspect.js';

export interface ImpactedProvision {
  key: string;
  /** Document order in the version (or, for a removed provision, in the one before). */
  position: number;
  label: string;
  change: 'changed' | 'removed' | 'renumbered';
  previousLabel: string | null;
  /** The finer provisions whose words changed, e.g. the stk. of a linked §. */
  changedParts: { label: string; kind: string }[];
  requirements: { id: number; humanId: string; title: string; linkStatus: string }[];
}

async function fingerprints(db: Executor, versionId: number) {
  const rows = await db.selectFrom('provisions').select(['key', 'label', 'fingerprint', 'repealed', 'position']).where('version_id', '=', versionId).execute();
  return new Map(rows.map((r) => [r.key, r]));
}

/** Per solution code, the lovvedligehold change request drafted for this version (one per solution at most). */
async function lovvedligeholdRequests(db: Executor, versionId: number) {
  const rows = await db
    .selectFrom('change_requests as c')
    .innerJoin('solutions as s', 's.id', 'c.solution_id')
    .select(['s.code', 'c.human_id', 'c.status'])
    .where('c.source_version_id', '=', versionId)
    .where('c.class', '=', 'lovvedligehold')
    .orderBy('c.id')
    .execute();
  return new Map(rows.map((r) => [r.code, { humanId: r.human_id, status: r.status }]));
}


/**
 * What the version changes for the requirements that trace to the source, compared with the version before it,
 * in the solutions the actor may read (the law is public; what each solution requires is not).
 */
export async function versionImpact(db: Db, versionId: number, actor: Actor) {
  const version = await getVersion(db, versionId);
  const source = await getSource(db, version.source_id);
  const previous = await previousVersion(db, version.source_id, version.in_force_from, version.id);
  const base = { source: toSource(source), version: toVersion(version), previous: previous ? toVersion(previous) : null };
  if (!previous) return { ...base, stats: null, solutions: [], crossSolution: [] };

  const { diff } = await diffStoredVersions(db, previous.id, version.id);
  const [oldFp, newFp] = [await fingerprints(db, previous.id), await fingerprints(db, version.id)];
  const movedFrom = new Map<string, ProvisionChange>();
  for (const c of diff.changes) if (isMove(c)) movedFrom.set(c.newKey!, c);
  const substantive = diff.changes.filter((c) => c.kind !== 'unchanged' && c.substantive);

  const links = await db
    .selectFrom('trace_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
    .innerJoin('solutions as s', 's.id', 'r.solution_id')
    .select(['l.provision_key', 'l.status', 'r.id as requirement_id', 'r.human_id', 'r.title', 's.code', 's.name'])
    .where('l.source_id', '=', version.source_id)
    .where(inSolutionScope('r.solution_id', await readScope(db, actor)))
    .orderBy('s.code')
    .orderBy('r.id')
    .execute();

  const solutions = new Map<string, { code: string; name: string; provisions: Map<string, ImpactedProvision> }>();
  for (const link of links) {
    const move = movedFrom.get(link.provision_key);
    const oldKey = move ? move.key : link.provision_key;
    const before = oldFp.get(oldKey);
    const after = newFp.get(link.provision_key);
    if (!before) continue; // linked after this version arrived, to a provision it added
    let change: ImpactedProvision['change'];
    if (!after || after.repealed === 1) change = 'removed';
    else if (after.fingerprint !== before.fingerprint) change = 'changed';
    else if (move) change = 'renumbered';
    else continue;
    const solution = solutions.get(link.code) ?? { code: link.code, name: link.name, provisions: new Map() };
    solutions.set(link.code, solution);
    let provision = solution.provisions.get(link.provision_key);
    if (!provision) {
      provision = {
        key: link.provision_key,
        position: after?.position ?? before.position,
        label: after?.label ?? before.label,
        change,
        previousLabel: move ? move.label : null,
        changedParts: substantive
          .filter((c) => isKeyInside(c.key, oldKey) || (c.newKey !== undefined && isKeyInside(c.newKey, link.provision_key)))
          .map((c) => ({ label: c.newLabel ?? c.label, kind: c.kind })),
        requirements: [],
      };
      solution.provisions.set(link.provision_key, provision);
    }
    provision.requirements.push({ id: link.requirement_id, humanId: link.human_id, title: link.title, linkStatus: link.status });
  }

  // The lovvedligehold change request each solution already has for this version, so the page can say so.
  const requestOf = await lovvedligeholdRequests(db, versionId);
  const list = [...solutions.values()].map((s) => ({
    code: s.code,
    name: s.name,
    provisions: [...s.provisions.values()].sort((a, b) => a.position - b.position),
    /** The solution's lovvedligehold change request for this version, once drafted. */
    lovvedligehold: requestOf.get(s.code) ?? null,
  }));
  const shared = new Map<string, { key: string; label: string; solutions: string[] }>();
  for (const s of list) {
    for (const p of s.provisions) {
      const entry = shared.get(p.key) ?? { key: p.key, label: p.label, solutions: [] };
      entry.solutions.push(s.code);
      shared.set(p.key, entry);
    }
  }
  return {
    ...base,
    stats: diff.stats,
    solutions: list,
    crossSolution: [...shared.values()].filter((e) => e.solutions.length > 1),
  };
}

export type VersionImpact = Awaited<ReturnType<typeof versionImpact>>;

const CHANGE_NAMES = { changed: 'ændret', removed: 'ophævet', renumbered: 'omnummereret' } as const;

/** The impact as CSV, one row per affected requirement and provision. */
export function impactCsv(impact: VersionImpact): string {
  const rows = [['Løsning', 'Krav', 'Kravtitel', 'Bestemmelse', 'Ændring', 'Tidligere betegnelse', 'Linkstatus', 'Retskilde', 'Version']];
  for (const s of impact.solutions) {
    for (const p of s.provisions) {
      for (const r of p.requirements) {
        rows.push([s.code, r.humanId, r.title, p.label, CHANGE_NAMES[p.change], p.previousLabel ?? '', linkStatusName(r.linkStatus), impact.source.popularTitle ?? impact.source.title, impact.version.shortName]);
      }
    }
  }
  return csvDocument(rows);
}

/** One lovvedligehold change request per affected solution, pre-filled; a solution that already has one for this version keeps it. */
export async function draftLovvedligeholdRequests(db: Db, versionId: number, user: Actor) {
  // Lovovervågning and the kravredaktion draft; each solution's request is then theirs to carry.
  authorize(user, 'source.import', null);
  const actor = user.name;
  const impact = await versionImpact(db, versionId, user);
  return db.transaction().execute(async (trx) => {
    const created = [];
    const existing = [];
    // Read again inside the transaction: a draft made since the impact was read is kept, not doubled.
    const drafted = await lovvedligeholdRequests(trx, versionId);
    const codes = impact.solutions.map((s) => s.code);
    const rows = codes.length ? await trx.selectFrom('solutions').select(['id', 'code']).where('code', 'in', codes).execute() : [];
    const solutionIds = new Map(rows.map((r) => [r.code, r.id]));
    // An amending act says when each change takes effect; a staged act gives each solution the date of the first change it concerns.
    const dated = await trx.selectFrom('provision_changes').select(['provision_key', 'in_force_from']).where('version_id', '=', versionId).where('in_force_from', 'is not', null).execute();
    const deadlineOf = (keys: string[]) =>
      dated
        .filter((d) => d.provision_key !== null && keys.some((k) => keysOverlap(d.provision_key!, k)))
        .map((d) => d.in_force_from!)
        .sort()[0] ?? impact.version.inForceFrom;
    for (const s of impact.solutions) {
      const solution = { id: solutionIds.get(s.code)!, code: s.code };
      // Lovovervågning registers no change request of its own, but drafts the lovvedligehold its law change causes.
      if (!hasRole(user, ['lovovervaagning'], solution.id)) authorize(user, 'change_request.create', solution.id);
      const already = drafted.get(s.code);
      if (already) {
        existing.push(already.humanId);
        continue;
      }
      const act = impact.source.popularTitle ?? impact.source.title;
      const description = [
        `${impact.version.shortName} (${act}) træder i kraft ${formatDate(impact.version.inForceFrom)} og ændrer bestemmelser, som ${s.name} har krav til.`,
        '',
        'Ændrede bestemmelser:',
        ...s.provisions.map((p) => `- ${p.label}: ${CHANGE_NAMES[p.change]}${p.previousLabel ? ` (før ${p.previousLabel})` : ''}${p.changedParts.length ? ` – ${p.changedParts.map((c) => c.label).join(', ')}` : ''}`),
        '',
        'Berørte krav:',
        ...[...new Map(s.provisions.flatMap((p) => p.requirements).map((r) => [r.humanId, r])).values()].map((r) => `- ${r.humanId} ${r.title}`),
      ].join('\n');
      created.push(
        await insertChangeRequest(
          trx,
          {
            solutionId: solution.id,
            solutionCode: solution.code,
            class: 'lovvedligehold',
            title: `Lovvedligehold: ${act}, ${impact.version.shortName}`,
            description,
            proposer: 'Lovovervågning',
            status: 'oprettet',
            deadline: deadlineOf(s.provisions.map((p) => p.key)),
            sourceVersionId: versionId,
            requirementIds: [...new Set(s.provisions.flatMap((p) => p.requirements.map((r) => r.id)))],
            provisions: s.provisions.map((p) => ({ sourceId: impact.source.id, provisionKey: p.key, versionId })),
          },
          actor,
          `Udkast fra lovændringen ${impact.version.shortName}`,
        ),
      );
    }
    return { created, existing };
  });
}
