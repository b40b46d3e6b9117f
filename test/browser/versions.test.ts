// Versions of a legal source say where they stand today (Gældende, Historisk, …) the same way on every screen that
// lists them, and a version select is wide enough to read the version chosen. Also: Frister on Mit arbejde flags a
// passed latest decision date as the change-request page does.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../fixtures/demo.js';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;
let sygId: number;

beforeAll(async () => {
  h = await startHarness();
  page = await h.newPage();
  await page.goto(`${h.baseUrl}/kilder`);
  await logIn(page, 'admin');
  await page.getByRole('heading', { level: 1, name: 'Retskilder' }).waitFor();
  const sources = (await (await page.request.get(`${h.baseUrl}/api/sources`)).json()).items as { id: number; popularTitle: string | null }[];
  sygId = sources.find((s) => s.popularTitle === 'sygedagpengeloven')!.id;
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('versionernes stade', () => {
  it('the sources list shows the version in force, marked Gældende', async () => {
    await page.goto(`${h.baseUrl}/kilder`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Sygedagpengeloven' }) });
    await row.waitFor();
    await expect.poll(() => row.locator('sb-badge').textContent()).toBe('Gældende');
    expect(await page.getByText('Nyeste').count()).toBe(0);
  });

  it('the provision page marks each version as the source page does, one of them Gældende', async () => {
    await page.goto(`${h.baseUrl}/kilder/${sygId}/bestemmelser/p7`);
    const history = page.getByRole('complementary').filter({ has: page.getByRole('heading', { name: 'Versioner' }) }).locator('li');
    await history.first().waitFor();
    const provision = await history.locator('sb-badge').allTextContents();
    await page.goto(`${h.baseUrl}/kilder/${sygId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const timeline = await (await page.request.get(`${h.baseUrl}/api/sources/${sygId}`)).json();
    const standing = new Map((timeline.versions as { shortName: string; standingLabel: string }[]).map((v) => [v.shortName, v.standingLabel]));
    expect(provision.filter((s) => s === 'Gældende')).toHaveLength(1);
    await page.goto(`${h.baseUrl}/kilder/${sygId}/bestemmelser/p7`);
    await history.first().waitFor();
    for (const li of await history.all()) {
      const name = (await li.locator('a, span[aria-current]').first().textContent())!.trim();
      expect(await li.locator('sb-badge').textContent(), name).toBe(standing.get(name));
    }
    await expectAccessible(page, 'bestemmelse med versioners stade');
  });

  it.each([
    { name: 'skrivebord', width: 1440 },
    { name: 'telefon', width: 390 },
  ])('the diff page version selects name the standing and are not cut off ($name)', async ({ width }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${h.baseUrl}/kilder/${sygId}/forskel`);
    const from = page.getByLabel('Fra version');
    await from.waitFor();
    const options = await from.locator('option').allTextContents();
    expect(options.some((o) => o.includes(' · Gældende · i kraft '))).toBe(true);
    expect(options.filter((o) => o.includes('Gældende'))).toHaveLength(1);
    for (const select of [from, page.getByLabel('Til version')]) {
      // The chosen option's text, set in the select's own font, against the room inside the select.
      const fit = await select.evaluate((el: HTMLSelectElement) => {
        const style = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = ctx.measureText(el.selectedOptions[0]!.text).width;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text, room, right: el.getBoundingClientRect().right };
      });
      if (width > 1000) expect(fit.room, 'plads til versionens navn, stade og dato').toBeGreaterThanOrEqual(fit.text);
      else expect(fit.right).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('frister', () => {
  it('flags a passed latest decision date in Frister as on the request page', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const login = await page.request.post(`${h.baseUrl}/api/auth/login`, { data: { username: 'admin', password: DEMO_PASSWORD } });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    // Due in ten days, so the decision (KY decides 60 days before) should have been taken 50 days ago.
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await page.request.post(`${h.baseUrl}/api/change-requests`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { solution: 'KY', class: 'teknisk', title: 'Opdatér certifikatet', proposer: 'Driften', deadline },
    });
    expect(res.status()).toBe(201);
    const cr = (await res.json()) as { humanId: string };
    await page.goto(`${h.baseUrl}/aendringsforslag/${cr.humanId}`);
    const onRequest = page.locator('dt', { hasText: 'Seneste beslutning' }).locator('xpath=following-sibling::dd[1]');
    await onRequest.waitFor();
    const onRequestText = (await onRequest.textContent())!.replace(/\s+/g, ' ').trim();
    expect(onRequestText).toMatch(/\(overskredet\)$/);
    await page.goto(`${h.baseUrl}/mit-arbejde`);
    const item = page.getByRole('list', { name: /Inden for 60 dage/ }).getByRole('listitem').filter({ hasText: cr.humanId });
    await item.waitFor();
    // The same date and the same word as on the request page.
    const decision = (await item.getByText('Beslutning senest').textContent())!.replace(/\s+/g, ' ').trim();
    expect(decision).toBe(`Beslutning senest ${onRequestText}`);
    await expectAccessible(page, 'Mit arbejde med overskreden beslutningsdato');
  });
});
