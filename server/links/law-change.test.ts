// The law-change journey through the API, on real statutes: register a new version, see exactly the links to
// substantively changed provisions turn suspect, work through the review queue, read the impact, draft
// lovvedligehold change requests.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.repository.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { userWith, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');
const read = (rel: string) => fs.readFileSync(path.join(LEXDANIA, rel), 'utf8');

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;

let admin: Caller;
let call: Caller;

async function requirement(solution: string, title: string) {
  const r = await call('POST', '/api/requirements', { solution, title, text: `Løsningen skal understøtte ${title.toLowerCase()}.`, kind: 'regel' });
  expect(r.status).toBe(201);
  return r.json.humanId as string;
}

async function link(humanId: string, sourceId: number, provisionKey: string) {
  const r = await call('POST', '/api/links', { requirement: humanId, sourceId, provisionKey, rationale: 'test' });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as number;
}

const statusOf = async (humanId: string) =>
  Object.fromEntries((await call('GET', `/api/links?requirement=${humanId}`)).json.items.map((l: any) => [l.provision.label, l.status]));

let syg: number;
let valg: number;
let ids: Record<string, string> = {};

beforeAll(async () => {
  opened = await openMemoryDatabase();
  app = createApp({ db: opened.db });
  admin = await userWith(app, opened.db, 'admin', [{ role: 'admin', solution: null }]);
  // The kravredaktion works across all solutions.
  call = await userWith(app, opened.db, 'kravredaktoer', [{ role: 'kravredaktoer', solution: null }]);
  syg = (await call('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-920.xml'), popularTitle: 'sygedagpengeloven', inForceFrom: '2011-08-22' })).json.source.id;
  valg = (await call('POST', '/api/sources/import', { content: read('kommunale-regionale-valg/LBK-2013-127.xml'), popularTitle: 'kommunevalgloven', inForceFrom: '2013-02-11' })).json.source.id;
  for (const code of ['KY', 'KSD', 'VALG']) await admin('POST', '/api/solutions', { code, name: `Løsning ${code}` });
  ids = {
    kyPeriod: await requirement('KY', 'Arbejdsgiverperiode'),
    kyDuration: await requirement('KY', 'Varighed'),
    kyIncapacity: await requirement('KY', 'Uarbejdsdygtighed'),
    ksdPeriod: await requirement('KSD', 'Arbejdsgiverperiode'),
    ksdNotice: await requirement('KSD', 'Anmeldelse'),
    valgRight: await requirement('VALG', 'Valgret'),
    valgMoved: await requirement('VALG', 'Klage'),
    valgChain: await requirement('VALG', 'Klagefrist'),
    valgRepealed: await requirement('VALG', 'Ophævet regel'),
  };
  await link(ids.kyPeriod, syg, 'p6.s1');
  await link(ids.kyPeriod, syg, 'p30.s1');
  await link(ids.kyDuration, syg, 'p24.s1');
  await link(ids.kyDuration, syg, 'p24.s2');
  await link(ids.kyIncapacity, syg, 'p7');
  await link(ids.ksdPeriod, syg, 'p6.s1');
  await link(ids.ksdNotice, syg, 'p40');
  await link(ids.valgRight, valg, 'p1.s1');
  await link(ids.valgMoved, valg, 'p105.s3');
  // stk. 2 becomes stk. 3 as stk. 3 becomes stk. 4: a chain, whose moves must not collide midway.
  await link(ids.valgChain, valg, 'p105.s2');
  await link(ids.valgRepealed, valg, 'p110.s4');
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('a new version of sygedagpengeloven (LBK 1152/2011, incorporating LOV 1599/2010)', () => {
  let versionId: number;

  it('turns exactly the links to substantively changed provisions suspect', async () => {
    const res = await call('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-1152.xml'), inForceFrom: '2012-01-02' });
    expect(res.status).toBe(201);
    versionId = res.json.version.id;
    expect(res.json.links).toEqual({ checked: 7, suspect: 5, broken: 0, moved: 0, unchanged: 2 });
    expect(await statusOf(ids.kyPeriod)).toEqual({ '§ 6, stk. 1': 'suspect', '§ 30, stk. 1': 'suspect' });
    // § 24, stk. 2 holds nr. 1 and 2, which changed; stk. 1 did not.
    expect(await statusOf(ids.kyDuration)).toEqual({ '§ 24, stk. 1': 'current', '§ 24, stk. 2': 'suspect' });
    expect(await statusOf(ids.kyIncapacity)).toEqual({ '§ 7': 'current' });
    // A link to the whole § 40 is suspect because its stk. 1 changed.
    expect(await statusOf(ids.ksdNotice)).toEqual({ '§ 40': 'suspect' });
  });

  it('confirms the links to unchanged provisions against the new version by itself, and says so in their history', async () => {
    const byLabel = async (humanId: string) => Object.fromEntries((await call('GET', `/api/links?requirement=${humanId}`)).json.items.map((l: any) => [l.provision.label, l]));
    const incapacity = (await byLabel(ids.kyIncapacity))['§ 7'];
    const duration = await byLabel(ids.kyDuration);
    expect(incapacity).toMatchObject({ status: 'current', confirmedVersion: { shortName: 'LBK nr 1152 af 12/12/2011' }, confirmedBy: 'kravredaktoer' });
    expect(duration['§ 24, stk. 1']).toMatchObject({ status: 'current', confirmedVersion: { shortName: 'LBK nr 1152 af 12/12/2011' } });
    // A suspect link stays confirmed against the text someone actually read.
    expect(duration['§ 24, stk. 2']).toMatchObject({ status: 'suspect', confirmedVersion: { shortName: 'LBK nr 920 af 22/08/2011' } });
    const history = (await call('GET', `/api/audit?entityType=trace_link&entityId=${incapacity.id}`)).json.items;
    expect(history[0]).toMatchObject({ action: 'link.carry', actor: 'kravredaktoer', reason: '§ 7 uændret i LBK nr 1152 af 12/12/2011; før bekræftet mod LBK nr 920 af 22/08/2011' });
    // Nothing to review for them: the queue holds only the five changed ones.
    const queue = (await call('GET', '/api/review')).json.items.map((i: any) => i.linkId);
    expect(queue).not.toContain(incapacity.id);
    expect(queue).not.toContain(duration['§ 24, stk. 1'].id);
  });

  it('shows the review queue with old and new text and word highlights, and counts per solution', async () => {
    const counts = await call('GET', '/api/review/counts');
    expect(counts.json).toMatchObject({ total: 5, suspect: 5, broken: 0, bySolution: { KY: { suspect: 3 }, KSD: { suspect: 2 } } });
    const queue = await call('GET', '/api/review?solution=KY');
    expect(queue.json.total).toBe(3);
    const item = queue.json.items.find((i: any) => i.provisionKey === 'p6.s1');
    expect(item.old.shortName).toBe('LBK nr 920 af 22/08/2011');
    expect(item.new.shortName).toBe('LBK nr 1152 af 12/12/2011');
    expect(item.old.text).toContain('21 kalenderdage');
    expect(item.new.text).toContain('30 kalenderdage');
    expect(item.words.filter((w: any) => w.removed).map((w: any) => w.value.trim())).toContain('21');
    expect(item.words.filter((w: any) => w.added).map((w: any) => w.value.trim())).toContain('30');
    expect(item.requirement.humanId).toBe(ids.kyPeriod);
  });

  it('shows the impact per solution and across solutions, as JSON and CSV', async () => {
    const impact = await call('GET', `/api/versions/${versionId}/impact`);
    expect(impact.json.previous.shortName).toBe('LBK nr 920 af 22/08/2011');
    expect(impact.json.solutions.map((s: any) => [s.code, s.provisions.map((p: any) => p.label)])).toEqual([
      ['KSD', ['§ 6, stk. 1', '§ 40']],
      ['KY', ['§ 6, stk. 1', '§ 24, stk. 2', '§ 30, stk. 1']],
    ]);
    const p40 = impact.json.solutions[0].provisions[1];
    expect(p40.changedParts.map((c: any) => c.label)).toEqual(['§ 40, stk. 1']);
    expect(impact.json.crossSolution).toEqual([{ key: 'p6.s1', label: '§ 6, stk. 1', solutions: ['KSD', 'KY'] }]);
    const csv = await call('GET', `/api/versions/${versionId}/impact.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (csv.json as string).trim().split('\r\n');
    expect(rows[0]).toContain('Løsning;Krav;Kravtitel;Bestemmelse');
    expect(rows).toHaveLength(1 + 5);
  });

  it('writes a requirement title a spreadsheet would run as a formula as text in the impact CSV', async () => {
    const edit = await call('PUT', `/api/requirements/${ids.ksdNotice}`, { version: 1, title: '=HYPERLINK("http://x")', reason: 'Forsøg på CSV-injektion' });
    expect(edit.status, JSON.stringify(edit.json)).toBe(200);
    const csv = await call('GET', `/api/versions/${versionId}/impact.csv`);
    const row = (csv.json as string).split('\r\n').find((r) => r.includes(ids.ksdNotice));
    expect(row).toBe(`KSD;${ids.ksdNotice};"'=HYPERLINK(""http://x"")";§ 40;ændret;;Mistænkt;sygedagpengeloven;LBK nr 1152 af 12/12/2011`);
  });

  it('drafts one lovvedligehold change request per affected solution, deadline the date in force, once', async () => {
    const before = await call('GET', `/api/versions/${versionId}/impact`);
    expect(before.json.solutions.map((s: any) => s.lovvedligehold)).toEqual([null, null]);
    expect((await call('GET', '/api/review')).json.items.every((i: any) => i.changeRequest === null)).toBe(true);
    const drafts = await call('POST', `/api/versions/${versionId}/lovvedligehold`);
    expect(drafts.status).toBe(201);
    expect(drafts.json.created.map((c: any) => [c.solution, c.class, c.deadline])).toEqual([
      ['KSD', 'lovvedligehold', '2012-01-02'],
      ['KY', 'lovvedligehold', '2012-01-02'],
    ]);
    const ky = await call('GET', `/api/change-requests/${encodeURIComponent(drafts.json.created[1].humanId)}`);
    expect(ky.json.requirements.map((r: any) => r.humanId)).toEqual([ids.kyPeriod, ids.kyDuration]);
    expect(ky.json.provisions.map((p: any) => p.label)).toEqual(['§ 6, stk. 1', '§ 24, stk. 2', '§ 30, stk. 1']);
    expect(ky.json.description).toContain('§ 30, stk. 1');
    const again = await call('POST', `/api/versions/${versionId}/lovvedligehold`);
    expect(again.json.created).toEqual([]);
    expect(again.json.existing).toHaveLength(2);
    // The review queue links each item to its solution's request, and the requirement lists the requests that concern it.
    const queue = (await call('GET', '/api/review?solution=KY')).json.items;
    expect(queue.every((i: any) => i.changeRequest?.humanId === drafts.json.created[1].humanId)).toBe(true);
    expect((await call('GET', '/api/review?solution=KSD')).json.items[0].changeRequest).toMatchObject({ humanId: drafts.json.created[0].humanId, status: 'oprettet' });
    const requirement = (await call('GET', `/api/requirements/${ids.kyPeriod}`)).json;
    expect(requirement.changeRequests).toEqual([
      expect.objectContaining({ humanId: drafts.json.created[1].humanId, class: 'lovvedligehold', className: 'Lovvedligehold', statusLabel: expect.any(String), closed: false }),
    ]);
    expect((await call('GET', `/api/requirements/${ids.kyIncapacity}`)).json.changeRequests).toEqual([]);
    // The impact names each solution's request from now on.
    const after = await call('GET', `/api/versions/${versionId}/impact`);
    expect(after.json.solutions.map((s: any) => [s.code, s.lovvedligehold])).toEqual([
      ['KSD', { humanId: drafts.json.created[0].humanId, status: 'oprettet' }],
      ['KY', { humanId: drafts.json.created[1].humanId, status: 'oprettet' }],
    ]);
  });

  it('settles links: confirm, edit-and-confirm, move, remove — each with a reason, audited', async () => {
    const queue = (await call('GET', '/api/review')).json.items;
    const find = (humanId: string, key: string) => queue.find((i: any) => i.requirement.humanId === humanId && i.provisionKey === key);

    expect((await call('POST', `/api/links/${find(ids.kyPeriod, 'p30.s1').linkId}/confirm`, {})).status).toBe(400);
    const confirmed = await call('POST', `/api/links/${find(ids.kyPeriod, 'p30.s1').linkId}/confirm`, { reason: 'Kravet er uafhængigt af periodens længde' });
    expect(confirmed.json).toMatchObject({ status: 'current', confirmedVersion: { shortName: 'LBK nr 1152 af 12/12/2011' } });

    const revise = find(ids.kyPeriod, 'p6.s1');
    const revised = await call('POST', `/api/links/${revise.linkId}/revise`, {
      version: revise.requirement.version,
      text: 'Løsningen skal lade arbejdsgiveren udbetale sygedagpenge i de første 30 kalenderdage.',
      reason: 'Arbejdsgiverperioden er forlænget til 30 dage (LOV 1599/2010)',
    });
    expect(revised.status).toBe(200);
    expect(revised.json.requirement.version).toBe(revise.requirement.version + 1);

    const moved = await call('POST', `/api/links/${find(ids.ksdNotice, 'p40').linkId}/move`, { provisionKey: 'p40.s1', reason: 'Kravet gælder kun anmeldelsesfristen' });
    expect(moved.json).toMatchObject({ label: '§ 40, stk. 1', status: 'current' });

    const gone = find(ids.kyDuration, 'p24.s2');
    expect((await call('DELETE', `/api/links/${gone.linkId}?reason=${encodeURIComponent('Dækkes af stk. 1')}`)).status).toBe(200);

    const left = await call('GET', '/api/review');
    expect(left.json.items.map((i: any) => [i.requirement.humanId, i.provisionKey])).toEqual([[ids.ksdPeriod, 'p6.s1']]);
    const audit = await call('GET', `/api/audit?entityType=trace_link&entityId=${revise.linkId}`);
    expect(audit.json.items.map((a: any) => a.action)).toEqual(['link.confirm', 'link.flag', 'link.create']);
    expect(audit.json.items[0].reason).toContain('30 dage');
    expect(await verifyAuditChain(opened.db)).toMatchObject({ firstBroken: null });
  });
});

describe('a renumbering (kommunevalgloven LBK 127/2013 → LBK 363/2014)', () => {
  it('carries links along to the new label, marks a repealed provision broken, leaves unchanged ones alone', async () => {
    const res = await call('POST', '/api/sources/import', { content: read('kommunale-regionale-valg/LBK-2014-363.xml'), inForceFrom: '2014-04-02' });
    expect(res.status).toBe(201);
    expect(res.json.links).toMatchObject({ checked: 4, moved: 2, broken: 1, suspect: 1 });
    const moved = (await call('GET', `/api/links?requirement=${ids.valgMoved}`)).json.items[0];
    expect(moved).toMatchObject({ provisionKey: 'p105.s4', status: 'current' });
    expect(moved.statusNote).toBe('Flyttet fra § 105, stk. 3 til § 105, stk. 4 ved LBK nr 363 af 02/04/2014');
    // Renumbered but unchanged in substance: confirmed against the new version, at its new label.
    expect(moved.confirmedVersion.shortName).toBe('LBK nr 363 af 02/04/2014');
    const chained = (await call('GET', `/api/links?requirement=${ids.valgChain}`)).json.items[0];
    // The old stk. 2 also changed in substance when it became stk. 3: moved, and suspect.
    expect(chained).toMatchObject({
      provisionKey: 'p105.s3',
      status: 'suspect',
      statusNote: 'Flyttet fra § 105, stk. 2 til § 105, stk. 3 ved LBK nr 363 af 02/04/2014; Teksten er ændret ved LBK nr 363 af 02/04/2014',
    });
    expect(await statusOf(ids.valgRight)).toEqual({ '§ 1, stk. 1': 'current' });
    const broken = (await call('GET', `/api/links?requirement=${ids.valgRepealed}`)).json.items[0];
    expect(broken.status).toBe('broken');
    const confirm = await call('POST', `/api/links/${broken.id}/confirm`, { reason: 'prøver' });
    expect(confirm.status).toBe(409);
    const impact = await call('GET', `/api/versions/${res.json.version.id}/impact`);
    expect(impact.json.solutions[0].provisions.map((p: any) => [p.label, p.change, p.previousLabel])).toEqual([
      ['§ 105, stk. 3', 'changed', '§ 105, stk. 2'],
      ['§ 105, stk. 4', 'renumbered', '§ 105, stk. 3'],
      ['§ 110, stk. 4', 'removed', null],
    ]);
  });

  it('diffs any two versions of a source, with a substantive-only filter', async () => {
    const timeline = (await call('GET', `/api/sources/${valg}`)).json.versions;
    const diff = await call('GET', `/api/sources/${valg}/diff?from=${timeline[0].id}&to=${timeline[1].id}&substantiveOnly=1`);
    expect(diff.json.changes.every((c: any) => c.substantive)).toBe(true);
    expect(diff.json.changes.find((c: any) => c.label === '§ 53 a')).toMatchObject({ kind: 'added' });
    expect((await call('GET', `/api/sources/${valg}/diff?from=${timeline[0].id}&to=999`)).status).toBe(404);
  });
});

describe('a § that gains a stk.', () => {
  it('keeps a link to the whole § on the § and marks it suspect, rather than moving it into stk. 1', async () => {
    const first = await call('POST', '/api/sources/import', {
      content: 'Lov om prøvning\n§ 1. Kommunen fører tilsyn.\n§ 2. Tilsynet er gratis.',
      title: 'Lov om prøvning',
      shortName: 'LOV nr 1 af 01/01/2020',
      inForceFrom: '2020-01-01',
    });
    expect(first.status).toBe(201);
    const id = await requirement('KY', 'Tilsyn');
    await link(id, first.json.source.id, 'p1');
    const second = await call('POST', '/api/sources/import', {
      content: 'Lov om prøvning\n§ 1. Kommunen fører tilsyn.\nStk. 2. Tilsynet omfatter også regionerne.\n§ 2. Tilsynet er gratis.',
      title: 'Lov om prøvning',
      shortName: 'LOV nr 2 af 01/01/2021',
      sourceId: first.json.source.id,
      inForceFrom: '2021-01-01',
    });
    expect(second.status).toBe(201);
    expect(second.json.links).toMatchObject({ moved: 0, suspect: 1 });
    expect((await call('GET', `/api/links?requirement=${id}`)).json.items[0]).toMatchObject({ provisionKey: 'p1', status: 'suspect' });
  });
});

describe('confirming the unchanged links of a requirement at once', () => {
  const act = (one: string, two: string) => `Lov om gentagelse\n§ 1. ${one}\n§ 2. ${two}\n§ 3. Tilsynet sker årligt.`;
  let source: number;
  let id: string;

  beforeAll(async () => {
    const v1 = await call('POST', '/api/sources/import', { content: act('Kommunen fører tilsyn.', 'Tilsynet er gratis.'), title: 'Lov om gentagelse', shortName: 'LOV nr 10 af 01/01/2020', inForceFrom: '2020-01-01' });
    source = v1.json.source.id;
    id = await requirement('KY', 'Gentaget tilsyn');
    await link(id, source, 'p1');
    await link(id, source, 'p2');
    // LOV 11 changes both §§; LOV 12 takes the change to § 1 back, but not the one to § 2.
    const v2 = await call('POST', '/api/sources/import', { content: act('Regionen fører tilsyn.', 'Tilsynet koster 100 kr.'), title: 'Lov om gentagelse', shortName: 'LOV nr 11 af 01/01/2021', sourceId: source, inForceFrom: '2021-01-01' });
    expect(v2.json.links).toMatchObject({ suspect: 2 });
    const v3 = await call('POST', '/api/sources/import', { content: act('Kommunen fører tilsyn.', 'Tilsynet koster 100 kr.'), title: 'Lov om gentagelse', shortName: 'LOV nr 12 af 01/01/2022', sourceId: source, inForceFrom: '2022-01-01' });
    expect(v3.status).toBe(201);
  });

  it('marks in the queue which links read the same in substance as when they were confirmed', async () => {
    const items = (await call('GET', `/api/review?sourceId=${source}`)).json.items;
    expect(items.map((i: any) => [i.provisionKey, i.unchangedInSubstance]).sort()).toEqual([
      ['p1', true],
      ['p2', false],
    ]);
  });

  it('confirms those, and only those, against the newest version; audited; refused for a reader and when none is left', async () => {
    const reader = await userWith(app, opened.db, 'ky-laeser', [{ role: 'laeser', solution: 'KY' }]);
    const url = `/api/review/requirements/${id}/confirm-unchanged`;
    expect((await reader('POST', url, {})).status).toBe(403);
    expect((await call('POST', '/api/review/requirements/KY-9999/confirm-unchanged', {})).status).toBe(404);
    const res = await call('POST', url, {});
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ humanId: id, remaining: 1, confirmed: [{ provisionKey: 'p1', label: '§ 1', confirmedVersion: { shortName: 'LOV nr 12 af 01/01/2022' } }] });
    expect(await statusOf(id)).toEqual({ '§ 1': 'current', '§ 2': 'suspect' });
    const linkId = res.json.confirmed[0].linkId;
    const audit = (await call('GET', `/api/audit?entityType=trace_link&entityId=${linkId}`)).json.items[0];
    expect(audit).toMatchObject({ action: 'link.confirm', actor: 'kravredaktoer', reason: `§ 1 er uændret i substans siden LOV nr 10 af 01/01/2020; bekræftet samlet for ${id}` });
    const again = await call('POST', url, {});
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('gennemgå dem enkeltvis');
  });
});
