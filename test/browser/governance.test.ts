// The governance journey: logging in, and one videreudvikling carried from proposal to done by the roles the
// governance model names, each logging in with their own account; plus the admin page for users.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sporbar-governance-${name}.png`, fullPage: true });
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log ud' }).click();
  await visible(h1(page, 'Log ind'));
  await visible(page.getByText('Du er logget ud.'));
}

/** Takes a lifecycle step through its dialog, which asks for the reason. */
async function takeStep(page: Page, label: string, reason: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await visible(dialog);
  await dialog.getByLabel('Begrundelse').fill(reason);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

/** The step the lifecycle stepper marks as where the request is. */
const currentStep = (page: Page) => page.locator('sb-lifecycle-stepper li[aria-current="step"] .label').textContent();

const TITLE = 'Selvbetjening: borgeren kan se sin sygedagpengesag';
const REASONS = {
  anbefal: 'Faggruppen anbefaler forslaget som nr. 2 i prioriteringen; det sparer mange telefonopkald.',
  godkend: 'Godkendt på styregruppemødet; holdes inden for budgetrammen for 2026.',
  igangsaet: 'Aftalt med leverandøren; leveres i release 26.2.',
  udfoer: 'Leveret i release 26.2 og i drift.',
};

describe('styringsmodellen i browseren', () => {
  it('logger ind og ud, og fører en videreudvikling fra kommunens forslag til udført', async () => {
    const page = await h.newPage();

    // A wrong password is refused without saying whether the name or the password was wrong.
    await page.goto(`${h.baseUrl}/`);
    await visible(h1(page, 'Log ind'));
    await logIn(page, 'kommune', 'forkert-adgangskode');
    const refusal = page.getByRole('alert');
    await visible(refusal);
    expect((await refusal.textContent())?.trim()).toBe('Forkert brugernavn eller adgangskode');
    expect(await page.getByLabel('Adgangskode').inputValue()).toBe('');
    await expectAccessible(page, 'login med fejl');
    await shot(page, '01-login-fejl');

    // The right password lands in the app, with "Mit arbejde" first in the menu.
    await logIn(page, 'kommune');
    await visible(h1(page, 'Løsninger'));
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    expect((await menu.getByRole('link').first().textContent())?.trim()).toBe('Mit arbejde');
    expect(await menu.getByRole('link', { name: 'Brugere' }).count()).toBe(0);
    await expectAccessible(page, '/ efter login');

    // The kommune registers a videreudvikling; the form explains the classes and insists on a deadline for lovvedligehold.
    await menu.getByRole('link', { name: 'Ændringsforslag' }).click();
    await visible(h1(page, 'Ændringsforslag'));
    await visible(page.getByRole('navigation', { name: 'Klasser' }));
    await expectAccessible(page, '/aendringsforslag');
    await page.getByRole('link', { name: 'Registrér ændringsforslag' }).click();
    await visible(h1(page, 'Registrér ændringsforslag'));
    await page.getByLabel('Løsning', { exact: true }).selectOption('KY');
    await page.getByRole('radio', { name: /^Lovvedligehold/ }).check();
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Beskrivelse').fill('Borgeren skal kunne følge sin sag om sygedagpenge på borger.dk i stedet for at ringe til kommunen.');
    await page.getByLabel('Forslagsstiller').fill('Aarhus Kommune');
    await page.getByRole('button', { name: 'Registrér ændringsforslag' }).click();
    await visible(page.locator('#deadline-error').filter({ hasText: 'Lovvedligehold skal have en frist' }));
    expect(await page.getByLabel(/^Frist/).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, '/aendringsforslag/ny med fejl');

    await page.getByRole('radio', { name: /^Videreudvikling/ }).check();
    await visible(page.getByText('Styregruppen skal godkende; faggruppen anbefaler en prioritering.'));
    await page.getByLabel('Søg krav i KY').fill('udbetaling');
    await page.getByRole('button', { name: 'Søg krav' }).click();
    await page.getByRole('checkbox', { name: /Fordeling af udbetalingen mellem arbejdsgiver og kommune/ }).check();
    await visible(page.getByRole('list', { name: 'Valgte krav' }));
    await shot(page, '02-opret');
    await page.getByRole('button', { name: 'Registrér ændringsforslag' }).click();

    await visible(h1(page, TITLE));
    const path = new URL(page.url()).pathname;
    expect(path).toMatch(/^\/aendringsforslag\/KY-%C3%86F-\d{4}$/);
    const humanId = decodeURIComponent(path.split('/').pop()!);
    await expect.poll(() => currentStep(page)).toContain('Oprettet');
    await visible(page.getByText('Afventer faggruppen:'));
    expect(await page.getByRole('button', { name: 'Anbefal til styregruppen' }).count()).toBe(0);
    await visible(page.getByRole('link', { name: /Fordeling af udbetalingen mellem arbejdsgiver og kommune/ }));
    await expectAccessible(page, `${humanId} oprettet`);
    await shot(page, '03-oprettet');
    await logOut(page);

    // The faggruppe finds it in "Mit arbejde" and recommends it.
    await logIn(page, 'faggruppe');
    await visible(h1(page, TITLE));
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit arbejde' }).click();
    await visible(h1(page, 'Mit arbejde'));
    await expectAccessible(page, '/mit-arbejde som faggruppe');
    const faggruppeSection = page.getByRole('region', { name: /Lovudredning og anbefalinger/ });
    await faggruppeSection.getByRole('link', { name: TITLE }).click();
    await visible(h1(page, TITLE));
    await page.getByRole('button', { name: 'Anbefal til styregruppen', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Anbefal til styregruppen' });
    await visible(dialog);
    await dialog.getByRole('button', { name: 'Anbefal til styregruppen' }).click();
    await visible(dialog.getByText('Skriv en begrundelse'));
    await expectAccessible(page, 'dialog: anbefal');
    await dialog.getByLabel('Begrundelse').fill(REASONS.anbefal);
    await dialog.getByRole('button', { name: 'Anbefal til styregruppen' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'er nu «Anbefalet af faggruppen»' }));
    await expect.poll(() => currentStep(page)).toContain('Anbefalet af faggruppen');

    // Only the steering group approves: the faggruppe gets no button, and the page says who decides.
    expect(await page.getByRole('button', { name: 'Godkend', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Afvis', exact: true }).count()).toBe(0);
    await visible(page.getByText('Afventer styregruppen: godkend eller afvis.'));
    await expectAccessible(page, `${humanId} anbefalet`);
    await shot(page, '04-anbefalet-faggruppe');
    await logOut(page);

    // The steering group (KY) sees it waiting in "Mit arbejde" and approves it.
    await logIn(page, 'styregruppe');
    await visible(h1(page, TITLE));
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit arbejde' }).click();
    await visible(h1(page, 'Mit arbejde'));
    const approvals = page.getByRole('region', { name: /Afventer styregruppens godkendelse/ });
    await visible(approvals.getByRole('link', { name: TITLE }));
    await visible(page.getByRole('heading', { name: 'Frister' }));
    await expectAccessible(page, '/mit-arbejde som styregruppe');
    await shot(page, '05-mit-arbejde-styregruppe');
    await approvals.getByRole('link', { name: TITLE }).click();
    await visible(h1(page, TITLE));
    await takeStep(page, 'Godkend', REASONS.godkend);
    await expect.poll(() => currentStep(page)).toContain('Godkendt af styregruppen');
    await visible(page.getByText('Afventer projektlederen: igangsæt med leverandøren.'));
    await logOut(page);

    // The project manager starts it with the supplier.
    await logIn(page, 'projektleder');
    await visible(h1(page, TITLE));
    await takeStep(page, 'Igangsæt med leverandøren', REASONS.igangsaet);
    await expect.poll(() => currentStep(page)).toContain('Under udførelse');
    await logOut(page);

    // The supplier marks it done.
    await logIn(page, 'leverandoer');
    await visible(h1(page, TITLE));
    await takeStep(page, 'Markér som udført', REASONS.udfoer);

    // Closed and read-only, with the whole story.
    await visible(page.getByText('Ændringsforslaget er afsluttet (udført)'));
    await expect.poll(() => currentStep(page)).toContain('Udført');
    expect(await page.getByRole('heading', { name: 'Næste skridt' }).count()).toBe(0);
    expect(await page.getByLabel('Skriv en kommentar').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Rediger|Angiv estimat|Ret klasse|Tilføj bilag/ }).count()).toBe(0);
    const timeline = page.locator('ol.timeline > li');
    await expect.poll(() => timeline.count()).toBe(5);
    const story = await page.locator('ol.timeline').textContent();
    for (const reason of Object.values(REASONS)) expect(story).toContain(reason);
    for (const who of ['Kalle Kommune', 'Fatima Faggruppe', 'Søren Styregruppe', 'Peter Projektleder', 'Lene Leverandør']) expect(story).toContain(who);

    await page.getByRole('button', { name: /^Historik/ }).click();
    const audit = page.getByRole('table', { name: /Historik/ });
    await visible(audit);
    await expect.poll(() => audit.getByRole('row').count()).toBe(6); // header + registered + four steps
    const trail = await audit.textContent();
    expect(trail).toContain('Godkendt');
    expect(trail).toContain(REASONS.godkend);
    expect(trail).toContain('Anbefalet af faggruppen');
    await expectAccessible(page, `${humanId} udført med historik`);
    await shot(page, '06-udfoert');
    await logOut(page);
  });

  it('melder en samtidig rettelse af forslaget (409) og lader projektlederen hente den nyeste version uden at miste sin tekst', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/aendringsforslag`);
    await logIn(page, 'projektleder');
    await visible(h1(page, 'Ændringsforslag'));
    const me = (await (await page.request.get(`${h.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': me.csrfToken };
    const created = await page.request.post(`${h.baseUrl}/api/change-requests`, { headers, data: { solution: 'KY', class: 'teknisk', title: 'Opgradering af databasen', proposer: 'Leverandøren' } });
    expect(created.status()).toBe(201);
    const { humanId } = (await created.json()) as { humanId: string };
    const api = `${h.baseUrl}/api/change-requests/${encodeURIComponent(humanId)}`;

    await page.goto(`${h.baseUrl}/aendringsforslag/${encodeURIComponent(humanId)}`);
    await visible(h1(page, 'Opgradering af databasen'));
    await page.getByRole('button', { name: 'Rediger' }).click();
    await expect.poll(() => page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Opgradering af databasen');

    // A colleague saves first, from the same version.
    const { version } = (await (await page.request.get(api)).json()) as { version: number };
    const colleague = await page.request.patch(api, { headers, data: { version, estimateHours: 40, reason: 'Leverandørens estimat' } });
    expect(colleague.status()).toBe(200);

    await page.getByLabel('Titel', { exact: true }).fill('Opgradering af databasen til PostgreSQL 17');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Forslaget er ændret af en anden' });
    await visible(conflict);
    expect(await conflict.textContent()).toContain('er ændret af en anden siden du åbnede det; genindlæs');
    await expectAccessible(page, `${humanId}: konflikt ved redigering`);
    await shot(page, '09-konflikt');

    await page.getByRole('button', { name: 'Hent nyeste version' }).click();
    await expect.poll(() => page.getByLabel('Estimat i timer').inputValue()).toBe('40');
    expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Opgradering af databasen');
    await visible(page.getByText('Dine ændringer, der ikke blev gemt'));
    await expect.poll(() => page.locator('.unsaved').textContent()).toContain('Opgradering af databasen til PostgreSQL 17');

    await page.getByLabel('Titel', { exact: true }).fill('Opgradering af databasen til PostgreSQL 17');
    await page.getByRole('button', { name: 'Gem ændringer' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Ændringerne er gemt.' }));
    await visible(h1(page, 'Opgradering af databasen til PostgreSQL 17'));
    const saved = (await (await page.request.get(api)).json()) as { title: string; estimateHours: number; version: number };
    expect(saved).toMatchObject({ title: 'Opgradering af databasen til PostgreSQL 17', estimateHours: 40, version: version + 2 });
  });

  it('lader administratoren oprette en bruger med roller og viser serverens valideringsfejl', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/admin/brugere`);
    await logIn(page, 'admin');
    await visible(h1(page, 'Brugere'));
    await visible(page.getByRole('link', { name: 'Søren Styregruppe' }));
    await expectAccessible(page, '/admin/brugere');

    await page.getByRole('button', { name: 'Opret bruger' }).click();
    await page.getByLabel('Brugernavn').fill('Mette M');
    await page.getByLabel('Navn', { exact: true }).fill('Mette Mortensen');
    await page.getByLabel('Adgangskode').fill('kort');
    await page.getByRole('button', { name: 'Tilføj rolle' }).click();
    await page.getByRole('combobox', { name: 'Rolle' }).selectOption('faggruppe');
    await page.getByRole('combobox', { name: 'Løsning' }).selectOption('KSD');
    await page.getByRole('button', { name: 'Opret bruger' }).last().click();
    await visible(page.locator('#username-error').filter({ hasText: 'Brugernavnet skal være' }));
    await visible(page.locator('#password-error').filter({ hasText: 'mindst 8 tegn' }));
    await expectAccessible(page, '/admin/brugere med fejl');
    await shot(page, '07-brugere-fejl');

    await page.getByLabel('Brugernavn').fill('mette.m');
    await page.getByLabel('Adgangskode').fill('en-lang-adgangskode');
    await page.getByRole('button', { name: 'Opret bruger' }).last().click();
    await visible(page.getByRole('status').filter({ hasText: 'Brugeren mette.m er oprettet.' }));
    const row = page.getByRole('row', { name: /Mette Mortensen/ });
    await expect.poll(() => row.textContent()).toContain('Faggruppemedlem (KSD)');

    // Her own page: a role for all solutions, then deactivation; the history shows both.
    await row.getByRole('link', { name: 'Mette Mortensen' }).click();
    await visible(h1(page, 'Mette Mortensen'));
    await page.getByRole('button', { name: 'Tilføj rolle' }).click();
    await page.getByRole('combobox', { name: 'Rolle' }).nth(1).selectOption('laeser');
    await page.getByRole('button', { name: 'Gem navn og roller' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Navn og roller er gemt.' }));
    await page.getByRole('button', { name: 'Deaktivér bruger' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Brugeren er deaktiveret' }));
    await page.getByRole('button', { name: /^Historik/ }).click();
    const history = page.getByRole('table', { name: /Historik/ });
    await expect.poll(() => history.getByRole('row').count()).toBe(4); // header + created + roles + deactivated
    await expect.poll(() => history.textContent()).toContain('Faggruppemedlem (KSD), Læser (alle løsninger)');
    await expectAccessible(page, '/admin/brugere/mette.m');
    await shot(page, '08-bruger');
  });
});
