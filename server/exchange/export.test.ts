// Exports of a demo solution (KY: 7 requirements, 8 trace links to sygedagpengeloven and aktivloven): ReqIF valid
// against the OMG schema, XLSX and DOCX read back with libraries, standalone HTML, baselines, and round trips
// of ReqIF and XLSX into an empty solution.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';
import { bytesOf, demoSession, upload, type RawSession } from './exchange.test-support.js';

const SCHEMA_DIR = path.resolve(__dirname, '../../../shared/data/reqif/schema');

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let admin: Caller;
let raw: RawSession;
let tmp: string;

interface Req {
  humanId: string;
  title: string;
  text: string;
  kind: string;
  status: string;
  tenderCategory: string | null;
  nonLegal: boolean;
  links: { source: { id: number }; provisionKey: string }[];
}

/** Every requirement of a solution with its links, as the API gives them. */
async function requirementsOf(code: string): Promise<Req[]> {
  const list = await admin('GET', `/api/requirements?solution=${code}&limit=500`);
  const out = [];
  for (const item of list.json.items) out.push((await admin('GET', `/api/requirements/${item.humanId}`)).json);
  return out;
}

/** What must survive a round trip, independent of human ids and order. */
const comparable = (rs: Req[]) =>
  rs
    .map((r) => ({
      title: r.title,
      text: r.text,
      kind: r.kind,
      status: r.status,
      tenderCategory: r.tenderCategory,
      nonLegal: r.nonLegal,
      links: r.links.map((l) => `${l.source.id}|${l.provisionKey}`).sort(),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));

/** The text of a .docx, paragraph per line, read from word/document.xml. */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

const withoutCreationTime = (xml: string) => xml.replace(/<CREATION-TIME>[^<]*<\/CREATION-TIME>/, '');

let ky: Req[];

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  admin = await loginAs(app, 'admin', DEMO_PASSWORD);
  raw = await demoSession(app, 'kravredaktoer');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-export-'));
  ky = await requirementsOf('KY');
});

