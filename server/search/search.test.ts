// Search across everything through the API on the demo data: Danish word forms find the same, ids and citations find
// their object, results follow edits, and a reader sees only the solutions they may read (the law is public).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { loginAs, type Caller } from '../../test/support/api.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let admin: Caller;
let editor: Caller;
let manager: Caller;
/** styregruppe holds a role in KY only. */
let kyOnly: Caller;

const search = async (who: Caller, q: string, extra = '') => who('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
const ids = (items: { humanId: string }[]) => items.map((i) => i.humanId).sort();

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  admin = await loginAs(app, 'admin', DEMO_PASSWORD);
  editor = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  manager = await loginAs(app, 'projektleder', DEMO_PASSWORD);
  kyOnly = await loginAs(app, 'styregruppe', DEMO_PASSWORD);
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('words in Danish forms', () => {
  it('finds the same requirements and provisions for arbejdsgiverperiode, -perioden and -perioder', async () => {
    const [base, definite, plural] = await Promise.all(['arbejdsgiverperiode', 'arbejdsgiverperioden', 'arbejdsgiverperioder'].map((q) => search(admin, q)));
    expect(base.status).toBe(200);
    expect(ids(base.json.requirements.items)).toEqual(['KSD-0002', 'KSD-0003', 'KY-0001']);
    expect(base.json.provisions.total).toBeGreaterThan(0);
    for (const other of [definite, plural]) {
      expect(ids(other.json.requirements.items)).toEqual(ids(base.json.requirements.items));
      expect(other.json.provisions.items.map((p: { key: string }) => p.key)).toEqual(base.json.provisions.items.map((p: { key: string }) => p.key));
    }
  });

  it('searches the law only in the versions in force, and shows where the word occurs', async () => {
    const res = await search(admin, 'arbejdsgiverperioden');
    for (const p of res.json.provisions.items) {
      expect(p.inForce).toBe(true);
      expect(p.excerpt.toLowerCase()).toContain('arbejdsgiverperiode');
    }
  });

  it('counts every hit per kind and returns at most the limit', async () => {
    const res = await search(admin, 'kommunen', '&limit=2');
    expect(res.json.provisions.total).toBeGreaterThan(2);
    expect(res.json.provisions.items).toHaveLength(2);
    const kinds = ['requirements', 'changeRequests', 'provisions', 'sessions', 'baselines'] as const;
    expect(res.json.total).toBe(kinds.reduce((sum, k) => sum + res.json[k].total, 0));
  });

  it('counts a very common word up to 1,000 and says there are more, newest first', async () => {
    const ky = (await opened.db.selectFrom('solutions').select('id').where('code', '=', 'KY').executeTakeFirstOrThrow()).id;
    const now = new Date().toISOString();
    // Straight into the table, as an import would: the index follows by its triggers.
    await opened.db
      .insertInto('requirements')
      .values(Array.from({ length: 1005 }, (_, i) => ({
        solution_id: ky, human_id: `KY-M${String(i).padStart(4, '0')}`, title: 'Massekrav om genberegninger', text: 'Genberegningen skal kunne gentages.',
        kind: 'regel', status: 'udkast', version: 1, created_at: now, updated_at: now,
      })))
      .execute();
    const res = await search(admin, 'genberegning');
    expect(res.json.requirements).toMatchObject({ total: 1000, more: true });
    expect(res.json.more).toBe(true);
    expect(ids(res.json.requirements.items)).toEqual(Array.from({ length: 10 }, (_, i) => `KY-M${String(995 + i).padStart(4, '0')}`));
    await opened.db.deleteFrom('requirements').where('human_id', 'like', 'KY-M%').execute();
    expect((await search(admin, 'genberegning')).json.requirements).toMatchObject({ total: 0, more: false });
  });
});

describe('ids and citations', () => {
  it('finds a change request by its id, typed in any case', async () => {
    const created = await manager('POST', '/api/change-requests', { solution: 'KY', class: 'behovsaendring', title: 'Ny knap til genberegning', proposer: 'Aarhus Kommune' });
    expect(created.status).toBe(201);
    const humanId: string = created.json.humanId;
    expect(humanId).toMatch(/^KY-ÆF-\d{4}$/);
    const res = await search(editor, humanId.toLowerCase());
    expect(ids(res.json.changeRequests.items)).toEqual([humanId]);
    expect(res.json.changeRequests.items[0]).toMatchObject({ title: 'Ny knap til genberegning', solution: 'KY', className: expect.any(String) });
    // And by its words, in another form.
    expect(ids((await search(editor, 'knappen')).json.changeRequests.items)).toEqual([humanId]);
  });

  it('finds a requirement by its exact id, and every requirement whose id begins with what is typed', async () => {
    const exact = await search(editor, 'KY-0004');
    expect(exact.json.requirements).toMatchObject({ total: 1, items: [{ humanId: 'KY-0004', title: 'Betingelser for kontanthjælp' }] });
    const begun = await search(editor, 'ksd-');
    expect(ids(begun.json.requirements.items)).toEqual(['KSD-0001', 'KSD-0002', 'KSD-0003', 'KSD-0004']);
  });

  it.each(['§ 24, stk. 2', '§ 24 stk 2', '§24, stk.2'])('finds %s in every act, the versions in force first', async (q) => {
    const res = await search(editor, q);
    const items: { label: string; inForce: boolean; sourceTitle: string; versionId: number }[] = res.json.provisions.items;
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((p) => p.label === '§ 24, stk. 2')).toBe(true);
    expect(items[0].inForce).toBe(true);
    const firstOld = items.findIndex((p) => !p.inForce);
    expect(firstOld).toBeGreaterThan(0);
    expect(items.slice(firstOld).every((p) => !p.inForce)).toBe(true);
    // Sygedagpengeloven's in-force hit is its newest version (LBK 920/2011), the older one comes later.
    const syg = items.filter((p) => p.sourceTitle === 'sygedagpengeloven');
    expect(syg.map((p) => p.inForce)).toEqual([true, false]);
    expect(syg[0].versionId).toBeGreaterThan(syg[1].versionId);
    // A citation is not searched as words.
    expect(res.json.requirements.total).toBe(0);
  });
});

