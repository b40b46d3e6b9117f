// API tests through app.request() on an in-memory database, with real statutes imported.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.repository.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from './app.js';
import { userWith, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');
const read = (rel: string) => fs.readFileSync(path.join(LEXDANIA, rel), 'utf8');

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;

let call: Caller;

let sygSourceId: number;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  app = createApp({ db: opened.db });
  call = await userWith(app, opened.db, 'redaktoer', [{ role: 'admin', solution: null }]);
  const older = await call('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-85.xml'), popularTitle: 'sygedagpengeloven', inForceFrom: '2011-02-07' });
  expect(older.status).toBe(201);
  const newer = await call('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-920.xml'), inForceFrom: '2011-08-22' });
  expect(newer.status).toBe(201);
  expect(newer.json.source.id).toBe(older.json.source.id);
  expect(newer.json.previousVersionId).toBe(older.json.version.id);
  sygSourceId = newer.json.source.id;
  expect((await call('POST', '/api/solutions', { code: 'KY', name: 'Kommunernes Ydelsessystem', supplier: 'Netcompany' })).status).toBe(201);
  expect((await call('POST', '/api/solutions', { code: 'KSD', name: 'Kommunernes Sygedagpengesystem' })).status).toBe(201);
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('legal sources', () => {
  it('keeps one source with a timeline of versions recognised as the same act', async () => {
    const { status, json } = await call('GET', `/api/sources/${sygSourceId}`);
    expect(status).toBe(200);
    expect(json.title).toBe('Lov om sygedagpenge');
    expect(json.popularTitle).toBe('sygedagpengeloven');
    expect(json.versions.map((v: any) => v.shortName)).toEqual(['LBK nr 85 af 07/02/2011', 'LBK nr 920 af 22/08/2011']);
    expect(json.versions[1].eli).toBe('https://www.retsinformation.dk/eli/lta/2011/920');
    expect(json.versions[1].previousVersionId).toBe(json.versions[0].id);
  });

  it('refuses to register the same version twice', async () => {
    const again = await call('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-920.xml') });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('LBK nr 920 af 22/08/2011');
  });

  it('answers 400 naming the file for a document that is not LexDania, and writes nothing', async () => {
    const before = await call('GET', '/api/sources');
    const bad = await call('POST', '/api/sources/import', { content: read('sygedagpengeloven/LBK-2011-920.xml').slice(0, 5000) });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe('file');
    expect((await call('GET', '/api/sources')).json.items).toEqual(before.json.items);
  });

  it('accepts a multipart upload', async () => {
    const form = new FormData();
    form.append('file', new Blob([read('biblioteksloven/LBK-2013-100.xml')], { type: 'application/xml' }), 'LBK-2013-100.xml');
    form.append('popularTitle', 'biblioteksloven');
    const { status, json } = await call('POST', '/api/sources/import', form);
    expect(status).toBe(201);
    expect(json.version.shortName).toBe('LBK nr 100 af 30/01/2013');
    expect(json.version.inForceFrom).toBe('2013-01-30');
  });

  it('finds a provision by citation and by words in the newest version', async () => {
    const byLabel = await call('GET', `/api/provisions/search?q=${encodeURIComponent('§ 6, stk. 1')}&sourceId=${sygSourceId}`);
    expect(byLabel.status).toBe(200);
    expect(byLabel.json.items).toHaveLength(1);
    expect(byLabel.json.items[0]).toMatchObject({ label: '§ 6, stk. 1', shortName: 'LBK nr 920 af 22/08/2011' });
    const byWords = await call('GET', `/api/provisions/search?q=${encodeURIComponent('arbejdsgiverperioden')}`);
    expect(byWords.json.items.length).toBeGreaterThan(0);
    expect(byWords.json.items.every((p: any) => /arbejdsgiverperioden/i.test(p.text))).toBe(true);
  });
});

