// The governance model, enforced: who may move which class of change request, with real logins.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../auth/auth.service.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { anonymous, patchCurrent, userWith, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');
const read = (rel: string) => fs.readFileSync(path.join(LEXDANIA, rel), 'utf8');

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  opened = await openMemoryDatabase();
  app = createApp({ db: opened.db, loginThrottle: new LoginThrottle(3, 50) });
  as.admin = await userWith(app, opened.db, 'admin', [{ role: 'admin', solution: null }]);
  for (const code of ['KY', 'VALG']) expect((await as.admin('POST', '/api/solutions', { code, name: `Løsning ${code}` })).status).toBe(201);
  as.pl = await userWith(app, opened.db, 'pl', [{ role: 'projektleder', solution: 'KY' }]);
  as.fag = await userWith(app, opened.db, 'fag', [{ role: 'faggruppe', solution: 'KY' }]);
  as.sty = await userWith(app, opened.db, 'sty', [{ role: 'styregruppe', solution: 'KY' }]);
  as.styValg = await userWith(app, opened.db, 'styvalg', [{ role: 'styregruppe', solution: 'VALG' }]);
  as.red = await userWith(app, opened.db, 'red', [{ role: 'kravredaktoer', solution: null }]);
  as.lev = await userWith(app, opened.db, 'lev', [{ role: 'leverandoer', solution: 'KY' }]);
  as.kom = await userWith(app, opened.db, 'kom', [{ role: 'kommune', solution: null }]);
  as.laeser = await userWith(app, opened.db, 'laeser', [{ role: 'laeser', solution: null }]);
});

afterAll(async () => {
  await opened.db.destroy();
});

const register = async (who: Caller, body: Record<string, unknown>) => {
  const res = await who('POST', '/api/change-requests', { solution: 'KY', proposer: 'Aarhus Kommune', description: 'Beskrivelse', ...body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.humanId as string;
};
const move = (who: Caller, humanId: string, action: string, extra: Record<string, unknown> = {}) =>
  who('POST', `/api/change-requests/${encodeURIComponent(humanId)}/transitions`, { action, reason: `Begrundelse for ${action}`, ...extra });

describe('sessions and rights', () => {
  it('answers 401 without a session, on reads and writes alike', async () => {
    const anon = anonymous(app);
    expect((await anon('GET', '/api/requirements')).status).toBe(401);
    expect((await anon('POST', '/api/change-requests', { solution: 'KY' })).status).toBe(401);
    expect((await anon('GET', '/api/health')).status).toBe(200);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'red', password: 'test-adgangskode' }) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const noToken = await app.request('/api/requirements', { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] }, body: '{}' });
    expect(noToken.status).toBe(403);
  });

  it('throttles repeated failed logins and then answers 429 even for the right password', async () => {
    const attempt = (password: string) => app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kom', password }) });
    for (let i = 0; i < 3; i++) expect((await attempt('forkert')).status).toBe(401);
    const blocked = await attempt('test-adgangskode');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ends the old session on logout and on a new login (no fixation)', async () => {
    const first = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'laeser', password: 'test-adgangskode' }) });
    const oldCookie = first.headers.get('set-cookie')!.split(';')[0];
    const again = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', cookie: oldCookie }, body: JSON.stringify({ username: 'laeser', password: 'test-adgangskode' }) });
    const newCookie = again.headers.get('set-cookie')!.split(';')[0];
    expect(newCookie).not.toBe(oldCookie);
    expect((await app.request('/api/auth/me', { headers: { cookie: oldCookie } })).status).toBe(401);
    const me = await app.request('/api/auth/me', { headers: { cookie: newCookie } });
    expect(((await me.json()) as any).roles).toEqual([{ role: 'laeser', roleName: 'Læser', solution: null }]);
    const { csrfToken } = (await again.json()) as { csrfToken: string };
    await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: newCookie, 'x-csrf-token': csrfToken } });
    expect((await app.request('/api/auth/me', { headers: { cookie: newCookie } })).status).toBe(401);
  });

  it('lets a reader read but not write, and only an admin manage users', async () => {
    expect((await as.laeser('GET', '/api/change-requests')).status).toBe(200);
    expect((await as.laeser('POST', '/api/change-requests', { solution: 'KY', class: 'teknisk', title: 'x', proposer: 'y' })).status).toBe(403);
    expect((await as.pl('GET', '/api/users')).status).toBe(403);
    expect((await as.admin('GET', '/api/users')).json.items.map((u: any) => u.username)).toContain('sty');
  });
});

