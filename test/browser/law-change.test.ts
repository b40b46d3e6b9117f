// When a law changes, as a kravredaktør: register sygedagpengeloven LBK 1152/2011 through the upload form,
// see exactly the links to substantively changed provisions turn suspect, read the impact across solutions,
// draft lovvedligehold change requests, read the provision diff, and clear the review queue with every action.
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
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sporbar-law-${name}.png`, fullPage: true });

/**
 * The demo data's links into sygedagpengeloven whose provisions LOV 1599/2010 changes (incorporated by LBK
 * 1152/2011): the arbejdsgiverperiode goes from 21 to 30 days (§ 6, § 30, § 40, § 56) and the reckoning of
 * the 52 weeks changes (§ 24, stk. 2). KY-0002's § 24, stk. 1, KY-0003's § 7 and KSD-0004's § 13, stk. 1 stay current.
 */
const EXPECTED_SUSPECT = [
  'KSD-0001 § 40, stk. 1',
  'KSD-0002 § 6, stk. 1',
  'KSD-0002 § 30, stk. 1',
  'KSD-0003 § 56, stk. 1',
  'KY-0001 § 6, stk. 1',
  'KY-0001 § 30, stk. 1',
  'KY-0002 § 24, stk. 2',
];

/** The review queue's items, in the order shown, as "KY-0001 § 6, stk. 1", read from their headings. */
async function queueItems(page: Page): Promise<string[]> {
  const headings = await page.locator('li.item h3').allTextContents();
  return headings.map((t) => t.replace(/\s+/g, ' ').replace(/\s*→\s*sporer til Sygedagpengeloven /, ' ').trim());
}

/** One review item, by requirement and provision. */
const reviewItem = (page: Page, humanId: string, label: string) =>
  page.locator('li.item').filter({ has: page.getByRole('heading', { level: 3, name: `${humanId} sporer til Sygedagpengeloven ${label}`, exact: true }) });

/** The main navigation's review link; its name carries the count while there is one. */
const reviewNav = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: /^Gennemgang/ });

async function expectFocusOn(page: Page, tag: string, text: string | RegExp) {
  await expect.poll(() => focusedElement(page)).toMatchObject({ tag, text: expect.stringMatching(text) });
}

describe('en lov ændres', () => {
  it('registrerer LBK 1152/2011, viser konsekvens og forskel, og tømmer gennemgangskøen med alle fire handlinger', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/kilder/importer`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Registrér ny version'));
    // Nothing to review yet: the navigation item has no count.
    await visible(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Gennemgang', exact: true }));

    // Lovovervågning registers the new consolidated act, in force 2 January 2012.
    await page.getByLabel('Fil', { exact: true }).setInputFiles(path.join(SHARED_LEXDANIA, 'sygedagpengeloven', 'LBK-2011-1152.xml'));
    await page.getByLabel('I kraft fra').fill('2012-01-02');
    await page.getByLabel('Retskilde').selectOption({ label: 'Sygedagpengeloven' });
    await page.getByRole('button', { name: 'Registrér version' }).click();
    const result = page.locator('section.result');
    await visible(result.getByRole('heading', { name: 'LBK nr 1152 af 12/12/2011' }));
    await expect.poll(() => result.textContent()).toMatch(/Sporingslinks\s*10 kontrollerede, 7 mistænkte, 0 brudte/);
    // The shell hears about the import and counts the queue again.
    await visible(page.getByRole('link', { name: 'Gennemgang (7 links til gennemgang)' }));
    await expectAccessible(page, 'resultat af registrering med links til gennemgang');
    await shot(page, '01-registreret');

    // Impact: per solution, and the provisions both solutions trace to.
    await result.getByRole('link', { name: 'Se konsekvens for kravene' }).click();
    await visible(h1(page, 'Konsekvens af LBK nr 1152 af 12/12/2011'));
    await visible(page.getByRole('heading', { level: 2, name: 'Kommunernes Ydelsessystem (KY)' }));
    await visible(page.getByRole('heading', { level: 2, name: 'Kommunernes Sygedagpengesystem (KSD)' }));
    const cross = page.getByRole('table', { name: 'Bestemmelser, som flere løsninger sporer til' });
    await expect.poll(async () => (await cross.getByRole('row').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringContaining('Bestemmelse'),
      expect.stringMatching(/§ 6, stk\. 1.*KSD.*KY/),
      expect.stringMatching(/§ 30, stk\. 1.*KSD.*KY/),
    ]);
    const ky = page.getByRole('table', { name: 'Ændrede bestemmelser og berørte krav i Kommunernes Ydelsessystem' });
    await expect.poll(() => ky.getByRole('row').count()).toBe(4); // header + § 6, stk. 1, § 24, stk. 2, § 30, stk. 1
    await expect.poll(() => ky.textContent()).toContain('Ændret i nr. 1 og nr. 2');
    await visible(ky.getByRole('link', { name: 'Varighedsbegrænsning' }));
    await expectAccessible(page, 'konsekvens');
    await shot(page, '02-konsekvens');

    // The CSV is a plain download link; one row per affected requirement and provision.
    const csvHref = await page.getByRole('link', { name: 'Hent CSV' }).getAttribute('href');
    const csv = await page.request.get(`${h.baseUrl}${csvHref}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(1 + 7);

    // Printing hides the navigation and keeps every section.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Udskriv' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 2, name: /På tværs af løsninger/ }).isVisible()).toBe(true);
    await shot(page, '03-konsekvens-udskrift');
    await page.emulateMedia({ media: 'screen' });

    // One action drafts a lovvedligehold change request per affected solution.
    await page.getByRole('button', { name: 'Opret lovvedligehold-udkast' }).click();
    const drafts = page.getByRole('status').filter({ hasText: 'udkast til lovvedligehold er oprettet' });
    await visible(drafts);
    expect(await drafts.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => drafts.getByRole('link').evaluateAll((as) => as.map((a) => decodeURIComponent(new URL((a as HTMLAnchorElement).href).pathname)))).toEqual([
      '/aendringsforslag/KSD-ÆF-0001',
      '/aendringsforslag/KY-ÆF-0001',
    ]);
    await expect.poll(() => drafts.textContent()).toContain('frist 2. jan. 2012');
    expect(await page.getByRole('button', { name: 'Opret lovvedligehold-udkast' }).count()).toBe(0);
    // Each solution's section names its request, also when the page is opened again later.
    const kySection = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /\(KY\)/ }) });
    await expect.poll(() => kySection.getByRole('link', { name: 'KY-ÆF-0001' }).count()).toBe(1);
    await expectAccessible(page, 'konsekvens med oprettede udkast');
    await page.reload();
    await visible(kySection.getByRole('link', { name: 'KY-ÆF-0001' }));
    await expect.poll(() => kySection.locator('.solution-header').textContent()).toMatch(/Ændringsforslag\s*KY-ÆF-0001\s*\(til lovudredning\)/);
    expect(await page.getByRole('button', { name: 'Opret lovvedligehold-udkast' }).count()).toBe(0);

    // The diff: substantive changes only by default, side by side.
    await page.getByRole('link', { name: 'Se forskellen' }).click();
    await visible(h1(page, 'Forskel mellem versioner'));
    const changes = page.locator('li.change');
    await expect.poll(() => changes.count()).toBe(7);
    const p6 = changes.filter({ has: page.getByRole('heading', { level: 3, name: '§ 6, stk. 1', exact: true }) });
    await expect.poll(() => p6.locator('del').allTextContents()).toEqual(['[fjernet: 21]']);
    await expect.poll(() => p6.locator('ins').allTextContents()).toEqual(['[tilføjet: 30]']);
    expect(await p6.locator('del').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    await expectAccessible(page, 'forskel side om side');
    await shot(page, '04-forskel');

    // Jump between changes with the keyboard; focus lands on the change's heading.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await expectFocusOn(page, 'h3', /^§ 6, stk\. 1$/);
    await page.keyboard.press('n');
    await expectFocusOn(page, 'h3', /^§ 24, stk\. 2, nr\. 1$/);
    await page.keyboard.press('k');
    await expectFocusOn(page, 'h3', /^§ 6, stk\. 1$/);
    await visible(page.getByRole('status').filter({ hasText: 'Ændring 1 af 7' }));
    await page.getByRole('button', { name: 'Næste ændring' }).click();
    await expectFocusOn(page, 'h3', /^§ 24, stk\. 2, nr\. 1$/);
    // A letter typed into a field stays in the field.
    await page.getByLabel('Fra version').focus();
    await page.keyboard.press('j');
    await expectFocusOn(page, 'select', /LBK/);

    // Inline: one text with the deletion and the insertion.
    await page.getByRole('radio', { name: 'Samlet tekst' }).check();
    await expect.poll(() => p6.locator('p.law').count()).toBe(1);
    await expect.poll(() => p6.locator('p.law').textContent()).toContain('[fjernet: 21][tilføjet: 30] kalenderdage');
    // All changes: LBK 1152/2011 changes nothing in form only (its numbered lists are read as the items they are, in
    // both versions), so the same seven changes show, none marked as form.
    await page.getByRole('checkbox', { name: 'Kun indholdsmæssige ændringer' }).uncheck();
    await expect.poll(() => changes.count()).toBe(7);
    await expect.poll(() => page.locator('sb-change-badge[kind="formal"]').count()).toBe(0);
    await expectAccessible(page, 'forskel samlet, alle ændringer');
    await shot(page, '05-forskel-samlet');

    // The review queue: exactly the seven links to changed provisions.
    await reviewNav(page).click();
    await visible(h1(page, 'Gennemgang af sporingslinks'));
    await expect.poll(() => queueItems(page)).toEqual(EXPECTED_SUSPECT);
    await visible(page.getByText('7 links til gennemgang: 7 mistænkte, 0 brudte.'));
    const p6ky = reviewItem(page, 'KY-0001', '§ 6, stk. 1');
    expect(await p6ky.locator('sb-word-diff[side="old"] del').allTextContents()).toEqual(['[fjernet: 21]']);
    expect(await p6ky.locator('sb-word-diff[side="new"] ins').allTextContents()).toEqual(['[tilføjet: 30]']);
    await expectAccessible(page, '/gennemgang');
    await shot(page, '06-gennemgang');

    // Per solution.
    await page.getByRole('navigation', { name: 'Filtrér efter løsning' }).getByRole('link', { name: /^Kommunernes Ydelsessystem/ }).click();
    await expect.poll(() => queueItems(page)).toEqual(EXPECTED_SUSPECT.filter((i) => i.startsWith('KY-')));
    expect(new URL(page.url()).search).toBe('?solution=KY');

    // Confirm: a reason is required.
    let item = reviewItem(page, 'KY-0001', '§ 30, stk. 1');
    await item.getByRole('button', { name: 'Bekræft', exact: true }).click();
    await expectFocusOn(page, 'textarea', '');
    await item.getByRole('button', { name: 'Bekræft link' }).click();
    await visible(item.getByText('Skriv en begrundelse'));
    await expectAccessible(page, 'bekræft uden begrundelse');
    await item.getByLabel('Begrundelse').fill('Kravet henviser til arbejdsgiverperioden uden at nævne dens længde.');
    await item.getByRole('button', { name: 'Bekræft link' }).click();
    await hidden(item);
    await visible(page.getByRole('status').filter({ hasText: 'KY-0001 § 30, stk. 1: linket er bekræftet ved LBK nr 1152 af 12/12/2011.' }));
    // Focus moves on to the item that took its place.
    await expectFocusOn(page, 'h3', /^KY-0002.*§ 24, stk\. 2$/);
    await visible(page.getByRole('link', { name: 'Gennemgang (6 links til gennemgang)' }));

    // Edit the requirement and confirm; a colleague's save in between is caught (409) and nothing typed is lost.
    item = reviewItem(page, 'KY-0001', '§ 6, stk. 1');
    await item.getByRole('button', { name: 'Ret krav og bekræft' }).click();
    const text = item.getByLabel('Kravtekst');
    await expect.poll(() => text.inputValue()).toContain('længden af arbejdsgiverperioden');
    const me = (await (await page.request.get(`${h.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
    const current = (await (await page.request.get(`${h.baseUrl}/api/requirements/KY-0001`)).json()) as { version: number; text: string };
    const put = await page.request.put(`${h.baseUrl}/api/requirements/KY-0001`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { version: current.version, text: `${current.text} Kollegaens tilføjelse.`, reason: 'Samtidig rettelse' },
    });
    expect(put.status()).toBe(200);
    const revised = 'Løsningen skal kunne afgøre, om sygedagpenge for en given fraværsdag udbetales af arbejdsgiveren (de første 30 kalenderdage) eller af kommunen.';
    await text.fill(revised);
    await item.getByLabel('Begrundelse for ændringen').fill('Arbejdsgiverperioden er forlænget til 30 dage (LOV 1599/2010).');
    await item.getByRole('button', { name: 'Gem ny version og bekræft' }).click();
    await visible(item.getByRole('alert').filter({ hasText: 'Kravet er ændret af en anden' }));
    await expectAccessible(page, 'konflikt ved ret krav');
    await shot(page, '07-konflikt');
    await item.getByRole('button', { name: 'Hent nyeste version' }).click();
    await expect.poll(() => text.inputValue()).toContain('Kollegaens tilføjelse.');
    await expect.poll(() => item.locator('.unsaved').textContent()).toContain('de første 30 kalenderdage');
    await text.fill(revised);
    await item.getByRole('button', { name: 'Gem ny version og bekræft' }).click();
    await hidden(item);
    await visible(page.getByRole('status').filter({ hasText: 'KY-0001 er gemt som version 3, og linket er bekræftet.' }));

    // Remove: the last KY item.
    item = reviewItem(page, 'KY-0002', '§ 24, stk. 2');
    await item.getByRole('button', { name: 'Fjern sporing' }).click();
    await item.getByLabel('Hvorfor fjernes sporingen?').fill('Kravet dækkes af § 24, stk. 1.');
    await item.locator('form').getByRole('button', { name: 'Fjern sporing' }).click();
    await hidden(item);
    // KY's queue is empty; focus lands on the empty state.
    await visible(page.getByRole('heading', { level: 2, name: 'Intet at gennemgå' }));
    await expectFocusOn(page, 'div', /Intet at gennemgå/);
    await expectAccessible(page, '/gennemgang?solution=KY tom');

    // Across solutions again: KSD's four.
    await page.getByRole('link', { name: 'Se alle løsninger' }).click();
    await expect.poll(() => queueItems(page)).toEqual(EXPECTED_SUSPECT.filter((i) => i.startsWith('KSD-')));

    // Move: to the whole § 40, searched within the same act.
    item = reviewItem(page, 'KSD-0001', '§ 40, stk. 1');
    await item.getByRole('button', { name: 'Flyt til anden bestemmelse' }).click();
    await expectFocusOn(page, 'input', '');
    expect(await item.getByLabel('Retskilde').count()).toBe(0);
    await item.getByLabel('Søg bestemmelse').fill('§ 40');
    await item.getByRole('button', { name: 'Søg', exact: true }).click();
    await item.getByRole('radio', { name: /^Sygedagpengeloven § 40 / }).check();
    await visible(item.getByText('Valgt: Sygedagpengeloven § 40'));
    await item.getByLabel('Begrundelse').fill('Kravet dækker hele anmeldelsespligten i § 40.');
    await expectAccessible(page, 'flyt sporing');
    await shot(page, '08-flyt');
    await item.getByRole('button', { name: 'Flyt sporing' }).click();
    await hidden(item);
    await visible(page.getByRole('status').filter({ hasText: 'KSD-0001 § 40, stk. 1: sporingen er flyttet til § 40.' }));

    // Confirm the rest, the keyboard way: focus is already on the next item's heading.
    for (const label of ['§ 6, stk. 1', '§ 30, stk. 1']) {
      item = reviewItem(page, 'KSD-0002', label);
      await expectFocusOn(page, 'h3', new RegExp(`^KSD-0002.*${label.replace(/\./g, '\\.')}$`));
      await item.getByRole('button', { name: 'Bekræft', exact: true }).click();
      await page.keyboard.type('Kravet afhænger ikke af periodens længde.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await hidden(item);
    }
    item = reviewItem(page, 'KSD-0003', '§ 56, stk. 1');
    await item.getByRole('button', { name: 'Bekræft', exact: true }).click();
    await item.getByLabel('Begrundelse').fill('Refusionsaftalen gælder stadig.');
    await item.getByRole('button', { name: 'Bekræft link' }).click();
    await hidden(item);

    // The queue is empty and the count is gone from the navigation.
    await visible(page.getByRole('heading', { level: 2, name: 'Intet at gennemgå' }));
    await visible(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Gennemgang', exact: true }));
    expect(await page.locator('sb-review-count .count').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Filtrér efter løsning' }).count()).toBe(0);
    await expectAccessible(page, '/gennemgang tom');
    await shot(page, '09-gennemgang-tom');

    // The edited requirement has its new text and traces, current, to the new version.
    await page.goto(`${h.baseUrl}/krav/KY-0001`);
    await visible(h1(page, 'Fordeling af udbetalingen mellem arbejdsgiver og kommune'));
    await expect.poll(() => page.locator('.requirement-text').textContent()).toBe(revised);
    const links = page.locator('li.link-card');
    await expect.poll(() => links.allTextContents()).toEqual([expect.stringContaining('Aktuel'), expect.stringContaining('Aktuel')]);
    // About 25 s on an idle machine; the margin is for a busy CI runner, not for the journey to grow into.
  }, 120_000);

  it('lader retskildens tidslinje sammenligne to vilkårlige versioner og linker til konsekvensen', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/kilder`);
    await logIn(page, 'laeser');
    await page.getByRole('link', { name: 'Sygedagpengeloven' }).click();
    await visible(h1(page, 'Sygedagpengeloven'));
    await visible(page.getByRole('link', { name: 'Konsekvens af LBK nr 1152 af 12/12/2011 for kravene' }));
    // The oldest against the newest: both arbejdsgiverperiode changes of 2011 at once.
    await page.getByLabel('Fra', { exact: true }).selectOption({ label: 'LBK nr 85 af 07/02/2011 (7. feb. 2011)' });
    await page.getByRole('button', { name: 'Sammenlign' }).click();
    await visible(h1(page, 'Forskel mellem versioner'));
    await visible(page.getByText(/Fra LBK nr 85 af 07\/02\/2011 .* til LBK nr 1152 af 12\/12\/2011/));
    await expect.poll(() => page.locator('li.change').count()).toBeGreaterThan(7);
    // Comparing more than one step has no single impact page.
    expect(await page.getByRole('link', { name: /Konsekvens for kravene/ }).count()).toBe(0);
    await expectAccessible(page, 'forskel LBK 85 → LBK 1152');
    // A reader sees the impact but cannot draft change requests.
    await page.goto(`${h.baseUrl}/versioner/${new URL(page.url()).searchParams.get('til')}/konsekvens`);
    await visible(h1(page, 'Konsekvens af LBK nr 1152 af 12/12/2011'));
    await visible(page.getByRole('link', { name: 'Hent CSV' }));
    expect(await page.getByRole('button', { name: 'Opret lovvedligehold-udkast' }).count()).toBe(0);
  });
});
