// Baselines: freeze a solution's requirements and trace links under a name, list them, and compare any two
// states (baseline ↔ baseline, baseline ↔ now): requirements added, removed and changed word by word, links
// added and removed, and the law versions that moved on underneath.
import { diffWords } from 'diff';
import { z } from 'zod';
import { authorize, type Actor } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import { getSolution } from '../solutions/solutions.service.js';
import type { SolutionRow } from '../solutions/solutions.table.js';
import * as repo from './baselines.repository.js';
import type { BaselineRow } from './baselines.table.js';

export const BaselineInput = z.object({
  name: plainText.trim().min(1, 'Giv baselinen et navn').max(120, 'Navnet må højst være 120 tegn'),
  description: plainText.trim().max(2000, 'Beskrivelsen må højst være 2000 tegn').default(''),
});
export type BaselineInput = z.infer<typeof BaselineInput>;

export function toBaseline(row: BaselineRow & { created_by_name?: string | null }, solutionCode: string) {
  return {
    id: row.id,
    solution: solutionCode,
    name: row.name,
    description: row.description,
    requirementCount: row.requirement_count,
    linkCount: row.link_count,
    createdBy: row.created_by,
    createdByName: row.created_by_name ?? row.created_by,
    createdAt: row.created_at,
  };
}
export type Baseline = ReturnType<typeof toBaseline>;

/** A requirement as a snapshot holds it: now, or frozen in a baseline. */
export interface SnapshotRequirement {
  requirementId: number;
  humanId: string;
  version: number;
  title: string;
  text: string;
  kind: string;
  status: string;
  tenderCategory: string | null;
  nonLegal: boolean;
  updatedAt: string;
}

export interface SnapshotLink {
  humanId: string;
  sourceId: number;
  provisionKey: string;
  label: string;
  rationale: string;
  status: string;
  confirmedVersionId: number;
  confirmedShortName: string;
  latestVersionId: number;
  latestShortName: string;
}

/** A solution's requirements and trace links at one moment: what exports and comparisons read. */
export interface Snapshot {
  solution: { id: number; code: string; name: string };
  /** null: the current state. */
  baseline: Baseline | null;
  requirements: SnapshotRequirement[];
  links: SnapshotLink[];
}

type RequirementColumns = { requirement_id: number; human_id: string; version: number; title: string; text: string; kind: string; status: string; tender_category: string | null; non_legal: number; updated_at: string };
type LinkColumns = {
  requirement_human_id: string; source_id: number; provision_key: string; provision_label: string; rationale: string; status: string;
  confirmed_version_id: number; confirmed_short_name: string; latest_version_id: number; latest_short_name: string;
};

const toSnapshotRequirement = (r: RequirementColumns): SnapshotRequirement => ({
  requirementId: r.requirement_id,
  humanId: r.human_id,
  version: r.version,
  title: r.title,
  text: r.text,
  kind: r.kind,
  status: r.status,
  tenderCategory: r.tender_category,
  nonLegal: r.non_legal === 1,
  updatedAt: r.updated_at,
});

const toSnapshotLink = (l: LinkColumns): SnapshotLink => ({
  humanId: l.requirement_human_id,
  sourceId: l.source_id,
  provisionKey: l.provision_key,
  label: l.provision_label,
  rationale: l.rationale,
  status: l.status,
  confirmedVersionId: l.confirmed_version_id,
  confirmedShortName: l.confirmed_short_name,
  latestVersionId: l.latest_version_id,
  latestShortName: l.latest_short_name,
});

const keyOrder = new Intl.Collator('da', { numeric: true });

/** Links in requirement order, then by source and provision in reading order (§ 9 before § 10), so exports diff cleanly. */
function sortLinks(links: SnapshotLink[], requirements: SnapshotRequirement[]): SnapshotLink[] {
  const position = new Map(requirements.map((r, i) => [r.humanId, i]));
  return links.sort(
    (a, b) =>
      (position.get(a.humanId) ?? 0) - (position.get(b.humanId) ?? 0) || a.sourceId - b.sourceId || keyOrder.compare(a.provisionKey, b.provisionKey),
  );
}

async function solutionFor(db: Executor, code: string, actor: Actor, permission: 'read' | 'baseline.create') {
  const solution = await getSolution(db, code);
  authorize(actor, permission, solution.id);
  return solution;
}

async function baselineOf(db: Executor, solution: SolutionRow, ref: { id?: number; name?: string }) {
  const row = ref.id !== undefined ? await repo.findBaseline(db, ref.id) : await repo.findBaselineByName(db, solution.id, ref.name ?? '');
  if (!row || row.solution_id !== solution.id) throw new NotFound(`Baselinen ${ref.name ?? ref.id} findes ikke for ${solution.code}`);
  return row;
}