describe('videreudvikling: faggruppe recommends, only the steering group of that solution decides', () => {
  it('follows the path, refusing the wrong roles', async () => {
    const id = await register(as.kom, { class: 'videreudvikling', title: 'Nyt modul til digital post' });
    expect((await move(as.sty, id, 'godkend')).status).toBe(409); // not recommended yet
    expect((await move(as.fag, id, 'anbefal')).status).toBe(200);
    expect((await move(as.fag, id, 'godkend')).status).toBe(403);
    expect((await move(as.pl, id, 'godkend')).status).toBe(403);
    expect((await move(as.styValg, id, 'godkend')).status).toBe(403);
    expect((await move(as.admin, id, 'godkend')).status).toBe(403);
    const approved = await move(as.sty, id, 'godkend');
    expect(approved.json.status).toBe('godkendt');
    expect((await move(as.pl, id, 'igangsaet')).status).toBe(200);
    expect((await move(as.lev, id, 'udfoer')).json.status).toBe('udfoert');

    const detail = await as.pl('GET', `/api/change-requests/${encodeURIComponent(id)}`);
    expect(detail.json.closed).toBe(true);
    expect(detail.json.events.filter((e: any) => e.kind === 'transition').map((e: any) => [e.to, e.actor])).toEqual([
      ['oprettet', 'kom'],
      ['anbefalet', 'fag'],
      ['godkendt', 'sty'],
      ['i_gang', 'pl'],
      ['udfoert', 'lev'],
    ]);
    // A closed request is read-only.
    expect((await patchCurrent(as.pl, `/api/change-requests/${encodeURIComponent(id)}`, { title: 'Ændret' })).status).toBe(409);
    const audit = await as.admin('GET', `/api/audit?entityType=change_request&entityId=${encodeURIComponent(id)}`);
    expect(audit.json.items.find((a: any) => a.action === 'change_request.godkend')).toMatchObject({ actor: 'sty', reason: 'Begrundelse for godkend' });
  });

  it('offers each user only the actions they may take', async () => {
    const id = await register(as.pl, { class: 'videreudvikling', title: 'Rapportmodul' });
    await move(as.fag, id, 'anbefal');
    const forSty = await as.sty('GET', `/api/change-requests/${encodeURIComponent(id)}`);
    expect(forSty.json.actions.filter((a: any) => a.allowed).map((a: any) => a.action)).toEqual(['godkend', 'afvis']);
    const forFag = await as.fag('GET', `/api/change-requests/${encodeURIComponent(id)}`);
    expect(forFag.json.actions.filter((a: any) => a.allowed)).toEqual([]);
  });
});

describe('behovsændring: agreed by project manager and supplier, the steering group informed', () => {
  it('creates an orientering the solution\'s steering group sees, and only they and the project manager', async () => {
    const id = await register(as.lev, { class: 'behovsaendring', title: 'Ny dropdown til fraværsårsag' });
    expect((await patchCurrent(as.lev, `/api/change-requests/${encodeURIComponent(id)}`, { estimateHours: 12 })).status).toBe(200);
    expect((await patchCurrent(as.lev, `/api/change-requests/${encodeURIComponent(id)}`, { title: 'Leverandøren omdøber' })).status).toBe(403);
    expect((await move(as.lev, id, 'aftal')).status).toBe(403);
    expect((await move(as.pl, id, 'aftal')).json.status).toBe('aftalt');
    const seen = await as.sty('GET', '/api/orienteringer?solution=KY');
    expect(seen.json.items[0].changeRequest.humanId).toBe(id);
    expect(seen.json.items[0].text).toContain('12 timer');
    expect((await as.styValg('GET', '/api/orienteringer?solution=KY')).status).toBe(403);
    const work = await as.sty('GET', '/api/my-work');
    expect(work.json.sections.find((s: any) => s.role === 'styregruppe').orienteringer.map((o: any) => o.changeRequest.humanId)).toContain(id);
    // Since the next meeting, it is no longer news.
    expect((await patchCurrent(as.pl, '/api/solutions/KY', { lastSteeringMeeting: '2999-01-01' })).status).toBe(200);
    expect((await as.sty('GET', '/api/orienteringer?solution=KY')).json.items).toEqual([]);
    await patchCurrent(as.pl, '/api/solutions/KY', { lastSteeringMeeting: null });
  });
});

