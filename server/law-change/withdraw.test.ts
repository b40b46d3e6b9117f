// Taking back a version registered by mistake, on the demo data: aktivloven's LBK 468/2016 registered as the next
// version of sygedagpengeloven (the wrong act picked in the form) flags every link; withdrawing it puts every link
// back exactly as it was, and the act's real next consolidation then arrives as if the mistake never happened.
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
let laeser: Caller;
let syg: number;

const linksOfSyg = () => opened.db.selectFrom('trace_links').selectAll().where('source_id', '=', syg).orderBy('id').execute();

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  const app = createApp({ db: opened.db });
  redaktoer = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  laeser = await loginAs(app, 'laeser', DEMO_PASSWORD);
  syg = (await opened.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

describe('withdrawing a version', () => {
  it('puts every link back as it was before the mistaken version, keeps the version marked in history, and audits it', async () => {
    const before = await linksOfSyg();
    expect(before.length).toBeGreaterThanOrEqual(10);
    expect(before.every((l) => l.status === 'current')).toBe(true);
    const mistake = await redaktoer('POST', '/api/sources/import', { content: read('aktivloven/LBK-2016-468.xml'), sourceId: syg, inForceFrom: '2012-01-02' });
    expect(mistake.status, JSON.stringify(mistake.json)).toBe(201);
    const flagged = (await linksOfSyg()).filter((l) => l.status !== 'current');
    expect(flagged.length).toBe(before.length);

    expect((await laeser('POST', `/api/versions/${mistake.json.version.id}/withdraw`, { reason: 'Forkert' })).status).toBe(403);
    expect((await redaktoer('POST', `/api/versions/${mistake.json.version.id}/withdraw`, {})).json.error.fields[0].field).toBe('reason');
    const res = await redaktoer('POST', `/api/versions/${mistake.json.version.id}/withdraw`, { reason: 'Aktivloven, ikke sygedagpengeloven' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.links.restored).toBe(before.length);
    expect(await linksOfSyg()).toEqual(before);

    const timeline = (await redaktoer('GET', `/api/sources/${syg}`)).json;
    const withdrawn = timeline.versions.find((v: any) => v.id === mistake.json.version.id);
    expect(withdrawn.withdrawn).toMatchObject({ by: 'kravredaktoer', reason: 'Aktivloven, ikke sygedagpengeloven' });
    const audit = (await redaktoer('GET', `/api/audit?entityType=source_version&entityId=${mistake.json.version.id}`)).json.items;
    expect(audit[0]).toMatchObject({ action: 'source_version.withdraw', actor: 'kravredaktoer' });
    expect((await redaktoer('POST', `/api/versions/${mistake.json.version.id}/withdraw`, { reason: 'Igen' })).status).toBe(409);
  });

  it('lets the real next consolidation arrive as if the mistake never happened, and refuses to withdraw an older version first', async () => {
    const beforeNext = await linksOfSyg();
    const next = await redaktoer('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-1152.xml'), sourceId: syg, inForceFrom: '2011-12-12' });
    expect(next.status, JSON.stringify(next.json)).toBe(201);
    // Compared with LBK 920/2011, not with the withdrawn act: the 21 → 30 days change flags § 6, stk. 1 and § 30, stk. 1, and nothing breaks.
    expect(next.json.links.broken).toBe(0);
    expect(next.json.links.suspect).toBeGreaterThan(0);
    const previous = next.json.previousVersionId;
    expect((await redaktoer('POST', `/api/versions/${previous}/withdraw`, { reason: 'Ældre' })).status).toBe(409);
    // Confirm one flagged link against the new version, then withdraw it: that link is confirmed against LBK 920 again.
    // The links to provisions LBK 1152 left unchanged (§ 7, § 24, stk. 1 …) are confirmed against it by themselves.
    const carried = (await linksOfSyg()).filter((l) => l.confirmed_version_id === next.json.version.id);
    expect(carried.length).toBe(next.json.links.unchanged);
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every((l) => l.status === 'current')).toBe(true);
    const suspect = (await linksOfSyg()).find((l) => l.status === 'suspect')!;
    expect((await redaktoer('POST', `/api/links/${suspect.id}/confirm`, { reason: 'Holder' })).status).toBe(200);
    const back = await redaktoer('POST', `/api/versions/${next.json.version.id}/withdraw`, { reason: 'Prøve' });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    const after = (await linksOfSyg()).find((l) => l.id === suspect.id)!;
    expect(after.confirmed_version_id).toBe(previous);
    expect(after.status).toBe('suspect');
    expect(after.status_note).toMatch(/tilbagekaldt/);
    // Every other link, the carried ones included, is exactly as before LBK 1152: confirmed against LBK 920 again.
    const others = (await linksOfSyg()).filter((l) => l.id !== suspect.id);
    expect(others).toEqual(beforeNext.filter((l) => l.id !== suspect.id));
    const history = (await redaktoer('GET', `/api/audit?entityType=trace_link&entityId=${carried[0].id}`)).json.items;
    expect(history.map((a: any) => a.action).slice(0, 2)).toEqual(['link.restore', 'link.carry']);
    expect(history[0].after.confirmedVersionId).toBe(previous);
  });

  it('withdraws an amending act registered by mistake: its projection goes, the links are back as before', async () => {
    const before = await linksOfSyg();
    const act = await redaktoer('POST', '/api/sources/import', { content: read('sygedagpengeloven/LOV-2010-1599.xml') });
    expect(act.status, JSON.stringify(act.json).slice(0, 300)).toBe(201);
    expect(act.json.kind).toBe('amending-act');
    const projected = act.json.amended[0].version.id;
    expect((await linksOfSyg()).some((l) => l.status === 'suspect')).toBe(true);
    // The projection carries the links to provisions the act leaves alone, and withdrawing it takes them back.
    expect((await linksOfSyg()).some((l) => l.status === 'current' && l.confirmed_version_id === projected)).toBe(true);
    const res = await redaktoer('POST', `/api/versions/${projected}/withdraw`, { reason: 'Lovforslaget blev ændret under 3. behandling' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await linksOfSyg()).toEqual(before);
  });
});
