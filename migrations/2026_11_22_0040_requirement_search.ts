// Full-text (substring) search over requirements, so search stays fast with 100,000 of them. SQLite-only:
// an FTS5 index with the trigram tokenizer (server/db/sqlite-search.ts queries it); a PostgreSQL port
// would use pg_trgm instead. Frozen: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create virtual table requirements_fts using fts5(human_id, title, text, content='requirements', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`create trigger requirements_fts_insert after insert on requirements begin
    insert into requirements_fts(rowid, human_id, title, text) values (new.id, new.human_id, new.title, new.text);
  end`.execute(db);
  await sql`create trigger requirements_fts_delete after delete on requirements begin
    insert into requirements_fts(requirements_fts, rowid, human_id, title, text) values ('delete', old.id, old.human_id, old.title, old.text);
  end`.execute(db);
  await sql`create trigger requirements_fts_update after update of human_id, title, text on requirements begin
    insert into requirements_fts(requirements_fts, rowid, human_id, title, text) values ('delete', old.id, old.human_id, old.title, old.text);
    insert into requirements_fts(rowid, human_id, title, text) values (new.id, new.human_id, new.title, new.text);
  end`.execute(db);
  await sql`insert into requirements_fts(requirements_fts) values ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['requirements_fts_insert', 'requirements_fts_delete', 'requirements_fts_update']) await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
  await sql`drop table if exists requirements_fts`.execute(db);
}