describe('lovvedligehold from a law change to done', () => {
  it('carries a drafted request through lovudredning, requirement update and agreement, linking the versions it produced', async () => {
    const src = await as.red('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-920.xml'), popularTitle: 'sygedagpengeloven', inForceFrom: '2011-08-22' });
    const sourceId = src.json.source.id;
    const req = await as.red('POST', '/api/requirements', { solution: 'KY', title: 'Arbejdsgiverperiode', text: 'Arbejdsgiveren udbetaler i 21 kalenderdage.', kind: 'regel' });
    await as.red('POST', '/api/links', { requirement: req.json.humanId, sourceId, provisionKey: 'p6.s1', rationale: 'Arbejdsgiverperioden' });
    const v2 = await as.red('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-1152.xml'), inForceFrom: '2012-01-02' });
    const drafts = await as.red('POST', `/api/versions/${v2.json.version.id}/lovvedligehold`);
    const id = drafts.json.created[0].humanId as string;

    let detail = await as.fag('GET', `/api/change-requests/${encodeURIComponent(id)}`);
    expect(detail.json).toMatchObject({ class: 'lovvedligehold', status: 'oprettet', deadline: '2012-01-02', statusLabel: 'Til lovudredning' });
    expect(detail.json.decisionBy).toBe('2011-11-03');

    expect((await move(as.red, id, 'udred')).status).toBe(403);
    expect((await move(as.fag, id, 'udred', { provisions: [{ sourceId, provisionKey: 'p6.s1' }, { sourceId, provisionKey: 'p30.s1' }] })).json.status).toBe('udredt');
    // Nothing produced yet: the kravredaktion must update the requirement first.
    expect((await move(as.red, id, 'opdater_krav')).status).toBe(400);
    const link = (await as.red('GET', `/api/links?requirement=${req.json.humanId}`)).json.items[0];
    await as.red('POST', `/api/links/${link.id}/revise`, { version: 1, text: 'Arbejdsgiveren udbetaler i 30 kalenderdage.', reason: 'LOV 1599/2010' });
    const updated = await move(as.red, id, 'opdater_krav');
    expect(updated.json.requirementVersions).toEqual([{ humanId: req.json.humanId, version: 2 }]);
    expect((await move(as.pl, id, 'aftal')).json.status).toBe('aftalt');
    expect((await move(as.pl, id, 'udfoer')).json.status).toBe('udfoert');

    detail = await as.fag('GET', `/api/change-requests/${encodeURIComponent(id)}`);
    expect(detail.json.closed).toBe(true);
    expect(detail.json.provisions.map((p: any) => p.label)).toEqual(['§ 6, stk. 1', '§ 30, stk. 1']);
    expect(detail.json.producedVersions).toMatchObject([{ humanId: req.json.humanId, version: 2, reason: 'LOV 1599/2010' }]);
  });
});

