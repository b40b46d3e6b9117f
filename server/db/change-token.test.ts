// The cache of aggregates is only as good as its invalidation: any write, here or from another connection, clears it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UntilChanged } from './change-token.js';
import { migrateToLatest, openDatabase } from './database.js';

describe('UntilChanged', () => {
  it('recomputes after a write on this connection and after a commit on another', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-token-'));
    const file = path.join(dir, 'db.sqlite');
    const a = openDatabase(file);
    await migrateToLatest(a.db);
    const b = openDatabase(file);
    const cache = new UntilChanged<number>();
    let computed = 0;
    const count = () =>
      cache.get(a.db, 'solutions', async () => {
        computed++;
        return Number((await a.db.selectFrom('solutions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      });
    const now = new Date().toISOString();
    expect(await count()).toBe(0);
    expect(await count()).toBe(0);
    expect(computed).toBe(1);
    await a.db.insertInto('solutions').values({ code: 'A', name: 'A', created_at: now, updated_at: now }).execute();
    expect(await count()).toBe(1);
    await b.db.insertInto('solutions').values({ code: 'B', name: 'B', created_at: now, updated_at: now }).execute();
    expect(await count()).toBe(2);
    expect(computed).toBe(3);
    a.sqlite.close();
    b.sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
