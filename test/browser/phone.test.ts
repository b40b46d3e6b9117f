// Every screen of the app on a phone (390 × 844) and a wide desktop (1440 × 900): nothing makes the page scroll
// sideways and axe finds nothing; on the phone the main menu folds away behind a menu button.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../fixtures/demo.js';
import { SHARED_LEXDANIA, expectAccessible, focusedElement, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
/** The app's routes, read from client/app/routes.ts (its page elements cannot load outside a browser). */
const routes = [...fs.readFileSync(path.resolve(__dirname, '../../client/app/routes.ts'), 'utf8').matchAll(/pattern: '([^']+)'/g)].map((m) => ({ pattern: m[1]! }));
/** One address of each route in client/app/routes.ts, with demo ids, by route pattern. */
const urls: Record<string, string> = {};

type Api = (method: string, path: string, data?: unknown) => Promise<any>;

async function apiAs(page: Page, username: string): Promise<Api> {
  const res = await page.request.post(`${h.baseUrl}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), `login ${username}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method, p, data) => {
    const r = await page.request.fetch(`${h.baseUrl}${p}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
    expect(r.status(), `${method} ${p}: ${await r.text()}`).toBeLessThan(300);
    return r.json();
  };
}

beforeAll(async () => {
  h = await startHarness();
  // A change request, a session with it on the agenda (the admin assesses, so the assessment form shows) and a bill.
  const page = await h.newPage();
  const api = await apiAs(page, 'admin');
  const requirement = (await api('GET', '/api/requirements?solution=KY')).items[0].humanId as string;
  const syg = (await api('GET', '/api/sources')).items.find((s: { popularTitle: string | null }) => s.popularTitle === 'sygedagpengeloven');
  // The act's next version, so the impact page has changed provisions and affected requirements to show.
  const registered = await api('POST', '/api/sources/import', {
    content: fs.readFileSync(path.join(SHARED_LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'), popularTitle: 'sygedagpengeloven', inForceFrom: '2011-12-01',
  });
  const source = await api('GET', `/api/sources/${syg.id}`);
  const versionIds = (source.versions as { id: number }[]).map((v) => v.id).sort((a, b) => a - b);
  const cr = await api('POST', '/api/change-requests', {
    solution: 'KY', class: 'lovvedligehold', title: 'Ny beregning af arbejdsgiverperioden', proposer: 'Lovovervågningen', deadline: '2027-03-01',
  });
  const session = await api('POST', '/api/sessions', {
    solution: 'KY', title: 'Forårsmødet', date: '2027-01-15', periodEnd: '2027-06-30', budgetAmount: 400, budgetUnit: 'timer',
    participants: [{ username: 'admin', role: 'faggruppe' }, { username: 'faggruppe', role: 'faggruppe' }],
  });
  await api('POST', `/api/sessions/${session.id}/items`, { changeRequests: [cr.humanId] });
  const bill = await api('POST', '/api/bills', {
    number: 'L 70', session: '2010-11', content: fs.readFileSync(path.join(SHARED_LEXDANIA, 'sygedagpengeloven/LOV-2010-1599.xml'), 'utf8'),
  });
  Object.assign(urls, {
    '/': '/',
    '/loesninger/:code': '/loesninger/KY',
    '/loesninger/:code/sporbarhed': '/loesninger/KY/sporbarhed',
    '/krav': '/krav',
    '/krav/ny': '/krav/ny?solution=KY',
    '/krav/:humanId/rediger': `/krav/${requirement}/rediger`,
    '/krav/:humanId': `/krav/${requirement}`,
    '/lovforslag': '/lovforslag',
    '/lovforslag/:id': `/lovforslag/${bill.id}`,
    '/kilder': '/kilder',
    '/kilder/importer': '/kilder/importer',
    '/kilder/:id': `/kilder/${syg.id}`,
    '/kilder/:id/bestemmelser/:key': `/kilder/${syg.id}/bestemmelser/p7`,
    '/kilder/:id/forskel': `/kilder/${syg.id}/forskel?fra=${versionIds[0]}&til=${versionIds.at(-1)}`,
    '/versioner/:id/konsekvens': `/versioner/${registered.version.id}/konsekvens`,
    '/gennemgang': '/gennemgang',
    '/moeder': '/moeder',
    '/moeder/ny': '/moeder/ny?solution=KY',
    '/moeder/:id/dagsorden': `/moeder/${session.id}/dagsorden`,
    '/moeder/:id': `/moeder/${session.id}`,
    '/mit-arbejde': '/mit-arbejde',
    '/aendringsforslag': '/aendringsforslag',
    '/aendringsforslag/ny': '/aendringsforslag/ny?solution=KY',
    '/aendringsforslag/:humanId': `/aendringsforslag/${cr.humanId}`,
    '/sog': '/sog?q=sygedagpenge',
    '/admin/brugere': '/admin/brugere',
    '/admin/brugere/:username': '/admin/brugere/kravredaktoer',
    // The solution page's other tabs.
    'Parathed': '/loesninger/KY?fane=parathed',
    'Baselines': '/loesninger/KY?fane=baselines',
    'Eksport': '/loesninger/KY?fane=eksport',
    'Import': '/loesninger/KY?fane=import',
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** Waits until the page has its heading and nothing is loading any more. */
async function settled(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator('sb-loading').first().waitFor({ state: 'detached', timeout: 15_000 });
  // Elements inside the page (badges, charts) render in their own update; measure once they have.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** How far the page reaches past the window, in px, and the widest element that sticks out (to name in a failure). */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    let culprit = '';
    let widest = width;
    // Only what a scrolling or clipping box does not hold can widen the page. A box holds its descendants, except
    // absolutely positioned ones whose containing block lies outside it (no positioned box at or under it).
    const walk = (root: Document | ShadowRoot | Element, clipped: boolean, positioned: boolean) => {
      for (const el of root.children) {
        const style = getComputedStyle(el);
        const escapes = (style.position === 'absolute' && !positioned) || style.position === 'fixed';
        const held = clipped && !escapes;
        const r = el.getBoundingClientRect();
        if (!held && r.right > widest + 0.5 && r.width > 0) {
          widest = r.right;
          culprit = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
        }
        const clips = style.overflowX !== 'visible';
        const inner = clips || !held ? style.position !== 'static' : positioned || style.position !== 'static';
        if (el.shadowRoot) walk(el.shadowRoot, held || clips, inner);
        walk(el, held || clips, inner);
      }
    };
    walk(document, false, false);
    return { scrollWidth: document.scrollingElement!.scrollWidth, width, culprit };
  });
}

describe.each([
  { name: 'telefon 390 × 844', width: 390, height: 844 },
  { name: 'skrivebord 1440 × 900', width: 1440, height: 900 },
])('alle sider på $name', ({ name, width, height }) => {
  let page: Page;

  beforeAll(async () => {
    page = await h.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${h.baseUrl}/`);
    await logIn(page, 'admin');
    await settled(page);
  });

  it('has an example address of every route', () => {
    expect(routes.map((r) => r.pattern).filter((p) => !urls[p])).toEqual([]);
  });

  it.each([...routes.map((r) => r.pattern), 'Parathed', 'Baselines', 'Eksport', 'Import'].map((p) => [p] as const))('%s: no sideways scrolling and no axe violations', async (pattern) => {
    await page.goto(`${h.baseUrl}${urls[pattern]}`);
    await settled(page);
    const o = await overflow(page);
    if (o.scrollWidth > width) await page.screenshot({ path: `/tmp/sporbar-phone-${width}-${pattern.replace(/[/:]/g, '_')}.png`, fullPage: true });
    expect(o.scrollWidth, `${urls[pattern]} er bredere end skærmen (${o.culprit})`).toBeLessThanOrEqual(width);
    await expectAccessible(page, `${name}: ${urls[pattern]}`);
  });
});

