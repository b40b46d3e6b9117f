// Importing requirements from spreadsheets: CSV as Danish Excel writes it, the column-mapping step with a
// message per row, nothing written while a row is wrong (unless the user asks for the valid rows only), one
// transaction, audited, with progress as server-sent events.
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';
import { demoSession, upload } from './exchange.test-support.js';
import { decodeCsv, detectDelimiter, parseCsv } from './table-import.js';
import { splitCitations } from './import-mapping.js';
import { MAX_IMPORT_ROWS } from './import-file.js';

describe('CSV reading', () => {
  it('parses quoted fields with delimiters, line breaks and doubled quotes', () => {
    expect(parseCsv('a;"b;c";"d\r\ne";"f ""g"""\r\n1;2;3;4\n', ';')).toEqual([
      ['a', 'b;c', 'd\r\ne', 'f "g"'],
      ['1', '2', '3', '4'],
    ]);
    expect(parseCsv('x,y\n1,2', ',')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('detects ";" (Danish Excel) or "," from the header line, outside quotes', () => {
    expect(detectDelimiter('Id;Titel;"Tekst, lang"\n1;2;3')).toBe(';');
    expect(detectDelimiter('Id,Titel,"Tekst; lang"\n1,2,3')).toBe(',');
  });

  it('reads UTF-8 with or without BOM, and falls back to Windows-1252', () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Udgået')]))).toEqual({ text: 'Udgået', encoding: 'utf-8' });
    expect(decodeCsv(new TextEncoder().encode('Udgået'))).toEqual({ text: 'Udgået', encoding: 'utf-8' });
    expect(decodeCsv(new Uint8Array([0x55, 0x64, 0x67, 0xe5, 0x65, 0x74]))).toEqual({ text: 'Udgået', encoding: 'windows-1252' });
  });

  it('splits a legal-basis cell into citations and drops the version note', () => {
    expect(splitCitations('§ 30, stk. 1, sygedagpengeloven (LBK nr 1152 af 12/12/2011)\n§ 7, sygedagpengeloven; § 81, aktivloven')).toEqual([
      '§ 30, stk. 1, sygedagpengeloven',
      '§ 7, sygedagpengeloven',
      '§ 81, aktivloven',
    ]);
  });
});

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let editor: Caller;

const countIn = async (code: string) => (await editor('GET', `/api/requirements?solution=${code}&limit=1`)).json.total as number;
const auditCount = async () => Number((await opened.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const BOM = '\ufeff';
// Danish Excel's "CSV (semikolonsepareret)": ";" between fields, a quoted text with a line break and a ";".
const CSV =
  BOM +
  [
    'Krav-ID;Titel;Kravtekst;Kravtype;Status;Udbudskategori;Lovgrundlag',
    'EXT-1;Beregning af sygedagpenge;"Løsningen skal beregne sygedagpenge; også for deltid.\nBeregningen skal kunne genskabes.";Regel;Godkendt;Mindstekrav;§ 6, stk. 1, sygedagpengeloven (LBK nr 920 af 22/08/2011)',
    'EXT-2;Enkeltudgifter;Løsningen skal behandle ansøgninger om enkeltudgifter.;proces;udkast;krav;§ 81, aktivloven',
    'EXT-3;Rapportering;Løsningen skal levere ledelsesinformation.;Rapport;Udkast;;',
    'EXT-4;Ukendt paragraf;Løsningen skal noget.;Regel;Udkast;Option;§ 999, sygedagpengeloven',
    'EXT-5;;Uden titel.;Regel;Udkast;;',
    'EXT-6;Ukendt lov;Løsningen skal noget andet.;Data;Udkast;;§ 1, hundeloven',
  ].join('\r\n');

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  editor = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  const admin = await loginAs(app, 'admin', DEMO_PASSWORD);
  expect((await admin('POST', '/api/solutions', { code: 'NY', name: 'Ny løsning' })).status).toBe(201);
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('CSV import through the API', () => {
  let token: string;

  it('previews columns, a suggested mapping, the first rows and a Danish message per faulty row', async () => {
    const res = await editor('POST', '/api/solutions/NY/import/preview', upload('krav.csv', CSV));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    token = res.json.token;
    expect(res.json.counts).toMatchObject({ requirements: 6, relations: 0, delimiter: ';' });
    expect(res.json.columns.map((c: any) => c.name)).toEqual(['Krav-ID', 'Titel', 'Kravtekst', 'Kravtype', 'Status', 'Udbudskategori', 'Lovgrundlag']);
    expect(res.json.mapping).toMatchObject({
      externalId: ['Krav-ID'],
      title: ['Titel'],
      text: ['Kravtekst'],
      kind: ['Kravtype'],
      status: ['Status'],
      tenderCategory: ['Udbudskategori'],
      legalBasis: ['Lovgrundlag'],
    });
    expect(res.json.rows[0]).toMatchObject({
      row: 2,
      externalId: 'EXT-1',
      text: 'Løsningen skal beregne sygedagpenge; også for deltid.\nBeregningen skal kunne genskabes.',
      kind: 'regel',
      status: 'godkendt',
      tenderCategory: 'mindstekrav',
      links: [{ provisionKey: 'p6.s1', label: '§ 6, stk. 1' }],
      valid: true,
    });
    expect(res.json.summary).toMatchObject({ records: 6, valid: 2, invalid: 4, links: 2 });
    expect(res.json.messages.map((m: any) => [m.row, m.field, m.severity])).toEqual([
      [4, 'kind', 'error'],
      [5, 'legalBasis', 'error'],
      [6, 'title', 'error'],
      [7, 'legalBasis', 'error'],
    ]);
    const byRow = Object.fromEntries(res.json.messages.map((m: any) => [m.row, m.message]));
    expect(byRow[4]).toBe('Ukendt kravtype "Rapport"; brug en af: Proces, Regel, Data, Integration, Ikke-funktionel');
    expect(byRow[5]).toBe('§ 999 findes ikke i den nyeste version af sygedagpengeloven');
    expect(byRow[6]).toBe('Titlen mangler');
    expect(byRow[7]).toContain('"§ 1, hundeloven" nævner ingen retskilde');
  });

  it('writes nothing while a row has errors', async () => {
    const audit = await auditCount();
    const res = await editor('POST', '/api/solutions/NY/import/commit', { token });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('4 af 6 rækker har fejl; intet er importeret');
    expect(res.json.error.fields[0]).toEqual({ field: 'række 4: Kravtype', message: expect.stringContaining('Rapport') });
    expect(await countIn('NY')).toBe(0);
    expect(await auditCount()).toBe(audit);
  });

  it('writes the valid rows when asked to, in one go, through the requirements service, audited', async () => {
    const res = await editor('POST', '/api/solutions/NY/import/commit', { token, onlyValid: true });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ created: 2, links: 2, skipped: 4, skippedRows: [4, 5, 6, 7] });
    const [first] = res.json.requirements;
    const created = (await editor('GET', `/api/requirements/${first.humanId}`)).json;
    expect(created).toMatchObject({ title: 'Beregning af sygedagpenge', kind: 'regel', status: 'godkendt', tenderCategory: 'mindstekrav', version: 1 });
    expect(created.links.map((l: any) => [l.provisionKey, l.status])).toEqual([['p6.s1', 'current']]);
    const history = (await editor('GET', `/api/requirements/${first.humanId}/versions`)).json.versions;
    expect(history[0]).toMatchObject({ author: 'Kirsten Kravredaktør', reason: 'Importeret fra krav.csv (EXT-1)' });
    const audit = (await editor('GET', '/api/audit?entityType=solution&entityId=NY')).json.items;
    expect(audit[0]).toMatchObject({ action: 'requirements.import', actor: 'kravredaktoer' });
  });

  it('recognises rows imported before and the ids of the solution itself: a new version where they differ, new links added, nothing duplicated', async () => {
    const again = [
      'Krav-ID;Titel;Kravtekst;Kravtype;Status;Udbudskategori;Lovgrundlag',
      // As imported: unchanged.
      'EXT-1;Beregning af sygedagpenge;"Løsningen skal beregne sygedagpenge; også for deltid.\nBeregningen skal kunne genskabes.";Regel;Godkendt;Mindstekrav;§ 6, stk. 1, sygedagpengeloven (LBK nr 920 af 22/08/2011)',
      // Edited in the spreadsheet, and one more provision.
      'EXT-2;Enkeltudgifter og særlig støtte;Løsningen skal behandle ansøgninger om enkeltudgifter og særlig støtte.;proces;udkast;krav;"§ 81, aktivloven\n§ 82, aktivloven"',
      'EXT-7;Tilbagebetaling;Løsningen skal kunne kræve for meget udbetalt hjælp tilbage.;Regel;Udkast;;',
    ].join('\r\n');
    const preview = await editor('POST', '/api/solutions/NY/import/preview', upload('krav2.csv', again));
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json.summary).toMatchObject({ records: 3, valid: 3, create: 1, update: 1, unchanged: 1 });
    expect(preview.json.rows.map((r: any) => [r.externalId, r.action, r.humanId])).toEqual([
      ['EXT-1', 'unchanged', 'NY-0001'],
      ['EXT-2', 'update', 'NY-0002'],
      ['EXT-7', 'create', null],
    ]);
    const commit = await editor('POST', '/api/solutions/NY/import/commit', { token: preview.json.token });
    expect(commit.status, JSON.stringify(commit.json)).toBe(201);
    expect(commit.json).toMatchObject({ created: 1, updated: 1, unchanged: 1, links: 1 });
    expect(await countIn('NY')).toBe(3);
    const updated = (await editor('GET', '/api/requirements/NY-0002')).json;
    expect(updated).toMatchObject({ title: 'Enkeltudgifter og særlig støtte', version: 2 });
    expect(updated.links.map((l: any) => l.provision.label)).toEqual(['§ 81', '§ 82']);
    expect((await editor('GET', '/api/requirements/NY-0002/versions')).json.versions[0]).toMatchObject({ reason: 'Opdateret fra krav2.csv (EXT-2)', author: 'Kirsten Kravredaktør' });
    expect((await editor('GET', '/api/requirements/NY-0001')).json.version).toBe(1);

    // Sporbar's own export names requirements by their ids; two rows for one requirement are refused.
    const own = [
      'Id;Titel;Tekst',
      'NY-0003;Tilbagebetaling;Løsningen skal kunne kræve for meget udbetalt hjælp tilbage med renter.',
      'EXT-1;Beregning af sygedagpenge;Løsningen skal beregne sygedagpenge.',
      'NY-0001;Beregning af sygedagpenge;Løsningen skal beregne sygedagpenge for alle.',
    ].join('\n');
    const ownPreview = await editor('POST', '/api/solutions/NY/import/preview', upload('eksport.csv', own));
    expect(ownPreview.json.rows.map((r: any) => [r.action, r.humanId, r.valid])).toEqual([
      ['update', 'NY-0003', true],
      ['update', 'NY-0001', true],
      [null, null, false],
    ]);
    expect(ownPreview.json.messages).toContainEqual(expect.objectContaining({ row: 4, field: 'externalId', severity: 'error', message: 'Rækken er samme krav (NY-0001) som række 3' }));
  });

    it('lets the user change the mapping and re-check without uploading again', async () => {
    const csv = 'Overskrift,Beskrivelse,Noter\nAfgørelse,"Løsningen skal danne afgørelsesbreve, også på engelsk.",Fra 2020\n';
    const first = await editor('POST', '/api/solutions/NY/import/preview', upload('andet.csv', csv));
    expect(first.json.counts.delimiter).toBe(',');
    expect(first.json.mapping).toMatchObject({ title: ['Overskrift'], text: ['Beskrivelse'] });
    const remapped = await editor('POST', '/api/solutions/NY/import/preview', {
      token: first.json.token,
      mapping: { title: ['Overskrift'], text: ['Noter'] },
      defaults: { kind: 'data', status: 'godkendt' },
    });
    expect(remapped.status, JSON.stringify(remapped.json)).toBe(200);
    expect(remapped.json.rows[0]).toMatchObject({ title: 'Afgørelse', text: 'Fra 2020', kind: 'data', status: 'godkendt' });
  });

  it('reports progress as server-sent events when asked', async () => {
    const raw = await demoSession(app, 'kravredaktoer');
    const rows = Array.from({ length: 120 }, (_, i) => `Krav ${i + 1};Løsningen skal kunne ${i + 1}.;Data`);
    const res = await raw.post('/api/solutions/NY/import/commit', upload('mange.csv', ['Titel;Tekst;Type', ...rows].join('\n')), { accept: 'text/event-stream' });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    const progress = events.filter((e) => e.startsWith('event: progress')).map((e) => JSON.parse(e.split('data: ')[1]));
    expect(progress).toEqual([
      { done: 50, total: 120 },
      { done: 100, total: 120 },
      { done: 120, total: 120 },
    ]);
    expect(events.at(-1)).toMatch(/^event: result/);
    expect(JSON.parse(events.at(-1)!.split('data: ')[1])).toMatchObject({ created: 120 });
  });

  it('reports an invalid import as an error event, not a broken stream', async () => {
    const raw = await demoSession(app, 'kravredaktoer');
    const res = await raw.post('/api/solutions/NY/import/commit', upload('mangler.csv', 'Titel;Tekst\nNoget;\n'), { accept: 'text/event-stream' });
    const text = await res.text();
    expect(text).toContain('event: error');
    expect(text).toContain('rækker har fejl');
  });

  it('expands no entity in a workbook: a part that declares and uses one is refused as unreadable', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Krav').addRows([
      ['Titel', 'Tekst'],
      ['Udsendelse', 'Løsningen skal sende breve.'],
    ]);
    const parts = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
    const strings = strFromU8(parts['xl/sharedStrings.xml']!);
    const bomb = strings.replace('?>', '?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>').replace('>Udsendelse<', '>&b;<');
    expect(bomb).toContain('>&b;<');
    const res = await editor('POST', '/api/solutions/NY/import/preview', upload('bombe.xlsx', zipSync({ ...parts, 'xl/sharedStrings.xml': strToU8(bomb) })));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('Filen kan ikke læses som et Excel-regneark (.xlsx)');
  });

  it('is refused to users without the right to import in the solution, and for unknown file types', async () => {
    const supplier = await loginAs(app, 'leverandoer', DEMO_PASSWORD);
    expect((await supplier('POST', '/api/solutions/KY/import/preview', upload('krav.csv', CSV))).status).toBe(403);
    const pdf = await editor('POST', '/api/solutions/NY/import/preview', upload('krav.pdf', 'x'));
    expect(pdf.status).toBe(400);
    expect(pdf.json.error.fields[0]).toMatchObject({ field: 'file', message: 'Brug .reqif, .reqifz, .xlsx eller .csv' });
    expect((await editor('POST', '/api/solutions/NY/import/commit', { token: 'ukendt-token-1234' })).status).toBe(404);
  });
});

