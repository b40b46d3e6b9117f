// Trace-link queries shared by the areas that report on links (baselines, readiness, the review queue).
import { versionInForce } from '../sources/sources.repository.js';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * `l.status <> 'current'`, written with the literal, as the partial index of open links (migration 0050) is
 * defined: SQLite uses that index only for a query that states its condition, and a bound parameter does not.
 */
export const isOpenLink = sql<boolean>`${sql.ref('l.status')} <> 'current'`;

/**
 * Trace links with their requirement, the version they were confirmed against, the source's newest
 * version, and the provision in each (by the confirmed key in the old one): one query, whatever the
 * number of links.
 */
export function linksWithVersions(db: Executor) {
  return db
    .selectFrom('trace_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
    .innerJoin('source_versions as cv', 'cv.id', 'l.confirmed_version_id')
    .innerJoin('source_versions as lv', (join) =>
      join.on((eb) =>
        eb(
          'lv.id',
          '=',
          eb
            .selectFrom('source_versions as v')
            .select('v.id')
            .whereRef('v.source_id', '=', 'l.source_id')
            .where(versionInForce('v'))
            .orderBy('v.in_force_from', 'desc')
            .orderBy('v.id', 'desc')
            .limit(1),
        ),
      ),
    )
    .leftJoin('provisions as pl', (join) => join.onRef('pl.version_id', '=', 'lv.id').onRef('pl.key', '=', 'l.provision_key'))
    .leftJoin('provisions as pc', (join) =>
      join.onRef('pc.version_id', '=', 'l.confirmed_version_id').on((eb) => eb('pc.key', '=', eb.fn.coalesce('l.confirmed_key', 'l.provision_key'))),
    );
}
