// Baselines and their frozen requirements and links: rows in and out, and the current state in the same shape.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { linksWithVersions } from '../links/links.repository.js';
import type { BaselineDatabase } from './baselines.table.js';

const tables = (db: Executor) => db.withTables<BaselineDatabase>();

/** A solution's requirements now, in the columns a baseline keeps. */
export function currentRequirementRows(db: Executor, solutionId: number) {
  return db
    .selectFrom('requirements as r')
    .select(['r.id as requirement_id', 'r.human_id', 'r.version', 'r.title', 'r.text', 'r.kind', 'r.status', 'r.tender_category', 'r.non_legal', 'r.updated_at'])
    .where('r.solution_id', '=', solutionId)
    .orderBy('r.id');
}

/**
 * A solution's trace links now, in the columns a baseline keeps: the provision's label in the newest version
 * (or, if gone there, under the key it was confirmed with), the confirmed version, and the source's newest
 * version — one query, whatever the number of links.
 */
export function currentLinkRows(db: Executor, solutionId: number) {
  return linksWithVersions(db)
    .select((eb) => [
      'r.human_id as requirement_human_id',
      'l.source_id',
      'l.provision_key',
      eb.fn.coalesce('pl.label', 'pc.label', 'l.provision_key').as('provision_label'),
      'l.rationale',
      'l.status',
      'l.confirmed_version_id',
      'cv.short_name as confirmed_short_name',
      'lv.id as latest_version_id',
      'lv.short_name as latest_short_name',
    ])
    .where('r.solution_id', '=', solutionId)
    .orderBy('r.id')
    .orderBy('l.id');
}

export function findBaseline(db: Executor, id: number) {
  return tables(db).selectFrom('baselines').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findBaselineByName(db: Executor, solutionId: number, name: string) {
  return tables(db).selectFrom('baselines').selectAll().where('solution_id', '=', solutionId).where('name', '=', name).executeTakeFirst();
}

export function listBaselines(db: Executor, solutionId: number) {
  return tables(db)
    .selectFrom('baselines as b')
    .leftJoin('users as u', 'u.username', 'b.created_by')
    .selectAll('b')
    .select('u.display_name as created_by_name')
    .where('b.solution_id', '=', solutionId)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
}

/** Freezes the solution's requirements and links into a new baseline row, by INSERT … SELECT (no round trips per row). */
export async function insertBaselineWithCopies(db: Executor, values: { solution_id: number; name: string; description: string; created_by: string; created_at: string }) {
  const t = tables(db);
  const baseline = await t.insertInto('baselines').values(values).returningAll().executeTakeFirstOrThrow();
  const id = sql.lit(baseline.id);
  await t
    .insertInto('baseline_requirements')
    .columns(['requirement_id', 'human_id', 'version', 'title', 'text', 'kind', 'status', 'tender_category', 'non_legal', 'updated_at', 'baseline_id'])
    .expression(currentRequirementRows(db, values.solution_id).select(id.as('baseline_id')))
    .execute();
  await t
    .insertInto('baseline_links')
    .columns([
      'requirement_human_id', 'source_id', 'provision_key', 'provision_label', 'rationale', 'status',
      'confirmed_version_id', 'confirmed_short_name', 'latest_version_id', 'latest_short_name', 'baseline_id',
    ])
    .expression(currentLinkRows(db, values.solution_id).select(id.as('baseline_id')))
    .execute();
  const counts = await t
    .selectNoFrom((eb) => [
      eb.selectFrom('baseline_requirements').where('baseline_id', '=', baseline.id).select(eb.fn.countAll<number>().as('n')).as('requirements'),
      eb.selectFrom('baseline_links').where('baseline_id', '=', baseline.id).select(eb.fn.countAll<number>().as('n')).as('links'),
    ])
    .executeTakeFirstOrThrow();
  return t
    .updateTable('baselines')
    .set({ requirement_count: Number(counts.requirements), link_count: Number(counts.links) })
    .where('id', '=', baseline.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function baselineRequirementRows(db: Executor, baselineId: number) {
  return tables(db)
    .selectFrom('baseline_requirements')
    .select(['requirement_id', 'human_id', 'version', 'title', 'text', 'kind', 'status', 'tender_category', 'non_legal', 'updated_at'])
    .where('baseline_id', '=', baselineId)
    .orderBy('requirement_id');
}

export function baselineLinkRows(db: Executor, baselineId: number) {
  return tables(db)
    .selectFrom('baseline_links')
    .select([
      'requirement_human_id', 'source_id', 'provision_key', 'provision_label', 'rationale', 'status',
      'confirmed_version_id', 'confirmed_short_name', 'latest_version_id', 'latest_short_name',
    ])
    .where('baseline_id', '=', baselineId)
    .orderBy('requirement_human_id')
    .orderBy('source_id')
    .orderBy('provision_key');
}
