// The SQL function the search index's triggers call (migration 2026_12_03_0900): a row's stemmed words.
import type SQLite from 'better-sqlite3';
import { searchWords } from './danish-stemmer.js';

export function registerSearchFunctions(sqlite: SQLite.Database): void {
  sqlite.function('sporbar_search_words', { deterministic: true, varargs: true }, (...texts) => searchWords(...(texts as (string | null)[])));
}
