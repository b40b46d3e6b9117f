// Baselines through the API on the demo data: freeze KY, edit two requirements, register a new version of
// sygedagpengeloven, and the comparison shows exactly those changes — and nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let editor: Caller;
let reader: Caller;
let supplier: Caller;
let tender: any;
const ky: Record<string, { humanId: string; version: number }> = {};

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  editor = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  reader = await loginAs(app, 'laeser', DEMO_PASSWORD);
  supplier = await loginAs(app, 'leverandoer', DEMO_PASSWORD);
  for (const r of (await editor('GET', '/api/requirements?solution=KY&limit=100')).json.items) ky[r.title] = r;
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('taking a baseline', () => {
  it('freezes every requirement and link of the solution, listed with who took it', async () => {
    const res = await editor('POST', '/api/solutions/KY/baselines', { name: 'Udbud 2019', description: 'Kravene som udbudt' });
    expect(res.status).toBe(201);
    tender = res.json;
    expect(tender).toMatchObject({ solution: 'KY', name: 'Udbud 2019', requirementCount: 7, linkCount: 8, createdBy: 'kravredaktoer' });
    const list = await supplier('GET', '/api/solutions/KY/baselines');
    expect(list.json.items.map((b: any) => [b.name, b.createdByName])).toEqual([['Udbud 2019', 'Kirsten Kravredaktør']]);
    const full = await reader('GET', `/api/baselines/${tender.id}`);
    expect(full.json.requirements).toHaveLength(7);
    expect(full.json.links.find((l: any) => l.provisionKey === 'p30.s1')).toMatchObject({ label: '§ 30, stk. 1', confirmedShortName: 'LBK nr 920 af 22/08/2011', status: 'current' });
  });

  it('refuses a second baseline of the same name, and anyone without the right to take one', async () => {
    const again = await editor('POST', '/api/solutions/KY/baselines', { name: 'Udbud 2019' });
    expect(again.status).toBe(409);
    expect(again.json.error.fields[0].field).toBe('name');
    expect((await reader('POST', '/api/solutions/KY/baselines', { name: 'Læserens' })).status).toBe(403);
    expect((await editor('POST', '/api/solutions/KY/baselines', { name: '' })).status).toBe(400);
  });

  it('cannot be changed or deleted', async () => {
    expect((await editor('PUT', `/api/baselines/${tender.id}`, { name: 'Andet' })).status).toBe(404);
    expect((await editor('PATCH', `/api/baselines/${tender.id}`, { name: 'Andet' })).status).toBe(404);
    expect((await editor('DELETE', `/api/baselines/${tender.id}`)).status).toBe(404);
  });
});