/** A minimal XLSX (one sheet of inline strings) as exceljs reads it, zipped by fflate. */
function minimalXlsx(rows: string[][]): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`)
    .join('')}</sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Krav" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
}

/** The zip with the uncompressed size its central directory declares for `name` changed: a zip that lies. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = strToU8(name);
  for (let i = 0; i + 46 < out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50 || view.getUint16(i + 28, true) !== wanted.length) continue;
    if (Buffer.from(out.subarray(i + 46, i + 46 + wanted.length)).equals(Buffer.from(wanted))) {
      view.setUint32(i + 24, size, true);
      return out;
    }
  }
  throw new Error(`${name} er ikke i zip-filen`);
}

describe('limits of an import file', () => {
  const requirementRows = (n: number) => Array.from({ length: n }, (_, i) => [`Krav ${i + 1}`, `Løsningen skal kunne ${i + 1}.`]);

  it('reads a small XLSX as before', async () => {
    const res = await editor('POST', '/api/solutions/NY/import/preview', upload('lille.xlsx', minimalXlsx([['Titel', 'Tekst'], ...requirementRows(3)])));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.summary).toMatchObject({ records: 3, valid: 3 });
  });

  it('refuses a CSV and an XLSX with more rows than an import takes, naming the limit', async () => {
    const csv = ['Titel;Tekst', ...requirementRows(MAX_IMPORT_ROWS + 1).map((r) => r.join(';'))].join('\n');
    const tooLong = await editor('POST', '/api/solutions/NY/import/preview', upload('lang.csv', csv));
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.message).toContain('højst 20.000 krav');

    const xlsx = await editor('POST', '/api/solutions/NY/import/preview', upload('lang.xlsx', minimalXlsx([['Titel', 'Tekst'], ...requirementRows(MAX_IMPORT_ROWS + 1)])));
    expect(xlsx.status).toBe(400);
    expect(xlsx.json.error.message).toBe('Filen har 20.001 rækker; en import tager højst 20.000 krav. Del filen op.');
  });

  it('refuses a zip bomb by the sizes its directory declares, before inflating it', async () => {
    // A sheet of a few rows that claims to unpack to 300 MiB: only the directory says so.
    const bomb = declareSize(minimalXlsx([['Titel', 'Tekst'], ...requirementRows(3)]), 'xl/worksheets/sheet1.xml', 300 * 1024 * 1024);
    const res = await editor('POST', '/api/solutions/NY/import/preview', upload('bombe.xlsx', bomb));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^Regnearket fylder 300 MB udpakket; højst 64 MB/);
  });

  it('refuses a zip whose directory understates what a file inflates to', async () => {
    const zip = zipSync({ ...unzipSync(minimalXlsx([['Titel', 'Tekst']])), 'xl/sharedStrings.xml': new Uint8Array(70 * 1024 * 1024).fill(0x20) });
    const res = await editor('POST', '/api/solutions/NY/import/preview', upload('loegn.xlsx', declareSize(zip, 'xl/sharedStrings.xml', 1000)));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('mere end zip-filen angiver');
  });

  it('keeps no control characters of an uploaded file name', async () => {
    const res = await editor('POST', '/api/solutions/NY/import/preview', upload('krav\u0000\r\nny.csv', 'Titel;Tekst\nEt krav;Løsningen skal kunne noget.\n'));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.filename).toBe('kravny.csv');
    const commit = await editor('POST', '/api/solutions/NY/import/commit', { token: res.json.token });
    expect(commit.status, JSON.stringify(commit.json)).toBe(201);
    expect(commit.json.filename).toBe('kravny.csv');
  });

  it('reports reading and checking as progress of a preview, when asked', async () => {
    const raw = await demoSession(app, 'kravredaktoer');
    const csv = ['Titel;Tekst', ...requirementRows(600).map((r) => r.join(';'))].join('\n');
    const res = await raw.post('/api/solutions/NY/import/preview', upload('mange.csv', csv), { accept: 'text/event-stream' });
    const events = (await res.text()).split('\n\n').filter(Boolean);
    const progress = events.filter((e) => e.startsWith('event: progress')).map((e) => JSON.parse(e.split('data: ')[1]));
    expect(progress).toContainEqual({ phase: 'read', done: 600, total: 600 });
    expect(progress).toContainEqual({ phase: 'check', done: 500, total: 600 });
    expect(events.at(-1)).toMatch(/^event: result/);
    expect(JSON.parse(events.at(-1)!.split('data: ')[1])).toMatchObject({ summary: { records: 600, valid: 600 } });
  });
});
