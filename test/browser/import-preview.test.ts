// The import preview on a wide screen and a phone: the row table fits with its last column saying what happens to
// each row, nothing scrolls sideways unreachable by keyboard, and the import button says how many requirements it
// will import and is off while an invalid row would stop the whole import.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let dir: string;
let csv: string;

const LONG_TEXT =
  'Løsningen skal kunne modtage, registrere og journalisere arbejdsgiverens digitale anmeldelse af sygefravær, herunder oplysninger om ' +
  'fraværets første dag, den forventede varighed, lønudbetaling under fraværet og eventuel delvis genoptagelse af arbejdet, og skal ' +
  'advisere sagsbehandleren, når anmeldelsen er modtaget efter fristen.';

beforeAll(async () => {
  h = await startHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-import-preview-'));
  csv = path.join(dir, 'krav fra leverandøren.csv');
  const rows = Array.from({ length: 9 }, (_, i) => {
    const kind = i === 6 ? 'Sikkerhed' : 'Integration';
    return `LEVERANDØR-KRAV-${String(i + 1).padStart(4, '0')};Digital anmeldelse af sygefravær fra arbejdsgiveren, del ${i + 1};${LONG_TEXT};${kind};§ 40, stk. 1, sygedagpengeloven`;
  });
  fs.writeFileSync(csv, ['Krav-id;Titel;Tekst;Kravtype;Lovgrundlag', ...rows, ''].join('\r\n'));
});

afterAll(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

/** Whether the rows table and its last column lie within the page and its own box, at the current width. */
async function rowTableFits(page: Page) {
  const table = page.getByRole('table', { name: /Sådan læses/ });
  return table.evaluate((t) => {
    const wrap = t.parentElement!;
    const right = Math.max(...[...t.querySelectorAll('tr > :last-child')].map((c) => c.getBoundingClientRect().right));
    return {
      scrollsSideways: wrap.scrollWidth > wrap.clientWidth || t.scrollWidth > t.clientWidth,
      lastColumnInside: right <= Math.min(wrap.getBoundingClientRect().right, document.documentElement.clientWidth) + 1,
      pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

describe('forhåndsvisning af en import', () => {
  for (const width of [390, 1440]) {
    it(`passer i bredden på ${width} px og importerer kun det antal krav, knappen nævner`, async () => {
      const page = await h.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${h.baseUrl}/loesninger/FBS?fane=import`);
      await logIn(page, 'kravredaktoer');
      await visible(page.getByRole('heading', { level: 2, name: 'Import af krav' }));
      await page.getByLabel('Fil med krav').setInputFiles(csv);
      await page.getByRole('button', { name: 'Forhåndsvis' }).click();
      await visible(page.getByRole('heading', { name: '2. Forhåndsvisning af krav fra leverandøren.csv' }));
      await expect.poll(() => page.getByLabel('Optælling').textContent()).toMatch(/Rækker med krav\s*9\s*Kan importeres\s*8\s*Med fejl\s*1/);

      // Eight rows can be imported; with the ninth invalid and skipping off, the import would be refused whole.
      const importButton = page.getByRole('button', { name: /^Importér \d+ krav$/ });
      expect(await importButton.textContent()).toMatch(/^\s*Importér 8 krav\s*$/);
      expect(await importButton.isDisabled()).toBe(true);
      const rows = page.getByRole('table', { name: /Sådan læses/ }).locator('tbody tr');
      const lastCells = () => rows.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!.replace(/\s+/g, ' ').trim()));
      expect((await lastCells())[6]).toBe('✕ Fejl: stopper importen');
      expect((await lastCells())[0]).toBe('Nyt krav');

      expect(await rowTableFits(page)).toEqual({ scrollsSideways: false, lastColumnInside: true, pageScrollsSideways: false });
      await page.locator('section[aria-labelledby="rows-heading"]').screenshot({ path: `/tmp/sporbar-import-preview-${width}.png` });
      await expectAccessible(page, `importens forhåndsvisning, ${width} px`);

      await page.getByLabel('Importér kun de 8 gyldige rækker, og spring resten over').check();
      expect(await importButton.isEnabled()).toBe(true);
      expect(await importButton.textContent()).toMatch(/^\s*Importér 8 krav\s*$/);
      expect((await lastCells())[6]).toBe('✕ Fejl: springes over');
      if (width === 390) return;

      await importButton.click();
      await visible(page.locator('section.result').getByText('8 krav importeret fra krav fra leverandøren.csv'));
    });
  }
});