/** The current state, or a baseline's, of a solution. */
export async function loadSnapshot(db: Executor, solution: SolutionRow, baseline: BaselineRow | null): Promise<Snapshot> {
  const [requirementRows, linkRows] = baseline
    ? await Promise.all([repo.baselineRequirementRows(db, baseline.id).execute(), repo.baselineLinkRows(db, baseline.id).execute()])
    : await Promise.all([repo.currentRequirementRows(db, solution.id).execute(), repo.currentLinkRows(db, solution.id).execute()]);
  const requirements = requirementRows.map(toSnapshotRequirement);
  return {
    solution: { id: solution.id, code: solution.code, name: solution.name },
    baseline: baseline ? toBaseline(baseline, solution.code) : null,
    requirements,
    links: sortLinks(linkRows.map(toSnapshotLink), requirements),
  };
}

/** For exports: the solution now, or as frozen in the named baseline; the actor needs read access to it. */
export async function snapshotForExport(db: Db, code: string, baselineName: string | undefined, actor: Actor): Promise<Snapshot> {
  const solution = await solutionFor(db, code, actor, 'read');
  return loadSnapshot(db, solution, baselineName ? await baselineOf(db, solution, { name: baselineName }) : null);
}

export async function createBaseline(db: Db, solutionCode: string, input: BaselineInput, actor: Actor): Promise<Baseline> {
  return db.transaction().execute(async (trx) => {
    const solution = await solutionFor(trx, solutionCode, actor, 'baseline.create');
    if (await repo.findBaselineByName(trx, solution.id, input.name)) {
      throw new Conflict(`${solution.code} har allerede en baseline med navnet "${input.name}"`, [{ field: 'name', message: 'Navnet er i brug' }]);
    }
    const row = await repo.insertBaselineWithCopies(trx, {
      solution_id: solution.id,
      name: input.name,
      description: input.description,
      created_by: actor.name,
      created_at: nowIso(),
    });
    const baseline = toBaseline(row, solution.code);
    await recordAudit(trx, { actor: actor.name, action: 'baseline.create', entityType: 'baseline', entityId: row.id, reason: input.description || null, after: baseline });
    return baseline;
  });
}

export async function listBaselines(db: Db, solutionCode: string, actor: Actor): Promise<Baseline[]> {
  const solution = await solutionFor(db, solutionCode, actor, 'read');
  return (await repo.listBaselines(db, solution.id)).map((r) => toBaseline(r, solution.code));
}

/** One baseline with everything it froze. */
export async function getBaseline(db: Db, id: number, actor: Actor) {
  const row = await repo.findBaseline(db, id);
  if (!row) throw new NotFound(`Baselinen ${id} findes ikke`);
  const solution = await db.selectFrom('solutions').selectAll().where('id', '=', row.solution_id).executeTakeFirstOrThrow();
  authorize(actor, 'read', solution.id);
  const snapshot = await loadSnapshot(db, solution, row);
  return { ...snapshot.baseline!, requirements: snapshot.requirements, links: snapshot.links };
}

// ---------------------------------------------------------------------------------------------------------
// Comparison

export type WordPart = { value: string; added?: true; removed?: true };

const words = (a: string, b: string): WordPart[] =>
  diffWords(a, b).map((p) => ({ value: p.value, ...(p.added ? { added: true as const } : {}), ...(p.removed ? { removed: true as const } : {}) }));

const ATTRIBUTES = [
  ['kind', 'Kravtype'],
  ['status', 'Status'],
  ['tenderCategory', 'Udbudskategori'],
  ['nonLegal', 'Ikke lovbestemt'],
] as const;

const linkKey = (l: SnapshotLink) => `${l.humanId}|${l.sourceId}|${l.provisionKey}`;

