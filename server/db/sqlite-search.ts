// Requirement search, the one SQLite-only piece of SQL besides migration 0040 that builds its index: an FTS5
// index with the trigram tokenizer, which answers the same substring question as LIKE '%…%' (Danish compounds included) without scanning every
// requirement. A PostgreSQL port replaces this module (pg_trgm gives the same semantics).
import { sql, type RawBuilder } from 'kysely';

/**
 * `requirement id in (those whose id, title or text contain the words)`, or null when the text is too
 * short for trigrams (under three characters), where the caller falls back to LIKE.
 */
export function requirementTextMatch(idColumn: string, text: string): RawBuilder<boolean> | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (!words.length || words.some((w) => [...w].length < 3)) return null;
  // Each word is a quoted phrase: FTS5 syntax in the user's text (AND, *, ^) is taken literally.
  const query = words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
  return sql<boolean>`${sql.ref(idColumn)} in (select rowid from requirements_fts where requirements_fts match ${query})`;
}
