// Estimates typed the Danish way reach the request and the ranking as the user meant them: 1.200 timer is twelve
// hundred hours, 1.150.000 kr. is accepted, "1.20" is asked about, and WSJF reads the same in figure and text.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../fixtures/demo.js';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

type Api = (method: string, path: string, data?: unknown) => Promise<{ status: number; json: any }>;

/** Logs a fresh browser context in through the API and returns a caller that sends its CSRF token. */
async function apiAs(username: string): Promise<Api> {
  const page = await h.newPage();
  const res = await page.request.post(`${h.baseUrl}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), `login ${username}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method, path, data) => {
    const r = await page.request.fetch(`${h.baseUrl}${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
    return { status: r.status(), json: await r.json().catch(() => null) };
  };
}

describe('estimater skrevet på dansk', () => {
  let humanId: string;
  let page: Page;

  it('registrerer 1.200 timer og 1.150.000 kr., og spørger om 1.20 i stedet for at gætte', async () => {
    page = await h.newPage();
    await page.goto(`${h.baseUrl}/aendringsforslag/ny`);
    await logIn(page, 'projektleder');
    await visible(h1(page, 'Registrér ændringsforslag'));
    await page.getByLabel('Løsning', { exact: true }).selectOption('KY');
    await page.getByRole('radio', { name: /behovsændring/i }).check();
    await page.getByLabel('Titel').fill('Ny dropdown til fraværsårsag');
    await page.getByLabel('Beskrivelse').fill('Sagsbehandleren skal kunne vælge fraværsårsagen fra en liste.');
    await page.getByLabel('Forslagsstiller').fill('Aarhus Kommune');
    await page.getByLabel('Estimat i timer').fill('1.20');
    await page.getByLabel('Estimat i kroner').fill('1.150.000');
    await page.getByRole('button', { name: 'Registrér ændringsforslag' }).click();

    // A point that cannot separate thousands: asked about beside the field and in the summary, nothing saved.
    const asked = 'Mente du 1,20 eller 120? Skriv decimaler med komma og tusinder med punktum';
    await visible(page.locator('#estimateHours-error').filter({ hasText: asked }));
    await visible(page.getByRole('alert').getByRole('link', { name: `Estimat i timer: ${asked}` }));
    expect(await page.locator('#estimateDkk-error').count()).toBe(0);
    await expectAccessible(page, 'registrering med et tvetydigt estimat');

    await page.getByLabel('Estimat i timer').fill('1.200');
    await page.getByRole('button', { name: 'Registrér ændringsforslag' }).click();
    await visible(h1(page, 'Ny dropdown til fraværsårsag'));
    humanId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const estimate = page.locator('dt', { hasText: /^Estimat$/ }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(async () => (await estimate.textContent())?.trim()).toBe('1.200 timer · 1.150.000 kr.');
    const saved = (await (await page.request.get(`${h.baseUrl}/api/change-requests/${encodeURIComponent(humanId)}`)).json()) as any;
    expect([saved.estimateHours, saved.estimateDkk]).toEqual([1200, 1_150_000]);
  });

  it('læser estimatet ens i redigeringen og i «Estimér»', async () => {
    // The edit panel shows the estimate as the page does, and asks about "2.5" the same way.
    await page.getByRole('button', { name: 'Rediger' }).click();
    const hours = page.locator('#edit-estimateHours');
    expect(await hours.inputValue()).toBe('1.200');
    expect(await page.locator('#edit-estimateDkk').inputValue()).toBe('1.150.000');
    await hours.fill('2.5');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await visible(page.locator('#edit-estimateHours-error').filter({ hasText: 'Mente du 2,5 eller 25?' }));
    await page.getByRole('button', { name: 'Annullér' }).click();

    // The Estimér step: the same question, beside its field, and the request keeps 1.200 timer.
    await page.getByRole('button', { name: 'Estimér' }).click();
    const dialog = page.getByRole('dialog', { name: 'Estimér' });
    await visible(dialog);
    // The hours field is slotted into the dialog (light DOM), so it is found on the page by its label.
    const dialogHours = page.getByLabel('Estimat i timer', { exact: true });
    expect(await dialogHours.inputValue()).toBe('1.200');
    await dialogHours.fill('1.20');
    await dialog.getByLabel('Begrundelse').fill('Leverandørens estimat');
    await dialog.getByRole('button', { name: 'Estimér' }).click();
    await visible(page.locator('#transition-hours-error').filter({ hasText: 'Mente du 1,20 eller 120?' }));
    expect(await dialogHours.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'Estimér med et tvetydigt estimat');
    await dialogHours.fill('1 200');
    await dialog.getByRole('button', { name: 'Estimér' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const saved = (await (await page.request.get(`${h.baseUrl}/api/change-requests/${encodeURIComponent(humanId)}`)).json()) as any;
    expect([saved.status, saved.estimateHours]).toEqual(['vurderet', 1200]);
  });

  it('rangerer med 1.200 timer og viser WSJF ens i tal og forklaring', async () => {
    const pl = await apiAs('projektleder');
    const other = await pl('POST', '/api/change-requests', {
      solution: 'KY',
      class: 'behovsaendring',
      title: 'Ekstra felt i sagsoverblikket',
      description: 'Et felt mere.',
      proposer: 'Odense Kommune',
      estimateHours: 640.5,
    });
    expect(other.status, JSON.stringify(other.json)).toBe(201);
    const session = await pl('POST', '/api/sessions', {
      solution: 'KY',
      title: 'Faggruppemøde om estimater',
      date: '2026-12-10',
      periodEnd: '2027-06-30',
      budgetAmount: 5000,
      budgetUnit: 'timer',
      participants: [
        { username: 'projektleder', role: 'formand' },
        { username: 'faggruppe', role: 'faggruppe' },
      ],
    });
    expect(session.status, JSON.stringify(session.json)).toBe(201);
    const url = `/api/sessions/${session.json.id}`;
    const items = await pl('POST', `${url}/items`, { changeRequests: [humanId, other.json.humanId] });
    expect(items.status, JSON.stringify(items.json)).toBe(201);
    const member = await apiAs('faggruppe');
    for (const item of items.json.items) {
      const res = await member('PUT', `${url}/items/${item.id}/assessment`, { moscow: 'should', businessValue: 8, timeCriticality: 5, riskReduction: 3 });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    expect((await pl('POST', `${url}/reveal`, { reason: 'Alle har vurderet' })).status).toBe(200);

    await page.goto(`${h.baseUrl}/moeder/${session.json.id}`);
    await visible(page.getByRole('heading', { name: 'Rangering' }));
    const ranked = (id: string) => page.locator('sb-ranking-list li', { hasText: id }).first();
    const figure = (li: Locator, name: string) => li.locator('dl.figures div', { hasText: name }).locator('dd');

    // 16 / 1.200 timer: the ranking uses twelve hundred hours.
    const ours = ranked(humanId);
    await visible(ours);
    expect(await figure(ours, 'Estimat').textContent()).toBe('1.200 timer');
    expect(await figure(ours, 'WSJF').textContent()).toBe('0,01');
    expect(await ours.locator('.explanation').textContent()).toContain('WSJF = (8 + 5 + 3) / 1.200 timer = 0,01.');

    // 16 / 640,5 timer = 0,02498…: one figure, in the record, the explanation and the chart's table.
    const theirs = ranked(other.json.humanId);
    expect(await figure(theirs, 'Estimat').textContent()).toBe('640,5 timer');
    expect(await figure(theirs, 'WSJF').textContent()).toBe('0,02');
    expect(await theirs.locator('.explanation').textContent()).toContain('WSJF = (8 + 5 + 3) / 640,5 timer = 0,02.');
    const chart = page.locator('sb-value-size-chart');
    await chart.getByText('Vis diagrammets tal som tabel').click();
    const row = chart.getByRole('table', { name: 'Værdi mod størrelse i tal' }).getByRole('row', { name: new RegExp(other.json.humanId) });
    expect((await row.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['1', '640,5', '16', '0,02', 'Over linjen']);
    await expectAccessible(page, 'rangering med estimater i tusinder');
  });
});
