// 50 editors save the same requirement at once, over real HTTP on a real database file: every save either
// lands or gets 409, no update is lost, and the history has every version that landed. Change requests,
// sessions and solutions are edited the same way: 20 edits of one version, exactly one lands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDataIfEmpty } from '../fixtures/demo.js';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../server/db/database.js';
import { createApp } from '../server/http/app.js';

const EDITORS = 50;
let opened: OpenedDatabase;
let server: ServerType;
let base: string;
let headers: Record<string, string>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-conc-'));

beforeAll(async () => {
  opened = openDatabase(path.join(dir, 'sporbar.db'));
  await migrateToLatest(opened.db);
  await loadDemoDataIfEmpty(opened.db);
  const app = createApp({ db: opened.db });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  headers = await login('kravredaktoer');
}, 120_000);

async function login(username: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  return { 'content-type': 'application/json', cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

afterAll(async () => {
  await new Promise((r) => server.close(r));
  opened.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const save = (humanId: string, version: number, editor: number) =>
  fetch(`${base}/api/requirements/${humanId}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ version, text: `Løsningen skal understøtte arbejdsgang ${editor}.`, reason: `Redaktør ${editor}` }),
  });

const current = async (humanId: string) => (await (await fetch(`${base}/api/requirements/${humanId}`, { headers })).json()) as { version: number; text: string };

describe(`${EDITORS} concurrent editors`, () => {
  it('all starting from the same version: exactly one lands, the rest get 409, nothing half-written', async () => {
    const start = await current('KY-0003');
    const statuses = await Promise.all(Array.from({ length: EDITORS }, (_, i) => save('KY-0003', start.version, i).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(EDITORS - 1);
    const after = await current('KY-0003');
    expect(after.version).toBe(start.version + 1);
    const history = (await (await fetch(`${base}/api/requirements/KY-0003/versions`, { headers })).json()) as { versions: { version: number }[] };
    expect(history.versions.map((v) => v.version)).toEqual(Array.from({ length: after.version }, (_, i) => after.version - i));
  });

  it('each retrying on 409 with the fresh version: every update lands, in a complete history', async () => {
    const start = await current('KY-0004');
    let conflicts = 0;
    const editor = async (i: number) => {
      for (let attempt = 0; attempt < 500; attempt++) {
        const { version } = await current('KY-0004');
        const res = await save('KY-0004', version, i);
        if (res.status === 200) return;
        expect(res.status).toBe(409);
        conflicts++;
      }
      throw new Error(`editor ${i} never landed`);
    };
    await Promise.all(Array.from({ length: EDITORS }, (_, i) => editor(i)));
    const after = await current('KY-0004');
    expect(after.version).toBe(start.version + EDITORS);
    const history = (await (await fetch(`${base}/api/requirements/KY-0004/versions`, { headers })).json()) as { versions: { version: number; reason: string }[] };
    expect(history.versions).toHaveLength(after.version);
    const reasons = new Set(history.versions.map((v) => v.reason));
    for (let i = 0; i < EDITORS; i++) expect(reasons.has(`Redaktør ${i}`)).toBe(true);
    const audited = await opened.db.selectFrom('audit_log').select('id').where('entity_id', '=', 'KY-0004').where('action', '=', 'requirement.update').execute();
    expect(audited).toHaveLength(EDITORS);
    expect(conflicts).toBeGreaterThan(0);
  }, 120_000);
});

describe('20 concurrent edits of one change request, session and solution', () => {
  const EDITS = 20;
  let pl: Record<string, string>;
  /** Each editable object: where it is, the field each editor sets to a value of their own, where its GET shows it, and its audit trail. */
  const objects: { name: string; url: string; field: string; value: (i: number) => unknown; seen: (json: any) => unknown; audit: [string, string] }[] = [];

  beforeAll(async () => {
    pl = await login('projektleder');
    const post = async (url: string, body: unknown) => {
      const res = await fetch(`${base}${url}`, { method: 'POST', headers: pl, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return (await res.json()) as any;
    };
    const cr = await post('/api/change-requests', { solution: 'KY', class: 'teknisk', title: 'Opdatering af databasen', proposer: 'Leverandøren' });
    const session = await post('/api/sessions', { solution: 'KY', title: 'Faggruppemøde', date: '2027-01-10', periodEnd: '2027-06-30', budgetAmount: 100, budgetUnit: 'timer' });
    objects.push(
      { name: 'change request', url: `/api/change-requests/${encodeURIComponent(cr.humanId)}`, field: 'title', value: (i) => `Titel fra redaktør ${i}`, seen: (j) => j.title, audit: ['change_request.update', cr.humanId] },
      { name: 'session', url: `/api/sessions/${session.id}`, field: 'budgetAmount', value: (i) => 200 + i, seen: (j) => j.budget.amount, audit: ['session.update', String(session.id)] },
      { name: 'solution', url: '/api/solutions/KY', field: 'description', value: (i) => `Beskrivelse fra redaktør ${i}`, seen: (j) => j.description, audit: ['solution.update', 'KY'] },
    );
  });

  const get = async (url: string) => (await (await fetch(`${base}${url}`, { headers: pl })).json()) as any;
  const patch = (url: string, body: unknown) => fetch(`${base}${url}`, { method: 'PATCH', headers: pl, body: JSON.stringify(body) });
  const edit = (o: (typeof objects)[number], i: number) => ({ [o.field]: o.value(i) });
  const audited = (action: string, entityId: string) =>
    opened.db.selectFrom('audit_log').select('id').where('action', '=', action).where('entity_id', '=', entityId).execute().then((rows) => rows.length);

  it.each(['change request', 'session', 'solution'])('%s: naming the same version, exactly one edit lands and the rest get 409 in Danish', async (name) => {
    const o = objects.find((x) => x.name === name)!;
    const start = await get(o.url);
    expect(start.version).toEqual(expect.any(Number));
    const auditedBefore = await audited(...o.audit);
    const answers = await Promise.all(
      Array.from({ length: EDITS }, async (_, i) => {
        const res = await patch(o.url, { version: start.version, ...edit(o, i) });
        return { i, status: res.status, body: (await res.json()) as any };
      }),
    );
    const landed = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 409);
    expect(landed).toHaveLength(1);
    expect(refused).toHaveLength(EDITS - 1);
    for (const r of refused) {
      expect(r.body.error.message).toMatch(/er ændret af en anden siden du åbnede det; genindlæs/);
      expect(r.body.error.fields).toEqual([{ field: 'version', message: 'Versionen er forældet' }]);
    }
    const after = await get(o.url);
    expect(after.version).toBe(start.version + 1);
    expect(o.seen(after)).toBe(o.value(landed[0].i));
    expect(await audited(...o.audit)).toBe(auditedBefore + 1);

    // The one that landed gets its next edit through only with the new version.
    expect((await patch(o.url, { version: start.version, ...edit(o, 99) })).status).toBe(409);
    expect((await patch(o.url, { version: after.version, ...edit(o, 99) })).status).toBe(200);
  });

  it.each(['change request', 'session', 'solution'])('%s: an edit without the version is 400 naming the field, and changes nothing', async (name) => {
    const o = objects.find((x) => x.name === name)!;
    const start = await get(o.url);
    const res = await patch(o.url, edit(o, 7));
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error.fields).toEqual([{ field: 'version', message: expect.stringContaining('Angiv versionen du redigerer') }]);
    const after = await get(o.url);
    expect(after.version).toBe(start.version);
    expect(o.seen(after)).toEqual(o.seen(start));
  });
});

describe('security headers', () => {
  it('sends a CSP without inline script, frame-ancestors none, nosniff and a referrer policy', async () => {
    const res = await fetch(`${base}/api/health`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('never logs a password or session token', async () => {
    const logged: string[] = [];
    const original = { log: console.log, error: console.error, warn: console.warn };
    for (const k of ['log', 'error', 'warn'] as const) console[k] = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    try {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'hemmelig-forkert-kode' }) });
      expect(res.status).toBe(401);
      const ok = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'laeser', password: 'demo' }) });
      const token = ok.headers.get('set-cookie')!.split(';')[0].split('=')[1];
      expect(logged.join('\n')).not.toContain('hemmelig-forkert-kode');
      expect(logged.join('\n')).not.toContain(token);
      const audit = await opened.db.selectFrom('audit_log').select(['before_json', 'after_json']).execute();
      expect(JSON.stringify(audit)).not.toContain(token);
      expect(JSON.stringify(audit)).not.toContain('$argon2');
    } finally {
      Object.assign(console, original);
    }
  });
});
