// Danish everywhere a person reads, on every screen: after a short journey (a new version of sygedagpengeloven is
// registered, lovvedligehold requests drafted, a behovsændring estimated, a faggruppe session held on them), every
// page of the app is opened with demo ids, its histories unfolded, and the text a reader sees (through the shadow
// DOM) scanned for ISO dates, internal codes, English status words, login names and counts without their noun.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../fixtures/demo.js';
import { report, scanDanishText, type Finding } from '../support/danish-text.js';
import { SHARED_LEXDANIA, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let page: Page;
const ids = { sygedagpengeloven: 0, version: 0, session: 0, lovvedligehold: '', behovsaendring: '' };

type Api = (method: string, path: string, data?: unknown) => Promise<{ status: number; json: any }>;

/** Logs in through the API in a context of its own and returns a caller that sends its CSRF token. */
async function apiAs(username: string): Promise<Api> {
  const p = await h.newPage();
  const res = await p.request.post(`${h.baseUrl}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), `login ${username}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method, url, data) => {
    const r = await p.request.fetch(`${h.baseUrl}${url}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
    const json = await r.json().catch(() => null);
    expect(r.status(), `${method} ${url}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return { status: r.status(), json };
  };
}

/** The journey that fills histories, drafts and rankings with generated text. */
async function journey() {
  const red = await apiAs('kravredaktoer');
  const pl = await apiAs('projektleder');
  const fag = await apiAs('faggruppe');
  const sources = (await red('GET', '/api/sources')).json.items as { id: number; popularTitle: string | null }[];
  ids.sygedagpengeloven = sources.find((s) => s.popularTitle === 'sygedagpengeloven')!.id;
  const version = await red('POST', '/api/sources/import', {
    content: fs.readFileSync(path.join(SHARED_LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'),
    inForceFrom: '2012-01-02',
  });
  ids.version = version.json.version.id;
  const drafts = await red('POST', `/api/versions/${ids.version}/lovvedligehold`);
  ids.lovvedligehold = drafts.json.created.find((c: { humanId: string }) => c.humanId.startsWith('KY-')).humanId;
  const small = await pl('POST', '/api/change-requests', {
    solution: 'KY',
    class: 'behovsaendring',
    title: 'Ny dropdown til fraværsårsag',
    description: 'Sagsbehandleren vælger fraværsårsagen fra en liste.',
    proposer: 'Aarhus Kommune',
    estimateHours: 10,
  });
  ids.behovsaendring = small.json.humanId;
  await pl('POST', `/api/change-requests/${ids.behovsaendring}/transitions`, { action: 'estimer', reason: 'Leverandøren har set på den' });
  await pl('POST', `/api/change-requests/${ids.behovsaendring}/comments`, { text: 'Aftalt på statusmødet.' });
  // Another behovsændring agreed with the supplier: an orientering for the steering group, on Mit arbejde.
  const agreed = await pl('POST', '/api/change-requests', {
    solution: 'KY',
    class: 'behovsaendring',
    title: 'Nyt felt til telefonnummer',
    description: 'Borgerens telefonnummer vises i sagsoverblikket.',
    proposer: 'Odense Kommune',
    estimateHours: 4,
  });
  await pl('POST', `/api/change-requests/${agreed.json.humanId}/transitions`, { action: 'aftal', reason: 'Lille og ventet længe' });
  // A new version of a requirement, so its version table names an author.
  const requirement = await red('GET', '/api/requirements/KY-0001');
  await red('PUT', '/api/requirements/KY-0001', { version: requirement.json.version, text: `${requirement.json.text} Også ved delvis raskmelding.`, reason: 'Præciseret efter lovændringen' });
  const session = await pl('POST', '/api/sessions', {
    solution: 'KY',
    title: 'Faggruppemøde januar 2012',
    date: '2011-12-15',
    periodEnd: '2012-06-30',
    budgetAmount: 100,
    budgetUnit: 'timer',
    participants: [
      { username: 'projektleder', role: 'formand' },
      { username: 'faggruppe', role: 'faggruppe' },
    ],
  });
  ids.session = session.json.id;
  const url = `/api/sessions/${ids.session}`;
  await pl('POST', `${url}/items`, { changeRequests: [ids.lovvedligehold, ids.behovsaendring] });
  for (const item of (await pl('GET', url)).json.items) {
    await fag('PUT', `${url}/items/${item.id}/assessment`, { moscow: 'should', businessValue: 8, timeCriticality: 5, riskReduction: 3 });
  }
  await pl('POST', `${url}/reveal`, { reason: 'Alle har vurderet' });
}

/** The text a reader sees: visible text through open shadow roots and slots, cells apart, blocks on lines. */
function readableText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const BLOCK = /^(block|flex|grid|list-item|table|table-row|table-caption)$/;
    const walk = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return (node as Text).data;
      if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return '';
      let children: Node[];
      let sep = '';
      if (node instanceof Element) {
        const tag = node.tagName.toLowerCase();
        if (['script', 'style', 'template', 'input', 'textarea', 'select', 'option'].includes(tag)) return '';
        const style = getComputedStyle(node);
        if (style.display === 'none' || style.visibility === 'hidden') return '';
        if (node.classList.contains('visually-hidden')) return '';
        children = node.shadowRoot ? [...node.shadowRoot.childNodes] : node instanceof HTMLSlotElement ? node.assignedNodes({ flatten: true }) : [...node.childNodes];
        if (node instanceof HTMLSlotElement && !children.length) children = [...node.childNodes];
        sep = tag === 'td' || tag === 'th' ? '\t' : BLOCK.test(style.display) ? '\n' : '';
      } else children = [...node.childNodes];
      return sep + children.map(walk).join('') + sep;
    };
    return walk(document.body)
      .replace(/[ \u00a0]+/g, ' ')
      .replace(/\n\s*\n+/g, '\n');
  });
}

