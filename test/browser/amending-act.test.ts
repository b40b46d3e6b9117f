// Lovovervågning registers an amending act the day it is published: LOV 1599/2010 is recognised as amending
// sygedagpengeloven, projected onto the act in force with its date in force, its instructions shown on the review
// cards; months later the consolidation LBK 1152/2011 arrives, supersedes the projection and flags nothing new.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_LEXDANIA, expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function register(page: Page, file: string) {
  await page.goto(`${h.baseUrl}/kilder/importer`);
  await visible(h1(page, 'Registrér ny version'));
  await page.getByLabel('Fil', { exact: true }).setInputFiles(path.join(SHARED_LEXDANIA, 'sygedagpengeloven', file));
  await page.getByRole('button', { name: 'Registrér version' }).click();
  return page.locator('section.result');
}

describe('en ændringslov på udstedelsesdagen', () => {
  it('projicerer LOV 1599/2010 på sygedagpengeloven, viser ændringsforskriften i gennemgangen, og afløses af LBK 1152/2011', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/kilder`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Retskilder'));

    // No act chosen: the amending act says itself which act it changes.
    const result = await register(page, 'LOV-2010-1599.xml');
    await visible(result.getByRole('heading', { name: 'LOV nr 1599 af 22/12/2010', level: 2 }));
    await expect.poll(() => result.textContent()).toContain('Ændringsloven er registreret');
    await visible(result.getByRole('link', { name: 'LBK nr 920 af 22/08/2011 med LOV nr 1599 af 22/12/2010' }));
    await expect.poll(() => result.textContent()).toMatch(/I kraft fra\s*2\. jan\. 2012/);
    await expect.poll(() => result.textContent()).toMatch(/2 ændringer anvendt/);
    await expect.poll(() => result.textContent()).toMatch(/\d+ mistænkt/);
    await expectAccessible(page, 'ændringslov registreret');
    await page.screenshot({ path: '/tmp/sporbar-aendringslov-1.png', fullPage: true });

    // Each card in the queue shows the amending act's instruction beside the old and new text.
    await page.goto(`${h.baseUrl}/gennemgang`);
    await visible(h1(page, 'Gennemgang af sporingslinks'));
    const cards = page.locator('li.card.item');
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    const period = cards.filter({ hasText: '§ 30, stk. 1' }).first();
    await visible(period.getByText('Ændringsforskrift i LOV nr 1599 af 22/12/2010'));
    await expect.poll(() => period.textContent()).toMatch(/»21 kalenderdage« til:?\s*»30 kalenderdage«/);
    await expect.poll(() => period.textContent()).toContain('Træder i kraft 2. jan. 2012');
    await expectAccessible(page, 'gennemgang med ændringsforskrift');
    await page.screenshot({ path: '/tmp/sporbar-aendringslov-2.png', fullPage: true });
    const queued = await cards.count();

    // The consolidation arrives: matched to the act by the LBK it cites, nothing new to review.
    const consolidated = await register(page, 'LBK-2011-1152.xml');
    await visible(consolidated.getByRole('heading', { name: 'LBK nr 1152 af 12/12/2011', level: 2 }));
    await expect.poll(() => consolidated.textContent()).toContain('Versionen er føjet til Sygedagpengeloven.');
    await expect.poll(() => consolidated.textContent()).toMatch(/0 mistænkt/);
    await page.goto(`${h.baseUrl}/gennemgang`);
    await visible(h1(page, 'Gennemgang af sporingslinks'));
    await expect.poll(() => cards.count()).toBe(queued);

    await page.getByRole('link', { name: 'Retskilder' }).first().click();
    await page.getByRole('link', { name: 'Sygedagpengeloven' }).click();
    await visible(h1(page, 'Sygedagpengeloven'));
    await visible(page.getByText('Projiceret, afløst'));
    await expectAccessible(page, 'tidslinje med projiceret version');
  });
});
