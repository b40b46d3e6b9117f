// The app shell on a desktop screen and a phone: the whole main menu is on screen and reachable, nothing makes
// the page scroll sideways, and the menu reads the same in both.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

/** Each menu link's box, and whether the page is wider than the window. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const app = document.querySelector('sporbar-app')!.shadowRoot!;
    const links = [...app.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Hovedmenu"] a')].map((a) => {
      const r = a.getBoundingClientRect();
      return { label: a.textContent!.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    const header = app.querySelector('header')!.getBoundingClientRect();
    return { links, headerHeight: header.height, scrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth, width: window.innerWidth };
  });
}

describe('appens ramme', () => {
  for (const screen of [
    { name: 'skrivebord 1280 × 800', width: 1280, height: 800, maxRows: 1, folded: false },
    // On a phone the menu folds behind a button and opens as a column (test/browser/phone.test.ts).
    { name: 'telefon 375 × 667', width: 375, height: 667, maxRows: 8, folded: true },
  ]) {
    it(`viser hele hovedmenuen uden vandret rulning på ${screen.name}`, async () => {
      const page = await h.newPage();
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await page.goto(`${h.baseUrl}/krav`);
      await logIn(page, 'admin');
      await page.getByRole('heading', { level: 1, name: 'Krav' }).waitFor();
      if (screen.folded) await page.getByRole('button', { name: 'Menu' }).click();
      const m = await measure(page);
      await page.screenshot({ path: `/tmp/sporbar-layout-${screen.width}.png` });
      expect(m.links.map((l) => l.label)).toEqual(['Mit arbejde', 'Løsninger', 'Krav', 'Retskilder', expect.stringMatching(/^Gennemgang/), 'Ændringsforslag', 'Faggruppemøder', 'Brugere']);
      expect(m.scrollsSideways).toBe(false);
      for (const l of m.links) {
        expect(l.left, l.label).toBeGreaterThanOrEqual(0);
        expect(l.right, l.label).toBeLessThanOrEqual(m.width);
      }
      // The menu takes as few rows as the screen allows: one on a desktop.
      const rows = new Set(m.links.map((l) => Math.round(l.top))).size;
      expect(rows).toBeLessThanOrEqual(screen.maxRows);
      // Every menu link can be reached and followed with the keyboard.
      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Retskilder' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Retskilder' }).waitFor();
      await expectAccessible(page, `${screen.name}: Retskilder`);
    });
  }
});
