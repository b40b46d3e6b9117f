// Diffs between stored versions of a source: what changed, provision by provision.
import type { Executor } from '../db/database.js';
import { Invalid } from '../http/errors.js';
import { diffVersions, type ProvisionDiff } from './provision-diff.js';
import type { ParsedVersion, ProvisionKind } from './provision.types.js';
import { listProvisions } from './sources.repository.js';
import { getVersion, toSource, toVersion, getSource } from './sources.service.js';
import type { SourceVersionRow } from './sources.table.js';

/** A stored version read back into the shape the parser produces, so the diff has one input type. */
export async function loadParsedVersion(db: Executor, version: SourceVersionRow): Promise<ParsedVersion> {
  const rows = await listProvisions(db, version.id);
  return {
    shortName: version.short_name,
    title: version.title,
    documentType: version.document_type,
    accessionNumber: version.accession_number,
    year: null,
    number: null,
    dateSigned: version.date_signed,
    status: version.status,
    eli: version.eli,
    provisions: rows.map((r) => ({
      key: r.key,
      label: r.label,
      kind: r.kind as ProvisionKind,
      text: r.text,
      parentKey: r.parent_key,
      position: r.position,
      chapter: r.chapter,
      repealed: r.repealed === 1,
    })),
  };
}

// Versions hardly change once stored (only a projection corrected by hand), so a diff can be kept; a few cover the
// pages a reviewer flips between.
const cache = new Map<string, ProvisionDiff>();
const CACHE_SIZE = 8;

/** A projection's text was corrected by hand: the diffs kept for it no longer hold. */
export function forgetStoredDiffs(versionId: number): void {
  for (const key of [...cache.keys()]) if (key.split(':').includes(String(versionId))) cache.delete(key);
}

export async function diffStoredVersions(db: Executor, fromId: number, toId: number) {
  const [from, to] = [await getVersion(db, fromId), await getVersion(db, toId)];
  if (from.source_id !== to.source_id) {
    throw new Invalid('De to versioner er ikke af samme retskilde', [{ field: 'to', message: 'Vælg en version af samme retskilde' }]);
  }
  const cacheKey = `${fromId}:${toId}`;
  let diff = cache.get(cacheKey);
  if (!diff) {
    diff = diffVersions(await loadParsedVersion(db, from), await loadParsedVersion(db, to));
    cache.set(cacheKey, diff);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return { source: toSource(await getSource(db, from.source_id)), from: toVersion(from), to: toVersion(to), diff };
}