describe('requirements and trace links', () => {
  it('creates a requirement with a human id per solution, links it, and shows it from the provision across solutions', async () => {
    const created = await call('POST', '/api/requirements', {
      solution: 'KY',
      title: 'Arbejdsgiverperiode',
      text: 'Løsningen skal beregne arbejdsgiverperiodens sidste dag.',
      kind: 'regel',
      tenderCategory: 'mindstekrav',
    });
    expect(created.status).toBe(201);
    expect(created.json.humanId).toBe('KY-0001');
    const other = await call('POST', '/api/requirements', { solution: 'KSD', title: 'Periode', text: 'Løsningen skal kende arbejdsgiverperioden.', kind: 'regel' });
    expect(other.json.humanId).toBe('KSD-0001');

    for (const humanId of ['KY-0001', 'KSD-0001']) {
      const link = await call('POST', '/api/links', { requirement: humanId, sourceId: sygSourceId, provisionKey: 'p6.s1', rationale: 'Arbejdsgiverperioden' });
      expect(link.status).toBe(201);
      expect(link.json.provision.label).toBe('§ 6, stk. 1');
      expect(link.json.status).toBe('current');
    }
    const page = await call('GET', `/api/sources/${sygSourceId}/provisions/p6.s1`);
    expect(page.status).toBe(200);
    expect(page.json.links.map((l: any) => `${l.solution.code}:${l.requirement.humanId}`)).toEqual(['KSD:KSD-0001', 'KY:KY-0001']);
    expect(page.json.history.map((h: any) => h.present)).toEqual([true, true]);
    // Each version says where it stands today, as on the source page.
    expect(page.json.history.map((h: any) => h.standingLabel)).toEqual(['Historisk', 'Gældende']);
    // The whole § lists links made to its stk.
    const paragraph = await call('GET', `/api/sources/${sygSourceId}/provisions/p6`);
    expect(paragraph.json.links).toHaveLength(2);
    expect(paragraph.json.links.every((l: any) => l.direct === false)).toBe(true);

    const detail = await call('GET', '/api/requirements/KY-0001');
    expect(detail.json.links[0].provision.text).toMatch(/arbejdsgiveren/);
    expect(detail.json.links[0].confirmedVersion.shortName).toBe('LBK nr 920 af 22/08/2011');
  });

  it('refuses a duplicate link and a link to a provision that does not exist', async () => {
    expect((await call('POST', '/api/links', { requirement: 'KY-0001', sourceId: sygSourceId, provisionKey: 'p6.s1' })).status).toBe(409);
    expect((await call('POST', '/api/links', { requirement: 'KY-0001', sourceId: sygSourceId, provisionKey: 'p999' })).status).toBe(404);
  });

  it('keeps an append-only history, and a stale edit gets 409 without losing the first one', async () => {
    const first = await call('PUT', '/api/requirements/KY-0001', { version: 1, text: 'Løsningen skal beregne arbejdsgiverperiodens første og sidste dag.', reason: 'Præcisering' });
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(2);
    const stale = await call('PUT', '/api/requirements/KY-0001', { version: 1, text: 'Noget andet', reason: 'Samtidig redigering' });
    expect(stale.status).toBe(409);
    expect(stale.json.error.fields[0].field).toBe('version');
    const history = await call('GET', '/api/requirements/KY-0001/versions');
    expect(history.json.versions.map((v: any) => [v.version, v.reason, v.author])).toEqual([
      [2, 'Præcisering', 'redaktoer'],
      [1, 'Oprettet', 'redaktoer'],
    ]);
    const diff = await call('GET', '/api/requirements/KY-0001/diff?from=1&to=2');
    expect(diff.json.text.filter((p: any) => p.added).map((p: any) => p.value.trim())).toContain('første og');
  });

  it('lists with search, filters and pagination', async () => {
    const all = await call('GET', '/api/requirements?limit=1');
    expect(all.json.total).toBe(2);
    expect(all.json.items).toHaveLength(1);
    const ky = await call('GET', '/api/requirements?solution=KY&q=første');
    expect(ky.json.items.map((r: any) => r.humanId)).toEqual(['KY-0001']);
    expect(ky.json.items[0].linkCount).toBe(1);
    const literal = await call('GET', `/api/requirements?q=${encodeURIComponent('%')}`);
    expect(literal.json.total).toBe(0);
  });

  it('finds words inside Danish compounds, by id, and takes search syntax literally', async () => {
    const created = await call('POST', '/api/requirements', { solution: 'KY', title: 'Sygedagpengearbejdsgiverperiode', text: 'Løsningen skal vise perioden.', kind: 'regel' });
    const find = async (q: string) => (await call('GET', `/api/requirements?q=${encodeURIComponent(q)}`)).json.items.map((r: any) => r.humanId);
    expect(await find('arbejdsgiver')).toContain(created.json.humanId);
    expect(await find('ARBEJDSGIVERPERIODE vise')).toEqual([created.json.humanId]);
    expect(await find(created.json.humanId)).toEqual([created.json.humanId]);
    expect(await find('KY')).toContain(created.json.humanId);
    for (const q of ['"AND *', 'NEAR(a b)', 'x" OR "y', '^^^']) expect((await call('GET', `/api/requirements?q=${encodeURIComponent(q)}`)).status).toBe(200);
    // A renamed requirement is found by its new title, not its old one.
    await call('PUT', `/api/requirements/${created.json.humanId}`, { version: 1, title: 'Refusionsperiode', reason: 'Ny titel' });
    expect(await find('arbejdsgiverperiode')).not.toContain(created.json.humanId);
    expect(await find('refusionsperiode')).toEqual([created.json.humanId]);
  });

  it('removes a link only with a reason, and audits every mutation with who and why', async () => {
    const links = await call('GET', '/api/links?requirement=KSD-0001');
    const id = links.json.items[0].id;
    expect((await call('DELETE', `/api/links/${id}`)).status).toBe(400);
    expect((await call('DELETE', `/api/links/${id}?reason=${encodeURIComponent('Forkert bestemmelse')}`)).status).toBe(200);
    const audit = await call('GET', `/api/audit?entityType=trace_link&entityId=${id}`);
    expect(audit.json.items.map((a: any) => a.action)).toEqual(['link.delete', 'link.create']);
    expect(audit.json.items[0]).toMatchObject({ actor: 'redaktoer', reason: 'Forkert bestemmelse' });
    const req = await call('GET', '/api/audit?entityType=requirement&entityId=KY-0001');
    expect(req.json.items[0].before.version).toBe(1);
    expect(req.json.items[0].after.version).toBe(2);
    expect(await verifyAuditChain(opened.db)).toMatchObject({ firstBroken: null });
  });

  it('gives the links to a provision a page at a time, with counts per solution, and filters by solution', async () => {
    // § 9 with links to itself and to its stk.: 3 in KY, 2 in KSD.
    const made: string[] = [];
    for (const [solution, key] of [['KY', 'p9'], ['KSD', 'p9.s1'], ['KY', 'p9.s1'], ['KSD', 'p9'], ['KY', 'p9.s2']] as const) {
      const r = await call('POST', '/api/requirements', { solution, title: `Krav om § 9 (${key})`, text: 'Løsningen skal følge § 9.', kind: 'regel' });
      made.push(r.json.humanId);
      expect((await call('POST', '/api/links', { requirement: r.json.humanId, sourceId: sygSourceId, provisionKey: key })).status).toBe(201);
    }
    const first = await call('GET', `/api/sources/${sygSourceId}/provisions/p9?linkLimit=2`);
    expect(first.status).toBe(200);
    expect(first.json.linkSolutions).toEqual([
      { code: 'KSD', name: 'Kommunernes Sygedagpengesystem', links: 2, open: 0 },
      { code: 'KY', name: 'Kommunernes Ydelsessystem', links: 3, open: 0 },
    ]);
    expect(first.json).toMatchObject({ linkTotal: 5, linkOffset: 0 });
    expect(first.json.links).toHaveLength(2);
    const seen = [...first.json.links];
    for (let offset = 2; offset < 5; offset += 2) seen.push(...(await call('GET', `/api/sources/${sygSourceId}/provisions/p9?linkLimit=2&linkOffset=${offset}`)).json.links);
    // Every link once, by solution and then requirement.
    expect(seen.map((l: any) => l.requirement.humanId)).toEqual([...made.filter((h) => h.startsWith('KSD')).sort(), ...made.filter((h) => h.startsWith('KY')).sort()]);
    const ky = await call('GET', `/api/sources/${sygSourceId}/provisions/p9?solution=KY`);
    expect(ky.json.linkTotal).toBe(3);
    expect(ky.json.links.every((l: any) => l.solution.code === 'KY')).toBe(true);
    expect(ky.json.linkSolutions).toHaveLength(2);
    expect((await call('GET', `/api/sources/${sygSourceId}/provisions/p9?solution=NOPE`)).status).toBe(404);
    const bad = await call('GET', `/api/sources/${sygSourceId}/provisions/p9?linkLimit=0`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe('linkLimit');
  });
});

describe('bad input never gets a 500', () => {
  const cases: [string, string, unknown, string][] = [
    ['POST', '/api/requirements', { solution: 'KY', title: '', text: 'x', kind: 'regel' }, 'title'],
    ['POST', '/api/requirements', { solution: 'KY', title: 't', text: 'x', kind: 'ukendt' }, 'kind'],
    ['POST', '/api/requirements', { title: 't', text: 'x', kind: 'regel' }, 'solution'],
    ['PUT', '/api/requirements/KY-0001', { text: 'x', reason: 'r' }, 'version'],
    ['PUT', '/api/requirements/KY-0001', { version: 'to', reason: 'r' }, 'version'],
    ['PUT', '/api/requirements/KY-0001', { version: 2 }, 'reason'],
    ['POST', '/api/solutions', { code: 'ky', name: 'x' }, 'code'],
    ['POST', '/api/solutions', { code: 'NY', name: 'x', retenderDate: '1/1/2027' }, 'retenderDate'],
    ['PATCH', '/api/solutions/KY', { contractEnd: 'snart' }, 'contractEnd'],
    ['POST', '/api/links', { requirement: 'KY-0001', sourceId: 'en', provisionKey: 'p1' }, 'sourceId'],
    ['POST', '/api/sources/import', { content: '' }, 'content'],
    ['POST', '/api/sources/import', { content: 'x', inForceFrom: '2020-13' }, 'inForceFrom'],
  ];
  it.each(cases)('%s %s with a bad field answers 400 naming it', async (method, url, body, field) => {
    const res = await call(method, url, body);
    expect(res.status).toBe(400);
    expect(res.json.error.fields.map((f: any) => f.field)).toContain(field);
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await call('POST', '/api/requirements', '{"solution": "KY", ');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid');
  });

  it('answers an oversized JSON body with 413', async () => {
    const res = await call('POST', '/api/requirements', { solution: 'KY', title: 'x', text: 'y'.repeat(2 * 1024 * 1024), kind: 'regel' });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('too_large');
  });

  it('answers unknown things with 404', async () => {
    expect((await call('GET', '/api/requirements/XX-9999')).status).toBe(404);
    expect((await call('GET', '/api/nowhere')).status).toBe(404);
    expect((await call('POST', '/api/requirements', { solution: 'XX', title: 't', text: 'x', kind: 'regel' })).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents every route with its schemas', async () => {
    const { json } = await call('GET', '/api/openapi.json');
    expect(json.openapi).toBe('3.0.3');
    expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(['/api/requirements', '/api/requirements/{humanId}', '/api/links', '/api/sources/import']));
    const put = json.paths['/api/requirements/{humanId}'].put;
    expect(put.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['version', 'reason']));
  });
});
