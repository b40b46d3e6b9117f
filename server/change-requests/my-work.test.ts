// "Mit arbejde" against each request's "Næste skridt", on the demo data with the demo users: for every request in
// the database, what its page says awaits the user is on that user's work list with the same steps, and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { LoginThrottle } from '../auth/auth.service.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
const as: Record<string, Caller> = {};
let sessionId: number;

const enc = encodeURIComponent;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db, loginThrottle: new LoginThrottle(50, 200) });
  for (const user of ['admin', 'kravredaktoer', 'projektleder', 'faggruppe', 'styregruppe', 'leverandoer', 'kommune']) as[user] = await loginAs(app, user, DEMO_PASSWORD);
  const syg = await opened.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow();
  const requirement = (await as.admin('GET', '/api/requirements?solution=KY')).json.items[0].humanId as string;

  const register = async (solution: string, cls: string, title: string, extra: Record<string, unknown> = {}) => {
    const res = await as.kommune('POST', '/api/change-requests', { solution, class: cls, title, proposer: 'Aarhus Kommune', ...(cls === 'lovvedligehold' && { deadline: '2027-06-01' }), ...extra });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.humanId as string;
  };
  const move = async (who: Caller, id: string, action: string, extra: Record<string, unknown> = {}) => {
    const res = await who('POST', `/api/change-requests/${enc(id)}/transitions`, { action, reason: 'Demo', ...extra });
    expect(res.status, `${id} ${action}: ${JSON.stringify(res.json)}`).toBe(200);
  };
  // Every class in (nearly) every state, in the projektleder's solutions and beyond.
  for (const solution of ['KY', 'KSD']) {
    await register(solution, 'behovsaendring', 'Ny dropdown');
    await move(as.projektleder, await register(solution, 'behovsaendring', 'Estimeret knap'), 'estimer', { estimateHours: 8 });
    await move(as.projektleder, await register(solution, 'behovsaendring', 'Aftalt felt'), 'aftal');
    await register(solution, 'videreudvikling', 'Nyt modul');
    await move(as.faggruppe, await register(solution, 'videreudvikling', 'Anbefalet modul'), 'anbefal');
    await register(solution, 'teknisk', 'Sikkerhedsopdatering');
    const l1 = await register(solution, 'lovvedligehold', 'Til udredning');
    const l2 = await register(solution, 'lovvedligehold', 'Udredt lov', { requirements: [] });
    await move(as.faggruppe, l2, 'udred', { provisions: [{ sourceId: syg.id, provisionKey: 'p6.s1' }] });
    await register(solution, 'genudbud', 'Genudbud 2030');
    expect(l1).toBeTruthy();
  }
  const approved = await register('KY', 'videreudvikling', 'Godkendt modul');
  await move(as.faggruppe, approved, 'anbefal');
  await move(as.styregruppe, approved, 'godkend');
  const started = await register('KY', 'videreudvikling', 'Igangsat modul');
  await move(as.faggruppe, started, 'anbefal');
  await move(as.styregruppe, started, 'godkend');
  await move(as.projektleder, started, 'igangsaet');
  await move(as.leverandoer, await register('KY', 'teknisk', 'Igangsat opdatering'), 'igangsaet');
  const updated = await register('KY', 'lovvedligehold', 'Krav opdateret');
  await move(as.faggruppe, updated, 'udred', { provisions: [{ sourceId: syg.id, provisionKey: 'p6.s1' }] });
  await move(as.kravredaktoer, updated, 'opdater_krav', { requirementVersions: [{ humanId: requirement, version: 1 }] });
  await move(as.projektleder, await register('KY', 'genudbud', 'Genudbud under forberedelse'), 'forbered');
  await move(as.projektleder, await register('KY', 'behovsaendring', 'Afvist ønske'), 'afvis');
  await register('VALG', 'behovsaendring', 'Valgkort med QR-kode');
  await register('FBS', 'videreudvikling', 'Fjernlån');

  // A session being prepared, with the faggruppe member taking part.
  const session = await as.projektleder('POST', '/api/sessions', {
    solution: 'KY',
    title: 'Faggruppemøde marts',
    date: '2027-03-01',
    periodEnd: '2027-06-30',
    budgetAmount: 200,
    budgetUnit: 'timer',
    participants: [
      { username: 'projektleder', role: 'formand' },
      { username: 'faggruppe', role: 'faggruppe' },
    ],
  });
  expect(session.status).toBe(201);
  sessionId = session.json.id;
  const candidates = (await as.projektleder('GET', `/api/sessions/${sessionId}/candidates`)).json.items.slice(0, 2).map((c: any) => c.humanId);
  expect((await as.projektleder('POST', `/api/sessions/${sessionId}/items`, { changeRequests: candidates })).status).toBe(201);
}, 180_000);

afterAll(async () => {
  await opened.db.destroy();
});

