// Danish everywhere a person reads, in what the server writes: after a law change reaches the demo (a new version,
// drafted lovvedligehold requests, a faggruppe session on them), every export and generated text is scanned for
// ISO dates in running text, internal codes, English status words and login names where a name belongs.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../server/db/database.js';
import { createApp } from '../server/http/app.js';
import { AUDIT_ACTION_NAMES } from '../server/text/vocabulary.js';
import { loginAs, type Caller } from './support/api.js';
import { htmlText, report, scanDanishText, type Finding } from './support/danish-text.js';

const LEXDANIA = path.resolve(__dirname, '../../shared/data/lexdania');
const SOLUTIONS = ['KY', 'KSD', 'VALG', 'FBS'];

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
const as: Record<string, Caller> = {};
let cookie: string;
let versionId: number;
let drafted: string[];
let sessionId: number;

/** The body of a GET as bytes, for binary exports. */
async function bytes(url: string): Promise<Uint8Array> {
  const res = await app.request(url, { headers: { cookie } });
  expect(res.status, url).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** The text of a .docx, paragraph per line, table cells apart. */
function docxText(data: Uint8Array): string {
  const xml = strFromU8(unzipSync(data)['word/document.xml']);
  return htmlText(xml.replace(/<\/w:p>/g, '</p>').replace(/<\/w:tc>/g, '</td>').replace(/<w:tab\/>/g, '\t'));
}

/** Every cell of every sheet meant for people, row by row. */
async function xlsxText(data: Uint8Array): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const lines: string[] = [];
  book.eachSheet((sheet) => {
    lines.push(sheet.name);
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? '' : String(v ?? ''))).join('\t')));
  });
  return lines.join('\n');
}

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  for (const u of ['admin', 'kravredaktoer', 'projektleder', 'faggruppe']) as[u] = await loginAs(app, u, DEMO_PASSWORD);
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  cookie = login.headers.get('set-cookie')!.split(';')[0];

  // The law changes: lovovervågning registers the next sygedagpengelov and drafts the change requests.
  const version = await as.kravredaktoer('POST', '/api/sources/import', {
    content: fs.readFileSync(path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'),
    inForceFrom: '2012-01-02',
  });
  expect(version.status, JSON.stringify(version.json)).toBe(201);
  versionId = version.json.version.id;
  const drafts = await as.kravredaktoer('POST', `/api/versions/${versionId}/lovvedligehold`);
  expect(drafts.status, JSON.stringify(drafts.json)).toBe(201);
  drafted = drafts.json.created.map((c: { humanId: string }) => c.humanId);
  expect(drafted.length).toBeGreaterThan(0);

  // A behovsændring estimated and agreed, so the history holds lifecycle steps and an orientering.
  const small = await as.projektleder('POST', '/api/change-requests', {
    solution: 'KY',
    class: 'behovsaendring',
    title: 'Ny dropdown til fraværsårsag',
    description: 'Sagsbehandleren vælger fraværsårsagen fra en liste.',
    proposer: 'Aarhus Kommune',
    estimateHours: 10,
  });
  expect(small.status, JSON.stringify(small.json)).toBe(201);
  drafted.push(small.json.humanId);
  expect((await as.projektleder('POST', `/api/change-requests/${small.json.humanId}/transitions`, { action: 'estimer', reason: 'Leverandøren har set på den' })).status).toBe(200);
  expect((await as.projektleder('POST', `/api/change-requests/${small.json.humanId}/comments`, { text: 'Aftalt på statusmødet.' })).status).toBe(201);

  // A faggruppe session on KY's requests: assessed, revealed, recommended.
  const kyRequests = drafted.filter((h) => h.startsWith('KY-'));
  const session = await as.projektleder('POST', '/api/sessions', {
    solution: 'KY',
    title: 'Faggruppemøde januar 2012',
    date: '2011-12-15',
    periodEnd: '2012-06-30',
    budgetAmount: 100,
    budgetUnit: 'timer',
    participants: [
      { username: 'projektleder', role: 'formand' },
      { username: 'faggruppe', role: 'faggruppe' },
    ],
  });
  expect(session.status, JSON.stringify(session.json)).toBe(201);
  sessionId = session.json.id;
  const url = `/api/sessions/${sessionId}`;
  expect((await as.projektleder('POST', `${url}/items`, { changeRequests: kyRequests })).status).toBe(201);
  const view = await as.projektleder('GET', url);
  for (const item of view.json.items) {
    const res = await as.faggruppe('PUT', `${url}/items/${item.id}/assessment`, { moscow: 'should', businessValue: 8, timeCriticality: 5, riskReduction: 3 });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
  expect((await as.projektleder('POST', `${url}/reveal`, { reason: 'Alle har vurderet' })).status).toBe(200);
  expect((await as.projektleder('POST', `${url}/transitions`, { action: 'afhold', reason: 'Mødet er holdt' })).status).toBe(200);
  for (const item of view.json.items) {
    const res = await as.projektleder('PUT', `${url}/items/${item.id}/recommendation`, { recommendation: 'anbefales', reason: 'Lovkrav' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
  expect((await as.projektleder('POST', `${url}/transitions`, { action: 'afslut', reason: 'Oplægget er sendt' })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await opened.db.destroy();
});

/** Fails with every finding, so the report names each place to fix. */
function expectDanish(findings: Finding[]) {
  expect(report(findings)).toEqual([]);
}

describe('Danish in what the server writes for people', () => {
  it('exports each demo solution as XLSX, DOCX and HTML without ISO dates, codes or English', async () => {
    const findings: Finding[] = [];
    for (const code of SOLUTIONS) {
      const base = `/api/solutions/${code}/export?format=`;
      findings.push(...scanDanishText(`${code}.xlsx`, await xlsxText(await bytes(`${base}xlsx`))));
      findings.push(...scanDanishText(`${code}.docx`, docxText(await bytes(`${base}docx`))));
      findings.push(...scanDanishText(`${code}.html`, htmlText(strFromU8(await bytes(`${base}html`)))));
    }
    expectDanish(findings);
  });

  it('writes the impact of the new version as CSV with Danish values and dates', async () => {
    const csv = strFromU8(await bytes(`/api/versions/${versionId}/impact.csv`));
    expect(csv).toContain('KY-');
    expectDanish(scanDanishText('konsekvens.csv', csv.replace(/[;,"]/g, '\t')));
  });

  it('drafts lovvedligehold requests whose title and description read as Danish', async () => {
    const findings: Finding[] = [];
    for (const humanId of drafted) {
      const cr = (await as.admin('GET', `/api/change-requests/${humanId}`)).json;
      findings.push(...scanDanishText(humanId, `${cr.title}\n${cr.description}`));
    }
    expect(findings.length + drafted.length).toBeGreaterThan(0);
    expectDanish(findings);
  });

  it('tells the history of requests, versions and sessions with names and Danish actions', async () => {
    const findings: Finding[] = [];
    const trails = [
      ...drafted.map((h) => ['change_request', h]),
      ['source_version', String(versionId)],
      ['session', String(sessionId)],
      ['requirement', 'KY-0001'],
    ];
    for (const [entityType, entityId] of trails) {
      const trail = await as.admin('GET', `/api/audit?entityType=${entityType}&entityId=${encodeURIComponent(entityId)}`);
      expect(trail.status).toBe(200);
      expect(trail.json.items.length, `${entityType} ${entityId}`).toBeGreaterThan(0);
      // What a history row shows: who, what and why.
      const text = trail.json.items.map((e: any) => [e.actorName ?? e.actor, e.actionLabel ?? e.action, e.reason ?? ''].join('\t')).join('\n');
      findings.push(...scanDanishText(`historik ${entityType} ${entityId}`, text));
    }
    expectDanish(findings);
  });

  it('names people, not logins, in change requests, requirement versions and the session', async () => {
    const findings: Finding[] = [];
    for (const humanId of drafted) {
      const cr = (await as.admin('GET', `/api/change-requests/${humanId}`)).json;
      const lines = [`Registreret af\t${cr.createdBy}`, ...cr.events.map((e: any) => `${e.actor}\t${e.text}`)];
      findings.push(...scanDanishText(`${humanId} hændelser`, lines.join('\n')));
    }
    const history = (await as.admin('GET', '/api/requirements/KY-0001/versions')).json;
    findings.push(...scanDanishText('KY-0001 versioner', history.versions.map((v: any) => `${v.version}\t${v.author}\t${v.reason ?? ''}`).join('\n')));
    const session = (await as.projektleder('GET', `/api/sessions/${sessionId}`)).json;
    findings.push(...scanDanishText('møde', `Vist af\t${session.revealedBy}\nAfsluttet af\t${session.closedBy}`));
    expect(session.closedBy).toBe('Peter Projektleder');
    expectDanish(findings);
  });

  it('explains the ranking and writes the agenda and the decision record in Danish', async () => {
    const url = `/api/sessions/${sessionId}`;
    const view = (await as.projektleder('GET', url)).json;
    const explanations = [view.ranking.cutLine.explanation, ...view.ranking.items.flatMap((i: any) => [i.explanation, i.moscowText ?? '', ...i.notes])].join('\n');
    const findings = [
      ...scanDanishText('rangering', explanations),
      ...scanDanishText('dagsorden.html', htmlText(strFromU8(await bytes(`${url}/agenda.html`)))),
      ...scanDanishText('beslutningsreferat.html', htmlText(strFromU8(await bytes(`${url}/record.html`)))),
      ...scanDanishText('beslutningsreferat.docx', docxText(await bytes(`${url}/record.docx`))),
    ];
    expectDanish(findings);
  });

  it('gives the readiness report\'s reasons in Danish', async () => {
    const findings: Finding[] = [];
    for (const code of SOLUTIONS) {
      const res = await as.admin('GET', `/api/solutions/${code}/readiness`);
      expect(res.status).toBe(200);
      findings.push(...scanDanishText(`parathed ${code}`, res.json.items.map((i: any) => i.why).join('\n')));
    }
    expectDanish(findings);
  });
});

describe('every audit action has a Danish name', () => {
  it('names each action the server records, so no history row falls back to "Ændret"', () => {
    // Every literal `action: 'area.verb'` handed to recordAudit anywhere in server/ (tests excluded).
    const files = fs.readdirSync(path.resolve(__dirname, '../server'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(path.resolve(__dirname, '../server', f), 'utf8'))
      .filter((text) => text.includes('recordAudit'));
    const actions = new Set(files.flatMap((text) => [...text.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1])));
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_NAMES))).toEqual([]);
  });
});

describe('the scan itself', () => {
  it('finds each kind of slip and lets Danish text pass', () => {
    const bad = scanDanishText(
      'prøve',
      'Ændringsforslag (behovsaendring) er ikke afsluttet (status krav_opdateret, frist 2012-01-02)\nsource_version.import\tsuspect\nHvem\tkravredaktoer\tOprettet af projektleder.\n2 krav til 1 retskilder, status vurderet\tSporingslinks: 7 mistænkt',
    );
    expect(bad.map((f) => `${f.rule} ${f.match}`).sort()).toEqual(
      [
        'brugernavn kravredaktoer',
        'brugernavn projektleder',
        'engelsk suspect',
        'grammatik 7 mistænkt',
        'grammatik 1 retskilder',
        'intern-kode behovsaendring',
        'intern-kode krav_opdateret',
        'intern-kode kravredaktoer',
        'intern-kode source_version.import',
        'intern-kode status krav_opdateret',
        'intern-kode status vurderet',
        'iso-dato 2012-01-02',
      ].sort(),
    );
    const good = 'Ændringsforslag (Vedligehold (behovsændring)) er ikke afsluttet (Krav opdateret, frist 2. januar 2012). Se https://www.retsinformation.dk/eli/lta/2012/2012-01-02. Kirsten Kravredaktør bad projektlederen om et estimat. 1 retskilde, 3 mistænkte links, 1 time, 1 mistænkt, 8 sporingslinks: 5 aktuelle, 0 brudte.';
    expect(scanDanishText('prøve', good)).toEqual([]);
  });
});
