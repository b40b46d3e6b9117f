import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from './database.js';
import { keyOrDescendant } from './sql.js';

const { db, sqlite } = await openMemoryDatabase();
const keys = db as unknown as Kysely<{ t: { key: string } }>;
sqlite.exec('create table t (key text not null); create index t_key on t (key)');
const insert = sqlite.prepare('insert into t (key) values (?)');
for (const key of ['p12', 'p12.s1', 'p12.s1.n2', 'p12.s1.n2.lb', 'p12.s10', 'p12a', 'p12a.s1', 'p12-13', 'p12+13', 'p120', 'p11', 'p13']) insert.run(key);
afterAll(() => sqlite.close());

const under = async (key: string) => (await keys.selectFrom('t').select('key').where(keyOrDescendant('key', key)).orderBy('key').execute()).map((r) => r.key);

describe('keyOrDescendant', () => {
  it('finds a provision and everything under it, and nothing that merely starts with the same characters', async () => {
    expect(await under('p12')).toEqual(['p12', 'p12.s1', 'p12.s1.n2', 'p12.s1.n2.lb', 'p12.s10']);
    expect(await under('p12.s1')).toEqual(['p12.s1', 'p12.s1.n2', 'p12.s1.n2.lb']);
    expect(await under('p12-13')).toEqual(['p12-13']);
    expect(await under('p14')).toEqual([]);
  });

  it('is answered from the index on the column, as a range', () => {
    const { sql, parameters } = keys.selectFrom('t').select('key').where(keyOrDescendant('key', 'p12')).compile();
    const plan = sqlite.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING COVERING INDEX t_key \(key>\? AND key<\?\)/);
  });
});
