// Spreadsheets of requirements as import records: CSV (";" or "," between fields, quoted fields with line
// breaks, UTF-8 with or without BOM, Windows-1252 as Excel sometimes saves) and XLSX (the "Krav" sheet of a
// Sporbar export, or the first sheet).
import ExcelJS from 'exceljs';
import { Invalid } from '../http/errors.js';
import { columnsOf, type ImportRecord, type ImportSource } from './import-source.types.js';

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

/** RFC 4180 with a chosen delimiter: fields in double quotes may hold delimiters, line breaks and "" for a quote. */
export function parseCsv(text: string, delimiter: string): string[][] {
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
  const parsed = parseCsv(text, delimiter);
  // Line numbers as a spreadsheet shows them: a quoted field with line breaks still counts as one row.
  const { headers, records } = recordsFromRows(parsed.map((cells, i) => ({ number: i + 1, cells })));
  if (!headers.length) throw new Invalid('CSV-filen er tom', [{ field: 'file', message: 'Ingen rækker' }]);
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

export async function xlsxToImportSource(bytes: Uint8Array, filename: string): Promise<ImportSource> {
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
