// The foundation journey, as a kravredaktør: find a solution's requirements, write a new requirement,
// trace it to a provision, see it from the provision's side, edit it and read the word diff.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, focusedElement, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sporbar-${name}.png`, fullPage: true });

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

/** The page's h1, wherever in the shadow DOM it is. */
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** The requirement's current text as the detail page shows it. */
const requirementText = (page: Page) => page.locator('.requirement-text').textContent().then((t) => t?.trim());

async function expectHeadingFocused(page: Page, text: string | RegExp) {
  await expect.poll(() => focusedElement(page)).toMatchObject({ tag: 'h1', text: expect.stringMatching(text) });
}

const TITLE = 'Registrering af udbetalingsansvar ved sygefravær';
const TEXT_V1 =
  'Løsningen skal for hvert sygefravær registrere, om sygedagpengene udbetales af kommunen eller af arbejdsgiveren, og skifte udbetalingsansvaret til kommunen, når arbejdsgiverperioden er udløbet.';
const TEXT_V2 =
  'Løsningen skal for hvert sygefravær registrere, om sygedagpengene udbetales af kommunen eller af arbejdsgiveren, og automatisk skifte udbetalingsansvaret til kommunen, når de 21 kalenderdage i arbejdsgiverperioden er gået.';

describe('sporing fra krav til bestemmelse', () => {
  it('opretter et krav, sporer det til sygedagpengeloven § 6, stk. 1, ser det fra bestemmelsen og ser ordforskellen efter en rettelse', async () => {
    const page = await h.newPage();

    // Login stands in front of every page.
    await page.goto(`${h.baseUrl}/`);
    await visible(h1(page, 'Log ind'));
    await expectAccessible(page, 'login');
    await logIn(page, 'kravredaktoer');

    // Løsninger
    await visible(h1(page, 'Løsninger'));
    await visible(page.getByRole('link', { name: 'Kommunernes Ydelsessystem', exact: true }));
    expect(await page.title()).toBe('Løsninger – Sporbar');
    await expectAccessible(page, '/');
    await shot(page, '01-losninger');

    // A solution's requirement list
    await page.getByRole('link', { name: 'Kommunernes Ydelsessystem', exact: true }).click();
    await visible(h1(page, 'Krav'));
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/krav?solution=KY');
    await expectHeadingFocused(page, /^Krav$/);
    await visible(page.getByRole('link', { name: 'Fordeling af udbetalingen mellem arbejdsgiver og kommune' }));
    await expect.poll(() => page.title()).toBe('Krav – Kommunernes Ydelsessystem – Sporbar');
    await expectAccessible(page, '/krav?solution=KY');
    await shot(page, '02-krav');

    // Create: the server's validation shows next to the field it concerns.
    await page.getByRole('link', { name: 'Opret krav' }).click();
    await visible(h1(page, 'Opret krav'));
    expect(await page.getByLabel('Løsning').inputValue()).toBe('KY');
    await page.getByRole('button', { name: 'Opret krav' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Kravet blev ikke oprettet' }));
    await visible(page.locator('#title-error').filter({ hasText: 'Titlen mangler' }));
    expect(await page.getByLabel('Titel').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, '/krav/ny med fejl');
    await shot(page, '03-opret-fejl');

    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Kravtekst').fill(TEXT_V1);
    await page.getByLabel('Type').selectOption('regel');
    await page.getByLabel('Udbudskategori').selectOption('mindstekrav');
    await page.getByLabel('Begrundelse (valgfri)').fill('Lovudredning af sygedagpengeloven, faggruppemøde marts');
    await page.getByRole('button', { name: 'Opret krav' }).click();

    // The new requirement
    await visible(h1(page, TITLE));
    const humanId = new URL(page.url()).pathname.split('/').pop()!;
    expect(humanId).toMatch(/^KY-\d{4}$/);
    await expectHeadingFocused(page, TITLE);
    await expect.poll(() => requirementText(page)).toBe(TEXT_V1);
    await visible(page.getByText('Kravet sporer endnu ikke til nogen bestemmelse.'));
    expect(await page.title()).toBe(`${humanId} ${TITLE} – Sporbar`);
    await expectAccessible(page, `/krav/${humanId}`);

    // Trace it: search by citation, pick the provision in sygedagpengeloven, give the reason.
    await page.getByRole('button', { name: 'Tilføj sporing' }).click();
    await page.getByLabel('Søg bestemmelse').fill('§ 6, stk. 1');
    await page.getByRole('search', { name: 'Find bestemmelse at spore til' }).getByRole('button', { name: 'Søg', exact: true }).click();
    const hit = page.getByRole('radio', { name: /^Sygedagpengeloven § 6, stk\. 1 / });
    await visible(hit);
    await hit.check();
    await visible(page.getByText('Valgt: Sygedagpengeloven § 6, stk. 1'));
    await page.getByLabel('Begrundelse for sporingen').fill('Bestemmelsen fordeler udbetalingen mellem kommune og arbejdsgiver.');
    await expectAccessible(page, `/krav/${humanId} med sporingssøgning`);
    await shot(page, '04-tilfoej-sporing');
    await page.getByRole('button', { name: 'Gem sporing' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Sporingen til Sygedagpengeloven § 6, stk. 1 er gemt.' }));
    const linkCard = page.locator('li.link-card', { has: page.getByRole('heading', { name: 'Sygedagpengeloven § 6, stk. 1' }) });
    await visible(linkCard);
    await expect.poll(() => linkCard.textContent()).toContain('Aktuel');
    await expect.poll(() => linkCard.textContent()).toContain('Kommunen udbetaler sygedagpenge under sygefravær');
    await expect.poll(() => linkCard.textContent()).toContain('Bestemmelsen fordeler udbetalingen mellem kommune og arbejdsgiver.');
    await expectAccessible(page, `/krav/${humanId} med sporing`);
    await shot(page, '05-krav-med-sporing');

    // From the link to the provision, where the requirement is listed under its solution.
    await linkCard.getByRole('link', { name: 'Sygedagpengeloven § 6, stk. 1' }).click();
    await visible(h1(page, '§ 6, stk. 1'));
    await expectHeadingFocused(page, '§ 6, stk. 1');
    expect(await page.title()).toBe('Sygedagpengeloven § 6, stk. 1 – Sporbar');
    const kyGroup = page.locator('.solution-group', { has: page.getByRole('heading', { name: /Kommunernes Ydelsessystem/ }) });
    await visible(kyGroup.getByRole('link', { name: TITLE }));
    await expect.poll(() => kyGroup.textContent()).toContain(humanId);
    await expectAccessible(page, 'bestemmelse § 6, stk. 1');
    await shot(page, '06-bestemmelse');

    // Back goes back, forward goes forward.
    await page.goBack();
    await visible(h1(page, TITLE));
    await expectHeadingFocused(page, TITLE);
    await page.goForward();
    await visible(h1(page, '§ 6, stk. 1'));
    await page.goBack();
    await visible(h1(page, TITLE));

    // Edit: a new version, then the word diff in the history.
    await page.getByRole('link', { name: `Rediger ${humanId}` }).click();
    await visible(h1(page, `Rediger ${humanId}`));
    await expect.poll(() => page.getByLabel('Kravtekst').inputValue()).toBe(TEXT_V1);
    await expectAccessible(page, `/krav/${humanId}/rediger`);
    await page.getByLabel('Kravtekst').fill(TEXT_V2);
    await page.getByLabel('Status').selectOption('godkendt');
    await page.getByLabel('Begrundelse for ændringen').fill('Præciseret efter faggruppemødet');
    await page.getByRole('button', { name: 'Gem ny version' }).click();

    await visible(h1(page, TITLE));
    await expect.poll(() => requirementText(page)).toBe(TEXT_V2);
    const history = page.getByRole('table', { name: /Versioner af/ });
    await expect.poll(() => history.getByRole('row').count()).toBe(3); // header + two versions
    await expect.poll(() => history.textContent()).toContain('Præciseret efter faggruppemødet');
    const textDiff = page.locator('.diff-block', { has: page.getByRole('heading', { name: 'Tekst' }) });
    await expect.poll(() => textDiff.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('automatisk'), expect.stringContaining('21 kalenderdage')]),
    );
    await expect.poll(() => textDiff.locator('del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('udløbet')]));
    await expect.poll(() => textDiff.locator('ins').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('underline');
    await expect.poll(() => textDiff.locator('del').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    await expectAccessible(page, `/krav/${humanId} med historik`);
    await shot(page, '07-historik-diff');

    // Removing a trace link asks why; the reason is required.
    await linkCard.getByRole('button', { name: 'Fjern sporing til Sygedagpengeloven § 6, stk. 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fjern sporing' });
    await visible(dialog);
    await dialog.getByRole('button', { name: 'Fjern sporing' }).click();
    await visible(dialog.getByText('Skriv en begrundelse'));
    await expectAccessible(page, 'dialog: fjern sporing');
    await dialog.getByLabel('Hvorfor fjernes sporingen?').fill('Kravet dækkes af § 30 i stedet.');
    await dialog.getByRole('button', { name: 'Fjern sporing' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Sporingen til Sygedagpengeloven § 6, stk. 1 er fjernet.' }));
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await visible(page.getByText('Kravet sporer endnu ikke til nogen bestemmelse.'));
  });

  it('melder en samtidig ændring (409) og lader brugeren hente den nyeste version uden at miste sin tekst', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/krav/KY-0002/rediger`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Rediger KY-0002'));
    await expect.poll(() => page.getByLabel('Titel').inputValue()).not.toBe('');

    // A colleague saves first, through the API in the same session.
    const me = (await (await page.request.get(`${h.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
    const current = (await (await page.request.get(`${h.baseUrl}/api/requirements/KY-0002`)).json()) as { version: number };
    const put = await page.request.put(`${h.baseUrl}/api/requirements/KY-0002`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { version: current.version, text: 'Kollegaens nye kravtekst om varighedsbegrænsning.', reason: 'Samtidig rettelse' },
    });
    expect(put.status()).toBe(200);

    await page.getByLabel('Titel').fill('Varighedsbegrænsning efter 22 uger');
    await page.getByLabel('Begrundelse for ændringen').fill('Ny varighedsregel');
    await page.getByRole('button', { name: 'Gem ny version' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Kravet er ændret af en anden' });
    await visible(conflict);
    await expectAccessible(page, 'konflikt ved redigering');
    await shot(page, '08-konflikt');

    await page.getByRole('button', { name: 'Hent nyeste version' }).click();
    await expect.poll(() => page.getByLabel('Kravtekst').inputValue()).toBe('Kollegaens nye kravtekst om varighedsbegrænsning.');
    await visible(page.getByText('Dine ændringer, der ikke blev gemt'));
    await expect.poll(() => page.locator('.unsaved').textContent()).toContain('Varighedsbegrænsning efter 22 uger');

    await page.getByLabel('Titel').fill('Varighedsbegrænsning efter 22 uger');
    await page.getByLabel('Begrundelse for ændringen').fill('Ny varighedsregel');
    await page.getByRole('button', { name: 'Gem ny version' }).click();
    await visible(h1(page, 'Varighedsbegrænsning efter 22 uger'));
    await expect.poll(() => requirementText(page)).toBe('Kollegaens nye kravtekst om varighedsbegrænsning.');
  });

  it('viser ikke redigering for en læser', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/krav?solution=KY`);
    await logIn(page, 'laeser');
    await visible(h1(page, 'Krav'));
    await visible(page.getByRole('link', { name: 'Fordeling af udbetalingen mellem arbejdsgiver og kommune' }));
    expect(await page.getByRole('link', { name: 'Opret krav' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Fordeling af udbetalingen mellem arbejdsgiver og kommune' }).click();
    await visible(h1(page, 'Fordeling af udbetalingen mellem arbejdsgiver og kommune'));
    await visible(page.getByRole('heading', { name: /Sporing til lovgivning/ }));
    expect(await page.getByRole('link', { name: /^Rediger/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Tilføj sporing' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Fjern sporing/ }).count()).toBe(0);
  });
});
