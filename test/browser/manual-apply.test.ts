// An instruction Sporbar could not apply, applied by hand: LOV 300/2016 changes § 11, stk. 3-5 of the act on aktiv
// socialpolitik, which the LBK in force does not have yet; the kravredaktør opens the projected version, presses
// "Anvend i hånden" by keyboard, inserts § 11, stk. 3 with a note, and the instruction then says who applied it and why.
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

const STK_3 = 'Retten til uddannelseshjælp eller kontanthjælp er tillige betinget af, at personen lovligt har opholdt sig her i riget i sammenlagt 7 år inden for de seneste 8 år.';
const NOTE = 'Stk. 3 kom med LOV 1000/2015, som ikke er registreret; teksten er fra LBK 468/2016.';

describe('en ændring, Sporbar ikke kunne anvende', () => {
  it('anvendes i hånden med en note og vises derefter som anvendt i hånden af kravredaktøren', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/kilder/importer`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Registrér ny version'));
    await page.getByLabel('Fil', { exact: true }).setInputFiles(path.resolve(SHARED_LEXDANIA, '../amending-acts/LOV-2016-300.xml'));
    await page.getByRole('button', { name: 'Registrér version' }).click();
    const result = page.locator('section.result');
    await visible(result.getByRole('heading', { name: 'LOV nr 300 af 22/03/2016', level: 2 }));
    await expect.poll(() => result.textContent()).toContain('Ændringer, Sporbar ikke kunne anvende');
    await result.getByRole('link', { name: /Anvend dem i hånden/ }).click();

    await visible(h1(page, 'Aktivloven'));
    const section = page.locator('sb-version-instructions section');
    await visible(section.getByRole('heading', { name: /Ændringer, Sporbar ikke kunne anvende/ }));
    await expect.poll(() => section.locator('li.instruction').count()).toBe(3);
    const first = section.locator('li.instruction').first();
    await expect.poll(() => first.textContent()).toMatch(/Ikke anvendt: § 11, stk\. 3: stk\. 3 findes ikke/);

    // By keyboard: the button opens the form and focus lands in its first field, prefilled with the provision named.
    const open = first.getByRole('button', { name: 'Anvend i hånden (ændring nr. 1)' });
    await open.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => open.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => (await focusedElement(page)).tag).toBe('input');
    await expect.poll(() => first.getByLabel('Bestemmelse', { exact: true }).inputValue()).toBe('§ 11, stk. 3');
    await expect.poll(() => first.textContent()).toContain('Bestemmelsen findes ikke og indsættes.');
    await first.getByLabel('Ny tekst (projiceret)').fill(STK_3);

    // Without a note nothing is saved; the server's Danish message sits beside the field.
    await first.getByRole('button', { name: 'Gem' }).click();
    await visible(first.getByText('Ændringen er ikke gemt'));
    await expect.poll(() => first.getByLabel('Note', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'formular med fejl');

    await first.getByLabel('Note', { exact: true }).fill(NOTE);
    await first.getByRole('button', { name: 'Gem' }).click();
    await visible(section.getByRole('status').getByText('§ 11, stk. 3 er indsat i hånden.'));
    await expect.poll(() => first.textContent()).toContain(`anvendt i hånden af Kirsten Kravredaktør: ${NOTE}`);
    await expect.poll(() => first.getByRole('button', { name: /Anvend i hånden/ }).count()).toBe(0);
    // The projected text itself now has the new stk.
    const tree = page.locator('sb-provision-tree');
    await tree.getByLabel('Find i denne version').fill('sammenlagt 7 år inden for de seneste 8 år');
    await expect.poll(() => tree.evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '')).toContain('§ 11, stk. 3');
    await expectAccessible(page, 'ændring anvendt i hånden');
    await page.screenshot({ path: '/tmp/sporbar-anvend-i-haanden.png', fullPage: true });
  });
});
