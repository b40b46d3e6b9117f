// A faggruppe session end to end through the API, with real logins: agenda, private assessments, reveal, the
// ranking and its cut line, the chair's move, the decision record as HTML and DOCX, closing and its history.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../auth/auth.service.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { patchCurrent, userWith, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');
const PASSWORD = 'test-adgangskode';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
const as: Record<string, Caller> = {};
/** Change request human ids by short name. */
const cr: Record<string, string> = {};
const title: Record<string, string> = {};
let sessionId: number;
let url: string;
/** Agenda item ids by short name. */
const itemId: Record<string, number> = {};

beforeAll(async () => {
  opened = await openMemoryDatabase();
  app = createApp({ db: opened.db, loginThrottle: new LoginThrottle(50, 200) });
  as.admin = await userWith(app, opened.db, 'admin', [{ role: 'admin', solution: null }]);
  for (const code of ['KY', 'VALG']) expect((await as.admin('POST', '/api/solutions', { code, name: `Løsning ${code}` })).status).toBe(201);
  // The chair is the solution's project manager and also sits in its faggruppe.
  as.pl = await userWith(app, opened.db, 'pl', [
    { role: 'projektleder', solution: 'KY' },
    { role: 'faggruppe', solution: 'KY' },
  ]);
  as.a = await userWith(app, opened.db, 'anna', [{ role: 'faggruppe', solution: 'KY' }]);
  as.b = await userWith(app, opened.db, 'bo', [{ role: 'faggruppe', solution: 'KY' }]);
  as.c = await userWith(app, opened.db, 'kl-carl', [{ role: 'faggruppe', solution: 'KY' }]);
  as.plValg = await userWith(app, opened.db, 'pl-valg', [{ role: 'projektleder', solution: 'VALG' }]);
  as.laeser = await userWith(app, opened.db, 'laeser', [{ role: 'laeser', solution: null }]);
  as.red = await userWith(app, opened.db, 'red', [{ role: 'kravredaktoer', solution: null }]);
  as.sty = await userWith(app, opened.db, 'sty', [{ role: 'styregruppe', solution: 'KY' }]);

  const src = await as.red('POST', '/api/sources/import', {
    content: fs.readFileSync(path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-920.xml'), 'utf8'),
    popularTitle: 'sygedagpengeloven',
    inForceFrom: '2011-08-22',
  });
  expect(src.status).toBe(201);
  const req = await as.red('POST', '/api/requirements', { solution: 'KY', title: 'Fraværsårsag registreres', text: 'Sagsbehandleren kan vælge en fraværsårsag.', kind: 'regel' });
  expect(req.status).toBe(201);

  const register = async (key: string, body: Record<string, unknown>) => {
    const res = await as.pl('POST', '/api/change-requests', { solution: 'KY', proposer: 'Aarhus Kommune', description: `Beskrivelse af ${body.title}`, ...body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    cr[key] = res.json.humanId;
    title[key] = body.title as string;
  };
  await register('L1', {
    class: 'lovvedligehold',
    title: 'Ny beregning af arbejdsgiverperioden',
    deadline: '2027-03-01',
    estimateHours: 40,
    provisions: [{ sourceId: src.json.source.id, provisionKey: 'p6.s1' }],
  });
  await register('L2', { class: 'lovvedligehold', title: 'Ændret klageadgang', deadline: '2027-05-01', estimateHours: 60 });
  await register('L3', { class: 'lovvedligehold', title: 'Nye oplysningskrav fra 2028', deadline: '2027-12-01', estimateHours: 30 });
  await register('T1', { class: 'teknisk', title: 'Sikkerhedsopdatering af databasen', estimateHours: 20 });
  await register('B1', { class: 'behovsaendring', title: 'Ny dropdown til fraværsårsag', estimateHours: 10, requirements: [req.json.humanId] });
  await register('B2', { class: 'behovsaendring', title: 'Ekstra felt i sagsoverblikket', estimateHours: 15 });
  await register('V1', { class: 'videreudvikling', title: 'Nyt modul til digital post', estimateHours: 80 });
  await register('V2', { class: 'videreudvikling', title: 'Overblik for teamledere', estimateHours: 50 });
  await register('V3', { class: 'videreudvikling', title: 'Integration til borger.dk' });
  await register('G1', { class: 'genudbud', title: 'Genudbud 2029' });
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

const item = (key: string) => `${url}/items/${itemId[key]}`;
const view = async (who: Caller) => {
  const res = await who('GET', url);
  expect(res.status).toBe(200);
  return res.json;
};

/** Logs in outside the JSON helper, for responses that are streams or binary files. */
async function rawLogin(username: string) {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** Reads server-sent events until one named `event` arrives; what follows stays in the buffer. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, buffer: { text: string }, event: string): Promise<any> {
  const decoder = new TextDecoder();
  for (;;) {
    const end = buffer.text.indexOf('\n\n');
    if (end >= 0) {
      const lines = buffer.text.slice(0, end).split('\n');
      buffer.text = buffer.text.slice(end + 2);
      if (lines.includes(`event: ${event}`)) return JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6));
      continue;
    }
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before "${event}"`);
    buffer.text += decoder.decode(value, { stream: true });
  }
}

describe('preparing the session', () => {
  it('lets only a project manager of the solution create it, with participants who may assess there', async () => {
    const body = {
      solution: 'KY',
      title: 'Faggruppemøde december 2026',
      date: '2026-12-10',
      periodEnd: '2027-06-30',
      budgetAmount: 180,
      budgetUnit: 'timer',
      participants: [
        { username: 'pl', role: 'formand' },
        { username: 'anna', role: 'faggruppe' },
        { username: 'bo', role: 'faggruppe' },
        { username: 'kl-carl', role: 'kl' },
      ],
    };
    expect((await as.a('POST', '/api/sessions', body)).status).toBe(403);
    expect((await as.plValg('POST', '/api/sessions', body)).status).toBe(403);
    const wrongPeople = await as.pl('POST', '/api/sessions', { ...body, participants: [{ username: 'laeser', role: 'faggruppe' }, { username: 'anna', role: 'formand' }] });
    expect(wrongPeople.status).toBe(400);
    expect(wrongPeople.json.error.fields.map((f: any) => f.message)).toEqual([
      'laeser er hverken faggruppemedlem eller projektleder i løsningen',
      'anna er ikke projektleder i løsningen og kan ikke være formand',
    ]);
    const res = await as.pl('POST', '/api/sessions', body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ status: 'forberedelse', statusLabel: 'Under forberedelse', budget: { amount: 180, unit: 'timer' }, revealed: false });
    expect(res.json.participants.map((p: any) => [p.username, p.roleLabel])).toEqual([
      ['anna', 'Faggruppemedlem'],
      ['bo', 'Faggruppemedlem'],
      ['kl-carl', 'KL-repræsentant'],
      ['pl', 'Formand (projektleder)'],
    ]);
    sessionId = res.json.id;
    url = `/api/sessions/${sessionId}`;
    expect((await patchCurrent(as.pl, url, {})).status).toBe(400);
    expect((await patchCurrent(as.pl, url, { periodEnd: '2026-01-01' })).status).toBe(400);
    expect((await as.plValg('PATCH', url, { version: res.json.version, budgetAmount: 1 })).status).toBe(403);
    expect((await as.laeser('GET', '/api/sessions?solution=KY')).json.items.map((s: any) => s.id)).toEqual([sessionId]);
  });

  it('suggests open requests with lovvedligehold by deadline first, filters by class, and leaves out re-tenders', async () => {
    const all = await as.pl('GET', `${url}/candidates`);
    expect(all.status).toBe(200);
    expect(all.json.items.map((i: any) => i.humanId)).toEqual([cr.L1, cr.L2, cr.L3, cr.T1, cr.B1, cr.B2, cr.V1, cr.V2, cr.V3]);
    expect(all.json.items.slice(0, 3).map((i: any) => i.mustByLaw)).toEqual([true, true, false]);
    const videre = await as.pl('GET', `${url}/candidates?class=videreudvikling`);
    expect(videre.json.items.map((i: any) => i.humanId)).toEqual([cr.V1, cr.V2, cr.V3]);
    expect((await as.pl('GET', `${url}/candidates?status=anbefalet`)).json.items).toEqual([]);
  });

  it('builds the agenda from the candidates, refusing a re-tender and duplicates', async () => {
    expect((await as.a('POST', `${url}/items`, { changeRequests: [cr.L1] })).status).toBe(403);
    const genudbud = await as.pl('POST', `${url}/items`, { changeRequests: [cr.G1] });
    expect(genudbud.status).toBe(400);
    expect(genudbud.json.error.fields[0].message).toContain('genudbud');
    const keys = ['T1', 'B1', 'B2', 'V1', 'V2', 'V3', 'L1', 'L2', 'L3'];
    const res = await as.pl('POST', `${url}/items`, { changeRequests: keys.map((k) => cr[k]) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    for (const i of res.json.items) itemId[Object.keys(cr).find((k) => cr[k] === i.changeRequest.humanId)!] = i.id;
    expect((await as.pl('POST', `${url}/items`, { changeRequests: [cr.L1] })).json.error.fields[0].message).toBe(`${cr.L1} er allerede på dagsordenen`);
    expect((await as.pl('GET', `${url}/candidates`)).json.items).toEqual([]);
    expect(res.json.items.filter((i: any) => i.mustByLaw).map((i: any) => i.changeRequest.humanId)).toEqual([cr.L1, cr.L2]);
  });

  it('reorders the agenda, and removes and re-adds an item, only while preparing', async () => {
    const order = ['L1', 'L2', 'L3', 'T1', 'B1', 'B2', 'V1', 'V2', 'V3'];
    expect((await as.pl('PUT', `${url}/agenda-order`, { itemIds: order.slice(1).map((k) => itemId[k]) })).status).toBe(400);
    const res = await as.pl('PUT', `${url}/agenda-order`, { itemIds: order.map((k) => itemId[k]), reason: 'Lovkrav først' });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: any) => i.changeRequest.humanId)).toEqual(order.map((k) => cr[k]));
    expect((await as.pl('DELETE', `${item('V3')}?reason=${encodeURIComponent('Afventer afklaring')}`)).status).toBe(200);
    const back = await as.pl('POST', `${url}/items`, { changeRequests: [cr.V3] });
    itemId.V3 = back.json.items.find((i: any) => i.changeRequest.humanId === cr.V3).id;
    expect(back.json.items).toHaveLength(9);
  });

  it('prints the agenda with descriptions, requirements, provisions, estimates and deadlines', async () => {
    const res = await app.request(`${url}/agenda.html`, { headers: { cookie: await rawLogin('anna') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="da">');
    expect(html).not.toMatch(/<script/i);
    for (const key of Object.keys(itemId)) expect(html).toContain(title[key]);
    expect(html).toContain('Beskrivelse af Ny dropdown til fraværsårsag');
    expect(html).toContain('Fraværsårsag registreres');
    expect(html).toContain('sygedagpengeloven, § 6, stk. 1');
    expect(html).toContain('Estimat: 40 timer');
    expect(html).toContain('Frist: 1. marts 2027');
    expect(html.match(/Must efter lovkrav<\/span>/g)).toHaveLength(2);
  });
});

/** Each participant's [moscow, business value, time criticality, risk reduction] per item. */
const VOTES: Record<string, Record<'a' | 'b' | 'c', [string, number, number, number]>> = {
  T1: { a: ['must', 13, 8, 8], b: ['must', 13, 8, 8], c: ['should', 13, 8, 8] },
  L1: { a: ['must', 8, 13, 5], b: ['must', 8, 13, 5], c: ['must', 8, 13, 5] },
  V1: { a: ['must', 20, 13, 13], b: ['must', 20, 13, 13], c: ['should', 20, 13, 13] },
  // The group thinks little of it, but it is a lovvedligehold with a deadline in the period.
  L2: { a: ['could', 1, 1, 1], b: ['could', 1, 1, 1], c: ['wont', 1, 1, 1] },
  B1: { a: ['should', 5, 3, 2], b: ['should', 5, 3, 2], c: ['should', 5, 3, 2] },
  B2: { a: ['should', 3, 2, 1], b: ['could', 3, 2, 1], c: ['should', 3, 2, 1] },
  V2: { a: ['should', 8, 5, 5], b: ['should', 8, 5, 5], c: ['could', 8, 5, 5] },
  L3: { a: ['could', 3, 3, 3], b: ['could', 3, 3, 3], c: ['could', 3, 3, 3] },
  V3: { a: ['could', 8, 8, 8], b: ['could', 8, 8, 8], c: ['wont', 8, 8, 8] },
};
const assess = (who: 'a' | 'b' | 'c', key: string, comment = '') => {
  const [moscow, businessValue, timeCriticality, riskReduction] = VOTES[key][who];
  return as[who]('PUT', `${item(key)}/assessment`, { moscow, businessValue, timeCriticality, riskReduction, comment });
};

describe('assessing in private', () => {
  it('accepts assessments from participants only, on the Fibonacci scale', async () => {
    expect((await as.laeser('PUT', `${item('T1')}/assessment`, { moscow: 'must', businessValue: 1, timeCriticality: 1, riskReduction: 1 })).status).toBe(403);
    expect((await as.red('PUT', `${item('T1')}/assessment`, { moscow: 'must', businessValue: 1, timeCriticality: 1, riskReduction: 1 })).status).toBe(403);
    const off = await as.a('PUT', `${item('T1')}/assessment`, { moscow: 'must', businessValue: 4, timeCriticality: 1, riskReduction: 1 });
    expect(off.status).toBe(400);
    expect(off.json.error.fields[0]).toEqual({ field: 'businessValue', message: 'Vælg en værdi på skalaen 1, 2, 3, 5, 8, 13, 20' });
    expect((await as.a('PUT', `${url}/items/999999/assessment`, { moscow: 'must', businessValue: 1, timeCriticality: 1, riskReduction: 1 })).status).toBe(404);
  });

  it('shows a participant only their own values and who has submitted, until the chair reveals', async () => {
    for (const key of Object.keys(VOTES)) expect((await assess('a', key, key === 'V1' ? 'Annas hemmelige begrundelse' : '')).status).toBe(200);
    const forB = await view(as.b);
    expect(forB.assessments).toBeNull();
    expect(forB.ranking).toBeNull();
    expect(forB.you.assessments).toEqual([]);
    expect(forB.participants.find((p: any) => p.username === 'anna').assessedCount).toBe(9);
    expect(forB.items.find((i: any) => i.id === itemId.V1).assessedBy).toBe(1);
    expect(JSON.stringify(forB)).not.toContain('Annas hemmelige begrundelse');
    // Not even the chair sees the values before the reveal.
    const forChair = await view(as.pl);
    expect(forChair.assessments).toBeNull();
    expect(JSON.stringify(forChair)).not.toContain('hemmelige');
    const forA = await view(as.a);
    expect(forA.you.assessments).toHaveLength(9);
    expect(forA.you.assessments.find((x: any) => x.itemId === itemId.V1)).toMatchObject({ moscow: 'must', businessValue: 20, comment: 'Annas hemmelige begrundelse' });
    // Nor does the audit trail, which every reader can see, give the values away.
    const audit = await as.b('GET', `/api/audit?entityType=session&entityId=${sessionId}`);
    const assessed = audit.json.items.filter((e: any) => e.action === 'session.assess');
    expect(assessed).toHaveLength(9);
    expect(JSON.stringify(assessed)).not.toContain('moscow');
  });

  it('tells a device that polls whether anything changed since the revision it holds', async () => {
    const first = await as.b('GET', `${url}/state`);
    expect(first.json).toMatchObject({ changed: true, session: { id: sessionId } });
    const revision = first.json.revision;
    expect((await as.b('GET', `${url}/state?since=${revision}`)).json).toEqual({ revision, changed: false });
    expect((await assess('b', 'T1')).status).toBe(200);
    const after = await as.b('GET', `${url}/state?since=${revision}`);
    expect(after.json).toMatchObject({ revision: revision + 1, changed: true });
    expect(after.json.session.you.assessments.map((x: any) => x.itemId)).toEqual([itemId.T1]);
  });

  it('pushes each new revision to a participant\'s open event stream', async () => {
    const res = await app.request(`${url}/events`, { headers: { cookie: await rawLogin('bo') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const buffer = { text: '' };
    try {
      const start = await nextEvent(reader, buffer, 'revision');
      expect(start).toEqual({ revision: (await view(as.b)).revision, closed: false });
      expect((await assess('c', 'T1')).status).toBe(200);
      expect(await nextEvent(reader, buffer, 'revision')).toEqual({ revision: start.revision + 1, closed: false });
    } finally {
      await reader.cancel();
    }
  });

  it('completes the three participants\' assessments', async () => {
    for (const who of ['b', 'c'] as const) for (const key of Object.keys(VOTES)) expect((await assess(who, key)).status).toBe(200);
    const forChair = await view(as.pl);
    expect(forChair.participants.map((p: any) => [p.username, p.assessedCount])).toEqual([
      ['anna', 9],
      ['bo', 9],
      ['kl-carl', 9],
      ['pl', 0],
    ]);
  });
});

describe('reveal and ranking', () => {
  it('lets only the chair reveal, once', async () => {
    expect((await as.a('POST', `${url}/reveal`, {})).status).toBe(403);
    expect((await as.pl('PUT', `${item('B1')}/override`, { position: 1, reason: 'For tidligt' })).status).toBe(409);
    const res = await as.pl('POST', `${url}/reveal`, { reason: 'Alle har vurderet' });
    expect(res.status).toBe(200);
    expect(res.json.revealed).toBe(true);
    expect((await as.pl('POST', `${url}/reveal`, {})).status).toBe(409);
    const forB = await view(as.b);
    expect(forB.assessments).toHaveLength(27);
    expect(forB.assessments.find((x: any) => x.username === 'anna' && x.itemId === itemId.V1).comment).toBe('Annas hemmelige begrundelse');
    const audit = await as.b('GET', `/api/audit?entityType=session&entityId=${sessionId}`);
    expect(audit.json.items.find((e: any) => e.action === 'session.reveal').after.assessments).toHaveLength(27);
  });

  it('ranks Musts first by WSJF and keeps the lovvedligehold with a deadline in the period above the cut line', async () => {
    const { ranking } = await view(as.b);
    expect(ranking.items.map((i: any) => i.humanId)).toEqual([cr.T1, cr.L1, cr.L2, cr.V1, cr.B1, cr.B2, cr.V2, cr.L3, cr.V3]);
    expect(ranking.items.map((i: any) => i.computedPosition)).toEqual([1, 2, 4, 3, 5, 6, 7, 8, 9]);
    const [t1, l1, l2, v1] = ranking.items;
    expect(t1).toMatchObject({ category: 'must', wsjf: 1.45, cumulativeEstimate: 20, aboveCut: true });
    expect(l1).toMatchObject({ category: 'must', mustByLaw: true, wsjf: 0.65, cumulativeEstimate: 60, aboveCut: true });
    // The votes said Could, the law says Must; by WSJF it would have fallen below the line.
    expect(l2).toMatchObject({ category: 'must', mustByLaw: true, moscowVotes: { could: 2, wont: 1 }, movedBy: 'lovkrav', aboveCut: true, cumulativeEstimate: 120 });
    expect(l2.explanation).toContain('Flyttet op over skærelinjen');
    expect(v1).toMatchObject({ category: 'must', aboveCut: false, cumulativeEstimate: 200 });
    expect(v1.notes).toContain('Skubbet under skærelinjen, fordi rammen først går til lovvedligehold med frist i perioden');
    expect(ranking.items.find((i: any) => i.humanId === cr.V3)).toMatchObject({ missingEstimate: true, wsjf: null });
    expect(ranking.cutLine).toMatchObject({ afterPosition: 3, cumulativeAbove: 120, budget: 180, unit: 'timer', remaining: 60, overBudget: false });
  });

  it('applies the chair\'s manual move with its reason, and lets only the chair make it', async () => {
    expect((await as.a('PUT', `${item('B1')}/override`, { position: 2, reason: 'Lille og ventet længe' })).status).toBe(403);
    expect((await as.pl('PUT', `${item('B1')}/override`, { position: 2, reason: '' })).status).toBe(400);
    const res = await as.pl('PUT', `${item('B1')}/override`, { position: 2, reason: 'Lille ændring, kommunerne har ventet længe' });
    expect(res.status).toBe(200);
    const { ranking } = res.json;
    expect(ranking.items.map((i: any) => i.humanId)).toEqual([cr.T1, cr.B1, cr.L1, cr.L2, cr.V1, cr.B2, cr.V2, cr.L3, cr.V3]);
    expect(ranking.items[1]).toMatchObject({ movedBy: 'formand', override: { position: 2, reason: 'Lille ændring, kommunerne har ventet længe' }, computedPosition: 5, aboveCut: true });
    expect(ranking.cutLine).toMatchObject({ afterPosition: 4, cumulativeAbove: 130, remaining: 50 });
    expect(ranking.items.find((i: any) => i.humanId === cr.L2).aboveCut).toBe(true);
  });

  it('marks an item below the line for the steering group, and takes a reason to let a legal item fall only for such items', async () => {
    expect((await as.pl('PATCH', item('V2'), { belowCutReason: 'Ikke lovpligtig' })).status).toBe(400);
    const res = await as.pl('PATCH', item('V1'), { tilStyregruppen: true, reason: 'Gruppen vil have modulet med alligevel' });
    expect(res.status).toBe(200);
    expect(res.json.ranking.items.find((i: any) => i.humanId === cr.V1)).toMatchObject({ tilStyregruppen: true, aboveCut: false });
  });
});

const RECOMMENDATIONS: Record<string, { recommendation: string; reason: string; dissent?: string }> = {
  T1: { recommendation: 'anbefales', reason: 'Sikkerhed først' },
  B1: { recommendation: 'afvises', reason: 'Dækkes allerede af standardløsningen' },
  L1: { recommendation: 'anbefales', reason: 'Lovkrav fra 1. marts 2027' },
  L2: { recommendation: 'til_styregruppen', reason: 'Lovkrav fra 1. maj 2027' },
  V1: { recommendation: 'anbefales', reason: 'Stor gevinst; kræver ekstra ramme fra styregruppen', dissent: 'KL mener modulet bør vente til næste periode' },
  B2: { recommendation: 'udskydes', reason: 'Ikke plads i rammen' },
  V2: { recommendation: 'til_styregruppen', reason: 'Strategisk valg for styregruppen' },
  L3: { recommendation: 'udskydes', reason: 'Fristen ligger efter perioden' },
  V3: { recommendation: 'afvises', reason: 'Mangler estimat og afklaring' },
};

describe('outcome and closing', () => {
  it('holds the meeting, after which the agenda is fixed', async () => {
    expect((await as.pl('POST', `${url}/transitions`, { action: 'afslut' })).status).toBe(409);
    const held = await as.pl('POST', `${url}/transitions`, { action: 'afhold', reason: 'Mødet er holdt' });
    expect(held.json).toMatchObject({ status: 'afholdt', statusLabel: 'Afholdt' });
    expect((await as.pl('DELETE', item('V3'))).status).toBe(409);
  });

  it('refuses to close before every item has a recommendation', async () => {
    for (const key of Object.keys(RECOMMENDATIONS).filter((k) => k !== 'V3')) {
      expect((await as.pl('PUT', `${item(key)}/recommendation`, RECOMMENDATIONS[key])).status).toBe(200);
    }
    expect((await as.a('PUT', `${item('V3')}/recommendation`, RECOMMENDATIONS.V3)).status).toBe(403);
    const early = await as.pl('POST', `${url}/transitions`, { action: 'afslut' });
    expect(early.status).toBe(409);
    expect(early.json.error.fields).toEqual([{ field: `items.${itemId.V3}.recommendation`, message: `${cr.V3} mangler en anbefaling` }]);
    expect((await as.pl('PUT', `${item('V3')}/recommendation`, RECOMMENDATIONS.V3)).status).toBe(200);
  });

  it('generates the decision record as printable HTML', async () => {
    const res = await app.request(`${url}/record.html`, { headers: { cookie: await rawLogin('bo') } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Oplæg til projektleder med prioritering');
    expect(html).toContain('180 timer');
    expect(html).toContain('10. december 2026');
    for (const name of ['anna', 'bo', 'kl-carl', 'pl']) expect(html).toContain(name);
    const order = [cr.T1, cr.B1, cr.L1, cr.L2, cr.V1, cr.B2, cr.V2, cr.L3, cr.V3].map((id) => html.indexOf(`<strong>${id}</strong> ${title[Object.keys(cr).find((k) => cr[k] === id)!]}`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    const cut = html.indexOf('<tr class="cut-line">');
    expect(cut).toBeGreaterThan(order[3]);
    expect(cut).toBeLessThan(order[4]);
    const steering = html.slice(html.indexOf('<h2>Til styregruppen</h2>'), html.indexOf('<h2>Dissens</h2>'));
    expect(steering).toContain(title.V1);
    expect(steering).toContain(title.V2);
    expect(steering).not.toContain(title.T1);
    expect(html).toContain('KL mener modulet bør vente til næste periode');
    expect(html).toContain('Flyttet af formanden til plads 2: Lille ændring, kommunerne har ventet længe');
  });

  it('closes the session, writing each recommendation into its change request\'s history', async () => {
    expect((await as.a('POST', `${url}/transitions`, { action: 'afslut' })).status).toBe(403);
    const closed = await as.pl('POST', `${url}/transitions`, { action: 'afslut', reason: 'Oplægget er sendt til projektlederen' });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    expect(closed.json).toMatchObject({ status: 'afsluttet', you: { canManage: false } });
    for (const key of Object.keys(RECOMMENDATIONS)) {
      const detail = await as.laeser('GET', `/api/change-requests/${encodeURIComponent(cr[key])}`);
      const event = detail.json.events.find((e: any) => e.kind === 'recommendation');
      expect(event, key).toMatchObject({ action: RECOMMENDATIONS[key].recommendation, actor: 'pl' });
      expect(event.text).toContain('Faggruppemøde "Faggruppemøde december 2026" 10. december 2026');
      expect(event.text).toContain(RECOMMENDATIONS[key].reason);
    }
    const v1 = await as.laeser('GET', `/api/change-requests/${encodeURIComponent(cr.V1)}`);
    // The chair sits in the faggruppe, so the recommended videreudvikling goes on to the steering group.
    expect(v1.json.status).toBe('anbefalet');
    expect(v1.json.events.find((e: any) => e.kind === 'transition' && e.action === 'anbefal')).toMatchObject({ from: 'oprettet', to: 'anbefalet' });
    expect(v1.json.events.find((e: any) => e.kind === 'recommendation').text).toContain('Dissens: KL mener modulet bør vente til næste periode');
    // Each recommendation takes effect by the lifecycle's own steps; what cannot happen is listed, not skipped.
    const outcome = (key: string) => closed.json.handoffs.find((h: any) => h.humanId === cr[key]);
    expect(closed.json.handoffs).toHaveLength(Object.keys(RECOMMENDATIONS).length);
    expect(outcome('V1')).toMatchObject({ recommendation: 'anbefales', outcome: 'flyttet', from: 'oprettet', to: 'anbefalet' });
    expect(outcome('V2')).toMatchObject({ recommendation: 'til_styregruppen', outcome: 'flyttet', from: 'oprettet', to: 'anbefalet', toLabel: 'Anbefalet af faggruppen' });
    expect(outcome('B1')).toMatchObject({ recommendation: 'afvises', outcome: 'flyttet', to: 'afvist' });
    expect(outcome('B2')).toMatchObject({ recommendation: 'udskydes', outcome: 'udskudt', to: 'oprettet' });
    expect(outcome('L3')).toMatchObject({ recommendation: 'udskydes', outcome: 'udskudt', to: 'oprettet' });
    expect(outcome('T1')).toMatchObject({ recommendation: 'anbefales', outcome: 'uaendret', to: 'oprettet' });
    expect(outcome('T1').message).toContain('igangsæt (leverandør eller projektleder)');
    expect(outcome('L2')).toMatchObject({ outcome: 'ikke_muligt', to: 'oprettet', message: 'En lovvedligehold i status "Til lovudredning" kan ikke gå til styregruppen' });
    expect(outcome('V3')).toMatchObject({ outcome: 'ikke_muligt', to: 'oprettet', message: 'En videreudvikling i status "Oprettet" kan ikke afvises' });
    // The steering group has V2 in front of it now, with the meeting as the reason.
    const v2 = await as.laeser('GET', `/api/change-requests/${encodeURIComponent(cr.V2)}`);
    expect(v2.json.status).toBe('anbefalet');
    expect(v2.json.events.find((e: any) => e.kind === 'transition' && e.action === 'anbefal').text).toBe(
      'Besluttet på faggruppemøde "Faggruppemøde december 2026" 10. december 2026: Strategisk valg for styregruppen',
    );
    const stWork = await as.sty('GET', '/api/my-work');
    expect(stWork.json.sections[0].items.map((i: any) => i.humanId)).toEqual(expect.arrayContaining([cr.V1, cr.V2]));
    expect((await as.sty('GET', `/api/change-requests/${encodeURIComponent(cr.V2)}`)).json.actions.filter((a: any) => a.allowed).map((a: any) => a.action)).toEqual(['godkend', 'afvis']);
    const v2Audit = await as.laeser('GET', `/api/audit?entityType=change_request&entityId=${encodeURIComponent(cr.V2)}`);
    expect(v2Audit.json.items.find((e: any) => e.action === 'change_request.anbefal')).toMatchObject({ actor: 'pl', before: { status: 'oprettet' }, after: { status: 'anbefalet' } });
    expect((await as.laeser('GET', `/api/change-requests/${encodeURIComponent(cr.B1)}`)).json).toMatchObject({ status: 'afvist', closed: true });
    // Deferred: out of the faggruppe's to-do (L3 awaited its lovudredning), waiting only for the projektleder to take it up again.
    const l3 = await as.a('GET', `/api/change-requests/${encodeURIComponent(cr.L3)}`);
    expect(l3.json).toMatchObject({ status: 'oprettet', deferred: { note: 'Besluttet på faggruppemøde "Faggruppemøde december 2026" 10. december 2026: Fristen ligger efter perioden' } });
    expect(l3.json.actions.map((a: any) => [a.action, a.allowed])).toEqual([['genoptag', false]]);
    const fagWork = await as.a('GET', '/api/my-work');
    expect(fagWork.json.sections.flatMap((s: any) => s.items.map((i: any) => i.humanId))).not.toContain(cr.L3);
    expect((await as.a('POST', `/api/change-requests/${encodeURIComponent(cr.L3)}/transitions`, { action: 'udred', reason: 'Nu' })).status).toBe(409);
    const plWork = await as.pl('GET', '/api/my-work');
    const plItems = plWork.json.sections.find((s: any) => s.role === 'projektleder').items;
    expect(plItems.find((i: any) => i.humanId === cr.B2)).toMatchObject({ deferred: true, actions: [{ action: 'genoptag', label: 'Genoptag' }] });
    expect((await as.pl('POST', `/api/change-requests/${encodeURIComponent(cr.B2)}/transitions`, { action: 'genoptag', reason: 'Plads i rammen alligevel' })).status).toBe(200);
    const b2 = await as.pl('GET', `/api/change-requests/${encodeURIComponent(cr.B2)}`);
    expect(b2.json).toMatchObject({ status: 'oprettet', deferred: null });
    expect(b2.json.actions.map((a: any) => a.action)).toEqual(['estimer', 'aftal', 'afvis']);
    const audit = await as.laeser('GET', `/api/audit?entityType=change_request&entityId=${encodeURIComponent(cr.L2)}`);
    expect(audit.json.items.find((e: any) => e.action === 'change_request.recommendation')).toMatchObject({ actor: 'pl', reason: 'Lovkrav fra 1. maj 2027' });
    // The rank the meeting closed with is each request's priority now, 1 first.
    const ranking = (await as.laeser('GET', url)).json.ranking.items as { humanId: string; position: number }[];
    expect(ranking.length).toBe(Object.keys(RECOMMENDATIONS).length);
    for (const item of ranking) {
      expect((await as.laeser('GET', `/api/change-requests/${encodeURIComponent(item.humanId)}`)).json.priority, item.humanId).toBe(item.position);
    }
    expect(audit.json.items.find((e: any) => e.action === 'change_request.recommendation')).toMatchObject({ before: { priority: null }, after: { priority: expect.any(Number) } });
  });

  it('is read-only once closed: every change answers 409', async () => {
    const changes: [Caller, string, string, unknown][] = [
      [as.pl, 'PATCH', url, { version: (await view(as.pl)).version, title: 'Nyt navn' }],
      [as.pl, 'PUT', `${url}/participants`, { participants: [] }],
      [as.pl, 'POST', `${url}/items`, { changeRequests: [cr.G1] }],
      [as.pl, 'PUT', `${url}/agenda-order`, { itemIds: [] }],
      [as.pl, 'DELETE', item('T1'), undefined],
      [as.a, 'PUT', `${item('T1')}/assessment`, { moscow: 'wont', businessValue: 1, timeCriticality: 1, riskReduction: 1 }],
      [as.pl, 'POST', `${url}/reveal`, {}],
      [as.pl, 'PUT', `${item('T1')}/override`, { position: 9, reason: 'For sent' }],
      [as.pl, 'PATCH', item('T1'), { tilStyregruppen: true }],
      [as.pl, 'PUT', `${item('T1')}/recommendation`, { recommendation: 'afvises', reason: 'For sent' }],
      [as.pl, 'POST', `${url}/transitions`, { action: 'afslut' }],
    ];
    for (const [who, method, target, body] of changes) {
      const res = await who(method, target, body);
      expect(res.status, `${method} ${target}`).toBe(409);
      expect(res.json.error.message).toBe('Mødet er afsluttet og kan ikke ændres');
    }
    // A closed session never changes: the event stream tells the browser to stop reconnecting.
    expect((await app.request(`${url}/events`, { headers: { cookie: await rawLogin('bo') } })).status).toBe(204);
  });

  it('keeps the decision record as it was closed, even when an estimate changes afterwards', async () => {
    expect((await patchCurrent(as.pl, `/api/change-requests/${encodeURIComponent(cr.B2)}`, { estimateHours: 1, reason: 'Nyt estimat' })).status).toBe(200);
    const res = await app.request(`${url}/record.html`, { headers: { cookie: await rawLogin('anna') } });
    const html = await res.text();
    expect(html).toContain('Mødet blev afsluttet');
    // The chair's remark on closing is part of the record.
    expect(html).toContain('<h2>Bemærkning ved afslutningen</h2>\n<p>Oplægget er sendt til projektlederen</p>');
    // B2's running total as closed: 130 above the line, then V1 80 and B2 15.
    expect(html).toContain('225 timer');
    expect((await view(as.a)).ranking.items.find((i: any) => i.humanId === cr.B2).estimate).toBe(15);
  });

  it('generates the decision record as DOCX with the ranked items, the cut line and the steering group', async () => {
    const res = await app.request(`${url}/record.docx`, { headers: { cookie: await rawLogin('anna') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toContain(`faggruppemoede-${sessionId}.docx`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const xml = strFromU8(files['word/document.xml']);
    for (const key of Object.keys(RECOMMENDATIONS)) {
      expect(xml).toContain(cr[key]);
      expect(xml).toContain(title[key]);
    }
    expect(xml).toContain('Oplæg til projektleder med prioritering');
    expect(xml).toContain('Skærelinje · budgetramme 180 timer · brugt 130 timer');
    expect(xml).toContain('Bemærkning ved afslutningen');
    expect(xml).toContain('Oplægget er sendt til projektlederen');
    expect(xml).toContain('Til styregruppen');
    expect(xml).toContain('KL mener modulet bør vente til næste periode');
    expect(xml.indexOf(title.L2)).toBeLessThan(xml.indexOf('Skærelinje · budgetramme'));
    expect(xml.indexOf('Skærelinje · budgetramme')).toBeLessThan(xml.indexOf(title.B2));
  });
});

describe('a chair who is not in the faggruppe', () => {
  it('moves the videreudvikling on by the faggruppe members who took part, and lists the step when none did', async () => {
    const pl2 = await userWith(app, opened.db, 'pl2', [{ role: 'projektleder', solution: 'KY' }]);
    const created = await pl2('POST', '/api/change-requests', { solution: 'KY', class: 'videreudvikling', title: 'Mobiladgang', proposer: 'Odense Kommune', estimateHours: 30 });
    const session = await pl2('POST', '/api/sessions', {
      solution: 'KY',
      title: 'Ekstraordinært møde',
      date: '2027-02-01',
      periodEnd: '2027-06-30',
      budgetAmount: 100,
      budgetUnit: 'timer',
      participants: [
        { username: 'pl2', role: 'formand' },
        { username: 'anna', role: 'faggruppe' },
      ],
    });
    const s = `/api/sessions/${session.json.id}`;
    const added = await pl2('POST', `${s}/items`, { changeRequests: [created.json.humanId] });
    const i = added.json.items[0].id;
    expect((await as.a('PUT', `${s}/items/${i}/assessment`, { moscow: 'should', businessValue: 8, timeCriticality: 3, riskReduction: 2 })).status).toBe(200);
    await pl2('POST', `${s}/reveal`, {});
    await pl2('POST', `${s}/transitions`, { action: 'afhold' });
    await pl2('PUT', `${s}/items/${i}/recommendation`, { recommendation: 'anbefales', reason: 'Efterspurgt' });
    expect((await pl2('POST', `${s}/transitions`, { action: 'afslut' })).status).toBe(200);
    const detail = await as.laeser('GET', `/api/change-requests/${encodeURIComponent(created.json.humanId)}`);
    expect(detail.json.status).toBe('anbefalet');
    expect(detail.json.events.find((e: any) => e.kind === 'recommendation')).toMatchObject({ action: 'anbefales' });

    // A meeting of the chair alone holds no faggruppe: the step is listed as not possible, the request stays.
    const alone = await pl2('POST', '/api/change-requests', { solution: 'KY', class: 'videreudvikling', title: 'Tabletvisning', proposer: 'Odense Kommune', estimateHours: 10 });
    const s2 = `/api/sessions/${(await pl2('POST', '/api/sessions', { solution: 'KY', title: 'Formandens møde', date: '2027-02-02', periodEnd: '2027-06-30', budgetAmount: 100, budgetUnit: 'timer', participants: [{ username: 'pl2', role: 'formand' }] })).json.id}`;
    const i2 = (await pl2('POST', `${s2}/items`, { changeRequests: [alone.json.humanId] })).json.items[0].id;
    await pl2('PUT', `${s2}/items/${i2}/assessment`, { moscow: 'could', businessValue: 3, timeCriticality: 1, riskReduction: 1 });
    await pl2('POST', `${s2}/reveal`, {});
    await pl2('POST', `${s2}/transitions`, { action: 'afhold' });
    await pl2('PUT', `${s2}/items/${i2}/recommendation`, { recommendation: 'anbefales', reason: 'Efterspurgt' });
    const closed = await pl2('POST', `${s2}/transitions`, { action: 'afslut' });
    expect(closed.status).toBe(200);
    expect(closed.json.handoffs).toEqual([
      expect.objectContaining({ humanId: alone.json.humanId, outcome: 'ikke_muligt', message: 'Kun faggruppemedlem kan "anbefal til styregruppen", og ingen af mødets deltagere er det' }),
    ]);
    expect((await as.laeser('GET', `/api/change-requests/${encodeURIComponent(alone.json.humanId)}`)).json.status).toBe('oprettet');
  });
});
