// The facts a readiness report is computed from: a handful of queries per solution, none per row.
import { versionInForce } from '../sources/sources.repository.js';
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
 * Every trace link of the solution's active requirements, as the few numbers and dates the report weighs. A large
 * solution has 15,000 links: their requirement titles and version names come from the requirement and version
 * facts (one row each) rather than repeated on every link, which is most of what reading them would cost.
 */
export function linkFacts(db: Executor, solutionId: number) {
  return db
    .selectFrom('trace_links as l')
    .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
    .select(['l.id as link_id', 'l.status', 'l.requirement_id', 'l.source_id', 'l.confirmed_version_id', 'l.confirmed_at'])
    .where('r.solution_id', '=', solutionId)
    .where('r.status', '!=', RETIRED)
    .orderBy('r.id')
    .orderBy('l.id')
    .execute();
}

/** The suspect and broken links of the solution's active requirements, with the label of the provision each names. */
export function openLinkFacts(db: Executor, solutionId: number) {
  return linksWithVersions(db)
    .select((eb) => ['l.id as link_id', 'l.status_note', eb.fn.coalesce('pl.label', 'pc.label', 'l.provision_key').as('label')])
    .where('r.solution_id', '=', solutionId)
    .where('r.status', '!=', RETIRED)
    .where('l.status', '!=', 'current')
    .execute();
}

/** Every version of every act, with its act's names: a few dozen rows, from which each link's newest version is read. */
export function versionFacts(db: Executor) {
  return db
    .selectFrom('source_versions as v')
    .innerJoin('legal_sources as src', 'src.id', 'v.source_id')
    .select(['v.id', 'v.source_id', 'v.short_name', 'v.in_force_from', 'v.imported_at', 'src.title as source_title', 'src.popular_title'])
    .where(versionInForce('v'))
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