describe('comparing after two edits and a law change', () => {
  let compare: any;

  beforeAll(async () => {
    const duration = ky['Varighedsbegrænsning'];
    const types = ky['Ydelsestyper'];
    expect(
      (
        await editor('PUT', `/api/requirements/${duration.humanId}`, {
          version: duration.version,
          text: 'Løsningen skal automatisk beregne, hvornår udbetalingen af sygedagpenge ophører efter varighedsbegrænsningen, og varsle sagsbehandleren senest 4 uger før.',
          reason: 'Kortere varsel',
        })
      ).status,
    ).toBe(200);
    expect((await editor('PUT', `/api/requirements/${types.humanId}`, { version: types.version, tenderCategory: 'krav', reason: 'Ikke længere mindstekrav' })).status).toBe(200);
    const law = await editor('POST', '/api/sources/import', {
      content: fs.readFileSync(path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'),
      inForceFrom: '2012-01-02',
    });
    expect(law.status).toBe(201);
    compare = (await reader('GET', `/api/baselines/compare?solution=KY&from=${tender.id}&to=now`)).json;
  });

  it('shows the two edited requirements, word by word and attribute by attribute, and nothing added or removed', () => {
    expect(compare.summary).toEqual({ added: 0, removed: 0, changed: 2, linksAdded: 0, linksRemoved: 0, linksChanged: 5, lawVersionsMoved: 1 });
    const [duration, types] = [ky['Varighedsbegrænsning'].humanId, ky['Ydelsestyper'].humanId];
    expect(compare.requirements.changed.map((c: any) => c.humanId).sort()).toEqual([duration, types].sort());
    const text = compare.requirements.changed.find((c: any) => c.humanId === duration);
    expect(text).toMatchObject({ textChanged: true, titleChanged: false, attributes: [], fromVersion: 1, toVersion: 2 });
    expect(text.textWords.filter((w: any) => w.removed).map((w: any) => w.value)).toEqual(['8']);
    expect(text.textWords.filter((w: any) => w.added).map((w: any) => w.value)).toEqual(['4']);
    const category = compare.requirements.changed.find((c: any) => c.humanId === types);
    expect(category).toMatchObject({ textChanged: false, titleChanged: false, attributes: [{ field: 'tenderCategory', label: 'Udbudskategori', from: 'mindstekrav', to: 'krav' }] });
  });

  it('shows that sygedagpengeloven moved on under five links, three of which turned suspect and two moved along unchanged', () => {
    expect(compare.lawVersions).toHaveLength(1);
    const moved = compare.lawVersions[0];
    expect(moved).toMatchObject({ source: 'sygedagpengeloven', from: { shortName: 'LBK nr 920 af 22/08/2011' }, to: { shortName: 'LBK nr 1152 af 12/12/2011' } });
    expect(moved.links.map((l: any) => l.label).sort()).toEqual(['§ 24, stk. 1', '§ 24, stk. 2', '§ 30, stk. 1', '§ 6, stk. 1', '§ 7']);
    // Three turned suspect; the two to provisions LBK 1152 left unchanged are now confirmed against it, still current.
    expect(compare.links.changed.map((l: any) => [l.label, l.from.status, l.to.status, l.to.confirmedShortName]).sort()).toEqual([
      ['§ 24, stk. 1', 'current', 'current', 'LBK nr 1152 af 12/12/2011'],
      ['§ 24, stk. 2', 'current', 'suspect', 'LBK nr 920 af 22/08/2011'],
      ['§ 30, stk. 1', 'current', 'suspect', 'LBK nr 920 af 22/08/2011'],
      ['§ 6, stk. 1', 'current', 'suspect', 'LBK nr 920 af 22/08/2011'],
      ['§ 7', 'current', 'current', 'LBK nr 1152 af 12/12/2011'],
    ]);
  });

  it('compares two baselines the same way, and a baseline with an unchanged state as equal', async () => {
    const after = (await editor('POST', '/api/solutions/KY/baselines', { name: 'Efter lovændring 2012' })).json;
    const between = (await reader('GET', `/api/baselines/compare?solution=KY&from=${tender.id}&to=${after.id}`)).json;
    expect(between.summary).toEqual(compare.summary);
    expect(between.to).toMatchObject({ name: 'Efter lovændring 2012' });
    const none = (await reader('GET', `/api/baselines/compare?solution=KY&from=${after.id}&to=now`)).json;
    expect(none.summary).toEqual({ added: 0, removed: 0, changed: 0, linksAdded: 0, linksRemoved: 0, linksChanged: 0, lawVersionsMoved: 0 });
  });

  it('keeps the frozen text after the edit', async () => {
    const frozen = (await reader('GET', `/api/baselines/${tender.id}`)).json;
    expect(frozen.requirements.find((r: any) => r.humanId === ky['Varighedsbegrænsning'].humanId).text).toContain('senest 8 uger før');
  });

  it('answers 404 for a baseline of another solution and 400 for a malformed side', async () => {
    expect((await reader('GET', `/api/baselines/compare?solution=KSD&from=${tender.id}&to=now`)).status).toBe(404);
    expect((await reader('GET', '/api/baselines/compare?solution=KY&from=igår&to=now')).status).toBe(400);
    expect((await reader('GET', '/api/baselines/999')).status).toBe(404);
  });
});
