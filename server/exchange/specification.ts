// The requirement specification (kravspecifikation) every export writes: a snapshot of a solution (now or a
// baseline) with the legal sources and versions its links cite, and the citation form of a legal basis.
import type { Actor } from '../auth/permissions.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { snapshotForExport, type Snapshot, type SnapshotLink } from '../baselines/baselines.service.js';
import { storedSubtreeTexts } from '../sources/provision-tree.js';
import { formatDate } from '../text/danish.js';

export interface SpecSource {
  id: number;
  kind: string;
  title: string;
  popularTitle: string | null;
}

export interface SpecVersion {
  id: number;
  sourceId: number;
  shortName: string;
  title: string;
  eli: string | null;
  inForceFrom: string;
}

export interface Specification extends Snapshot {
  sources: Map<number, SpecSource>;
  versions: Map<number, SpecVersion>;
  linksByRequirement: Map<string, SnapshotLink[]>;
  generatedAt: string;
}

const CHUNK = 500;

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

export async function loadSpecification(db: Db, code: string, baselineName: string | undefined, actor: Actor): Promise<Specification> {
  const snapshot = await snapshotForExport(db, code, baselineName, actor);
  const sourceIds = [...new Set(snapshot.links.map((l) => l.sourceId))];
  const versionIds = [...new Set(snapshot.links.flatMap((l) => [l.confirmedVersionId, l.latestVersionId]))];
  const sources = await inChunks(sourceIds, (ids) => db.selectFrom('legal_sources').select(['id', 'kind', 'title', 'popular_title']).where('id', 'in', ids).execute());
  const versions = await inChunks(versionIds, (ids) =>
    db.selectFrom('source_versions').select(['id', 'source_id', 'short_name', 'title', 'eli', 'in_force_from']).where('id', 'in', ids).execute(),
  );
  const linksByRequirement = new Map<string, SnapshotLink[]>();
  for (const l of snapshot.links) {
    const list = linksByRequirement.get(l.humanId);
    if (list) list.push(l);
    else linksByRequirement.set(l.humanId, [l]);
  }
  return {
    ...snapshot,
    sources: new Map(sources.map((s) => [s.id, { id: s.id, kind: s.kind, title: s.title, popularTitle: s.popular_title }])),
    versions: new Map(
      versions.map((v) => [v.id, { id: v.id, sourceId: v.source_id, shortName: v.short_name, title: v.title, eli: v.eli, inForceFrom: v.in_force_from }]),
    ),
    linksByRequirement,
    generatedAt: nowIso(),
  };
}

/** The name a citation uses: the act's popular title (sygedagpengeloven) where it has one. */
export function sourceName(source: SpecSource | undefined): string {
  return source ? (source.popularTitle ?? source.title) : '(ukendt retskilde)';
}

/** "§ 30, stk. 1, sygedagpengeloven (LBK nr 1152 af 12/12/2011)": the version is the one the link was confirmed against. */
export function citation(spec: Specification, link: SnapshotLink): string {
  return `${link.label}, ${sourceName(spec.sources.get(link.sourceId))} (${link.confirmedShortName})`;
}

export function legalBasis(spec: Specification, humanId: string, separator = '; '): string {
  return (spec.linksByRequirement.get(humanId) ?? []).map((l) => citation(spec, l)).join(separator);
}

/** The versions the specification cites, one row per source and version, by title then date in force. */
export function citedVersions(spec: Specification): { source: SpecSource; version: SpecVersion }[] {
  const ids = [...new Set(spec.links.map((l) => l.confirmedVersionId))];
  return ids
    .map((id) => spec.versions.get(id)!)
    .filter(Boolean)
    .map((version) => ({ source: spec.sources.get(version.sourceId)!, version }))
    .sort((a, b) => a.source.title.localeCompare(b.source.title, 'da') || a.version.inForceFrom.localeCompare(b.version.inForceFrom));
}

/**
 * The whole text (with its stk., nr. and litra) of each cited provision in the version it was confirmed against.
 * Descendant keys share the parent's prefix and a dot, so each subtree is one indexed range scan
 * (`key = k OR key >= 'k.' AND key < 'k/'`), batched per version.
 */
const WHOLE_VERSION_ABOVE = 50;

export async function provisionTexts(db: Executor, links: SnapshotLink[]): Promise<Map<string, string>> {
  const wanted = new Map<number, Set<string>>();
  const want = (versionId: number, key: string) => {
    const keys = wanted.get(versionId) ?? new Set<string>();
    keys.add(key);
    wanted.set(versionId, keys);
  };
  // The newest version too: after a renumbering the key may only exist there.
  for (const l of links) {
    want(l.confirmedVersionId, l.provisionKey);
    want(l.latestVersionId, l.provisionKey);
  }
  const out = new Map<string, string>();
  for (const [versionId, keySet] of wanted) {
    const keys = [...keySet];
    if (keys.length > WHOLE_VERSION_ABOVE) {
      // Many provisions of one act: reading the whole version once beats many range scans.
      const rows = await db.selectFrom('provisions').select(['key', 'text', 'parent_key']).where('version_id', '=', versionId).orderBy('position').execute();
      const texts = storedSubtreeTexts(rows);
      for (const k of keys) out.set(provisionTextKey(versionId, k), texts.get(k) ?? '');
      continue;
    }
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      const rows = await db
        .selectFrom('provisions')
        .select(['key', 'text', 'parent_key', 'position'])
        .where('version_id', '=', versionId)
        .where((eb) => eb.or(chunk.flatMap((k) => [eb('key', '=', k), eb.and([eb('key', '>=', `${k}.`), eb('key', '<', `${k}/`)])])))
        .orderBy('position')
        .execute();
      const texts = storedSubtreeTexts(rows);
      for (const k of chunk) out.set(provisionTextKey(versionId, k), texts.get(k) ?? '');
    }
  }
  return out;
}

export const provisionTextKey = (versionId: number, key: string) => `${versionId}|${key}`;

/** The provision's text as confirmed, or as it now reads where the confirmed version has no such key. */
export function provisionText(texts: Map<string, string>, link: SnapshotLink): string {
  return texts.get(provisionTextKey(link.confirmedVersionId, link.provisionKey)) || texts.get(provisionTextKey(link.latestVersionId, link.provisionKey)) || '';
}

/** A file name people can keep: kravspecifikation-KY-2026-11-22.xlsx, or -KY-udbud-2019.xlsx for a baseline. */
export function exportFileName(spec: Specification, extension: string): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const which = spec.baseline ? slug(spec.baseline.name) || `baseline-${spec.baseline.id}` : spec.generatedAt.slice(0, 10);
  return `kravspecifikation-${spec.solution.code}-${which}.${extension}`;
}

export function specificationTitle(spec: Specification): string {
  return `Kravspecifikation for ${spec.solution.name} (${spec.solution.code})`;
}

export function specificationState(spec: Specification): string {
  return spec.baseline
    ? `Baseline "${spec.baseline.name}", taget ${formatDate(spec.baseline.createdAt)} af ${spec.baseline.createdByName}`
    : `Kravene, som de står ${formatDate(spec.generatedAt)}`;
}
