// Browser-test harness: the real server in-process on a free port with a fresh SQLite file and the demo
// data, headless Debian Chromium driven by playwright-core, and an axe-core check for WCAG 2.1 A/AA.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../../server/db/database.js';
import { createApp } from '../../server/http/app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLIENT_DIR = path.join(ROOT, 'dist', 'client');
/** Real LexDania documents from Retsinformation, shared with the CLI tests. */
export const SHARED_LEXDANIA = path.resolve(ROOT, '../shared/data/lexdania');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** The server's database, for tests that seed more data than the demo holds. */
  db: OpenedDatabase['db'];
  sqlite: OpenedDatabase['sqlite'];
  /** A fresh browser context (own cookies) in Danish, with one page. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** The tests run against the built client, as users get it; build once if nobody has. */
function ensureClientBuilt() {
  if (fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) return;
  console.warn('dist/client mangler: bygger klienten med "npx vite build" (kør "npm run build" selv for at spare tid næste gang)…');
  execSync('npx vite build', { cwd: ROOT, stdio: 'inherit' });
}

export async function startHarness(): Promise<Harness> {
  ensureClientBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-browser-'));
  const { db, sqlite } = openDatabase(path.join(dir, 'sporbar.db'));
  await migrateToLatest(db);
  await loadDemoDataIfEmpty(db);
  const app = createApp({ db, clientDir: CLIENT_DIR });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    db,
    sqlite,
    async newPage() {
      const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      // A script error is a failed journey even when the screen happens to look right.
      page.on('pageerror', (err) => {
        throw err;
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
      if (sqlite.open) sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fails with every WCAG 2.0/2.1 A and AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page, where = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const report = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`,
  );
  expect(report, `axe fandt tilgængelighedsfejl på ${where}`).toEqual([]);
}

/** Logs in through the login form, as the demo user with the given role name. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

/** The element that has focus, looking through shadow roots (document.activeElement stops at the first host). */
export async function focusedElement(page: Page): Promise<{ tag: string; text: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', text: el?.textContent?.trim() ?? '' };
  });
}