afterAll(async () => {
  await opened.db.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('ReqIF export', () => {
  let xml: string;

  it('is a file download that validates against the ReqIF schema', async () => {
    const res = await raw.get('/api/solutions/KY/export?format=reqif');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kravspecifikation-KY-\d{4}-\d{2}-\d{2}\.reqif"/);
    xml = await res.text();
    const file = path.join(tmp, 'KY.reqif');
    fs.writeFileSync(file, xml);
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', 'reqif.xsd', file], { cwd: SCHEMA_DIR, encoding: 'utf8' });
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
  });

  it('holds the requirements, the provisions they trace to and the links as relations', () => {
    expect(xml.match(/<SPEC-OBJECT-TYPE-REF>sot-forretningskrav</g)).toHaveLength(7);
    // 8 links to 8 different provisions.
    expect(xml.match(/<SPEC-OBJECT-TYPE-REF>sot-bestemmelse</g)).toHaveLength(8);
    expect(xml.match(/<SPEC-RELATION[\s>]/g)).toHaveLength(8);
    for (const r of ky) expect(xml).toContain(`THE-VALUE="${r.title}"`);
    expect(xml).toContain('LONG-NAME="Forretningskrav"');
    expect(xml).toContain('LONG-NAME="Sporer til"');
    expect(xml).toContain('THE-VALUE="LBK nr 920 af 22/08/2011"');
    expect(xml).toContain('<xhtml:p>Løsningen skal kunne afgøre');
  });

  it('exports the same state to the same file, but for the creation time', async () => {
    const again = await (await raw.get('/api/solutions/KY/export?format=reqif')).text();
    expect(withoutCreationTime(again)).toBe(withoutCreationTime(xml));
  });

  it('zips the same file as .reqifz', async () => {
    const res = await raw.get('/api/solutions/KY/export?format=reqifz');
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(await bytesOf(res));
    const names = Object.keys(files);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/\.reqif$/);
    expect(withoutCreationTime(strFromU8(files[names[0]]))).toBe(withoutCreationTime(xml));
  });

  it('is valid for a solution without requirements too', async () => {
    expect((await admin('POST', '/api/solutions', { code: 'TOM', name: 'Tom løsning' })).status).toBe(201);
    const file = path.join(tmp, 'TOM.reqif');
    fs.writeFileSync(file, await (await raw.get('/api/solutions/TOM/export?format=reqif')).text());
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', 'reqif.xsd', file], { cwd: SCHEMA_DIR, encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    expect(docxText(await bytesOf(await raw.get('/api/solutions/TOM/export?format=docx')))).toContain('Ingen krav sporer til lovgivning.');
  });

  it('round-trips into an empty solution: the same requirements and the same trace links', async () => {
    expect((await admin('POST', '/api/solutions', { code: 'KYR', name: 'Genindlæst fra ReqIF' })).status).toBe(201);
    const preview = await admin('POST', '/api/solutions/KYR/import/preview', upload('KY.reqif', xml));
    expect(preview.json.counts).toMatchObject({ requirements: 7, relations: 8, traceRelations: 8, provisions: 8, links: 8 });
    expect(preview.json.mapping.legalBasis).toEqual([]);
    const commit = await admin('POST', '/api/solutions/KYR/import/commit', { token: preview.json.token });
    expect(commit.status, JSON.stringify(commit.json)).toBe(201);
    expect(commit.json).toMatchObject({ created: 7, links: 8 });
    expect(comparable(await requirementsOf('KYR'))).toEqual(comparable(ky));
  });
});

describe('XLSX export', () => {
  let workbook: ExcelJS.Workbook;
  let bytes: Uint8Array;

  beforeAll(async () => {
    const res = await raw.get('/api/solutions/KY/export?format=xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    bytes = await bytesOf(res);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  });

  it('has a row per requirement with its legal basis as citations', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Krav', 'Sporbarhed', 'Retskilder']);
    const sheet = workbook.getWorksheet('Krav')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Id', 'Titel', 'Tekst', 'Type', 'Udbudskategori', 'Lovgrundlag', 'Status', 'Ikke lovbestemt']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => n > 1 && rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    expect([...rows.keys()].sort()).toEqual(ky.map((r) => r.humanId).sort());
    const first = ky.find((r) => r.title.startsWith('Fordeling'))!;
    expect(rows.get(first.humanId)).toEqual([
      first.humanId,
      first.title,
      first.text,
      'Regel',
      'Mindstekrav',
      '§ 6, stk. 1, sygedagpengeloven (LBK nr 920 af 22/08/2011)\n§ 30, stk. 1, sygedagpengeloven (LBK nr 920 af 22/08/2011)',
      'Godkendt',
      'Nej',
    ]);
    for (const r of ky) {
      const basis = String(rows.get(r.humanId)![5] ?? '');
      if (r.nonLegal) expect(basis).toBe('');
      else expect(basis.split('\n')).toHaveLength(r.links.length);
    }
  });

  it('has the traceability sheet (requirement × provision) and the sources with ELI hyperlinks', () => {
    const trace = workbook.getWorksheet('Sporbarhed')!;
    expect(trace.rowCount - 1).toBe(8);
    expect((trace.getRow(2).values as unknown[]).slice(1, 6)).toEqual([
      ky.find((r) => r.title.startsWith('Fordeling'))!.humanId,
      '§ 6, stk. 1',
      'sygedagpengeloven',
      'LBK nr 920 af 22/08/2011',
      'Aktuel',
    ]);
    const sources = workbook.getWorksheet('Retskilder')!;
    const eli = sources.getRow(3).getCell(4).value as { text: string; hyperlink: string };
    expect(sources.getRow(3).getCell(1).value).toBe('Lov om sygedagpenge');
    expect(eli).toEqual({ text: 'https://www.retsinformation.dk/eli/lta/2011/920', hyperlink: 'https://www.retsinformation.dk/eli/lta/2011/920' });
  });

  it('round-trips into an empty solution: the same requirements and the same trace links', async () => {
    expect((await admin('POST', '/api/solutions', { code: 'KYX', name: 'Genindlæst fra XLSX' })).status).toBe(201);
    const preview = await admin('POST', '/api/solutions/KYX/import/preview', upload('KY.xlsx', bytes));
    expect(preview.json.mapping).toMatchObject({ externalId: ['Id'], title: ['Titel'], text: ['Tekst'], kind: ['Type'], status: ['Status'], tenderCategory: ['Udbudskategori'], legalBasis: ['Lovgrundlag'] });
    expect(preview.json.summary).toMatchObject({ records: 7, valid: 7, links: 8 });
    const commit = await admin('POST', '/api/solutions/KYX/import/commit', { token: preview.json.token });
    expect(commit.status, JSON.stringify(commit.json)).toBe(201);
    expect(comparable(await requirementsOf('KYX'))).toEqual(comparable(ky));
  });
});

describe('DOCX and HTML exports', () => {
  it('DOCX carries every requirement with its legal basis and the traceability appendix', async () => {
    const res = await raw.get('/api/solutions/KY/export?format=docx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = docxText(await bytesOf(res));
    const lines = text.split('\n');
    for (const r of ky) {
      expect(lines).toContain(`${r.humanId} ${r.title}`);
      expect(text).toContain(r.text);
    }
    expect(lines).toContain('§ 6, stk. 1, sygedagpengeloven (LBK nr 920 af 22/08/2011)');
    expect(lines).toContain('§ 81, aktivloven (LBK nr 806 af 01/07/2015)');
    expect(lines).toContain('Lovgrundlag: Ikke lovbestemt');
    for (const heading of ['Regelkrav', 'Proceskrav', 'Datakrav', 'Ikke-funktionelle krav', 'Bilag A. Sporbarhed', 'Bilag B. Retskilder']) expect(lines).toContain(heading);
  });

  it('HTML is one standalone file without scripts, grouped by kind, with citations and ELI links', async () => {
    const res = await raw.get('/api/solutions/KY/export?format=html');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="da">/);
    expect(html).not.toMatch(/<script|<link |src=/i);
    expect(html).toContain('<style>');
    for (const r of ky) expect(html).toContain(`<h3>${r.humanId} ${r.title}</h3>`);
    expect(html).toContain('<li>§ 30, stk. 1, sygedagpengeloven (LBK nr 920 af 22/08/2011)</li>');
    expect(html).toContain('<a href="https://www.retsinformation.dk/eli/lta/2011/920">');
    expect(html.indexOf('<h2>Proceskrav</h2>')).toBeLessThan(html.indexOf('<h2>Regelkrav</h2>'));
  });
});

describe('exporting a baseline', () => {
  it('exports the requirements as the baseline froze them, not as they read now', async () => {
    const created = await admin('POST', '/api/solutions/KY/baselines', { name: 'Udbud 2019', description: 'Som udbudt' });
    expect(created.status).toBe(201);
    const target = ky.find((r) => r.title === 'Enkeltudgifter')!;
    const edit = await admin('PUT', `/api/requirements/${target.humanId}`, { version: 1, title: 'Enkeltudgifter og særlig støtte', reason: 'Udvidet' });
    expect(edit.status).toBe(200);
    const frozen = await raw.get(`/api/solutions/KY/export?format=html&baseline=${encodeURIComponent('Udbud 2019')}`);
    expect(frozen.headers.get('content-disposition')).toContain('kravspecifikation-KY-udbud-2019.html');
    const frozenHtml = await frozen.text();
    expect(frozenHtml).toContain(`<h3>${target.humanId} Enkeltudgifter</h3>`);
    expect(frozenHtml).toContain('Baseline &quot;Udbud 2019&quot;');
    expect(await (await raw.get('/api/solutions/KY/export?format=html')).text()).toContain(`<h3>${target.humanId} Enkeltudgifter og særlig støtte</h3>`);
  });

  it('answers 404 for an unknown baseline and 400 for an unknown format', async () => {
    expect((await raw.get('/api/solutions/KY/export?format=xlsx&baseline=findes-ikke')).status).toBe(404);
    const bad = await raw.get('/api/solutions/KY/export?format=pdf');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.fields[0].field).toBe('format');
  });
});

describe('hostile text and the XLSX export', () => {
  it('refuses control characters from the API and the import, so the export stays readable; a formula stays text', async () => {
    expect((await admin('POST', '/api/solutions', { code: 'KYH', name: 'Fjendtlig tekst' })).status).toBe(201);
    const base = { solution: 'KYH', text: 'Løsningen skal vise titlen.', kind: 'regel' };
    // U+FFFE in one title made the whole workbook unreadable (exceljs writes it as it is; XML forbids it).
    const noncharacter = await admin('POST', '/api/requirements', { ...base, title: 'Ikke-tegn \ufffe' });
    expect(noncharacter.status).toBe(400);
    expect(noncharacter.json.error.fields).toEqual([{ field: 'title', message: 'Teksten indeholder et ugyldigt tegn (U+FFFE, et ikke-tegn) på plads 11; fjern det' }]);
    expect((await admin('POST', '/api/requirements', { ...base, title: 'Klokke \u0007' })).status).toBe(400);
    const formula = await admin('POST', '/api/requirements', { ...base, title: '=HYPERLINK("http://x")' });
    expect(formula.status).toBe(201);
    expect((await admin('PUT', `/api/requirements/${formula.json.humanId}`, { version: 1, text: 'Ny\u000b tekst', reason: 'Forsøg' })).status).toBe(400);

    const csv = ['Titel;Tekst;Type', 'Lodret tabulator;"Fra Word\u000bmed blødt linjeskift";Regel', 'Ren række;Løsningen skal kunne importere.;Regel', 'Ikke-tegn\uffff;Løsningen skal.;Regel'].join('\r\n');
    const preview = await admin('POST', '/api/solutions/KYH/import/preview', upload('fjendtlig.csv', csv));
    expect(preview.json.summary).toMatchObject({ records: 3, valid: 1, invalid: 2 });
    expect(preview.json.messages).toEqual([
      { row: 2, field: 'text', severity: 'error', message: 'Teksten indeholder et ugyldigt tegn (U+000B, et kontroltegn) på plads 9; fjern det' },
      { row: 4, field: 'title', severity: 'error', message: 'Teksten indeholder et ugyldigt tegn (U+FFFF, et ikke-tegn) på plads 10; fjern det' },
    ]);
    const commit = await admin('POST', '/api/solutions/KYH/import/commit', { token: preview.json.token, onlyValid: true });
    expect(commit.json).toMatchObject({ created: 1, skippedRows: [2, 4] });
    // Text stored before input refused such characters must not break the export either.
    await opened.db.updateTable('requirements').set({ title: 'Gemt før \ufffe rettelsen' }).where('human_id', '=', commit.json.requirements[0].humanId).execute();

    const bytes = await bytesOf(await raw.get('/api/solutions/KYH/export?format=xlsx'));
    // Excel refuses a workbook whose XML is not well-formed (exceljs reads past it), so every part is checked.
    for (const [name, part] of Object.entries(unzipSync(bytes)).filter(([n]) => n.endsWith('.xml'))) {
      const lint = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: part, encoding: 'utf8' });
      expect(lint.status, `${name}: ${lint.stderr}`).toBe(0);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const titles: unknown[] = [];
    workbook.getWorksheet('Krav')!.eachRow((row, n) => n > 1 && titles.push(row.getCell(2).value));
    expect(titles.sort()).toEqual(['=HYPERLINK("http://x")', 'Gemt før  rettelsen']);
  });
});

describe('after a new version of a cited act', () => {
  it('cites the version in force once its changed provisions are reviewed; the unchanged ones move along by themselves', async () => {
    const law = await admin('POST', '/api/sources/import', {
      content: fs.readFileSync(path.resolve(__dirname, '../../../shared/data/lexdania/sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'),
      inForceFrom: '2012-01-02',
    });
    expect(law.status, JSON.stringify(law.json)).toBe(201);
    // Review KY's changed links (§ 6, stk. 1, § 30, stk. 1, § 24, stk. 2): each holds.
    const queue = (await admin('GET', '/api/review?solution=KY')).json.items;
    expect(queue.length).toBeGreaterThan(0);
    for (const item of queue) expect((await admin('POST', `/api/links/${item.linkId}/confirm`, { reason: 'Kravet holder' })).status).toBe(200);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(await raw.get('/api/solutions/KY/export?format=xlsx'))) as unknown as ArrayBuffer);
    const versions: unknown[] = [];
    workbook.getWorksheet('Retskilder')!.eachRow((row, n) => n > 1 && row.getCell(2).value === 'sygedagpengeloven' && versions.push(row.getCell(3).value));
    expect(versions).toEqual(['LBK nr 1152 af 12/12/2011']);
    const citations: string[] = [];
    workbook.getWorksheet('Krav')!.eachRow((row, n) => n > 1 && citations.push(...String(row.getCell(6).value ?? '').split('\n')));
    expect(citations).toContain('§ 7, sygedagpengeloven (LBK nr 1152 af 12/12/2011)');
    expect(citations.filter((c) => c.includes('LBK nr 920'))).toEqual([]);
  });
});
