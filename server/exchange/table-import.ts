// Spreadsheets of requirements as import records: CSV (";" or "," between fields, quoted fields with line
// breaks, UTF-8 with or without BOM, Windows-1252 as Excel sometimes saves) and XLSX (the "Krav" sheet of a
// Sporbar export, or the first sheet).
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { Invalid } from '../http/errors.js';
import { MAX_IMPORT_ROWS, tooManyRows } from './import-file.js';
import { columnsOf, type ImportRecord, type ImportSource } from './import-source.types.js';

/**
 * What an XLSX may unpack to: the sheet and its shared strings for 20,000 requirements of a page of text each fit
 * with room; a zip bomb (a few MB that unpack to hundreds) does not.
 */
export const MAX_XLSX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Decodes CSV bytes: UTF-8 (BOM dropped), or Windows-1252 where the bytes are not UTF-8. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The delimiter of the header line: the most frequent of ";", "," and tab outside quotes (Danish Excel writes ";"). */
export function detectDelimiter(text: string): string {
  const counts = new Map([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ';';
}

/**
 * RFC 4180 with a chosen delimiter: fields in double quotes may hold delimiters, line breaks and "" for a quote.
 * Stops with a refusal past `maxRows` rows.
 */
export function parseCsv(text: string, delimiter: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      // The first row is the header.
      if (rows.length > maxRows) throw tooManyRows(`over ${(maxRows - 1).toLocaleString('da-DK')}`);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Header names, made unique and never empty, so each column can be named in a mapping. */
function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const base = c.trim() || `Kolonne ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Rows (with their 1-based line numbers) into records under the first non-empty row's headers. */
function recordsFromRows(rows: { number: number; cells: string[] }[]): { headers: string[]; records: ImportRecord[] } {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim()));
  if (!nonEmpty.length) return { headers: [], records: [] };
  const headers = headerNames(nonEmpty[0].cells);
  const records = nonEmpty.slice(1).map((r) => {
    const values: Record<string, string> = {};
    headers.forEach((h, i) => (values[h] = (r.cells[i] ?? '').trim()));
    return { row: r.number, ref: null, typeName: null, values, provisions: [] };
  });
  return { headers, records };
}

export function csvToImportSource(bytes: Uint8Array, filename: string): ImportSource {
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  // One header row besides the requirements.
  const parsed = parseCsv(text, delimiter, MAX_IMPORT_ROWS + 1);
  // Line numbers as a spreadsheet shows them: a quoted field with line breaks still counts as one row.
  const { headers, records } = recordsFromRows(parsed.map((cells, i) => ({ number: i + 1, cells })));
  if (!headers.length) throw new Invalid('CSV-filen er tom', [{ field: 'file', message: 'Ingen rækker' }]);
  if (records.length > MAX_IMPORT_ROWS) throw tooManyRows(records.length);
  const warnings = encoding === 'utf-8' ? [] : ['Filen er ikke UTF-8; den er læst som Windows-1252 (Excels "CSV (semikolonsepareret)")'];
  return {
    format: 'csv',
    filename,
    tool: null,
    title: null,
    fromSporbar: false,
    columns: columnsOf(records, headers, new Map(headers.map((h) => [h, new Set(['kolonne'])]))),
    records,
    counts: { requirements: records.length, relations: 0, rows: records.length, delimiter: delimiter === '\t' ? 'tab' : delimiter },
    warnings,
  };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
    if ('error' in v) return '';
  }
  return String(v);
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const unreadable = (why: string) => new Invalid('Filen kan ikke læses som et Excel-regneark (.xlsx)', [{ field: 'file', message: why }]);
const megabytes = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The files of a zip as its central directory lists them (no data read); Zip64 (over 4 GB) is refused. */
function zipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('Ingen zip-indholdsfortegnelse');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw unreadable('Ødelagt zip-indholdsfortegnelse');
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      localOffset: view.getUint32(at + 42, true),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw tooBigUnpacked('over 4 GB');
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function tooBigUnpacked(size: string): Invalid {
  return new Invalid(`Regnearket fylder ${size} udpakket; højst ${megabytes(MAX_XLSX_INFLATED_BYTES)}. Del filen op, eller gem den som CSV.`, [
    { field: 'file', message: `Højst ${megabytes(MAX_XLSX_INFLATED_BYTES)} udpakket` },
  ]);
}

/** `<row ` or `<row>` elements in sheet XML (a row count without parsing the sheet). */
function countRows(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) {
    const next = xml[i + 4];
    if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

/**
 * Checks an XLSX before exceljs unpacks it: the sizes its zip directory declares (a zip bomb is refused here,
 * before a byte is inflated), then each file inflated no further than its declared size (so a directory that
 * lies is caught too), and the rows of each sheet counted.
 */
export function checkXlsxArchive(bytes: Uint8Array): void {
  const entries = zipDirectory(bytes);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > MAX_XLSX_INFLATED_BYTES) throw tooBigUnpacked(megabytes(declared));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== 0x04034b50) throw unreadable(`Ødelagt zip-post ${e.name}`);
    const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    let inflated: Buffer;
    if (e.method === 0) inflated = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    else if (e.method === 8) {
      try {
        inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBigUnpacked(`mere end zip-filen angiver (${e.name})`);
        throw unreadable(`${e.name}: ${(err as Error).message}`);
      }
    } else throw unreadable(`Ukendt komprimering i ${e.name}`);
    if (inflated.length > e.size) throw tooBigUnpacked(`mere end zip-filen angiver (${e.name})`);
    // One header row besides the requirements.
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) {
      const rows = countRows(inflated);
      if (rows > MAX_IMPORT_ROWS + 1) throw tooManyRows(rows - 1);
    }
  }
}

export async function xlsxToImportSource(bytes: Uint8Array, filename: string): Promise<ImportSource> {
  checkXlsxArchive(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new Invalid('Filen kan ikke læses som et Excel-regneark (.xlsx)', [{ field: 'file', message: (err as Error).message }]);
  }
  const sheet = workbook.getWorksheet('Krav') ?? workbook.worksheets[0];
  if (!sheet) throw new Invalid('Regnearket har ingen ark', [{ field: 'file', message: 'Ingen ark' }]);
  const rows: { number: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell)));
    rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
  });
  const { headers, records } = recordsFromRows(rows);
  if (!headers.length) throw new Invalid(`Arket "${sheet.name}" er tomt`, [{ field: 'file', message: 'Ingen rækker' }]);
  if (records.length > MAX_IMPORT_ROWS) throw tooManyRows(records.length);
  return {
    format: 'xlsx',
    filename,
    tool: workbook.creator || null,
    title: workbook.title || null,
    fromSporbar: workbook.creator === 'Sporbar',
    columns: columnsOf(records, headers, new Map(headers.map((h) => [h, new Set(['kolonne'])]))),
    records,
    counts: { requirements: records.length, relations: 0, rows: records.length, sheet: sheet.name },
    warnings: workbook.worksheets.length > 1 && sheet.name !== 'Krav' ? [`Kun det første ark ("${sheet.name}") læses`] : [],
  };
}
