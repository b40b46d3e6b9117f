// Search across everything (requirements, change requests, provisions, sessions, baselines) by Danish word stems:
// one FTS5 table per kind, its rowid the row's id, holding the row's words stemmed by sporbar_search_words (the
// Snowball Danish stemmer, registered on every connection by openDatabase), kept in step by triggers so every
// writer (services, imports, the CLI, the large fixture) keeps it current. A second column holds the row's scope as
// one token, its solution (`s12`) or, for a provision, its version (`v4`), so a search inside the reader's solutions
// or the versions in force is answered by the index alone, without visiting a row per hit. Contentless with
// contentless_delete, so the text is not stored twice. Frozen: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

/** Table indexed, the FTS table, the columns whose words are indexed, the scope token's prefix and column. */
const INDEXES = [
  ['requirements', 'search_requirements', ['title', 'text'], 's', 'solution_id'],
  ['change_requests', 'search_change_requests', ['title', 'description'], 's', 'solution_id'],
  ['provisions', 'search_provisions', ['text'], 'v', 'version_id'],
  ['sessions', 'search_sessions', ['title'], 's', 'solution_id'],
  ['baselines', 'search_baselines', ['name', 'description'], 's', 'solution_id'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, fts, columns, prefix, scopeColumn] of INDEXES) {
    const values = (row: string) => sql.raw(`sporbar_search_words(${columns.map((c) => `${row}${c}`).join(', ')}), '${prefix}' || ${row}${scopeColumn}`);
    await sql`create virtual table ${sql.raw(fts)} using fts5(words, scope, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
    await sql`create trigger ${sql.raw(`${fts}_insert`)} after insert on ${sql.raw(table)} begin
      insert into ${sql.raw(fts)}(rowid, words, scope) values (new.id, ${values('new.')});
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${fts}_delete`)} after delete on ${sql.raw(table)} begin
      delete from ${sql.raw(fts)} where rowid = old.id;
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${fts}_update`)} after update of ${sql.raw([...columns, scopeColumn].join(', '))} on ${sql.raw(table)} begin
      delete from ${sql.raw(fts)} where rowid = old.id;
      insert into ${sql.raw(fts)}(rowid, words, scope) values (new.id, ${values('new.')});
    end`.execute(db);
    await sql`insert into ${sql.raw(fts)}(rowid, words, scope) select id, ${values('')} from ${sql.raw(table)}`.execute(db);
  }
  // A citation ("§ 24, stk. 2") is looked up by its key in every act and version.
  await db.schema.createIndex('provisions_key_idx').on('provisions').column('key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('provisions_key_idx').execute();
  for (const [, fts] of INDEXES) {
    for (const t of ['insert', 'delete', 'update']) await sql`drop trigger if exists ${sql.raw(`${fts}_${t}`)}`.execute(db);
    await sql`drop table if exists ${sql.raw(fts)}`.execute(db);
  }
}