/** Waits until the page has its data: no loading indicator anywhere, and the network quiet. */
async function settle(p: Page) {
  await p.waitForLoadState('networkidle');
  await expect.poll(() => p.locator('sb-loading').count(), { timeout: 15_000 }).toBe(0);
}

/** Opens every folded history on the page, so its rows are read too. */
async function unfoldHistories(p: Page) {
  const toggles = p.locator('sb-audit-history button.toggle[aria-expanded="false"]');
  const n = await toggles.count();
  for (let i = 0; i < Math.min(n, 6); i++) await toggles.first().click();
  if (n) await settle(p);
}

beforeAll(async () => {
  h = await startHarness();
  await journey();
  page = await h.newPage();
  await page.goto(h.baseUrl);
  await logIn(page, 'admin');
  // The login page has a heading too: wait until the form has gone, or the first page may still be the login.
  await page.getByLabel('Brugernavn').waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('Danish on every page', () => {
  it('shows no ISO date, code, English status, login name or bare count on any page after a law change', async () => {
    const pages = [
      '/',
      '/loesninger/KY',
      '/loesninger/KY/sporbarhed',
      '/krav?solution=KY',
      '/krav/ny?solution=KY',
      '/krav/KY-0001',
      '/krav/KY-0001/rediger',
      '/lovforslag',
      '/kilder',
      '/kilder/importer',
      `/kilder/${ids.sygedagpengeloven}`,
      `/kilder/${ids.sygedagpengeloven}/bestemmelser/p6.s1`,
      `/kilder/${ids.sygedagpengeloven}/forskel`,
      `/versioner/${ids.version}/konsekvens`,
      '/gennemgang',
      '/moeder',
      '/moeder/ny?solution=KY',
      `/moeder/${ids.session}/dagsorden`,
      `/moeder/${ids.session}`,
      '/mit-arbejde',
      '/aendringsforslag',
      '/aendringsforslag/ny?solution=KY',
      `/aendringsforslag/${encodeURIComponent(ids.lovvedligehold)}`,
      `/aendringsforslag/${encodeURIComponent(ids.behovsaendring)}`,
      '/admin/brugere',
      '/admin/brugere/kravredaktoer',
    ];
    const findings: Finding[] = [];
    const texts = new Map<string, string>();
    for (const url of pages) {
      await page.goto(`${h.baseUrl}${url}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settle(page);
      await unfoldHistories(page);
      const text = await readableText(page);
      expect(text.length, url).toBeGreaterThan(100);
      texts.set(url, text);
      // The user administration names logins on purpose.
      findings.push(...scanDanishText(url, text, { usernamesAllowed: url.startsWith('/admin/') }));
    }
    // The scan read what matters: the unfolded history and the version table name the editor, the drafted request its deadline.
    expect(texts.get('/krav/KY-0001')).toContain('Kirsten Kravredaktør');
    expect(texts.get('/krav/KY-0001')).toContain('Markeret til gennemgang');
    expect(texts.get(`/aendringsforslag/${encodeURIComponent(ids.lovvedligehold)}`)).toContain('træder i kraft 2. januar 2012');
    // What waits for the project manager: sections per role, orienteringer, deadlines.
    const pl = await h.newPage();
    await pl.goto(`${h.baseUrl}/mit-arbejde`);
    await logIn(pl, 'projektleder');
    await pl.getByRole('heading', { level: 1, name: 'Mit arbejde' }).waitFor();
    await settle(pl);
    findings.push(...scanDanishText('/mit-arbejde (projektleder)', await readableText(pl)));
    expect(report(findings)).toEqual([]);
  }, 300_000);
});
