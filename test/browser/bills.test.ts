// Proactive lovovervågning: LOV 1599/2010's text registered as the bill "L 42 (fremsat)" shows, before it passes,
// what it would change in sygedagpengeloven and which requirements of each solution trace there; a leverandør in KY
// sees only KY's; a comment is left on a requirement; the bill is then marked vedtaget and the loop runs.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_LEXDANIA, expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let billUrl = '';

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('et lovforslag som hvad-nu-hvis', () => {
  it('viser de bestemmelser L 42 ville ændre og de berørte krav, og tager en kommentar', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/lovforslag`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Lovforslag'));
    await page.getByLabel('Nummer').fill('L 42');
    await page.getByLabel('Folketingsår').fill('2010-11');
    await page.getByLabel('Fil (LexDania-XML)').setInputFiles(path.join(SHARED_LEXDANIA, 'sygedagpengeloven', 'LOV-2010-1599.xml'));
    await page.getByRole('button', { name: 'Registrér lovforslag' }).click();

    await visible(h1(page, /^L 42 \(2010-11\)/));
    const changes = page.getByRole('table', { name: /Ændrede bestemmelser/ });
    await visible(changes.getByRole('rowheader', { name: /§ 30, stk\. 1/ }));
    await expect.poll(() => changes.textContent()).toMatch(/21 kalenderdage[\s\S]*30 kalenderdage/);
    await visible(page.getByRole('heading', { level: 4, name: /\(KY\)/ }));
    await visible(page.getByRole('heading', { level: 4, name: /\(KSD\)/ }));
    await visible(page.getByRole('link', { name: 'Hent udkast til høringssvar (DOCX)' }));
    await expectAccessible(page, 'lovforslag');
    await page.screenshot({ path: '/tmp/sporbar-lovforslag.png', fullPage: true });

    const field = page.getByLabel(/^Kommentar til KY-/).first();
    await field.fill('Arbejdsgiverperioden er hårdkodet.');
    await field.locator('xpath=..').getByRole('button', { name: 'Gem kommentar' }).click();
    await visible(page.getByText('Arbejdsgiverperioden er hårdkodet.', { exact: false }).last());

    billUrl = page.url();
  });

  it('viser en leverandør i KY kun KY-krav', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/lovforslag`);
    await logIn(page, 'leverandoer');
    await page.getByRole('link', { name: /^L 42/ }).click();
    await visible(page.getByRole('heading', { level: 4, name: /\(KY\)/ }));
    expect(await page.getByRole('heading', { level: 4, name: /\(KSD\)/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Vedtaget' }).count()).toBe(0);
  });

  it('vedtages med sit lovnummer, og ændringsloven registreres', async () => {
    const page = await h.newPage();
    await page.goto(billUrl);
    await logIn(page, 'kravredaktoer');
    await page.getByLabel('Lovens kortnavn').fill('LOV nr 1599 af 22/12/2010');
    await page.getByRole('button', { name: 'Vedtaget' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/registreret som LOV nr 1599 af 22\/12\/2010/));
    await expect.poll(() => h1(page, /^L 42/).count()).toBe(1);
    await expect.poll(() => page.locator('p.lead').first().textContent()).toMatch(/vedtaget som LOV nr 1599 af 22\/12\/2010/);
    await expectAccessible(page, 'lovforslag vedtaget');
  });
});
