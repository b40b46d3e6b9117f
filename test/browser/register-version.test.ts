// Lovovervågning registers a new version of an act through the upload form, reads what it changed, and
// browses the new version's provisions by chapter with the keyboard.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_LEXDANIA, expectAccessible, focusedElement, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('registrering af en ny lovversion', () => {
  it('uploader aktivloven LBK 468/2016, viser ændringerne og bestemmelserne i den nye version', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/kilder`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Retskilder'));
    await visible(page.getByRole('link', { name: 'Aktivloven' }));
    await expectAccessible(page, '/kilder');

    await page.getByRole('link', { name: 'Registrér ny version' }).click();
    await visible(h1(page, 'Registrér ny version'));
    await expectAccessible(page, '/kilder/importer');

    // Without a file, the form says so next to the file field.
    await page.getByRole('button', { name: 'Registrér version' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Versionen blev ikke registreret' }));
    await visible(page.locator('#file-error').filter({ hasText: 'Vælg den fil, der skal registreres' }));

    await page.getByLabel('Fil', { exact: true }).setInputFiles(path.join(SHARED_LEXDANIA, 'aktivloven', 'LBK-2016-468.xml'));
    await page.getByLabel('Retskilde').selectOption({ label: 'Aktivloven' });
    await page.getByRole('button', { name: 'Registrér version' }).click();

    const result = page.locator('section.result');
    await visible(result.getByRole('heading', { name: 'LBK nr 468 af 20/05/2016' }));
    await expect.poll(() => result.textContent()).toContain('Versionen er føjet til Aktivloven.');
    await expect.poll(() => result.textContent()).toMatch(/Ændringer\s*\d+ ændrede?\b/);
    await expect.poll(() => result.textContent()).toMatch(/Sporingslinks\s*\d+ kontroller/);
    await expectAccessible(page, 'resultat af registrering');
    await page.screenshot({ path: '/tmp/sporbar-09-registreret.png', fullPage: true });

    // The new version is the newest on the source's timeline and its provisions are shown, folded by chapter.
    await page.getByRole('link', { name: 'Se den nye version' }).click();
    await visible(h1(page, 'Aktivloven'));
    await visible(page.getByRole('heading', { name: 'Versioner (3)' }));
    await visible(page.getByRole('heading', { name: 'Bestemmelser i LBK nr 468 af 20/05/2016' }));
    const firstChapter = page.getByRole('button', { name: /^Kapitel 1\./ });
    expect(await firstChapter.getAttribute('aria-expanded')).toBe('false');
    await expectAccessible(page, 'retskilde med versioner');

    // Keyboard: focus the chapter and open it with Enter.
    await firstChapter.focus();
    await page.keyboard.press('Enter');
    expect(await firstChapter.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedElement(page)).toMatchObject({ tag: 'button' });
    const firstParagraph = page.getByRole('link', { name: '§ 1', exact: true });
    await visible(firstParagraph);
    await expectAccessible(page, 'retskilde med åbent kapitel');
    await page.screenshot({ path: '/tmp/sporbar-10-retskilde.png', fullPage: true });

    await firstParagraph.click();
    await visible(h1(page, '§ 1'));
    const versions = page.getByRole('complementary', { name: 'Versioner' }).getByRole('listitem');
    await expect.poll(() => versions.count()).toBe(3);
    await expectAccessible(page, 'aktivloven § 1');
  });
});
