// The traceability matrix of a 3,000-requirement solution: it renders, only the rows in view are in the DOM, the
// keyboard moves through it (headers included), filters narrow it, and its first paint is printed (not asserted:
// speed belongs in `npm run bench`, see bench/matrix.bench.ts).
import type SQLite from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureMatrixFirstPaint } from '../../bench/matrix.bench.js';
import { login } from '../../bench/server-process.js';
import { expectAccessible, logIn, startHarness, type Harness } from './harness.js';

const CODE = 'MX';
const REQUIREMENTS = 3000;

let h: Harness;
let expected: { links: number; suspectRows: number; brokenRows: number; untraced: number; firstLinks: { label: string; status: string }[] };

/**
 * A solution of `count` requirements with about three links each to the demo's newest law versions, written straight
 * into the tables (the test is about the page, not about 12,000 audited creations). Deterministic: requirement i
 * links to provisions (7i + 131j) mod P; every 17th link is suspect, every 41st broken, every 50th requirement untraced.
 */
function seedMatrixSolution(sqlite: SQLite.Database, code: string, count: number) {
  const now = new Date().toISOString();
  const provisions = sqlite
    .prepare(
      `select v.source_id, v.id as version_id, p.key, p.fingerprint from provisions p
       join source_versions v on v.id = p.version_id
       where p.repealed = 0 and p.kind in ('paragraf', 'stk', 'nr')
         and v.id = (select v2.id from source_versions v2 where v2.source_id = v.source_id order by v2.in_force_from desc, v2.id desc limit 1)
       order by v.source_id, p.position`,
    )
    .all() as { source_id: number; version_id: number; key: string; fingerprint: string }[];
  sqlite.transaction(() => {
    const solutionId = Number(
      sqlite
        .prepare(`insert into solutions (code, name, description, supplier, contract_start, contract_end, retender_date, next_requirement_seq, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(code, 'Matrixløsningen', 'En stor løsning til test af sporbarhedsmatrixen.', 'Testleverandør', '2020-01-01', '2029-12-31', '2029-01-01', count + 1, now, now).lastInsertRowid,
    );
    const requirement = sqlite.prepare(
      `insert into requirements (solution_id, human_id, title, text, kind, status, tender_category, non_legal, version, created_at, updated_at, last_reviewed_at)
       values (?, ?, ?, ?, ?, 'godkendt', 'krav', 0, 1, ?, ?, ?)`,
    );
    const version = sqlite.prepare(
      `insert into requirement_versions (requirement_id, version, title, text, kind, status, tender_category, author, reason, created_at)
       values (?, 1, ?, ?, ?, 'godkendt', 'krav', 'test', 'Oprettet', ?)`,
    );
    const link = sqlite.prepare(
      `insert into trace_links (requirement_id, source_id, provision_key, rationale, status, confirmed_version_id, confirmed_fingerprint, confirmed_key, created_by, created_at, confirmed_by, confirmed_at)
       values (?, ?, ?, '', ?, ?, ?, ?, 'test', ?, 'test', ?)`,
    );
    const kinds = ['proces', 'regel', 'data', 'integration'];
    for (let i = 1; i <= count; i++) {
      const title = `Krav ${i} om sagsbehandling`;
      const text = `Løsningen skal understøtte trin ${i} i sagsbehandlingen.`;
      const kind = kinds[i % kinds.length];
      const id = Number(requirement.run(solutionId, `${code}-${String(i).padStart(4, '0')}`, title, text, kind, now, now, now).lastInsertRowid);
      version.run(id, title, text, kind, now);
      if (i % 50 === 0) continue;
      const seen = new Set<string>();
      for (let j = 0; j < 1 + (i % 5); j++) {
        const p = provisions[(i * 7 + j * 131) % provisions.length];
        if (seen.has(`${p.source_id}|${p.key}`)) continue;
        seen.add(`${p.source_id}|${p.key}`);
        const status = (i + j) % 41 === 0 ? 'broken' : (i + j) % 17 === 0 ? 'suspect' : 'current';
        link.run(id, p.source_id, p.key, status, p.version_id, p.fingerprint, p.key, now, now);
      }
    }
  })();
}

beforeAll(async () => {
  h = await startHarness();
  seedMatrixSolution(h.sqlite, CODE, REQUIREMENTS);
  const one = <T>(sql: string, ...args: unknown[]) => h.sqlite.prepare(sql).get(...args) as T;
  const inSolution = `l.requirement_id in (select r.id from requirements r join solutions s on s.id = r.solution_id where s.code = '${CODE}')`;
  expected = {
    links: one<{ n: number }>(`select count(*) as n from trace_links l where ${inSolution}`).n,
    suspectRows: one<{ n: number }>(`select count(distinct requirement_id) as n from trace_links l where status = 'suspect' and ${inSolution}`).n,
    brokenRows: one<{ n: number }>(`select count(distinct requirement_id) as n from trace_links l where status = 'broken' and ${inSolution}`).n,
    untraced: REQUIREMENTS / 50,
    firstLinks: h.sqlite
      .prepare(
        `select p.label, l.status from trace_links l join requirements r on r.id = l.requirement_id
         join provisions p on p.version_id = l.confirmed_version_id and p.key = l.provision_key where r.human_id = ? order by l.id`,
      )
      .all(`${CODE}-0001`) as { label: string; status: string }[],
  };
});

afterAll(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sporbar-matrix-${name}.png` });

/** The element with focus, through shadow roots: its row/column position and its accessible label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const e = el as HTMLElement | null;
    // Header links carry their position in data attributes; cells in their ARIA row and column indices.
    const cell = e?.getAttribute('role') === 'gridcell';
    const r = cell ? String(Number(e!.parentElement!.getAttribute('aria-rowindex')) - 3) : e?.dataset.r;
    const c = cell ? String(Number(e!.getAttribute('aria-colindex')) - 2) : e?.dataset.c;
    return { r, c, label: e?.getAttribute('aria-label') ?? e?.textContent?.trim() ?? '' };
  });

const rowsInDom = (page: Page) => page.locator('[role="grid"] [role="rowgroup"]:last-child > [role="row"]').count();

describe('sporbarhedsmatrix for en løsning med 3.000 krav', () => {
  it('tegner hurtigt og holder kun de synlige rækker i DOM', async () => {
    const session = await login(h.baseUrl, 'kravredaktoer');
    const paint = await measureMatrixFirstPaint({ baseUrl: h.baseUrl, cookie: session.cookie, code: CODE, runs: 3, browser: h.browser });
    console.log(
      `Sporbarhedsmatrix første visning (${REQUIREMENTS} krav, ${expected.links} links): ${paint.runsMs.map((t) => Math.round(t)).join(', ')} ms (median ${Math.round(paint.medianMs)} ms); ${paint.rowsInDom} rækker og ${paint.cellsInDom} celler i DOM`,
    );
    expect(paint.rowCount).toBe(REQUIREMENTS);
    expect(paint.rowsInDom).toBeGreaterThan(5);
    expect(paint.rowsInDom).toBeLessThan(100);
  });

  it('viser krav × bestemmelser med status i tekst, kan betjenes med tastaturet og filtreres', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/loesninger/${CODE}/sporbarhed`);
    await logIn(page, 'kravredaktoer');
    await page.getByRole('heading', { level: 1, name: 'Sporbarhedsmatrix' }).waitFor();
    const grid = page.getByRole('grid', { name: 'Sporbarhedsmatrix for Matrixløsningen' });
    await grid.waitFor();
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(REQUIREMENTS + 2));
    await expect.poll(() => page.locator('#matrix-summary').textContent()).toMatch(new RegExp(`Viser 3\\.000 krav af 3\\.000.*${expected.links.toLocaleString('da-DK').replace('.', '\\.')} sporingslinks`, 's'));
    expect(await rowsInDom(page)).toBeLessThan(100);
    expect(await page.title()).toBe('Sporbarhedsmatrix – Matrixløsningen – Sporbar');

    // The first row: a link to the requirement, and its cells say the status in words (the symbol is only a cue).
    const first = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /MX-0001/ }) });
    await expect.poll(() => first.getByRole('link').first().getAttribute('href')).toBe('/krav/MX-0001');
    const labels = await first.getByRole('gridcell').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label') ?? ''));
    const named = { current: 'aktuel', suspect: 'mistænkt', broken: 'brudt' } as Record<string, string>;
    for (const l of expected.firstLinks) {
      if (labels.some((x) => x.includes(`– ${l.label},`))) expect(labels.find((x) => x.includes(`– ${l.label},`))).toMatch(new RegExp(`: ${named[l.status]}$`));
    }
    expect(labels.filter(Boolean).length).toBeGreaterThan(0);
    await expectAccessible(page, 'sporbarhedsmatrix');
    await shot(page, '01-oversigt');

    // Keyboard: one tab stop; arrows move cell by cell, into the headers too, Ctrl+End to the far corner.
    await first.getByRole('gridcell').first().click();
    expect(await focused(page)).toMatchObject({ r: '0', c: '0', label: expect.stringMatching(/^MX-0001 Krav 1 om sagsbehandling – /) });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toMatchObject({ r: '1', c: '0', label: expect.stringMatching(/^MX-0002 /) });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focused(page)).toMatchObject({ r: '1', c: '1', label: expect.stringMatching(/^MX-0002 Krav 2 om sagsbehandling – .+: (ikke sporet|aktuel|mistænkt|brudt)$/) });
    await page.keyboard.press('Home');
    await expect.poll(() => focused(page)).toMatchObject({ r: '1', c: '-1', label: expect.stringContaining('MX-0002') });
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focused(page)).toMatchObject({ r: '-1', c: '0', label: expect.stringMatching(/^§/) });
    await page.keyboard.press('Control+End');
    await expect.poll(() => focused(page)).toMatchObject({ r: String(REQUIREMENTS - 1), label: expect.stringMatching(/^MX-3000 /) });
    expect(await rowsInDom(page)).toBeLessThan(100);
    const tabStops = await page.locator('[role="grid"] [tabindex="0"]').count();
    expect(tabStops).toBe(1);
    await shot(page, '02-sidste-celle');
    await page.keyboard.press('Control+Home');
    await expect.poll(() => focused(page)).toMatchObject({ r: '0', c: '-1', label: expect.stringContaining('MX-0001') });
    await page.keyboard.press('PageDown');
    await expect.poll(() => focused(page).then((f) => Number(f.r))).toBeGreaterThan(5);

    // Scrolling by mouse renders the rows scrolled to, and drops the others.
    await page.locator('[role="grid"]').evaluate((el) => (el.scrollTop = 36 * 1500));
    await page.getByRole('rowheader', { name: /MX-1500 / }).waitFor();
    expect(await rowsInDom(page)).toBeLessThan(100);

    // Filters: status, then source; both live in the URL.
    await page.getByLabel('Vis').selectOption('broken');
    await expect.poll(() => page.url()).toContain('status=broken');
    await expect.poll(() => page.locator('#matrix-summary').textContent()).toContain(`Viser ${expected.brokenRows} krav af 3.000`);
    const brokenCells = page.locator('[role="gridcell"][aria-label$=": brudt"]');
    expect(await brokenCells.count()).toBeGreaterThan(0);
    await expectAccessible(page, 'sporbarhedsmatrix, kun brudte links');
    await shot(page, '03-brudte');
    await page.getByLabel('Vis').selectOption('suspect');
    await expect.poll(() => page.locator('#matrix-summary').textContent()).toContain(`Viser ${expected.suspectRows} krav af 3.000`);
    await page.getByLabel('Vis').selectOption('untraced');
    await expect.poll(() => page.locator('#matrix-summary').textContent()).toContain(`Viser ${expected.untraced} krav af 3.000`);
    await page.getByLabel('Vis').selectOption('');
    const source = page.getByLabel('Retskilde');
    const options = await source.locator('option').allTextContents();
    await source.selectOption({ label: options[1] });
    await expect.poll(() => page.url()).toContain('kilde=');
    const groups = await page.locator('[role="row"][aria-rowindex="1"] [role="columnheader"] a').allTextContents();
    expect(groups).toEqual([options[1]]);
    await page.getByLabel('Find krav').fill('MX-2999');
    await expect.poll(() => page.locator('#matrix-summary').textContent()).toMatch(/Viser (0|1) krav af 3\.000/);
    await expectAccessible(page, 'sporbarhedsmatrix filtreret');

    // A row header is a link to its requirement.
    await page.getByLabel('Find krav').fill('');
    await page.getByLabel('Retskilde').selectOption('');
    await page.getByRole('rowheader', { name: /MX-0001 / }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Krav 1 om sagsbehandling' }).waitFor();
  });
});
