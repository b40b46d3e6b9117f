// A provision that many requirements trace to: the kravredaktion sees how many in each solution at once, gets the
// links a page at a time, and can narrow them to one solution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/auth/permissions.js';
import { createLink } from '../../server/links/links.service.js';
import { createRequirement } from '../../server/requirements/requirements.service.js';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let sourceId: number;
/** Beyond the demo's links: requirements in KY and KSD traced to sygedagpengeloven § 30 or its stk. */
const EXTRA = { KY: 150, KSD: 80 };

beforeAll(async () => {
  h = await startHarness();
  const actor = systemActor('test');
  sourceId = (await h.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow()).id;
  for (const [solution, n] of Object.entries(EXTRA)) {
    for (let i = 1; i <= n; i++) {
      const r = await createRequirement(h.db, { solution, title: `Arbejdsgiverperiode, regel ${i}`, text: 'Løsningen skal beregne arbejdsgiverperioden.', kind: 'regel', status: 'godkendt', nonLegal: false }, actor);
      await createLink(h.db, { requirement: r.humanId, sourceId, provisionKey: i % 2 ? 'p30' : 'p30.s1', rationale: '' }, actor);
    }
  }
});

afterAll(async () => {
  await h?.close();
});

describe('en bestemmelse med mange krav', () => {
  it('viser antal pr. løsning, henter kravene en side ad gangen og filtrerer på løsning', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/kilder/${sourceId}/bestemmelser/p30`);
    await logIn(page, 'kravredaktoer');
    await page.getByRole('heading', { level: 1, name: '§ 30' }).waitFor();
    const links = page.locator('ul.reqs > li');
    const heading = page.getByRole('heading', { level: 2, name: /Krav der sporer hertil/ });
    const total = Number(/\((\d+)\)/.exec((await heading.textContent())!)![1]);
    // The demo traces KY-0001 to § 30, stk. 1: at least ours and that one.
    expect(total).toBeGreaterThanOrEqual(EXTRA.KY + EXTRA.KSD + 1);
    await expect.poll(() => links.count()).toBe(200);
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Viser 200 af ${total} krav`);

    const more = page.getByRole('button', { name: `Vis ${total - 200} flere` });
    await more.click();
    await expect.poll(() => links.count()).toBe(total);
    await expect.poll(() => more.count()).toBe(0);
    const ids = await page.locator('ul.reqs .id').allTextContents();
    expect(new Set(ids).size).toBe(total);

    // Each solution's count, as the filter offers it, is what the list holds for that solution.
    const filter = page.getByLabel('Vis krav fra');
    const options = await filter.locator('option').allTextContents();
    const countOf = (code: string) => Number(new RegExp(`\\(${code}\\): (\\d+)`).exec(options.find((o) => o.includes(`(${code})`))!)![1]);
    expect(countOf('KY')).toBe(ids.filter((id) => id.startsWith('KY-')).length);
    expect(countOf('KSD')).toBe(ids.filter((id) => id.startsWith('KSD-')).length);
    expect(countOf('KSD')).toBeGreaterThanOrEqual(EXTRA.KSD);
    await filter.selectOption('KSD');
    await expect.poll(() => links.count()).toBe(countOf('KSD'));
    await expect.poll(() => page.getByRole('heading', { level: 3 }).allTextContents()).toEqual([expect.stringContaining('(KSD)')]);
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Viser ${countOf('KSD')} af ${countOf('KSD')} krav fra KSD`);
    await heading.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/sporbar-provision-links.png' });
    await expectAccessible(page, 'bestemmelse med mange krav');
  });
});