describe('class correction, comments, attachments, deadlines', () => {
  it('corrects the class of an open request with a reason, keeping what fits', async () => {
    const id = await register(as.kom, { class: 'behovsaendring', title: 'Nyt integrationsmodul' });
    expect((await as.fag('POST', `/api/change-requests/${encodeURIComponent(id)}/class`, { class: 'videreudvikling', reason: 'For stort' })).status).toBe(403);
    const fixed = await as.pl('POST', `/api/change-requests/${encodeURIComponent(id)}/class`, { class: 'videreudvikling', reason: 'Et nyt modul er videreudvikling' });
    expect(fixed.json).toEqual({ humanId: id, class: 'videreudvikling', status: 'oprettet' });
    expect((await as.pl('POST', `/api/change-requests/${encodeURIComponent(id)}/class`, { class: 'lovvedligehold', reason: 'x' })).status).toBe(400);
  });

  it('keeps a comment thread and attachments as links, refusing non-http links', async () => {
    const id = await register(as.kom, { class: 'teknisk', title: 'Sikkerhedsopdatering' });
    const url = `/api/change-requests/${encodeURIComponent(id)}`;
    expect((await as.lev('POST', `${url}/comments`, { text: 'Planlagt til næste release' })).status).toBe(201);
    expect((await as.lev('POST', `${url}/attachments`, { title: 'Release notes', url: 'javascript:alert(1)' })).status).toBe(400);
    expect((await as.lev('POST', `${url}/attachments`, { title: 'Release notes', url: 'https://example.org/notes' })).status).toBe(201);
    const detail = await as.pl('GET', url);
    expect(detail.json.events.find((e: any) => e.kind === 'comment')).toMatchObject({ actor: 'lev', text: 'Planlagt til næste release' });
    expect(detail.json.attachments).toMatchObject([{ title: 'Release notes', url: 'https://example.org/notes' }]);
  });

  it('lists overdue and due-soon requests with days left', async () => {
    await register(as.pl, { class: 'lovvedligehold', title: 'Forfalden', deadline: '2000-01-01' });
    await register(as.pl, { class: 'lovvedligehold', title: 'Langt ude', deadline: '2999-01-01' });
    const res = await as.pl('GET', '/api/deadlines?days=60');
    expect(res.json.overdue.map((d: any) => d.title)).toContain('Forfalden');
    expect(res.json.overdue.every((d: any) => d.daysLeft < 0)).toBe(true);
    expect([...res.json.overdue, ...res.json.dueSoon].map((d: any) => d.title)).not.toContain('Langt ude');
    const list = await as.pl('GET', '/api/change-requests?solution=KY&open=1');
    expect(list.json.countsByClass.lovvedligehold).toBeGreaterThanOrEqual(2);
    expect(list.json.total).toBe(list.json.items.length);
  });

  it('refuses a lovvedligehold without a deadline, naming the field', async () => {
    const res = await as.pl('POST', '/api/change-requests', { solution: 'KY', class: 'lovvedligehold', title: 'Uden frist', proposer: 'x' });
    expect(res.status).toBe(400);
    expect(res.json.error.fields.map((f: any) => f.field)).toContain('deadline');
  });
});


describe('a closed request', () => {
  it('takes no more comments or attachments', async () => {
    const id = await register(as.pl, { class: 'teknisk', title: 'Lukket sag' });
    await move(as.lev, id, 'igangsaet');
    await move(as.lev, id, 'udfoer');
    const url = `/api/change-requests/${encodeURIComponent(id)}`;
    expect((await as.lev('POST', `${url}/comments`, { text: 'For sent' })).status).toBe(409);
    expect((await as.lev('POST', `${url}/attachments`, { title: 'x', url: 'https://example.org' })).status).toBe(409);
  });

  it('lists requests without a deadline after those with one, with Danish labels', async () => {
    const list = await as.pl('GET', '/api/change-requests?solution=KY&limit=500');
    const deadlines = list.json.items.map((i: any) => i.deadline);
    const firstNull = deadlines.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(deadlines.slice(firstNull).every((d: any) => d === null)).toBe(true);
    expect(list.json.items[0]).toHaveProperty('statusLabel');
    expect(list.json.items.find((i: any) => i.class === 'teknisk').className).toBe('Vedligehold (teknisk)');
  });
});
