// What each role is offered: a læser sees no form or button for an action the server would refuse it (registering
// versions and bills, withdrawing a version, requirements, change requests, sessions, baselines, import); the role
// that may act sees them. And the kind of a legal source, chosen when it is registered, shows on the source.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_LEXDANIA, expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let sygedagpenge = 0;

beforeAll(async () => {
  h = await startHarness();
  sygedagpenge = (await h.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await h?.close();
});

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

interface Check {
  url: () => string;
  /** Visible once the page has what decides whether the action is offered. */
  ready: (page: Page) => Locator;
  /** The action a læser may not take. */
  action: (page: Page) => Locator;
}

const CHECKS: Record<string, Check> = {
  'registrér ny version (retskilder)': {
    url: () => '/kilder',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Retskilder' }),
    action: (p) => p.getByRole('link', { name: '+ Registrér ny version' }),
  },
  'formularen til en ny version': {
    url: () => '/kilder/importer',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Registrér ny version' }),
    action: (p) => p.getByRole('button', { name: 'Registrér version' }),
  },
  'tilbagekald version': {
    url: () => `/kilder/${sygedagpenge}`,
    ready: (p) => p.getByText('Vises nedenfor'),
    action: (p) => p.getByRole('button', { name: /^Tilbagekald/ }),
  },
  'registrér lovforslag': {
    url: () => '/lovforslag',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Lovforslag' }),
    action: (p) => p.getByRole('button', { name: 'Registrér lovforslag' }),
  },
  'opret krav': {
    url: () => '/krav',
    ready: (p) => p.getByRole('heading', { level: 1, name: /Krav/ }),
    action: (p) => p.getByRole('link', { name: '+ Opret krav' }),
  },
  'nyt ændringsforslag': {
    url: () => '/aendringsforslag',
    ready: (p) => p.getByRole('heading', { level: 1, name: /Ændringsforslag/ }),
    action: (p) => p.getByRole('link', { name: '+ Registrér ændringsforslag' }),
  },
  'formularen til et ændringsforslag': {
    url: () => '/aendringsforslag/ny',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Registrér ændringsforslag' }),
    action: (p) => p.getByRole('button', { name: /^Registrér/ }),
  },
  'nyt faggruppemøde': {
    url: () => '/moeder',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Faggruppemøder' }),
    action: (p) => p.getByRole('link', { name: '+ Nyt faggruppemøde' }),
  },
  'formularen til et faggruppemøde': {
    url: () => '/moeder/ny',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Nyt faggruppemøde' }),
    action: (p) => p.getByRole('button', { name: 'Opret møde' }),
  },
  'opret baseline': {
    url: () => '/loesninger/KY?fane=baselines',
    ready: (p) => p.getByRole('heading', { level: 2, name: 'Baselines' }),
    action: (p) => p.getByRole('button', { name: 'Opret baseline' }),
  },
  'import-fanen': {
    url: () => '/loesninger/KY',
    ready: (p) => p.getByRole('link', { name: 'Eksport' }),
    action: (p) => p.getByRole('link', { name: 'Import', exact: true }),
  },
};

async function signedIn(username: string): Promise<Page> {
  const page = await h.newPage();
  await page.goto(`${h.baseUrl}/`);
  await logIn(page, username);
  await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor({ state: 'detached' });
  return page;
}

describe('hvad hver rolle får tilbudt', () => {
  it('en læser ser ingen knap eller formular til det, serveren ville afvise', async () => {
    const page = await signedIn('laeser');
    for (const [name, check] of Object.entries(CHECKS)) {
      await page.goto(`${h.baseUrl}${check.url()}`);
      await visible(check.ready(page)).catch(async (e) => {
        await page.screenshot({ path: `/tmp/roles2-${name.replace(/\W+/g, '-')}.png`, fullPage: true });
        throw new Error(`${name}: ${e}`);
      });
      expect(await check.action(page).count(), name).toBe(0);
    }
    // Where the whole page is an action, it says who may take it instead.
    await page.goto(`${h.baseUrl}/moeder/ny`);
    await visible(page.getByRole('alert').filter({ hasText: 'Kun projektledere og administratorer kan oprette faggruppemøder' }));
    await expectAccessible(page, '/moeder/ny som læser');
  });

  it('administratoren ser dem alle', async () => {
    const page = await signedIn('admin');
    for (const [name, check] of Object.entries(CHECKS)) {
      await page.goto(`${h.baseUrl}${check.url()}`);
      await visible(check.ready(page));
      await visible(check.action(page).first()).catch(() => {
        throw new Error(`administratoren ser ikke: ${name}`);
      });
    }
  });

  it('en kommune kan registrere ændringsforslag, men ikke oprette krav eller møder', async () => {
    const page = await signedIn('kommune');
    await page.goto(`${h.baseUrl}/aendringsforslag/ny`);
    await visible(page.getByRole('button', { name: /^Registrér/ }));
    for (const name of ['opret krav', 'nyt faggruppemøde', 'import-fanen', 'registrér lovforslag']) {
      const check = CHECKS[name];
      await page.goto(`${h.baseUrl}${check.url()}`);
      await visible(check.ready(page));
      expect(await check.action(page).count(), name).toBe(0);
    }
  });
});

describe('retskildens art', () => {
  it('følger dokumenttypen, kan vælges, når retskilden registreres, og vises på retskilden', async () => {
    const page = await signedIn('lovovervaagning');
    await page.goto(`${h.baseUrl}/kilder/importer`);
    await page.getByLabel('Fil', { exact: true }).setInputFiles(path.join(SHARED_LEXDANIA, 'retssikkerhedsloven', 'LBK-2010-1054.xml'));
    const kind = page.getByLabel('Art');
    await expect.poll(() => kind.locator('option:checked').textContent()).toBe('Ud fra dokumenttypen (lovbekendtgørelse)');
    await expectAccessible(page, '/kilder/importer med art');
    await kind.selectOption({ label: 'Lov' });
    await page.getByRole('button', { name: 'Registrér version' }).click();
    await visible(page.getByText('Versionen er registreret'));
    await expect.poll(() => page.locator('dt:text-is("Art") + dd').textContent()).toBe('Lov');

    const source = await h.db.selectFrom('legal_sources').select(['id', 'kind']).where('title', 'like', '%retssikkerhed%').executeTakeFirstOrThrow();
    expect(source.kind).toBe('lov');
    await page.goto(`${h.baseUrl}/kilder/${source.id}`);
    await expect.poll(() => page.locator('p.source-kind').textContent()).toMatch(/Art:\s*Lov$/);
    await page.goto(`${h.baseUrl}/kilder`);
    await visible(page.getByRole('row').filter({ hasText: /retssikkerhed/i }).getByRole('cell', { name: 'Lov', exact: true }));
  });
});
