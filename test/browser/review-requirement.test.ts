// Gennemgang of one requirement with several suspect links, as a kravredaktør: fixing the requirement through one card
// updates the others at once (no "ændret af en anden" on the next save), and the links whose provision reads the same in
// substance as when they were confirmed are confirmed together with one button.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../server/auth/permissions.js';
import { draftLovvedligeholdRequests } from '../../server/links/impact.service.js';
import { createLink } from '../../server/links/links.service.js';
import { createRequirement } from '../../server/requirements/requirements.service.js';
import { importSourceDocument } from '../../server/sources/sources.service.js';
import { SHARED_LEXDANIA, expectAccessible, logIn, startHarness, type Harness } from './harness.js';

let h: Harness;
let humanId: string;

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden' });

/** Lov om gentagelse: LOV 21 changes § 1, § 2 and § 3; LOV 22 takes the change to § 1 back. */
const act = (one: string, two: string, three: string) => `Lov om gentagelse\n§ 1. ${one}\n§ 2. ${two}\n§ 3. ${three}`;

beforeAll(async () => {
  h = await startHarness();
  const system = systemActor('test');
  const v1 = await importSourceDocument(h.db, act('Kommunen fører tilsyn.', 'Tilsynet er gratis.', 'Tilsynet sker årligt.'), undefined, { title: 'Lov om gentagelse', shortName: 'LOV nr 20 af 01/01/2020', inForceFrom: '2020-01-01' }, system);
  const source = v1.source.id;
  humanId = (await createRequirement(h.db, { solution: 'KY', title: 'Tilsyn med gentagelse', text: 'Løsningen skal registrere kommunens årlige, gratis tilsyn.', kind: 'regel', status: 'godkendt', nonLegal: false }, system)).humanId;
  for (const key of ['p1', 'p2', 'p3']) await createLink(h.db, { requirement: humanId, sourceId: source, provisionKey: key, rationale: 'Tilsynet' }, system);
  await importSourceDocument(h.db, act('Regionen fører tilsyn.', 'Tilsynet koster 100 kr.', 'Tilsynet sker hvert andet år.'), undefined, { title: 'Lov om gentagelse', shortName: 'LOV nr 21 af 01/01/2021', sourceId: source, inForceFrom: '2021-01-01' }, system);
  await importSourceDocument(h.db, act('Kommunen fører tilsyn.', 'Tilsynet koster 100 kr.', 'Tilsynet sker hvert andet år.'), undefined, { title: 'Lov om gentagelse', shortName: 'LOV nr 22 af 01/01/2022', sourceId: source, inForceFrom: '2022-01-01' }, system);
});

afterAll(async () => {
  await h?.close();
});

const card = (page: Page, label: string) =>
  page.locator('li.item').filter({ has: page.getByRole('heading', { level: 3, name: `${humanId} sporer til Lov om gentagelse ${label}`, exact: true }) });

async function revise(page: Page, label: string, text: string, reason: string) {
  const item = card(page, label);
  await item.getByRole('button', { name: 'Ret krav og bekræft' }).click();
  await item.getByLabel('Kravtekst').fill(text);
  await item.getByLabel('Begrundelse for ændringen').fill(reason);
  await item.getByRole('button', { name: 'Gem ny version og bekræft' }).click();
}

describe('gennemgang af et krav med flere mistænkte links', () => {
  it('opdaterer kravets andre kort efter en rettelse og bekræfter de uændrede links samlet', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/gennemgang?solution=KY`);
    await logIn(page, 'kravredaktoer');
    await visible(card(page, '§ 3'));
    // Only § 1 reads as it did when confirmed; § 2 and § 3 changed in substance.
    await visible(card(page, '§ 1').getByText('Teksten er uændret i substans siden LOV nr 20 af 01/01/2020.'));
    await expect.poll(() => card(page, '§ 2').getByRole('button', { name: /Bekræft alle uændrede links/ }).count()).toBe(0);

    await revise(page, '§ 2', 'Løsningen skal registrere kommunens årlige tilsyn og opkræve 100 kr.', 'Tilsynet koster nu 100 kr.');
    await visible(page.getByText(`${humanId} er gemt som version 2`));
    // The other cards of the requirement show version 2 at once, and a save from them starts there.
    await visible(card(page, '§ 3').getByText('Krav · version 2'));
    await visible(card(page, '§ 3').getByText('opkræve 100 kr.'));
    await revise(page, '§ 3', 'Løsningen skal registrere kommunens tilsyn hvert andet år og opkræve 100 kr.', 'Tilsynet sker nu hvert andet år.');
    await visible(page.getByText(`${humanId} er gemt som version 3`));
    await expect.poll(() => page.getByText('Kravet er ændret af en anden').count()).toBe(0);

    await expectAccessible(page, 'gennemgang med et uændret link');
    await card(page, '§ 1').getByRole('button', { name: `Bekræft alle uændrede links for kravet ${humanId}` }).click();
    await visible(page.getByText(`${humanId}: 1 uændret link bekræftet (§ 1).`));
    await hidden(card(page, '§ 1'));
    await expect.poll(() => page.locator('li.item').filter({ hasText: 'Lov om gentagelse' }).count()).toBe(0);
  });
});

describe('krydshenvisninger mellem gennemgang, krav og ændringsforslag', () => {
  it('fører fra gennemgangen og fra kravet til lovændringens lovvedligeholdsforslag', async () => {
    const system = systemActor('test');
    const content = fs.readFileSync(path.join(SHARED_LEXDANIA, 'sygedagpengeloven', 'LBK-2011-1152.xml'), 'utf8');
    const syg = await h.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow();
    const law = await importSourceDocument(h.db, content, 'LBK-2011-1152.xml', { sourceId: syg.id, inForceFrom: '2012-01-02' }, system);
    const drafts = await draftLovvedligeholdRequests(h.db, law.version.id, system);
    const ky = drafts.created.find((c) => c.solution === 'KY')!;

    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/gennemgang?solution=KY`);
    await logIn(page, 'kravredaktoer');
    const item = page.locator('li.item').filter({ has: page.getByRole('heading', { level: 3, name: 'KY-0001 sporer til Sygedagpengeloven § 6, stk. 1', exact: true }) });
    await visible(item);
    await item.getByRole('link', { name: new RegExp(`^${ky.humanId} `) }).click();
    await visible(page.getByRole('heading', { level: 1 }).filter({ hasText: ky.title }));

    await page.goto(`${h.baseUrl}/krav/KY-0001`);
    const section = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: /^Ændringsforslag/ }) });
    await visible(section.getByRole('link', { name: new RegExp(`^${ky.humanId} `) }));
    await expectAccessible(page, 'krav med ændringsforslag');
    await section.getByRole('link', { name: new RegExp(`^${ky.humanId} `) }).click();
    await visible(page.getByRole('heading', { level: 1 }).filter({ hasText: ky.title }));
  });
});
