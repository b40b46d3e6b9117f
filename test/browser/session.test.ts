// A faggruppe prioritises, as the project manager chairing it and three members on their own devices: create
// the session, build the agenda, assess in private while the chair's screen follows live, reveal, read the
// ranking with its cut line and chart, move an item by keyboard with a reason, record the recommendations,
// fetch the decision record as HTML and DOCX, and close the session, after which nothing can be edited.
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../fixtures/demo.js';
import { expectAccessible, focusedElement, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sporbar-session-${name}.png`, fullPage: true });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Api = (method: string, path: string, data?: unknown) => Promise<{ status: number; json: any }>;

/** Logs a browser context in through the API and returns a caller that sends its CSRF token. */
async function apiAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<Api> {
  const res = await page.request.post(`${h.baseUrl}/api/auth/login`, { data: { username, password } });
  expect(res.status(), `login ${username}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method, path, data) => {
    const r = await page.request.fetch(`${h.baseUrl}${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
    return { status: r.status(), json: await r.json().catch(() => null) };
  };
}

const MEMBER_PASSWORD = 'faggruppe-2026';
/** The three who assess, besides the chair: the demo faggruppe member and two created in setup. */
const MEMBERS = [
  { username: 'faggruppe', displayName: 'Fatima Faggruppe', role: 'faggruppe', password: DEMO_PASSWORD },
  { username: 'bo-faggruppe', displayName: 'Bo Bertelsen', role: 'faggruppe', password: MEMBER_PASSWORD },
  { username: 'karen-kl', displayName: 'Karen fra KL', role: 'kl', password: MEMBER_PASSWORD },
] as const;

/** Change request human ids and titles by short name. */
const cr: Record<string, string> = {};
const title: Record<string, string> = {};
const REQUESTS: Record<string, Record<string, unknown>> = {
  L1: { class: 'lovvedligehold', title: 'Ny beregning af arbejdsgiverperioden', deadline: '2027-03-01', estimateHours: 40 },
  L2: { class: 'lovvedligehold', title: 'Ændret klageadgang', deadline: '2027-05-01', estimateHours: 60 },
  L3: { class: 'lovvedligehold', title: 'Nye oplysningskrav fra 2028', deadline: '2027-12-01', estimateHours: 30 },
  T1: { class: 'teknisk', title: 'Sikkerhedsopdatering af databasen', estimateHours: 20 },
  B1: { class: 'behovsaendring', title: 'Ny dropdown til fraværsårsag', estimateHours: 10 },
  B2: { class: 'behovsaendring', title: 'Ekstra felt i sagsoverblikket', estimateHours: 15 },
  V1: { class: 'videreudvikling', title: 'Nyt modul til digital post', estimateHours: 80 },
  V2: { class: 'videreudvikling', title: 'Overblik for teamledere', estimateHours: 50 },
  V3: { class: 'videreudvikling', title: 'Integration til borger.dk' },
};
/** The order the chair ticks them, which becomes the agenda's order. */
const AGENDA = ['T1', 'B1', 'B2', 'V1', 'V2', 'V3', 'L1', 'L2', 'L3'];

/** Each member's [MoSCoW, business value, time criticality, risk reduction] per item (as in the API test). */
const VOTES: Record<string, [string, number, number, number][]> = {
  T1: [['Must', 13, 8, 8], ['Must', 13, 8, 8], ['Should', 13, 8, 8]],
  L1: [['Must', 8, 13, 5], ['Must', 8, 13, 5], ['Must', 8, 13, 5]],
  V1: [['Must', 20, 13, 13], ['Must', 20, 13, 13], ['Should', 20, 13, 13]],
  L2: [['Must', 1, 1, 1], ['Must', 1, 1, 1], ['Must', 1, 1, 1]],
  B1: [['Should', 5, 3, 2], ['Should', 5, 3, 2], ['Should', 5, 3, 2]],
  B2: [['Should', 3, 2, 1], ['Could', 3, 2, 1], ['Should', 3, 2, 1]],
  V2: [['Should', 8, 5, 5], ['Should', 8, 5, 5], ['Could', 8, 5, 5]],
  L3: [['Could', 3, 3, 3], ['Could', 3, 3, 3], ['Could', 3, 3, 3]],
  V3: [['Could', 8, 8, 8], ['Could', 8, 8, 8], ["Won't", 8, 8, 8]],
};
const SECRET = 'Fatimas egen begrundelse, som de andre ikke må se';

const RECOMMEND: Record<string, [string, string, string?]> = {
  T1: ['Anbefales', 'Sikkerhed først'],
  L1: ['Anbefales', 'Lovkrav fra 1. marts 2027'],
  B1: ['Anbefales', 'Lille og efterspurgt'],
  L2: ['Anbefales', 'Lovkrav fra 1. maj 2027'],
  V1: ['Til styregruppen', 'Stor gevinst; kræver ekstra ramme', 'KL mener modulet bør vente til næste periode'],
  B2: ['Udskydes', 'Ikke plads i rammen'],
  V2: ['Udskydes', 'Afventer strategien'],
  L3: ['Udskydes', 'Fristen ligger efter perioden'],
  V3: ['Afvises', 'Mangler estimat og afklaring'],
};

const concerns: Record<string, Record<string, unknown>> = {};
const requirementOfB1 = { humanId: '', title: '' };

let chair: Page;
const members: Page[] = [];
let sessionId: number;
let sessionPath: string;

beforeAll(async () => {
  h = await startHarness();
  const adminPage = await h.newPage();
  const admin = await apiAs(adminPage, 'admin');
  for (const m of MEMBERS.slice(1)) {
    const res = await admin('POST', '/api/users', { username: m.username, displayName: m.displayName, password: m.password, roles: [{ role: 'faggruppe', solution: 'KY' }] });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
  // What two items concern, for the participant to read on the phone: a requirement, and a provision.
  const requirement = (await admin('GET', '/api/requirements?solution=KY')).json.items[0];
  const syg = (await admin('GET', '/api/sources')).json.items.find((x: any) => x.popularTitle === 'sygedagpengeloven');
  concerns.B1 = { requirements: [requirement.humanId] };
  concerns.L1 = { provisions: [{ sourceId: syg.id, provisionKey: 'p6.s1' }] };
  requirementOfB1.humanId = requirement.humanId;
  requirementOfB1.title = requirement.title;
  for (const [key, body] of Object.entries(REQUESTS)) {
    const res = await admin('POST', '/api/change-requests', { solution: 'KY', proposer: 'Aarhus Kommune', description: `Beskrivelse af ${body.title}`, ...body, ...concerns[key] });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    cr[key] = res.json.humanId;
    title[key] = body.title as string;
  }
});

afterAll(async () => {
  await h?.close();
});

/** A participant's own page: a fresh browser context, logged in through the form. */
async function openAsMember(m: (typeof MEMBERS)[number], options: { noEventStream?: boolean } = {}): Promise<Page> {
  const page = await h.newPage();
  // A device whose network will not hold an event stream open: it must poll instead.
  if (options.noEventStream) await page.route('**/api/sessions/*/events', (route) => route.abort());
  await page.goto(`${h.baseUrl}${sessionPath}`);
  await logIn(page, m.username, m.password);
  await visible(h1(page, 'Faggruppemøde december 2026'));
  return page;
}

const assessmentOf = (page: Page, key: string) => page.locator('sb-session-assessment', { hasText: cr[key] }).first();

async function assessAll(page: Page, who: number, keys = AGENDA) {
  for (const key of keys) {
    const [moscow, bv, tc, rr] = VOTES[key][who];
    const form = assessmentOf(page, key);
    const locked = key === 'L1' || key === 'L2';
    if (!locked) await form.getByRole('radio', { name: moscow, exact: true }).check();
    await form.getByLabel('Forretningsværdi').selectOption(String(bv));
    await form.getByLabel('Tidskritikalitet').selectOption(String(tc));
    await form.getByLabel('Risikoreduktion/mulighed').selectOption(String(rr));
    if (who === 0 && key === 'V1') await form.getByLabel('Bemærkning (valgfri)').fill(SECRET);
    await form.getByRole('button', { name: 'Gem vurdering' }).click();
    await visible(form.getByText('✓ Vurderingen er gemt'));
  }
}

const participantCard = (page: Page, username: string) => page.locator(`sb-session-participants li[data-username="${username}"]`);
const aboveList = (page: Page) => page.getByRole('list', { name: 'Over skærelinjen: inden for budgetrammen' });
const belowList = (page: Page) => page.getByRole('list', { name: 'Under skærelinjen: uden for budgetrammen' });
const rankedIds = async (list: Locator) => (await list.locator(':scope > li .hid').allTextContents()).map((t) => t.trim());

describe('et faggruppemøde fra dagsorden til beslutningsoplæg', () => {
  it('opretter mødet med budgetramme og deltagere og bygger dagsordenen med lovkrav først', async () => {
    chair = await h.newPage();
    await chair.goto(`${h.baseUrl}/moeder`);
    await logIn(chair, 'projektleder');
    await visible(h1(chair, 'Faggruppemøder'));
    await visible(chair.getByText('Der er ingen faggruppemøder endnu.'));
    await expectAccessible(chair, '/moeder');

    await chair.getByRole('link', { name: /Nyt faggruppemøde/ }).click();
    await visible(h1(chair, 'Nyt faggruppemøde'));
    await chair.getByLabel('Løsning').selectOption('KY');
    await chair.getByLabel('Mødedato').fill('2026-12-10');
    await chair.getByLabel('Perioden slutter').fill('2027-06-30');
    await chair.getByLabel('Budgetramme').fill('180');
    await chair.getByLabel('Enhed').selectOption('timer');
    // The participants are picked from the people who may assess in KY (the chair is already there), by name; a
    // username not on the list can still be typed.
    expect(await chair.getByLabel('Deltager 1: person').inputValue()).toBe('projektleder');
    expect(await chair.getByLabel('Deltager 1: rolle').inputValue()).toBe('formand');
    expect((await chair.getByLabel('Deltager 2: person').locator('option').allTextContents()).map((t) => t.trim())).toEqual([
      'Vælg deltager',
      'Administrator (admin), Administrator',
      'Bo Bertelsen (bo-faggruppe), Faggruppemedlem',
      'Fatima Faggruppe (faggruppe), Faggruppemedlem',
      'Karen fra KL (karen-kl), Faggruppemedlem',
      'Peter Projektleder (projektleder), Projektleder',
      'Anden bruger (skriv brugernavnet)',
    ]);
    for (const [i, m] of MEMBERS.entries()) {
      if (i > 0) await chair.getByRole('button', { name: '+ Tilføj deltager' }).click();
      if (m.username === 'karen-kl') {
        await chair.getByLabel(`Deltager ${i + 2}: person`).selectOption({ label: 'Anden bruger (skriv brugernavnet)' });
        await chair.getByLabel(`Deltager ${i + 2}: brugernavn`).fill(m.username);
      } else {
        await chair.getByLabel(`Deltager ${i + 2}: person`).selectOption({ label: `${m.displayName} (${m.username}), Faggruppemedlem` });
      }
      await chair.getByLabel(`Deltager ${i + 2}: rolle`).selectOption(m.role);
    }
    // The title is missing: the server says so beside the field.
    await chair.getByRole('button', { name: 'Opret møde' }).click();
    await visible(chair.getByRole('alert').filter({ hasText: 'Mødet blev ikke oprettet' }));
    await visible(chair.locator('#title-error').filter({ hasText: 'Titlen mangler' }));
    await expectAccessible(chair, '/moeder/ny med fejl');
    await shot(chair, '00-nyt-moede-fejl');
    await chair.getByLabel('Titel').fill('Faggruppemøde december 2026');
    await chair.getByRole('button', { name: 'Opret møde' }).click();

    // The agenda builder
    await visible(h1(chair, 'Dagsorden'));
    sessionId = Number(new URL(chair.url()).pathname.split('/')[2]);
    sessionPath = `/moeder/${sessionId}`;
    expect(new URL(chair.url()).pathname).toBe(`${sessionPath}/dagsorden`);
    const candidates = chair.getByRole('list', { name: 'Forslag' });
    await visible(candidates.getByText(cr.L1));
    const ours = (ids: string[]) => ids.map((t) => t.trim()).filter((t) => Object.values(cr).includes(t));
    const offered = ours(await candidates.locator('.hid').allTextContents());
    // Lovvedligehold with a deadline first, soonest first; the two in the period are Must by law.
    expect(offered.slice(0, 3)).toEqual([cr.L1, cr.L2, cr.L3]);
    for (const key of ['L1', 'L2']) await visible(candidates.locator('li', { hasText: cr[key] }).getByText('Must efter lovkrav'));
    expect(await candidates.locator('li', { hasText: cr.L3 }).getByText('Must efter lovkrav').count()).toBe(0);
    await expectAccessible(chair, 'dagsorden: forslag');
    await shot(chair, '01-dagsorden-forslag');

    await chair.getByLabel('Klasse').selectOption('videreudvikling');
    await chair.getByRole('button', { name: 'Filtrér' }).click();
    await expect.poll(async () => ours(await candidates.locator('.hid').allTextContents())).toEqual([cr.V1, cr.V2, cr.V3]);
    await chair.getByLabel('Klasse').selectOption('');
    await chair.getByRole('button', { name: 'Filtrér' }).click();
    await visible(candidates.getByText(cr.L1));

    for (const key of AGENDA) await chair.getByRole('checkbox', { name: new RegExp(escape(cr[key])) }).check();
    await chair.getByRole('button', { name: 'Sæt valgte på dagsordenen (9)' }).click();
    await visible(chair.getByRole('heading', { name: 'På dagsordenen (9)' }));
    await expect.poll(async () => ours(await candidates.locator('.hid').allTextContents())).toEqual([]);
    const agendaIds = async () => (await chair.locator('ol.agenda .hid').allTextContents()).map((t) => t.trim());
    expect(await agendaIds()).toEqual(AGENDA.map((k) => cr[k]));
    // Reorder: L1 one up; the keyboard stays on the item that moved.
    await chair.getByRole('button', { name: `Flyt op: ${cr.L1}` }).click();
    await expect.poll(agendaIds).toEqual(['T1', 'B1', 'B2', 'V1', 'V2', 'L1', 'V3', 'L2', 'L3'].map((k) => cr[k]));
    await expect.poll(() => focusedElement(chair)).toMatchObject({ tag: 'button', text: '▲ Flyt op' });
    await expectAccessible(chair, 'dagsorden med 9 punkter');
    await shot(chair, '02-dagsorden');

    // The printable agenda opens in a new tab and carries each item.
    const printLink = chair.getByRole('link', { name: 'Udskriv dagsorden (åbner i nyt vindue)' });
    expect(await printLink.getAttribute('target')).toBe('_blank');
    const agendaHtml = await chair.request.get(`${h.baseUrl}${await printLink.getAttribute('href')}`);
    expect(agendaHtml.status()).toBe(200);
    const agendaText = await agendaHtml.text();
    for (const key of AGENDA) expect(agendaText).toContain(title[key]);

    await chair.getByRole('link', { name: 'Til mødet' }).click();
    await visible(h1(chair, 'Faggruppemøde december 2026'));
    await visible(chair.getByText('Opdateres live'));
    await expect.poll(() => chair.locator('sb-session-participants .summary').textContent()).toBe('0 af 3 deltagere har vurderet alle punkter.');
    await expectAccessible(chair, `${sessionPath} under forberedelse`);
  });

  it('lader tre deltagere vurdere privat på egne enheder, mens formandens skærm følger med live', async () => {
    members.push(await openAsMember(MEMBERS[0]));
    const [fatima] = members;
    await expectAccessible(fatima, `${sessionPath} som deltager`);
    await shot(fatima, '03-deltager-vurdering');

    // A lovvedligehold with a deadline in the period is Must, shown and locked.
    const l1 = assessmentOf(fatima, 'L1');
    expect(await l1.getByRole('radio', { name: 'Must', exact: true }).isChecked()).toBe(true);
    expect(await l1.getByRole('radio', { name: 'Could', exact: true }).isDisabled()).toBe(true);
    await visible(l1.getByText('Must efter lovkrav').first());

    // An incomplete assessment is refused in the form.
    const t1 = assessmentOf(fatima, 'T1');
    await t1.getByRole('button', { name: 'Gem vurdering' }).click();
    await visible(t1.getByText('Vælg en kategori'));

    // The chair's screen counts Fatima's first assessment without a reload.
    await assessAll(fatima, 0, ['T1']);
    await expect.poll(() => participantCard(chair, 'faggruppe').textContent()).toContain('1 af 9 punkter vurderet');
    await assessAll(fatima, 0, AGENDA.slice(1));
    await expect.poll(() => participantCard(chair, 'faggruppe').textContent()).toContain('Har vurderet alle 9 punkter');

    // Bo and Karen, each on their own device, at the same time.
    members.push(...(await Promise.all([openAsMember(MEMBERS[1]), openAsMember(MEMBERS[2], { noEventStream: true })])));
    const [, bo, karen] = members;
    await visible(karen.getByText('Opdateres hvert 5. sekund'));
    await visible(bo.getByText('Opdateres live'));
    // Bo sees that Fatima has submitted, but none of her values.
    await visible(participantCard(bo, 'faggruppe').getByText('Har vurderet alle 9 punkter'));
    expect(await bo.locator('body').evaluate(() => document.body.innerText)).not.toContain(SECRET);
    const boView = await (await bo.request.get(`${h.baseUrl}/api/sessions/${sessionId}`)).json();
    expect(boView.assessments).toBeNull();
    expect(boView.you.assessments).toEqual([]);
    expect(JSON.stringify(boView)).not.toContain(SECRET);
    expect(await assessmentOf(bo, 'V1').getByLabel('Forretningsværdi').inputValue()).toBe('0');
    // Not even the chair sees them before the reveal.
    expect(JSON.stringify(await (await chair.request.get(`${h.baseUrl}/api/sessions/${sessionId}`)).json())).not.toContain(SECRET);

    await Promise.all([assessAll(bo, 1), assessAll(karen, 2)]);
    await expect.poll(() => chair.locator('sb-session-participants .summary').textContent()).toBe('3 af 3 deltagere har vurderet alle punkter.');
    await expect.poll(() => participantCard(chair, 'karen-kl').textContent()).toContain('Har vurderet alle 9 punkter');
    expect(await chair.locator('body').evaluate(() => document.body.innerText)).not.toContain(SECRET);
    await shot(chair, '04-formand-foer-visning');
  });

  it('lader en deltager på telefonen (390 × 844) læse, hvad hvert punkt handler om, og åbne forslaget, kravene og bestemmelserne', async () => {
    const phone = await openAsMember(MEMBERS[0]);
    await phone.setViewportSize({ width: 390, height: 844 });
    const b1 = assessmentOf(phone, 'B1');
    await b1.getByText('Om forslaget').click();
    const about = b1.locator('details.about');
    await visible(about.getByText(`Beskrivelse af ${title.B1}`));
    const requirementLink = about.getByRole('link', { name: `${requirementOfB1.humanId} ${requirementOfB1.title}` });
    await visible(requirementLink);
    // Everything in the summary can be read without scrolling sideways.
    const box = await about.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await about.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const l1 = assessmentOf(phone, 'L1');
    await l1.getByText('Om forslaget').click();
    await visible(l1.getByRole('link', { name: /sygedagpengeloven § 6, stk\. 1/ }));
    await expectAccessible(phone, `${sessionPath} på telefon med punktets oplysninger`);
    await shot(phone, '04a-telefon-om-forslaget');
    // The links open the pages.
    await requirementLink.click();
    await visible(h1(phone, requirementOfB1.title));
    await phone.goBack();
    await visible(h1(phone, 'Faggruppemøde december 2026'));
    await assessmentOf(phone, 'L1').getByText('Om forslaget').click();
    await assessmentOf(phone, 'L1').getByRole('link', { name: /sygedagpengeloven § 6, stk\. 1/ }).click();
    await visible(h1(phone, /§ 6, stk\. 1/));
    await phone.goBack();
    await assessmentOf(phone, 'V2').getByRole('link', { name: new RegExp(`${escape(cr.V2)}.*${escape(title.V2)}`) }).first().click();
    await visible(h1(phone, title.V2));
    await phone.close();
  });

  it('viser vurderingerne: rangering med skærelinjen ved budgetrammen, totaler, diagram og stor skrift', async () => {
    // Large type for the projector, remembered across a reload.
    await chair.getByRole('button', { name: 'Stor skrift' }).click();
    await expect.poll(() => chair.getByRole('button', { name: 'Stor skrift' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(chair, 'mødet med stor skrift før visning');

    await chair.getByRole('button', { name: 'Vis alle vurderinger' }).click();
    await visible(chair.getByRole('heading', { name: 'Rangering' }));
    await chair.reload();
    await visible(chair.getByRole('heading', { name: 'Rangering' }));
    expect(await chair.getByRole('button', { name: 'Stor skrift' }).getAttribute('aria-pressed')).toBe('true');
    expect(await chair.locator('sb-session-page').getAttribute('large')).not.toBeNull();

    // The cut line at the frame: 180 hours; the lovvedligehold in the period stand above it.
    const cut = chair.locator('sb-ranking-list .cut-line');
    await visible(cut);
    expect(await cut.textContent()).toContain('Budgetrammen: 180 timer — herunder falder uden for');
    expect(await rankedIds(aboveList(chair))).toEqual([cr.T1, cr.L1, cr.L2]);
    expect(await rankedIds(belowList(chair))).toEqual(['V1', 'B1', 'B2', 'V2', 'L3', 'V3'].map((k) => cr[k]));
    const totals = chair.locator('sb-ranking-totals dl');
    await expect.poll(() => totals.textContent()).toMatch(/Budgetramme\s*180 timer/);
    expect(await totals.textContent()).toMatch(/Over linjen \(3 punkter\)\s*120 timer/);
    expect(await totals.textContent()).toMatch(/Tilbage af rammen\s*60 timer/);
    await visible(aboveList(chair).locator('li', { hasText: cr.L2 }).getByText('Løftet over linjen af lovkrav'));
    await visible(aboveList(chair).locator('li', { hasText: cr.L2 }).getByText(/Flyttet op over skærelinjen/));

    // The chart: every estimated, assessed item a labelled point; circles above, diamonds below; the table too.
    const chart = chair.locator('sb-value-size-chart');
    await visible(chart.getByRole('img', { name: /Værdi mod størrelse/ }));
    expect(await chart.locator('svg[role="img"] circle.above').count()).toBe(3);
    expect(await chart.locator('svg[role="img"] path.below').count()).toBe(5);
    for (const key of ['T1', 'L1', 'V1', 'B2']) await visible(chart.locator('text.point-label', { hasText: cr[key] }));
    await visible(chart.getByText(`${cr.V3} (mangler estimat)`, { exact: false }));
    await chart.getByText('Vis diagrammets tal som tabel').click();
    const table = chart.getByRole('table', { name: 'Værdi mod størrelse i tal' });
    await visible(table);
    expect(await table.getByRole('row').count()).toBe(10);
    await expectAccessible(chair, 'rangering med stor skrift');
    await shot(chair, '05-rangering-stor-skrift');
    await chair.setViewportSize({ width: 1280, height: 800 });
    await chair.locator('sb-ranking-list').scrollIntoViewIfNeeded();
    await chair.screenshot({ path: '/tmp/sporbar-session-05b-projektor-1280x800.png' });
    await chair.locator('sb-value-size-chart figure svg[role="img"]').screenshot({ path: '/tmp/sporbar-session-05c-diagram.png' });

    // The participants' pages follow the reveal without a reload, Karen's by polling.
    const [fatima, , karen] = members;
    await visible(karen.getByRole('heading', { name: 'Rangering' }));
    await visible(fatima.getByRole('heading', { name: 'Rangering' }));
    await visible(fatima.locator('sb-ranking-list .cut-line'));
    expect(await fatima.getByRole('button', { name: /Flyt op/ }).count()).toBe(0);
    await expectAccessible(fatima, 'rangering som deltager');
  });

  it('flytter et punkt med tastaturet med begrundelse og markerer et til styregruppen', async () => {
    const b1 = chair.locator('sb-ranking-list li', { hasText: cr.B1 });
    await b1.focus();
    await chair.keyboard.press('Alt+ArrowUp');
    const dialog = chair.getByRole('dialog', { name: new RegExp(`Flyt ${escape(cr.B1)} fra plads 5 til plads 3`) });
    await visible(dialog);
    await dialog.getByRole('button', { name: 'Flyt punktet' }).click();
    await visible(dialog.getByText('Skriv en begrundelse'));
    await expectAccessible(chair, 'dialog: flyt punkt');
    await dialog.getByLabel('Hvorfor flyttes punktet?').fill('Lille ændring, kommunerne har ventet længe');
    await dialog.getByRole('button', { name: 'Flyt punktet' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await expect.poll(() => rankedIds(aboveList(chair))).toEqual([cr.T1, cr.L1, cr.B1, cr.L2]);
    const moved = aboveList(chair).locator('li', { hasText: cr.B1 });
    await visible(moved.getByText('↕ Flyttet af formanden'));
    await visible(moved.getByText(/fra plads 5 til plads 3: Lille ændring, kommunerne har ventet længe/));
    await expect.poll(() => focusedElement(chair)).toMatchObject({ tag: 'li', text: expect.stringContaining(cr.B1) });
    // Still above the line: the two lovvedligehold with deadlines in the period.
    expect(await rankedIds(aboveList(chair))).toEqual(expect.arrayContaining([cr.L1, cr.L2]));
    await expect.poll(() => chair.locator('sb-ranking-totals dl').textContent()).toMatch(/Over linjen \(4 punkter\)\s*130 timer/);
    expect(await chair.locator('sb-ranking-totals dl').textContent()).toMatch(/Tilbage af rammen\s*50 timer/);

    // The group wants V1 anyway: to the steering group. In large type the buttons show on the row clicked.
    await belowList(chair).locator('li', { hasText: cr.V1 }).getByText(title.V1).click();
    await chair.getByRole('button', { name: `Til styregruppen: ${cr.V1}` }).click();
    await expect.poll(() => chair.getByRole('button', { name: `Til styregruppen: ${cr.V1}` }).getAttribute('aria-pressed')).toBe('true');
    await visible(belowList(chair).locator('li', { hasText: cr.V1 }).getByText('Til styregruppen', { exact: true }).first());
    // Fatima's device shows the move too.
    await expect.poll(() => rankedIds(aboveList(members[0]))).toEqual([cr.T1, cr.L1, cr.B1, cr.L2]);
    await moved.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await chair.screenshot({ path: '/tmp/sporbar-session-06-flyttet-1280x800.png' });
  });

  it('registrerer anbefalinger, holder og afslutter mødet, og giver beslutningsoplægget som HTML og DOCX', async () => {
    // Normal type again for the paperwork.
    await chair.getByRole('button', { name: 'Stor skrift' }).click();
    await expect.poll(() => chair.getByRole('button', { name: 'Stor skrift' }).getAttribute('aria-pressed')).toBe('false');
    await chair.getByRole('button', { name: 'Markér som afholdt' }).click();
    await visible(chair.getByRole('status').getByText('Mødet er markeret som afholdt.', { exact: false }));
    expect(await chair.getByRole('button', { name: 'Afslut møde' }).isDisabled()).toBe(true);
    await visible(chair.getByText('9 punkter mangler en anbefaling.'));

    const outcome = chair.locator('sb-session-outcome');
    for (const [key, [label, reason, dissent]] of Object.entries(RECOMMEND)) {
      const row = outcome.locator('li', { hasText: cr[key] });
      await row.getByLabel('Anbefaling', { exact: true }).selectOption({ label });
      await row.getByLabel('Begrundelse', { exact: true }).fill(reason);
      if (dissent) await row.getByLabel('Dissens (valgfri)').fill(dissent);
      await row.getByRole('button', { name: `Gem anbefaling: ${cr[key]}` }).click();
      await visible(row.getByText('✓ Anbefalingen er gemt'));
    }
    await visible(chair.getByText('Alle punkter har en anbefaling.'));
    await expectAccessible(chair, 'anbefalinger registreret');
    await shot(chair, '07-anbefalinger');

    // The decision record, from the links on the page.
    const htmlHref = await chair.getByRole('link', { name: 'Beslutningsoplæg (HTML, åbner i nyt vindue)' }).getAttribute('href');
    const docxLink = chair.getByRole('link', { name: 'Beslutningsoplæg (DOCX)' });
    expect(await docxLink.getAttribute('download')).not.toBeNull();
    const record = await chair.request.get(`${h.baseUrl}${htmlHref}`);
    expect(record.status()).toBe(200);
    const recordHtml = await record.text();
    expect(recordHtml).toContain('Oplæg til projektleder med prioritering');
    expect(recordHtml).toContain('180 timer');
    expect(recordHtml).toContain('Flyttet af formanden til plads 3: Lille ændring, kommunerne har ventet længe');
    expect(recordHtml).toContain('KL mener modulet bør vente til næste periode');
    for (const m of MEMBERS) expect(recordHtml).toContain(m.displayName);

    await chair.getByRole('button', { name: 'Afslut møde' }).click();
    const dialog = chair.getByRole('dialog', { name: 'Afslut mødet' });
    await visible(dialog);
    await dialog.getByLabel('Bemærkning til afslutningen').fill('Oplægget sendes til projektlederen');
    await dialog.getByRole('button', { name: 'Afslut mødet' }).click();
    await visible(chair.getByText('Mødet er afsluttet og kan ikke ændres'));

    // Read-only: no control that changes anything is left, here or on a participant's device.
    for (const page of [chair, members[0]]) {
      await visible(page.getByText('Mødet er afsluttet og kan ikke ændres'));
      for (const name of [/Flyt (op|ned)/, /Gem anbefaling/, /Gem vurdering|Opdatér vurdering/, 'Vis alle vurderinger', 'Markér som afholdt', 'Afslut møde', /^Til styregruppen/, 'Redigér dagsorden']) {
        expect(await page.getByRole('button', { name }).count(), `${String(name)} på ${page === chair ? 'formandens' : 'deltagerens'} side`).toBe(0);
      }
      expect(await page.locator('sb-session-outcome select, sb-session-outcome input').count()).toBe(0);
      expect(await page.locator('sb-ranking-list li[tabindex]').count()).toBe(0);
    }
    await visible(chair.locator('sb-session-outcome li', { hasText: cr.V1 }).getByText('KL mener modulet bør vente til næste periode'));
    // Each recommendation took effect on its request; what could not is listed, not skipped.
    const handoffs = chair.getByRole('region', { name: 'Anbefalingerne på ændringsforslagene' });
    await visible(handoffs);
    const handoff = (key: string) => handoffs.getByRole('listitem').filter({ hasText: cr[key] });
    await visible(handoff('V1').getByText('Flyttet'));
    await visible(handoff('V1').getByText('Anbefal til styregruppen: Oprettet → Anbefalet af faggruppen'));
    await visible(handoff('B2').getByText('Udskudt'));
    await visible(handoff('V3').getByText('Ikke muligt'));
    await visible(handoffs.getByText('1 anbefaling kunne ikke føres ud'));
    await expectAccessible(chair, 'afsluttet møde');
    await shot(chair, '08-afsluttet');
    await chair.getByRole('button', { name: 'Stor skrift' }).click();
    await expectAccessible(chair, 'afsluttet møde med stor skrift');

    const closedRecord = await chair.request.get(`${h.baseUrl}${htmlHref}`);
    expect(closedRecord.status()).toBe(200);
    expect(await closedRecord.text()).toContain('Mødet blev afsluttet');
    const docx = await chair.request.get(`${h.baseUrl}${await docxLink.getAttribute('href')}`);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const body = await docx.body();
    expect(body.subarray(0, 2).toString()).toBe('PK');
    const xml = strFromU8(unzipSync(new Uint8Array(body))['word/document.xml']);
    expect(xml).toContain('Oplæg til projektleder med prioritering');
    for (const key of AGENDA) expect(xml).toContain(title[key]);
    expect(xml).toContain('Skærelinje · budgetramme 180 timer · brugt 130 timer');

    // The list shows it closed.
    await chair.goto(`${h.baseUrl}/moeder?solution=KY`);
    await visible(h1(chair, 'Faggruppemøder'));
    const row = chair.getByRole('row', { name: /Faggruppemøde december 2026/ });
    await visible(row.getByText('Afsluttet'));
    expect(await row.textContent()).toContain('180 timer');
    await expectAccessible(chair, '/moeder?solution=KY med stor skrift');
    await shot(chair, '09-moeder');
  });

  it('lægger det, mødet sendte til styregruppen, på styregruppens "Mit arbejde", og det udskudte hos projektlederen', async () => {
    const steering = await h.newPage();
    await steering.goto(`${h.baseUrl}/mit-arbejde`);
    await logIn(steering, 'styregruppe');
    await visible(h1(steering, 'Mit arbejde'));
    const approvals = steering.getByRole('region', { name: /Afventer styregruppens godkendelse/ });
    await visible(approvals.getByRole('link', { name: title.V1 }));
    expect(await approvals.getByRole('link', { name: title.B2 }).count()).toBe(0);
    await expectAccessible(steering, '/mit-arbejde som styregruppe efter mødet');
    await approvals.getByRole('link', { name: title.V1 }).click();
    await visible(h1(steering, title.V1));
    await visible(steering.getByRole('button', { name: 'Godkend', exact: true }));
    await steering.close();

    await chair.goto(`${h.baseUrl}/mit-arbejde`);
    await visible(h1(chair, 'Mit arbejde'));
    const pl = chair.getByRole('region', { name: /Til projektlederen/ });
    const deferred = pl.getByRole('listitem').filter({ hasText: title.B2 });
    await visible(deferred.getByText('Udskudt af faggruppen'));
    await visible(deferred.getByText('Næste skridt: Genoptag'));
    await expectAccessible(chair, '/mit-arbejde som projektleder efter mødet');
    await deferred.getByRole('link', { name: title.B2 }).click();
    await visible(h1(chair, title.B2));
    await visible(chair.getByText(/Intet skridt venter, før projektlederen genoptager forslaget/));
  });
});
