// The traceability matrix of a solution (requirements × provisions, by source) in a compact shape a browser can
// hold for thousands of requirements: two queries, however many requirements and links, and arrays, not objects.
import { versionInForce } from '../sources/sources.repository.js';
import { authorize, type Actor } from '../auth/permissions.js';
import type { Executor } from '../db/database.js';
import { getSolution } from '../solutions/solutions.service.js';
import type { LinkStatus } from './links.table.js';

/** [humanId, title, status] */
export type MatrixRequirement = [string, string, string];
/** [sourceId, key, label, source name] */
export type MatrixProvision = [number, string, string, string];
/** [index into requirements, index into provisions, link status] */
export type MatrixCell = [number, number, LinkStatus];

export interface Matrix {
  solution: { code: string; name: string };
  requirements: MatrixRequirement[];
  provisions: MatrixProvision[];
  cells: MatrixCell[];
}

function requirementRows(db: Executor, solutionId: number) {
  return db.selectFrom('requirements').select(['id', 'human_id', 'title', 'status']).where('solution_id', '=', solutionId).orderBy('id').execute();
}

/**
 * Every link of the solution with its provision as the source's newest version names and orders it (or, when the
 * provision is gone there, as the confirmed version named it). The newest version per source is worked out once
 * (a materialised CTE, one indexed lookup per source), not once per link.
 */
function linkRows(db: Executor, solutionId: number) {
  return db
    .with(
      (cte) => cte('src').materialized(),
      (qb) =>
        qb.selectFrom('legal_sources as s').select((eb) => [
          's.id',
          's.popular_title',
          eb
            .selectFrom('source_versions as v')
            .select('v.id')
            .whereRef('v.source_id', '=', 's.id')
            .where(versionInForce('v'))
            .orderBy('v.in_force_from', 'desc')
            .orderBy('v.id', 'desc')
            .limit(1)
            .as('latest_id'),
        ]),
    )
    .selectFrom('requirements as r')
    .innerJoin('trace_links as l', 'l.requirement_id', 'r.id')
    .innerJoin('src', 'src.id', 'l.source_id')
    .innerJoin('source_versions as lv', 'lv.id', 'src.latest_id')
    .leftJoin('provisions as pl', (join) => join.onRef('pl.version_id', '=', 'src.latest_id').onRef('pl.key', '=', 'l.provision_key'))
    .select((eb) => [
      'l.requirement_id',
      'l.source_id',
      'l.provision_key',
      'l.status',
      // COALESCE stops at the first value, so the confirmed version is only looked up for provisions gone since.
      eb.fn
        .coalesce(
          'pl.label',
          eb
            .selectFrom('provisions as pc')
            .select('pc.label')
            .whereRef('pc.version_id', '=', 'l.confirmed_version_id')
            .where((w) => w('pc.key', '=', w.fn.coalesce('l.confirmed_key', 'l.provision_key'))),
          'l.provision_key',
        )
        .as('label'),
      // Provisions are inserted in reading order (sources.service), so the row id orders them as `position` does,
      // without reading the row past its (long) text.
      'pl.id as position',
      eb.fn.coalesce('src.popular_title', 'lv.short_name').as('source_name'),
    ])
    .where('r.solution_id', '=', solutionId)
    .execute();
}

const collator = new Intl.Collator('da', { numeric: true });

export async function traceabilityMatrix(db: Executor, code: string, actor: Actor): Promise<Matrix> {
  const solution = await getSolution(db, code);
  authorize(actor, 'read', solution.id);
  const [requirements, links] = await Promise.all([requirementRows(db, solution.id), linkRows(db, solution.id)]);

  // Columns: sources by name, provisions in the newest version's reading order (gone ones last, by key).
  const columns = new Map<string, { sourceId: number; key: string; label: string; source: string; position: number | null }>();
  for (const l of links) {
    const id = `${l.source_id}|${l.provision_key}`;
    if (!columns.has(id)) columns.set(id, { sourceId: l.source_id, key: l.provision_key, label: l.label, source: l.source_name, position: l.position });
  }
  const ordered = [...columns.entries()].sort(
    ([, a], [, b]) =>
      collator.compare(a.source, b.source) ||
      a.sourceId - b.sourceId ||
      (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
      collator.compare(a.key, b.key),
  );
  const column = new Map(ordered.map(([id], i) => [id, i]));
  const row = new Map(requirements.map((r, i) => [r.id, i]));

  const cells: MatrixCell[] = links
    .map((l): MatrixCell => [row.get(l.requirement_id)!, column.get(`${l.source_id}|${l.provision_key}`)!, l.status])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    solution: { code: solution.code, name: solution.name },
    requirements: requirements.map((r): MatrixRequirement => [r.human_id, r.title, r.status]),
    provisions: ordered.map(([, p]): MatrixProvision => [p.sourceId, p.key, p.label, p.source]),
    cells,
  };
}