export function compareSnapshots(from: Snapshot, to: Snapshot, sourceTitles: Map<number, string>) {
  const before = new Map(from.requirements.map((r) => [r.humanId, r]));
  const after = new Map(to.requirements.map((r) => [r.humanId, r]));
  const brief = (r: SnapshotRequirement) => ({ humanId: r.humanId, title: r.title, version: r.version });

  const added = to.requirements.filter((r) => !before.has(r.humanId)).map(brief);
  const removed = from.requirements.filter((r) => !after.has(r.humanId)).map(brief);
  const changed = [];
  for (const b of to.requirements) {
    const a = before.get(b.humanId);
    if (!a) continue;
    const attributes = ATTRIBUTES.filter(([k]) => a[k] !== b[k]).map(([field, label]) => ({ field, label, from: a[field], to: b[field] }));
    if (a.title === b.title && a.text === b.text && !attributes.length) continue;
    changed.push({
      humanId: b.humanId,
      title: b.title,
      fromVersion: a.version,
      toVersion: b.version,
      titleChanged: a.title !== b.title,
      textChanged: a.text !== b.text,
      titleWords: words(a.title, b.title),
      textWords: words(a.text, b.text),
      attributes,
    });
  }

  const linksBefore = new Map(from.links.map((l) => [linkKey(l), l]));
  const linksAfter = new Map(to.links.map((l) => [linkKey(l), l]));
  const describe = (l: SnapshotLink) => ({
    humanId: l.humanId,
    sourceId: l.sourceId,
    source: sourceTitles.get(l.sourceId) ?? String(l.sourceId),
    provisionKey: l.provisionKey,
    label: l.label,
    status: l.status,
    confirmedShortName: l.confirmedShortName,
  });
  const linksAdded = to.links.filter((l) => !linksBefore.has(linkKey(l))).map(describe);
  const linksRemoved = from.links.filter((l) => !linksAfter.has(linkKey(l))).map(describe);
  const linksChanged = [];
  for (const b of to.links) {
    const a = linksBefore.get(linkKey(b));
    if (!a || (a.status === b.status && a.confirmedVersionId === b.confirmedVersionId)) continue;
    linksChanged.push({
      ...describe(b),
      from: { status: a.status, confirmedShortName: a.confirmedShortName },
      to: { status: b.status, confirmedShortName: b.confirmedShortName },
    });
  }

  // Per source traced in both states: did its newest version move on? Every link to it is then read against new law.
  const lawVersions = [];
  const latestBefore = new Map(from.links.map((l) => [l.sourceId, l]));
  const seen = new Set<number>();
  for (const b of to.links) {
    const a = latestBefore.get(b.sourceId);
    if (!a || seen.has(b.sourceId) || a.latestVersionId === b.latestVersionId) continue;
    seen.add(b.sourceId);
    lawVersions.push({
      sourceId: b.sourceId,
      source: sourceTitles.get(b.sourceId) ?? String(b.sourceId),
      from: { versionId: a.latestVersionId, shortName: a.latestShortName },
      to: { versionId: b.latestVersionId, shortName: b.latestShortName },
      links: to.links
        .filter((l) => l.sourceId === b.sourceId && linksBefore.has(linkKey(l)))
        .map((l) => ({ humanId: l.humanId, provisionKey: l.provisionKey, label: l.label, status: l.status })),
    });
  }

  return {
    requirements: { added, removed, changed },
    links: { added: linksAdded, removed: linksRemoved, changed: linksChanged },
    lawVersions,
    summary: {
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      linksAdded: linksAdded.length,
      linksRemoved: linksRemoved.length,
      linksChanged: linksChanged.length,
      lawVersionsMoved: lawVersions.length,
    },
  };
}

export const CompareQuery = z.object({
  solution: z.string().min(1, 'Angiv løsningen').max(16),
  from: z.string().min(1).max(20).regex(/^(now|\d+)$/, 'Angiv en baseline-id eller "now"'),
  to: z.string().min(1).max(20).regex(/^(now|\d+)$/, 'Angiv en baseline-id eller "now"').default('now'),
});

/** Compares two states of a solution; each side is a baseline id or "now". */
export async function compareBaselines(db: Db, query: z.infer<typeof CompareQuery>, actor: Actor) {
  const solution = await solutionFor(db, query.solution, actor, 'read');
  if (query.from === query.to) throw new Invalid('Vælg to forskellige tilstande at sammenligne', [{ field: 'to', message: 'Samme som "fra"' }]);
  const side = async (ref: string) => loadSnapshot(db, solution, ref === 'now' ? null : await baselineOf(db, solution, { id: Number(ref) }));
  const [from, to] = await Promise.all([side(query.from), side(query.to)]);
  const sourceIds = [...new Set([...from.links, ...to.links].map((l) => l.sourceId))];
  const sources = sourceIds.length
    ? await db.selectFrom('legal_sources').select(['id', 'title', 'popular_title']).where('id', 'in', sourceIds).execute()
    : [];
  const titles = new Map(sources.map((s) => [s.id, s.popular_title ?? s.title]));
  const label = (s: Snapshot) => (s.baseline ? { baselineId: s.baseline.id, name: s.baseline.name, createdAt: s.baseline.createdAt } : { baselineId: null, name: 'Nu', createdAt: null });
  return { solution: solution.code, from: label(from), to: label(to), ...compareSnapshots(from, to, titles) };
}
