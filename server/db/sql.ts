// Small SQL pieces that must read the same on SQLite and PostgreSQL.
import { sql, type RawBuilder } from 'kysely';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** `column LIKE '%text%'` with the user's text taken literally (no wildcards). */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

/**
 * `column` holds `key` or one of its descendants (`key.…`), as a range an index on the column can use (LIKE 'key.%'
 * cannot: SQLite's LIKE ignores case). Keys are built from [a-z0-9æøå+-.]; '/' sorts just after '.' and above '+'
 * and '-', so the descendants are exactly [key., key/). On PostgreSQL the column needs COLLATE "C" for this order.
 */
export function keyOrDescendant(column: string, key: string): RawBuilder<boolean> {
  const c = sql.ref(column);
  return sql<boolean>`(${c} >= ${key} and ${c} < ${`${key}/`} and (${c} = ${key} or ${c} >= ${`${key}.`}))`;
}

/** Which solutions a read covers: one named solution, a list of them, or (neither) all. */
export interface SolutionScope {
  solutionId?: number;
  solutionIds?: number[];
}

/** `column` names a solution inside the scope; an empty list matches nothing. */
export function inSolutionScope(column: string, scope: SolutionScope): RawBuilder<boolean> {
  const c = sql.ref(column);
  if (scope.solutionId !== undefined) return sql<boolean>`${c} = ${scope.solutionId}`;
  if (!scope.solutionIds) return sql<boolean>`1 = 1`;
  if (!scope.solutionIds.length) return sql<boolean>`1 = 0`;
  return sql<boolean>`${c} in (${sql.join(scope.solutionIds)})`;
}