/** Every request in the database, as the admin lists them. */
async function allRequests(): Promise<string[]> {
  const res = await as.admin('GET', '/api/change-requests?limit=500');
  expect(res.status).toBe(200);
  return res.json.items.map((i: any) => i.humanId);
}

/** What each request's "Næste skridt" offers this user, request by request (requests they may not read: none). */
async function nextStepsOf(who: Caller): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const id of await allRequests()) {
    const res = await who('GET', `/api/change-requests/${enc(id)}`);
    if (res.status === 403) continue;
    expect(res.status).toBe(200);
    const mine = res.json.actions.filter((a: any) => a.allowed).map((a: any) => a.label);
    if (mine.length) out.set(id, mine);
  }
  return out;
}

/** The requests on the user's "Mit arbejde", each with the steps it says await them. */
async function workOf(who: Caller) {
  const res = await who('GET', '/api/my-work');
  expect(res.status).toBe(200);
  const out = new Map<string, string[]>();
  for (const s of res.json.sections) {
    expect(s.total).toBe(s.items.length);
    for (const i of s.items) out.set(i.humanId, [...(out.get(i.humanId) ?? []), ...i.actions.map((a: any) => a.label)]);
  }
  return { requests: out, sections: res.json.sections as any[] };
}

const sorted = (m: Map<string, string[]>) => [...m].map(([id, labels]) => [id, [...labels].sort()]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('Mit arbejde holds exactly what each request\'s "Næste skridt" says awaits the user', () => {
  for (const user of ['projektleder', 'faggruppe', 'styregruppe', 'kravredaktoer', 'leverandoer']) {
    it(`for ${user}`, async () => {
      const expected = await nextStepsOf(as[user]);
      expect(expected.size, 'the demo journey leaves something for every role').toBeGreaterThan(0);
      const { requests } = await workOf(as[user]);
      expect(sorted(requests)).toEqual(sorted(expected));
    });
  }

  it('gives the projektleder "igangsæt", "aftal" and "videre som behovsændring", and the sessions to prepare', async () => {
    const { requests, sections } = await workOf(as.projektleder);
    const labels = [...requests.values()].flat();
    for (const label of ['Igangsæt med leverandøren', 'Aftal med leverandøren', 'Videre som behovsændring', 'Estimér', 'Markér som udført']) expect(labels).toContain(label);
    const pl = sections.find((s) => s.role === 'projektleder');
    // The chair prepares the meeting and, as a participant, may assess too.
    expect(pl.sessions.map((s: any) => [s.id, s.title, s.todo])).toEqual([
      [sessionId, 'Faggruppemøde marts', 'Vis vurderingerne, når deltagerne har vurderet'],
      [sessionId, 'Faggruppemøde marts', 'Vurdér 2 af 2 punkter'],
    ]);
  });

  it('gives the faggruppe member the sessions waiting for their assessment, until they have assessed every item', async () => {
    let fag = (await workOf(as.faggruppe)).sections.find((s) => s.role === 'faggruppe');
    expect(fag.sessions).toMatchObject([{ id: sessionId, todo: 'Vurdér 2 af 2 punkter' }]);
    const items = (await as.faggruppe('GET', `/api/sessions/${sessionId}`)).json.items as { id: number }[];
    for (const item of items) {
      const res = await as.faggruppe('PUT', `/api/sessions/${sessionId}/items/${item.id}/assessment`, { moscow: 'should', businessValue: 5, timeCriticality: 3, riskReduction: 2 });
      expect(res.status).toBe(200);
    }
    fag = (await workOf(as.faggruppe)).sections.find((s) => s.role === 'faggruppe');
    expect(fag.sessions).toEqual([]);
    // Neither the steering group nor the supplier prepares or assesses.
    for (const user of ['styregruppe', 'leverandoer']) expect((await workOf(as[user])).sections.every((s) => s.sessions.length === 0)).toBe(true);
  });

  it('shows the styregruppe what awaits its decision, and the kravredaktør the requirements to update and the review queue', async () => {
    const sty = (await workOf(as.styregruppe)).sections;
    expect(sty.map((s) => s.role)).toEqual(['styregruppe']);
    expect(sty[0].items.map((i: any) => i.title).sort()).toEqual(['Anbefalet modul', 'Genudbud under forberedelse']);
    const red = (await workOf(as.kravredaktoer)).sections;
    expect(red.map((s) => s.role)).toEqual(['kravredaktoer']);
    expect(red[0].items.map((i: any) => `${i.solution} ${i.title}`).sort()).toEqual(['KSD Udredt lov', 'KY Udredt lov']);
    expect(typeof red[0].reviewLinks).toBe('number');
  });

  it('leaves the administrator, who takes no lifecycle step, without a list', async () => {
    expect((await workOf(as.admin)).sections).toEqual([]);
  });
});
