// Searching from the header: a reader types a word in the search field, presses Enter, sees the hits grouped by kind
// with counts (only from the solutions they may read), and follows one to its page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('søgning fra sidehovedet', () => {
  it('finder krav og bestemmelser i alle bøjninger, grupperet med antal, og fører videre til kravet', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/`);
    // styregruppe reads KY only: KSD's requirements on the employer period must not show.
    await logIn(page, 'styregruppe');
    const box = page.getByRole('searchbox', { name: /Søg efter krav/ });
    await box.fill('arbejdsgiverperioden');
    await box.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Søgning' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sog');
    expect(new URL(page.url()).searchParams.get('q')).toBe('arbejdsgiverperioden');
    const requirements = page.getByRole('region', { name: /^Krav/ });
    await expect.poll(() => requirements.getByRole('heading', { level: 2 }).textContent()).toBe('Krav (1)');
    await expect.poll(() => page.getByRole('region', { name: /^Bestemmelser/ }).getByRole('link').count()).toBeGreaterThan(0);
    expect(await page.getByRole('status').textContent()).toMatch(/\d+ resultater for “arbejdsgiverperioden”/);
    expect(await page.locator('sb-search-page').textContent()).not.toContain('KSD-');
    // The field keeps the search, so it can be changed.
    expect(await box.inputValue()).toBe('arbejdsgiverperioden');
    await expectAccessible(page);

    await requirements.getByRole('link', { name: /KY-0001/ }).click();
    await page.getByRole('heading', { level: 1, name: /Fordeling af udbetalingen/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/krav/KY-0001');

    // A citation from the keyboard alone: the versions in force first.
    await box.focus();
    await box.fill('§ 24 stk 2');
    await page.keyboard.press('Enter');
    const provisions = page.getByRole('region', { name: /^Bestemmelser/ });
    await expect.poll(() => provisions.locator('li').first().textContent()).toContain('(gældende)');
    expect(await page.getByRole('region', { name: /^Krav/ }).count()).toBe(0);
  });
});
