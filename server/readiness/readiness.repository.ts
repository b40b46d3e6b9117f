// The facts a readiness report is computed from: a handful of aggregate queries per solution, none per row.
import type { Executor } from '../db/database.js';
import { linksWithVersions } from '../links/links.repository.js';

/** Active requirements: retired ones (udgået) do not go into a tender, so they do not count against it. */
const RETIRED = 'udgaaet';

export function activeRequirementFacts(db: Executor, solutionId: number) {
  return db
    .selectFrom('requirements as r')
    .select((eb) => [
      'r.id',
      'r.human_id',
      'r.title',
      'r.non_legal',
      'r.last_reviewed_at',
      eb.exists(eb.selectFrom('trace_links as l').select('l.id').whereRef('l.requirement_id', '=', 'r.id')).as('traced'),
    ])
    .where('r.solution_id', '=', solutionId)
    .where('r.status', '!=', RETIRED)
    .orderBy('r.id')
    .execute();
}

/**
 * Every trace link of the solution's active requirements with its label, its confirmed version and the source's
 * newest version (by date in force), in one query: the newest version comes from a correlated, indexed subquery.
 */
export function linkFacts(db: Executor, solutionId: number) {
  return linksWithVersions(db)
    .innerJoin('legal_sources as src', 'src.id', 'l.source_id')
    .select((eb) => [
      'l.id as link_id',
      'l.status',
      'l.status_note',
      'l.provision_key',
      'l.confirmed_at',
      'r.id as requirement_id',
      'r.human_id',
      'r.title',
      'r.last_reviewed_at',
      'src.title as source_title',
      'src.popular_title',
      eb.fn.coalesce('pl.label', 'pc.label', 'l.provision_key').as('label'),
      'cv.id as confirmed_version_id',
      'cv.short_name as confirmed_short_name',
      'cv.in_force_from as confirmed_in_force_from',
      'lv.id as latest_version_id',
      'lv.short_name as latest_short_name',
      'lv.in_force_from as latest_in_force_from',
      'lv.imported_at as latest_imported_at',
    ])
    .where('r.solution_id', '=', solutionId)
    .where('r.status', '!=', RETIRED)
    .orderBy('r.id')
    .orderBy('l.id')
    .execute();
}

export function changeRequestFacts(db: Executor, solutionId: number) {
  return db
    .selectFrom('change_requests')
    .select(['id', 'human_id', 'class', 'title', 'status', 'deadline'])
    .where('solution_id', '=', solutionId)
    .orderBy('deadline')
    .orderBy('id')
    .execute();
}
