// An amending act the day it is published, on the demo data: LOV 1599/2010 (21 → 30 days of employer period) is
// recognised as amending sygedagpengeloven, applied to LBK 920/2011 as a projected version in force 2 January 2012,
// flags exactly the links to the provisions it changes, shows its instructions in the review queue, drafts
// lovvedligehold requests with its date in force; then LBK 1152/2011 arrives, is matched to the act by the
// consolidation it cites, supersedes the projection and flags nothing new.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');
const read = (rel: string) => fs.readFileSync(path.join(LEXDANIA, rel), 'utf8');

let opened: OpenedDatabase;
let redaktoer: Caller;
let syg: number;

const linkStates = async () =>
  Object.fromEntries(
    (
      await opened.db
        .selectFrom('trace_links as l')
        .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
        .select(['r.human_id', 'l.provision_key', 'l.status'])
        .where('l.source_id', '=', syg)
        .execute()
    ).map((l) => [`${l.human_id} ${l.provision_key}`, l.status]),
  );

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  const app = createApp({ db: opened.db });
  redaktoer = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  syg = (await opened.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

describe('an amending act, then the consolidation that incorporates it', () => {
  let projectedId: number;

  it('projects LOV 1599/2010 onto LBK 920/2011 and flags exactly the links to the provisions it changes', async () => {
    const before = await linkStates();
    const res = await redaktoer('POST', '/api/sources/import', { content: read('sygedagpengeloven/LOV-2010-1599.xml') });
    expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(201);
    expect(res.json.kind).toBe('amending-act');
    expect(res.json.act.shortName).toBe('LOV nr 1599 af 22/12/2010');
    expect(res.json.amended).toHaveLength(1);
    const [amended] = res.json.amended;
    expect(amended.source.id).toBe(syg);
    expect(amended.version).toMatchObject({ shortName: 'LBK nr 920 af 22/08/2011 med LOV nr 1599 af 22/12/2010', inForceFrom: '2012-01-02' });
    expect(amended.unapplied).toEqual([]);
    projectedId = amended.version.id;

    // The act names § 6, stk. 1, § 24, stk. 2, nr. 1 og 2, § 30, stk. 1, § 40, stk. 1, § 56, stk. 1, and § 61.
    const changed = /^p(6\.s1|24\.s2|30\.s1|40\.s1|56\.s1|61)(\.|$)/;
    const after = await linkStates();
    for (const [link, status] of Object.entries(after)) {
      const key = link.split(' ')[1]!;
      expect(status, link).toBe(changed.test(key) ? 'suspect' : before[link]);
    }
    expect(Object.values(after).filter((s) => s === 'suspect').length).toBeGreaterThanOrEqual(4);
    expect(Object.values(after)).not.toContain('broken');
  });

  it('shows the instruction beside the old and new text on each review card', async () => {
    const queue = (await redaktoer('GET', `/api/review?sourceId=${syg}&limit=200`)).json;
    expect(queue.items.length).toBeGreaterThan(0);
    for (const card of queue.items) {
      expect(card.new.shortName).toBe('LBK nr 920 af 22/08/2011 med LOV nr 1599 af 22/12/2010');
      expect(card.instructions.length, card.provisionKey).toBeGreaterThan(0);
      expect(card.instructions[0]).toMatchObject({ act: 'LOV nr 1599 af 22/12/2010', inForceFrom: '2012-01-02' });
    }
    const period = queue.items.find((c: any) => c.provisionKey === 'p30.s1');
    expect(period.instructions[0].text).toMatch(/»21 kalenderdage« til:? »30 kalenderdage«/);
  });

  it('drafts lovvedligehold requests with the date the changes take effect as deadline', async () => {
    const impact = (await redaktoer('GET', `/api/versions/${projectedId}/impact`)).json;
    expect(impact.solutions.map((s: any) => s.code).sort()).toEqual(['KSD', 'KY']);
    const drafts = await redaktoer('POST', `/api/versions/${projectedId}/lovvedligehold`);
    expect(drafts.status).toBe(201);
    for (const humanId of drafts.json.created.map((c: any) => c.humanId)) {
      expect((await redaktoer('GET', `/api/change-requests/${encodeURIComponent(humanId)}`)).json.deadline).toBe('2012-01-02');
    }
  });

  it('matches LBK 1152/2011 to the act by the consolidation it cites, supersedes the projection and flags nothing new', async () => {
    const before = await linkStates();
    // No source named: the statement "jf. lovbekendtgørelse nr. 920 af 22. august 2011" says which act this continues.
    const res = await redaktoer('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-1152.xml'), inForceFrom: '2011-12-12' });
    expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(201);
    expect(res.json.kind).toBe('version');
    expect(res.json.source.id).toBe(syg);
    expect(res.json.superseded.map((v: any) => v.id)).toEqual([projectedId]);
    expect(res.json.previousVersionId).toBe(projectedId);
    expect(await linkStates()).toEqual(before);
    const timeline = (await redaktoer('GET', `/api/sources/${syg}`)).json.versions;
    const projection = timeline.find((v: any) => v.id === projectedId);
    expect(projection).toMatchObject({ kind: 'projiceret', amendingAct: 'LOV nr 1599 af 22/12/2010', supersededByVersionId: res.json.version.id });
    // New links are confirmed against the consolidation now, not the projection.
    const review = (await redaktoer('GET', `/api/review?sourceId=${syg}&limit=200`)).json.items;
    expect(review.every((c: any) => c.new.shortName === 'LBK nr 1152 af 12/12/2011')).toBe(true);
  });
});
