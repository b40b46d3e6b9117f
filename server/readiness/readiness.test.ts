// The readiness report on the demo data: KY starts ready; a law change, an untraced requirement, an old review
// and an open change request each show up where a kravredaktør would look for them.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';
import { READINESS_WEIGHTS } from './readiness.service.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let editor: Caller;
const ky: Record<string, string> = {};
let openRequestsBefore: number;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  editor = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  for (const r of (await editor('GET', '/api/requirements?solution=KY&limit=100')).json.items) ky[r.title] = r.humanId;
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('readiness of KY', () => {
  it('is complete on the demo data as loaded: everything legal traced, every link current, nothing stale', async () => {
    const res = await editor('GET', '/api/solutions/KY/readiness');
    expect(res.status).toBe(200);
    expect(res.json.counts).toMatchObject({ requirements: 7, legalRequirements: 6, links: 8, untraced: 0, suspectLinks: 0, brokenLinks: 0, sourceChanged: 0, notReviewed: 0 });
    openRequestsBefore = res.json.counts.openChangeRequests;
    expect(res.json.components.map((c: any) => c.key)).toEqual(Object.keys(READINESS_WEIGHTS));
    expect(res.json.components.reduce((n: number, c: any) => n + c.weight, 0)).toBe(100);
    if (openRequestsBefore === 0) {
      expect(res.json.score).toBe(100);
      expect(res.json.items).toEqual([]);
    }
  });

  describe('after a law change, a new untraced requirement, an old review and a drafted change request', () => {
    let report: any;

    beforeAll(async () => {
      const law = await editor('POST', '/api/sources/import', {
        content: fs.readFileSync(path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'),
        inForceFrom: '2012-01-02',
      });
      expect(law.status).toBe(201);
      const created = await editor('POST', '/api/requirements', { solution: 'KY', title: 'Partshøring', text: 'Løsningen skal understøtte partshøring før afgørelse.', kind: 'proces' });
      expect(created.status).toBe(201);
      ky['Partshøring'] = created.json.humanId;
      const twoYearsAgo = new Date(Date.now() - 2 * 365 * 24 * 3600 * 1000).toISOString();
      await opened.db.updateTable('requirements').set({ last_reviewed_at: twoYearsAgo }).where('human_id', '=', ky['Ydelsestyper']).execute();
      const admin = await loginAs(app, 'admin', DEMO_PASSWORD);
      expect((await admin('POST', `/api/versions/${law.json.version.id}/lovvedligehold`)).status).toBe(201);
      report = (await editor('GET', '/api/solutions/KY/readiness?months=12')).json;
    });

    it('counts each problem', () => {
      expect(report.counts).toMatchObject({
        requirements: 8,
        legalRequirements: 7,
        links: 8,
        untraced: 1,
        suspectLinks: 3,
        brokenLinks: 0,
        // Fordeling (§ 6, § 30) and Varighed (§ 24, stk. 2) trace to changed provisions; Uarbejdsdygtighed's § 7 is
        // unchanged in substance, so its link is confirmed against the new version by itself and asks for no review.
        sourceChanged: 2,
        notReviewed: 1,
        openChangeRequests: openRequestsBefore + 1,
      });
      expect(report.openChangeRequestsByClass.lovvedligehold).toBeGreaterThanOrEqual(1);
    });

    it('scores by the documented weights', () => {
      const c = Object.fromEntries(report.components.map((x: any) => [x.key, x]));
      expect(c.traced).toMatchObject({ count: 1, total: 7 });
      expect(c.linksCurrent).toMatchObject({ count: 3, total: 8, value: 0.625 });
      expect(c.reviewedSinceLawChange).toMatchObject({ count: 2, total: 6, value: 0.667 });
      expect(c.recentlyReviewed).toMatchObject({ count: 1, total: 8, value: 0.875 });
      const expected = 30 * (6 / 7) + 25 * 0.625 + 20 * (4 / 6) + 15 * 0.875 + 10 * c.changeRequestsSettled.value;
      expect(report.score).toBe(Math.round(expected));
      if (openRequestsBefore === 0) expect(report.score).toBe(68);
    });

    it('lists what to work through, most urgent first, each with why', () => {
      const byKind = (kind: string) => report.items.filter((i: any) => i.kind === kind);
      expect(byKind('suspect_link').map((i: any) => i.humanId).sort()).toEqual([ky['Fordeling af udbetalingen mellem arbejdsgiver og kommune'], ky['Fordeling af udbetalingen mellem arbejdsgiver og kommune'], ky['Varighedsbegrænsning']].sort());
      expect(byKind('suspect_link')[0].why).toContain('LBK nr 920 af 22/08/2011 → LBK nr 1152 af 12/12/2011');
      expect(byKind('untraced')).toEqual([{ kind: 'untraced', humanId: ky['Partshøring'], title: 'Partshøring', why: expect.stringContaining('sporer ikke') }]);
      expect(byKind('source_changed').map((i: any) => i.humanId).sort()).toEqual([ky['Fordeling af udbetalingen mellem arbejdsgiver og kommune'], ky['Varighedsbegrænsning']].sort());
      expect(byKind('not_reviewed').map((i: any) => i.humanId)).toEqual([ky['Ydelsestyper']]);
      expect(byKind('change_request').length).toBe(openRequestsBefore + 1);
      expect(report.items[0].kind).toBe('suspect_link');
      expect(report.items.every((i: any) => i.why && i.title)).toBe(true);
    });

    it('clears a requirement once its changed link is confirmed against the new version; its unchanged one needs nothing', async () => {
      const duration = ky['Varighedsbegrænsning'];
      const links = (await editor('GET', `/api/links?requirement=${duration}`)).json.items;
      expect(links.map((l: any) => [l.provision.label, l.status, l.confirmedVersion.shortName])).toEqual([
        ['§ 24, stk. 1', 'current', 'LBK nr 1152 af 12/12/2011'],
        ['§ 24, stk. 2', 'suspect', 'LBK nr 920 af 22/08/2011'],
      ]);
      expect((await editor('POST', `/api/links/${links[1].id}/confirm`, { reason: 'Kravet holder' })).status).toBe(200);
      const after = (await editor('GET', '/api/solutions/KY/readiness')).json;
      expect(after.counts.sourceChanged).toBe(1);
      expect(after.items.filter((i: any) => i.kind === 'source_changed').map((i: any) => i.humanId)).not.toContain(duration);
    });

    it('takes the review age from the query and refuses nonsense', async () => {
      expect((await editor('GET', '/api/solutions/KY/readiness?months=36')).json.counts.notReviewed).toBe(0);
      expect((await editor('GET', '/api/solutions/KY/readiness?months=0')).status).toBe(400);
      expect((await editor('GET', '/api/solutions/XX/readiness')).status).toBe(404);
    });
  });
});
