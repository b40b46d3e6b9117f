// Small SQL pieces that must read the same on SQLite and PostgreSQL.
import { sql, type RawBuilder } from 'kysely';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** `column LIKE '%text%'` with the user's text taken literally (no wildcards). */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}