describe('hovedmenuen på en telefon', () => {
  it('folds behind a menu button that opens it by keyboard and closes it on navigation', async () => {
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/krav`);
    await logIn(page, 'admin');
    await page.getByRole('heading', { level: 1, name: 'Krav' }).waitFor();
    const button = page.getByRole('button', { name: 'Menu' });
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getByRole('link', { name: 'Retskilder' }).isVisible()).toBe(false);
    // The header leaves most of the screen to the page.
    const header = await page.locator('header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(120);
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await menu.getByRole('link', { name: 'Retskilder' }).waitFor();
    await page.keyboard.press('Tab');
    expect((await focusedElement(page)).text).toBe('Mit arbejde');
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect((await focusedElement(page)).text).toBe('Menu');
    await page.keyboard.press('Enter');
    await menu.getByRole('link', { name: 'Retskilder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Retskilder' }).waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getByRole('link', { name: 'Retskilder' }).isVisible()).toBe(false);
    await expectAccessible(page, 'telefon: Retskilder med lukket menu');
  });

  it('is not folded on a desktop', async () => {
    const page = await h.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${h.baseUrl}/krav`);
    await logIn(page, 'admin');
    await page.getByRole('heading', { level: 1, name: 'Krav' }).waitFor();
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Retskilder' }).isVisible()).toBe(true);
  });
});
