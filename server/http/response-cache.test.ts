// Kept responses are only safe if nobody ever sees a stale one: every write, from this server or from another
// connection to the same file (the CLI), must show on the next read; and no one without a session gets one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/permissions.js';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db/database.js';
import { updateRequirement } from '../requirements/requirements.service.js';
import { anonymous, userWith, type Caller } from '../../test/support/api.js';
import { createApp } from './app.js';

let dir: string;
let server: OpenedDatabase;
let cli: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let editor: Caller;
let reader: Caller;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-cache-'));
  const file = path.join(dir, 'sporbar.db');
  server = openDatabase(file);
  await migrateToLatest(server.db);
  cli = openDatabase(file);
  app = createApp({ db: server.db });
  editor = await userWith(app, server.db, 'redaktoer', [{ role: 'kravredaktoer', solution: null }]);
  reader = await userWith(app, server.db, 'laeser', [{ role: 'laeser', solution: null }]);
  const admin = await userWith(app, server.db, 'admin', [{ role: 'admin', solution: null }]);
  for (const code of ['KY', 'KSD']) expect((await admin('POST', '/api/solutions', { code, name: `Løsning ${code}` })).status).toBe(201);
  // Created interleaved, so list order (solution, then creation) differs from creation order.
  for (let i = 1; i <= 6; i++) {
    const solution = i % 2 ? 'KSD' : 'KY';
    const res = await editor('POST', '/api/requirements', { solution, title: `Krav ${i}`, text: `Løsningen skal udbetale refusionen, trin ${i}.`, kind: 'regel' });
    expect(res.status).toBe(201);
  }
});

afterAll(() => {
  server.sqlite.close();
  cli.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.request(url, { headers });

async function cookieOf(username: string) {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'test-adgangskode' }) });
  return res.headers.get('set-cookie')!.split(';')[0];
}

describe('kept responses', () => {
  it('answers a repeated read with the same ETag, and 304 without a body when the browser already has it', async () => {
    const cookie = await cookieOf('laeser');
    const first = await get('/api/requirements/KY-0001', { cookie });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toContain('no-cache');
    const body = await first.json();
    const again = await get('/api/requirements/KY-0001', { cookie });
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.json()).toEqual(body);
    const revalidated = await get('/api/requirements/KY-0001', { cookie, 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  it('keeps nothing when turned off (SPORBAR_RESPONSE_CACHE=0)', async () => {
    const off = createApp({ db: server.db, responseCache: false });
    const cookie = await cookieOf('laeser');
    const res = await off.request('/api/requirements/KY-0001', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('never serves a kept response without a session', async () => {
    expect((await reader('GET', '/api/requirements?limit=2')).status).toBe(200);
    const res = await anonymous(app)('GET', '/api/requirements?limit=2');
    expect(res.status).toBe(401);
    expect(res.json.items).toBeUndefined();
  });

  it('shows an edit on the next read of the requirement, its history and every list it is on', async () => {
    const before = await reader('GET', '/api/requirements/KY-0001');
    const listBefore = await reader('GET', '/api/requirements?q=refusionen&limit=10');
    expect(listBefore.json.items.find((r: any) => r.humanId === 'KY-0001').title).toBe('Krav 2');
    const edit = await editor('PUT', '/api/requirements/KY-0001', { version: 1, title: 'Refusion til arbejdsgiver', reason: 'Ny titel' });
    expect(edit.status).toBe(200);
    const after = await reader('GET', '/api/requirements/KY-0001');
    expect(after.json.title).toBe('Refusion til arbejdsgiver');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect((await reader('GET', '/api/requirements/KY-0001/versions')).json.versions).toHaveLength(2);
    const listAfter = await reader('GET', '/api/requirements?q=refusionen&limit=10');
    expect(listAfter.json.items.find((r: any) => r.humanId === 'KY-0001').title).toBe('Refusion til arbejdsgiver');
  });

  it('shows a write made through another connection (the CLI) on the next read', async () => {
    const before = await reader('GET', '/api/requirements/KSD-0001');
    await updateRequirement(cli.db, 'KSD-0001', { version: before.json.version, text: 'Løsningen skal udbetale refusionen inden fem dage.', reason: 'Fra CLI' }, systemActor('cli'));
    const after = await reader('GET', '/api/requirements/KSD-0001');
    expect(after.json.text).toBe('Løsningen skal udbetale refusionen inden fem dage.');
    expect(after.json.version).toBe(before.json.version + 1);
  });

  it('pages through a list in list order, and a new requirement moves the total and the pages at once', async () => {
    const pages = async (q = '') => {
      const seen: string[] = [];
      let total = 0;
      for (let offset = 0; ; offset += 2) {
        const page = await reader('GET', `/api/requirements?limit=2&offset=${offset}${q}`);
        total = page.json.total;
        if (!page.json.items.length) break;
        seen.push(...page.json.items.map((r: any) => r.humanId));
      }
      return { seen, total };
    };
    // Solutions in the order they were created (KY first), requirements in creation order within each.
    expect(await pages()).toEqual({ seen: ['KY-0001', 'KY-0002', 'KY-0003', 'KSD-0001', 'KSD-0002', 'KSD-0003'], total: 6 });
    expect((await pages('&solution=KSD')).seen).toEqual(['KSD-0001', 'KSD-0002', 'KSD-0003']);
    const created = await editor('POST', '/api/requirements', { solution: 'KY', title: 'Krav 7', text: 'Løsningen skal udbetale refusionen.', kind: 'regel' });
    expect(created.json.humanId).toBe('KY-0004');
    expect(await pages()).toEqual({ seen: ['KY-0001', 'KY-0002', 'KY-0003', 'KY-0004', 'KSD-0001', 'KSD-0002', 'KSD-0003'], total: 7 });
    const beyond = await reader('GET', '/api/requirements?limit=25&offset=500');
    expect(beyond.json).toMatchObject({ total: 7, items: [] });
  });

  it('never serves a list kept for a user who reads KY and KSD to a user who reads only KY, nor its ETag', async () => {
    const both = await userWith(app, server.db, 'begge', [{ role: 'laeser', solution: 'KY' }, { role: 'laeser', solution: 'KSD' }]);
    const kyOnly = await userWith(app, server.db, 'kun-ky', [{ role: 'leverandoer', solution: 'KY' }]);
    const kept = await both('GET', '/api/requirements?limit=50');
    expect(kept.json.items.map((r: any) => r.solution)).toEqual(expect.arrayContaining(['KY', 'KSD']));
    const again = await both('GET', '/api/requirements?limit=50');
    expect(again.headers.get('etag')).toBe(kept.headers.get('etag'));
    // The same URL, read next by the KY-only user: only KY, and a different ETag (so a 304 cannot hand over the other body).
    const mine = await kyOnly('GET', '/api/requirements?limit=50');
    expect(mine.status).toBe(200);
    expect(new Set(mine.json.items.map((r: any) => r.solution))).toEqual(new Set(['KY']));
    expect(mine.json.total).toBe(mine.json.items.length);
    expect(mine.headers.get('etag')).not.toBe(kept.headers.get('etag'));
    const detail = await both('GET', '/api/requirements/KSD-0001');
    expect(detail.status).toBe(200);
    expect((await kyOnly('GET', '/api/requirements/KSD-0001')).status).toBe(403);
  });
});
