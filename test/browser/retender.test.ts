// Preparing a re-tender, as a kravredaktør on KY: the readiness report, a baseline "Udbud 2019", an edit and the
// comparison that shows exactly it, the XLSX and ReqIF exports, and an import of a small CSV into a new solution
// with a column-mapping step, a row error and progress.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../bench/server-process.js';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let dir: string;

beforeAll(async () => {
  h = await startHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-retender-'));
});

afterAll(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sporbar-retender-${name}.png`, fullPage: true });
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Løsningens sider' }).getByRole('link', { name, exact: true });

/** Calls the API as an admin (through Node, not the page), for setup the journey does not cover. */
async function asAdmin(method: string, url: string, body?: unknown) {
  const session = await login(h.baseUrl, 'admin');
  const res = await fetch(`${h.baseUrl}${url}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

const NEW_TEXT =
  'Løsningen skal automatisk beregne, hvornår udbetalingen af sygedagpenge ophører efter varighedsbegrænsningen, og varsle sagsbehandleren senest 4 uger før.';

describe('genudbud af Kommunernes Ydelsessystem', () => {
  it('viser parathed, tager en baseline, viser forskellen efter en rettelse og eksporterer specifikationen', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Løsninger'));

    // From the solutions overview to the solution page.
    await page.getByRole('link', { name: 'Parathed, baselines og eksport for Kommunernes Ydelsessystem' }).click();
    await visible(h1(page, 'Kommunernes Ydelsessystem'));
    expect(new URL(page.url()).pathname).toBe('/loesninger/KY');
    const overview = page.locator('dl.overview');
    await expect.poll(() => overview.textContent()).toMatch(/Kontraktperiode\s*1\. jan\. 2017\s*–\s*31\. dec\. 2027/);
    await expect.poll(() => overview.textContent()).toMatch(/Planlagt genudbud\s*1\. jun\. 2027/);
    await expect.poll(() => page.title()).toBe('Krav – Kommunernes Ydelsessystem – Sporbar');
    await visible(page.getByRole('link', { name: 'Sporbarhedsmatrix' }));
    await expectAccessible(page, '/loesninger/KY');
    await shot(page, '01-losning');

    // Parathed: everything legal is traced on the demo data; KY-0007 (svartider) is non-legal and so not "untraced".
    await tab(page, 'Parathed').click();
    await visible(page.getByRole('heading', { level: 2, name: 'Parathed til genudbud' }));
    const report = (await (await page.request.get(`${h.baseUrl}/api/solutions/KY/readiness?months=12`)).json()) as any;
    expect(report.counts).toMatchObject({ requirements: 7, legalRequirements: 6, links: 8, untraced: 0, suspectLinks: 0, brokenLinks: 0 });
    await expect.poll(() => page.locator('#score-value').textContent()).toBe(String(report.score));
    const parts = page.getByRole('table', { name: 'Scorens dele' });
    await expect.poll(() => parts.getByRole('row', { name: /Lovbestemte krav med sporing/ }).textContent()).toMatch(/30\s*100 %\s*30\s*0 af 6/);
    await expect.poll(() => parts.getByRole('row', { name: /Sporingslinks uden mistanke/ }).textContent()).toMatch(/25\s*100 %\s*25\s*0 af 8/);
    const untraced = page.locator('section.list', { has: page.getByRole('heading', { name: /Krav uden sporing/ }) });
    await expect.poll(() => untraced.textContent()).toContain('Alle lovbestemte krav sporer til en bestemmelse.');
    expect(await untraced.textContent()).not.toContain('KY-0007');
    expect(await untraced.getByRole('listitem').count()).toBe(0);
    await page.getByLabel('Ikke gennemgået i', { exact: true }).selectOption('3');
    await visible(page.getByRole('heading', { name: /Ikke gennemgået i 3 måneder/ }));
    await expectAccessible(page, '/loesninger/KY?fane=parathed');
    await shot(page, '02-parathed');

    // Baselines: take "Udbud 2019".
    await tab(page, 'Baselines').click();
    await visible(page.getByRole('heading', { level: 2, name: 'Baselines' }));
    await visible(page.getByText('Løsningen har endnu ingen baselines.'));
    await expectAccessible(page, '/loesninger/KY?fane=baselines uden baselines');
    await page.getByRole('button', { name: 'Opret baseline' }).click();
    await visible(page.locator('#baseline-name-error').filter({ hasText: 'Giv baselinen et navn' }));
    expect(await page.getByLabel('Navn').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'opret baseline med fejl');
    await page.getByLabel('Navn').fill('Udbud 2019');
    await page.getByLabel('Beskrivelse (valgfri)').fill('Kravene som de blev udbudt');
    await page.getByRole('button', { name: 'Opret baseline' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Baselinen «Udbud 2019» er oprettet med 7 krav og 8 links.' }));
    const list = page.getByRole('table', { name: 'Løsningens baselines, nyeste først' });
    await expect.poll(() => list.getByRole('row', { name: /Udbud 2019/ }).textContent()).toMatch(/Udbud 2019.*Kravene som de blev udbudt.*Kirsten Kravredaktør/s);
    await expectAccessible(page, 'baseline oprettet');
    await shot(page, '03-baseline');

    // An edit: KY-0002 now warns 4 weeks ahead instead of 8.
    await page.goto(`${h.baseUrl}/krav/KY-0002/rediger`);
    await visible(h1(page, 'Rediger KY-0002'));
    await expect.poll(() => page.getByLabel('Kravtekst').inputValue()).toContain('senest 8 uger før');
    await page.getByLabel('Kravtekst').fill(NEW_TEXT);
    await page.getByLabel('Begrundelse for ændringen').fill('Kortere varsel');
    await page.getByRole('button', { name: 'Gem ny version' }).click();
    await visible(h1(page, 'Varighedsbegrænsning'));

    // Baseline ↔ nu: exactly that change, word by word.
    await page.goto(`${h.baseUrl}/loesninger/KY?fane=baselines`);
    await page.getByRole('link', { name: 'Sammenlign med nu (Udbud 2019)' }).click();
    const diff = page.locator('sb-baseline-diff');
    await visible(diff.getByRole('heading', { name: 'Udbud 2019 → Nu' }));
    const summary = diff.getByLabel('Sammenfatning');
    await expect.poll(() => summary.textContent()).toMatch(/Nye krav\s*0.*Fjernede krav\s*0.*Ændrede krav\s*1.*Links tilføjet\s*0.*Links fjernet\s*0.*Links med ny status\s*0.*Lovversioner rykket\s*0/s);
    const changed = diff.getByRole('article');
    expect(await changed.count()).toBe(1);
    await expect.poll(() => changed.getByRole('heading').textContent()).toMatch(/KY-0002\s+Varighedsbegrænsning\s+version 1 → 2/);
    const words = changed.locator('.text-diff');
    await expect.poll(() => words.locator('del').allTextContents()).toEqual(['[fjernet: 8]']);
    await expect.poll(() => words.locator('ins').allTextContents()).toEqual(['[tilføjet: 4]']);
    expect(await words.locator('ins').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('underline');
    expect(await changed.locator('.title-diff').count()).toBe(0);
    await expect.poll(() => page.getByLabel('Fra', { exact: true }).inputValue()).not.toBe('now');
    await expectAccessible(page, 'baseline ↔ nu');
    await shot(page, '04-sammenligning');

    // Eksport: the XLSX and the ReqIF of the current state, and the ReqIF of the baseline.
    await tab(page, 'Eksport').click();
    await visible(page.getByRole('heading', { level: 2, name: 'Eksport af kravspecifikationen' }));
    await expectAccessible(page, '/loesninger/KY?fane=eksport');
    const ids = ((await (await page.request.get(`${h.baseUrl}/api/requirements?solution=KY&limit=100`)).json()) as any).items.map((r: any) => r.humanId) as string[];
    expect(ids).toHaveLength(7);

    // While the file is being made, the page says so (the server is held back here so the state can be seen).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/solutions/KY/export?format=xlsx', async (route) => {
      await held;
      await route.continue();
    });
    const pending = download(page, 'Hent XLSX', /format=xlsx/);
    await visible(page.getByLabel('Danner XLSX-filen…'));
    expect(await page.getByRole('button', { name: 'Hent ReqIF', exact: true }).isDisabled()).toBe(true);
    await expectAccessible(page, 'eksport i gang');
    await shot(page, '05-eksport-i-gang');
    release();
    const xlsx = await pending;
    await page.unroute('**/api/solutions/KY/export?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.filename).toMatch(/\.xlsx$/);
    await visible(page.getByRole('status').filter({ hasText: `${xlsx.filename} er hentet` }));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'er hentet' }).textContent()).toContain('7 krav og 8 sporingslinks');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.file);
    const cells = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map((v) => String(v ?? '')));
    for (const id of ids) expect(cells).toContain(id);
    expect(cells.some((v) => v.includes('senest 4 uger før'))).toBe(true);
    await expectAccessible(page, 'eksport hentet');
    await shot(page, '06-eksport');

    const reqif = await download(page, 'Hent ReqIF', /format=reqif(&|$)/);
    expect(reqif.status).toBe(200);
    const xml = fs.readFileSync(reqif.file, 'utf8');
    expect(xml).toContain('<REQ-IF');
    for (const id of ids) expect(xml).toContain(id);
    expect(xml).toContain('senest 4 uger før');

    await page.getByLabel('Tilstand').selectOption({ label: 'Baseline: Udbud 2019' });
    const frozen = await download(page, 'Hent ReqIF', /baseline=Udbud/);
    expect(frozen.status).toBe(200);
    const frozenXml = fs.readFileSync(frozen.file, 'utf8');
    expect(frozenXml).toContain('senest 8 uger før');
    expect(frozenXml).not.toContain('senest 4 uger før');
  });

  it('importerer en CSV med en kolonne-kobling, viser rækkefejlen og importerer kun de gyldige rækker', async () => {
    const created = await asAdmin('POST', '/api/solutions', { code: 'IMP', name: 'Importløsningen', supplier: 'Testleverandør' });
    expect(created.status).toBe(201);
    const csv = path.join(dir, 'krav fra leverandøren.csv');
    fs.writeFileSync(
      csv,
      [
        'Krav-id;Titel;Kravformulering;Kravtype;Lovgrundlag',
        'EXT-1;Anmeldelse af sygefravær;Løsningen skal modtage arbejdsgiverens anmeldelse af sygefravær digitalt.;Integration;§ 40, stk. 1, sygedagpengeloven',
        'EXT-2;Opfølgningssamtaler;Løsningen skal påminde sagsbehandleren om opfølgningssamtaler.;Proces;',
        'EXT-3;Adgangskontrol;Løsningen skal kræve to-faktor-login.;Sikkerhed;',
        '',
      ].join('\r\n'),
    );

    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/loesninger/IMP?fane=import`);
    await logIn(page, 'kravredaktoer');
    await visible(h1(page, 'Importløsningen'));
    await visible(page.getByRole('heading', { level: 2, name: 'Import af krav' }));
    await expectAccessible(page, '/loesninger/IMP?fane=import');

    // Upload: nothing is written; the preview shows the file's columns and every row's problems.
    await page.getByLabel('Fil med krav').setInputFiles(csv);
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await visible(page.getByRole('heading', { name: '2. Forhåndsvisning af krav fra leverandøren.csv' }));
    const columns = page.locator('section', { has: page.getByRole('heading', { name: 'Kolonner og attributter i filen' }) });
    await expect.poll(() => columns.getByRole('rowheader').allTextContents()).toEqual(['Krav-id', 'Titel', 'Kravformulering', 'Kravtype', 'Lovgrundlag']);
    const counts = page.getByLabel('Optælling');
    await expect.poll(() => counts.textContent()).toMatch(/Rækker med krav\s*3\s*Kan importeres\s*0\s*Med fejl\s*3/);
    const messages = page.locator('tr.message');
    await expect.poll(() => messages.allTextContents().then((rows) => rows.map((r) => r.replace(/\s+/g, ' ').trim()))).toEqual([
      '2 Tekst ✕ Fejl Kravteksten mangler',
      '3 Tekst ✕ Fejl Kravteksten mangler',
      '4 Tekst ✕ Fejl Kravteksten mangler',
      expect.stringMatching(/^4 Kravtype ✕ Fejl Ukendt kravtype "Sikkerhed"/),
    ]);
    expect(await page.getByLabel('Tekst', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Titel');
    await expectAccessible(page, 'importens forhåndsvisning før kobling');
    await shot(page, '07-import-forhaandsvisning');

    // The mapping step: the text is in "Kravformulering"; the preview is read again at once.
    await page.getByLabel('Tekst', { exact: true }).selectOption('Kravformulering');
    await expect.poll(() => counts.textContent()).toMatch(/Rækker med krav\s*3\s*Kan importeres\s*2\s*Med fejl\s*1\s*Advarsler\s*0\s*Sporingslinks\s*1/);
    await expect.poll(() => messages.allTextContents().then((rows) => rows.map((r) => r.replace(/\s+/g, ' ').trim()))).toEqual([
      expect.stringMatching(/^4 Kravtype ✕ Fejl Ukendt kravtype "Sikkerhed"; brug en af: Proces, Regel/),
    ]);
    await expectAccessible(page, 'importens forhåndsvisning efter kobling');
    await shot(page, '08-import-kobling');

    // With an invalid row the server would refuse the import whole, so it cannot be started until the invalid rows
    // are skipped; the button names the two that can be imported, and the row table says what stops it.
    expect(await page.getByRole('button', { name: 'Importér 2 krav' }).isDisabled()).toBe(true);
    const rowActions = page.locator('section[aria-labelledby="rows-heading"] tbody tr');
    await expect.poll(() => rowActions.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!.trim()))).toEqual(['Nyt krav', 'Nyt krav', '✕ Fejl: stopper importen']);

    // Only the valid rows: the progress shows while the server writes, then the new requirements.
    await page.getByLabel('Importér kun de 2 gyldige rækker, og spring resten over').check();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/solutions/IMP/import/commit', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Importér 2 krav' }).click();
    await visible(page.getByLabel(/^Importerer…/));
    expect(await page.locator('#commit-progress').isVisible()).toBe(true);
    await expectAccessible(page, 'import i gang');
    await shot(page, '09-import-fremdrift');
    release();

    const result = page.locator('section.result');
    await visible(result.getByText('2 krav importeret fra krav fra leverandøren.csv'));
    await expect.poll(() => result.textContent()).toMatch(/1 sporingslink oprettet\.\s*1 række sprunget over \(4\)/);
    await expect.poll(() => result.getByRole('table', { name: 'De nye krav' }).getByRole('link').allTextContents()).toEqual(['IMP-0001', 'IMP-0002']);
    const imported = (await (await page.request.get(`${h.baseUrl}/api/requirements?solution=IMP`)).json()) as any;
    expect(imported.items.map((r: any) => [r.humanId, r.title, r.kind])).toEqual([
      ['IMP-0001', 'Anmeldelse af sygefravær', 'integration'],
      ['IMP-0002', 'Opfølgningssamtaler', 'proces'],
    ]);
    await expectAccessible(page, 'import gennemført');
    await shot(page, '10-import-resultat');

    // The supplier sends the file back, corrected: the requirements it already gave are recognised by their ids.
    const corrected = path.join(dir, 'krav, rettet.csv');
    fs.writeFileSync(
      corrected,
      [
        'Krav-id;Titel;Kravformulering;Kravtype;Lovgrundlag',
        'EXT-1;Anmeldelse af sygefravær;Løsningen skal modtage arbejdsgiverens anmeldelse af sygefravær digitalt via NemRefusion.;Integration;§ 40, stk. 1, sygedagpengeloven',
        'EXT-2;Opfølgningssamtaler;Løsningen skal påminde sagsbehandleren om opfølgningssamtaler.;Proces;',
        'EXT-3;Adgangskontrol;Løsningen skal kræve to-faktor-login.;Proces;',
      ].join('\r\n'),
    );
    await result.getByRole('button', { name: 'Importér en fil mere' }).click();
    await page.getByLabel('Fil med krav').setInputFiles(corrected);
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    await visible(page.getByRole('heading', { name: '2. Forhåndsvisning af krav, rettet.csv' }));
    await page.getByLabel('Tekst', { exact: true }).selectOption('Kravformulering');
    await expect.poll(() => counts.textContent()).toMatch(/Nye krav\s*1\s*Opdateres\s*1\s*Uændrede\s*1/);
    const rows = page.locator('section[aria-labelledby="rows-heading"] tbody tr');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!.trim()))).toEqual(['Opdaterer IMP-0001', 'Uændret (IMP-0002)', 'Nyt krav']);
    await expectAccessible(page, 'genimport, forhåndsvisning');
    await page.getByRole('button', { name: 'Importér 3 krav' }).click();
    await visible(result.getByText('1 nyt krav og 1 opdateret krav fra krav, rettet.csv'));
    await expect.poll(() => result.getByRole('table', { name: 'De nye og opdaterede krav' }).getByRole('link').allTextContents()).toEqual(['IMP-0001', 'IMP-0003']);
    const afterAgain = (await (await page.request.get(`${h.baseUrl}/api/requirements?solution=IMP`)).json()) as any;
    expect(afterAgain.items.map((r: any) => [r.humanId, r.version])).toEqual([
      ['IMP-0001', 2],
      ['IMP-0002', 1],
      ['IMP-0003', 1],
    ]);

    await result.getByRole('link', { name: 'IMP-0001' }).click();
    await visible(h1(page, 'Anmeldelse af sygefravær'));
  });
});

/** Clicks an export button and returns the response's status and the downloaded file. */
async function download(page: Page, button: string, url: RegExp) {
  const [response, file] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/export?') && url.test(r.url())),
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return { status: response.status(), filename: file.suggestedFilename(), file: target };
}