describe('kept current', () => {
  it('finds a requirement by its new words after an edit, and no longer by the old ones', async () => {
    const before = (await editor('GET', '/api/requirements/KY-0006')).json;
    expect(ids((await search(editor, 'tandbehandlingerne')).json.requirements.items)).toEqual([]);
    const put = await editor('PUT', '/api/requirements/KY-0006', { version: before.version, title: 'Enkeltudgifter til tandbehandling', reason: 'Præcisering' });
    expect(put.status).toBe(200);
    expect(ids((await search(editor, 'tandbehandlingerne')).json.requirements.items)).toEqual(['KY-0006']);
    const put2 = await editor('PUT', '/api/requirements/KY-0006', { version: put.json.version, title: 'Enkeltudgifter', reason: 'Tilbage' });
    expect(put2.status).toBe(200);
    expect(ids((await search(editor, 'tandbehandling')).json.requirements.items)).toEqual([]);
  });

  it('finds sessions and baselines by their names', async () => {
    const session = await manager('POST', '/api/sessions', { solution: 'KY', title: 'Prioritering af lovændringer', date: '2027-03-01', periodEnd: '2027-12-31', budgetAmount: 400, budgetUnit: 'timer' });
    expect(session.status).toBe(201);
    const baseline = await editor('POST', '/api/solutions/KY/baselines', { name: 'Udbuddet 2019', description: 'Kravene som de blev udbudt' });
    expect(baseline.status).toBe(201);
    const res = await search(kyOnly, 'lovændring');
    expect(res.json.sessions.items.map((s: { id: number }) => s.id)).toEqual([session.json.id]);
    expect((await search(kyOnly, 'udbud')).json.baselines.items.map((b: { id: number }) => b.id)).toEqual([baseline.json.id]);
  });
});

describe('scope', () => {
  it('shows a reader of KY no KSD requirement, not even in the counts, but all of the law', async () => {
    const all = await search(admin, 'arbejdsgiverperiode');
    const mine = await search(kyOnly, 'arbejdsgiverperiode');
    expect(ids(mine.json.requirements.items)).toEqual(['KY-0001']);
    expect(mine.json.requirements.total).toBe(1);
    expect(JSON.stringify(mine.json)).not.toContain('KSD');
    expect(mine.json.provisions).toEqual(all.json.provisions);
    expect(ids((await search(kyOnly, 'KSD-0002')).json.requirements.items)).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    expect((await app.request('/api/search?q=krav')).status).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    ['', 'q'],
    [' ', 'q'],
    [`x${'y'.repeat(200)}`, 'q'],
  ])('refuses q=%j with a Danish message', async (q, field) => {
    const res = await search(editor, q);
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0].field).toBe(field);
    expect(res.json.error.fields[0].message).toMatch(/Skriv|højst/);
  });

  it.each(['0', '51', 'abc', '2.5'])('refuses limit=%s', async (limit) => {
    const res = await search(editor, 'krav', `&limit=${limit}`);
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0].field).toBe('limit');
  });

  it('finds nothing, without an error, in a query with nothing to search for', async () => {
    const res = await search(editor, '§ -');
    expect(res.status).toBe(200);
    expect(res.json.total).toBe(0);
  });
});
