// A bill before it passes, on the demo data: LOV 1599/2010's text registered as "L 42 (fremsat)" shows which
// provisions of sygedagpengeloven it would change and the KY and KSD requirements tracing to them, without touching
// a single live link; a høringssvar draft downloads as DOCX; adopting it registers the amending act and the loop runs.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';

const BILL_XML = fs.readFileSync(path.resolve(__dirname, '../../../shared/data/lexdania/sygedagpengeloven/LOV-2010-1599.xml'), 'utf8');

let opened: OpenedDatabase;
let redaktoer: Caller;
let leverandoer: Caller;
let syg: number;
let billId: number;

const allLinks = () => opened.db.selectFrom('trace_links').selectAll().orderBy('id').execute();
const sygVersions = () => opened.db.selectFrom('source_versions').select(['id', 'kind', 'short_name']).where('source_id', '=', syg).execute();

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  const app = createApp({ db: opened.db });
  redaktoer = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  leverandoer = await loginAs(app, 'leverandoer', DEMO_PASSWORD);
  syg = (await opened.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

describe('a bill as a what-if', () => {
  let linksBefore: Awaited<ReturnType<typeof allLinks>>;
  let versionsBefore: Awaited<ReturnType<typeof sygVersions>>;

  it('registers L 42 (fremsat) without a new version and lists the changed provisions and the requirements tracing to them', async () => {
    linksBefore = await allLinks();
    versionsBefore = await sygVersions();
    const created = await redaktoer('POST', '/api/bills', { number: 'L 42', session: '2010-11', status: 'fremsat', content: BILL_XML });
    expect(created.status, JSON.stringify(created.json).slice(0, 300)).toBe(201);
    billId = created.json.id;
    expect(created.json).toMatchObject({ number: 'L 42', session: '2010-11', status: 'fremsat', version: 1 });

    const page = await redaktoer('GET', `/api/bills/${billId}`);
    expect(page.status).toBe(200);
    expect(page.json.acts).toHaveLength(1);
    const [act] = page.json.acts;
    expect(act.source.id).toBe(syg);
    const labels = act.provisions.map((p: any) => p.label);
    expect(labels).toEqual(expect.arrayContaining(['§ 6, stk. 1', '§ 30, stk. 1', '§ 40, stk. 1']));
    const period = act.provisions.find((p: any) => p.label === '§ 30, stk. 1');
    expect(period.old).toMatch(/21 kalenderdage/);
    expect(period.proposed).toMatch(/30 kalenderdage/);
    expect(act.solutions.map((s: any) => s.code).sort()).toEqual(['KSD', 'KY']);
    for (const s of act.solutions) expect(s.requirements.length, s.code).toBeGreaterThan(0);

    // Nothing live moved: every link row is byte-identical and no version was stored.
    expect(await allLinks()).toEqual(linksBefore);
    expect(await sygVersions()).toEqual(versionsBefore);
  });

  it('shows a leverandør in KY no KSD requirement', async () => {
    const page = await leverandoer('GET', `/api/bills/${billId}`);
    expect(page.status).toBe(200);
    expect(page.json.acts[0].solutions.map((s: any) => s.code)).toEqual(['KY']);
    expect(JSON.stringify(page.json)).not.toMatch(/KSD-/);
    // The bill itself is listed for everyone signed in.
    expect((await leverandoer('GET', '/api/bills')).json.items.map((b: any) => b.number)).toContain('L 42');
  });

  it('takes a comment per affected requirement, only in a solution the commenter belongs to', async () => {
    const act = (await redaktoer('GET', `/api/bills/${billId}`)).json.acts[0];
    const ky = act.solutions.find((s: any) => s.code === 'KY').requirements[0].humanId;
    const ksd = act.solutions.find((s: any) => s.code === 'KSD').requirements[0].humanId;
    const res = await leverandoer('POST', `/api/bills/${billId}/comments`, { requirement: ky, text: 'Arbejdsgiverperioden er hårdkodet til 21 dage.' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect((await leverandoer('POST', `/api/bills/${billId}/comments`, { requirement: ksd, text: 'Nej' })).status).toBe(403);
    const unaffected = await opened.db.selectFrom('requirements').select('human_id').where('human_id', 'like', 'KY-%').where('id', 'not in', act.solutions.flatMap((s: any) => s.requirements.map((r: any) => r.id))).executeTakeFirstOrThrow();
    const refused = await leverandoer('POST', `/api/bills/${billId}/comments`, { requirement: unaffected.human_id, text: 'Hm' });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/berøres ikke/);
    const shown = (await leverandoer('GET', `/api/bills/${billId}`)).json.acts[0].solutions[0].requirements.find((r: any) => r.humanId === ky);
    expect(shown.comments.map((c: any) => c.text)).toEqual(['Arbejdsgiverperioden er hårdkodet til 21 dage.']);
    expect(await allLinks()).toEqual(linksBefore);
  });

  it('changes the status with the version it was read at, refusing a stale one', async () => {
    const moved = await redaktoer('PATCH', `/api/bills/${billId}`, { version: 1, status: '1. behandling' });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    expect(moved.json).toMatchObject({ status: '1. behandling', version: 2 });
    const stale = await redaktoer('PATCH', `/api/bills/${billId}`, { version: 1, status: 'bortfaldet' });
    expect(stale.status).toBe(409);
    expect((await leverandoer('PATCH', `/api/bills/${billId}`, { version: 2, status: 'bortfaldet' })).status).toBe(403);
    const bad = await redaktoer('POST', '/api/bills', { number: '42', session: '2010-11', content: BILL_XML });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: any) => f.field)).toContain('number');
    const notAct = await redaktoer('POST', '/api/bills', { number: 'L 43', session: '2010-11', content: '<Dokument></Dokument>' });
    expect(notAct.status).toBe(400);
  });

  it('takes the bill as an uploaded file too', async () => {
    const form = new FormData();
    form.append('number', 'L 7');
    form.append('session', '2010-11');
    form.append('status', '1. behandling');
    form.append('file', new Blob([BILL_XML]), 'L7.xml');
    const res = await redaktoer('POST', '/api/bills', form);
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(201);
    expect(res.json).toMatchObject({ number: 'L 7', status: '1. behandling', filename: 'L7.xml' });
    const again = await redaktoer('POST', '/api/bills', { number: 'L 7', session: '2010-11', content: BILL_XML });
    expect(again.status).toBe(409);
    expect((await leverandoer('POST', '/api/bills', { number: 'L 8', session: '2010-11', content: BILL_XML })).status).toBe(403);
    expect(await allLinks()).toEqual(linksBefore);
  });

  it('drafts a høringssvar as DOCX naming the affected requirements', async () => {
    const res = await redaktoer('GET', `/api/bills/${billId}/hoeringssvar.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const page = (await redaktoer('GET', `/api/bills/${billId}`)).json.acts[0];
    const bytes = new Uint8Array(await (await fetchDocx()).arrayBuffer());
    const document = strFromU8(unzipSync(bytes)['word/document.xml']!);
    for (const s of page.solutions) expect(document).toContain(s.requirements[0].humanId);
    expect(document).toContain('§ 30, stk. 1');
  });

  it('adopted as LOV nr 1599 af 22/12/2010, it registers the amending act and the loop runs', async () => {
    const res = await redaktoer('POST', `/api/bills/${billId}/adopt`, { shortName: 'LOV nr 1599 af 22/12/2010' });
    expect(res.status, JSON.stringify(res.json).slice(0, 400)).toBe(201);
    expect(res.json.bill).toMatchObject({ status: 'vedtaget', adoptedAct: 'LOV nr 1599 af 22/12/2010' });
    const projected = (await sygVersions()).find((v) => v.kind === 'projiceret');
    expect(projected?.short_name).toBe('LBK nr 920 af 22/08/2011 med LOV nr 1599 af 22/12/2010');
    const after = await opened.db.selectFrom('trace_links').select(['provision_key', 'status']).where('source_id', '=', syg).execute();
    const changed = /^p(6\.s1|24\.s2|30\.s1|40\.s1|56\.s1|61)(\.|$)/;
    expect(after.filter((l) => changed.test(l.provision_key)).every((l) => l.status === 'suspect')).toBe(true);
    expect(after.filter((l) => !changed.test(l.provision_key)).every((l) => l.status !== 'suspect')).toBe(true);
    expect((await redaktoer('POST', `/api/bills/${billId}/adopt`, { shortName: 'LOV nr 1599 af 22/12/2010' })).status).toBe(409);
  });
});

let fetchDocx: () => Promise<Response>;
beforeAll(async () => {
  // The raw response, so the DOCX's bytes are read as bytes.
  const app = createApp({ db: opened.db });
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kravredaktoer', password: DEMO_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  fetchDocx = () => Promise.resolve(app.request(`/api/bills/${billId}/hoeringssvar.docx`, { headers: { cookie } }));
});
