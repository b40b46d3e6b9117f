// An uploaded requirement file as import records, by its extension, within the limits every import keeps: so many
// rows, so many bytes unpacked. Runs in the import thread (import-thread.ts) and in the CLI; touches no database.
import { Invalid } from '../http/errors.js';
import { uploadedFileName } from '../http/multipart.js';
import type { ImportFormat, ImportSource } from './import-source.types.js';
import { parseReqif, reqifXmlOf } from './reqif-parse.js';
import { reqifToImportSource } from './reqif-import.js';

export const IMPORT_EXTENSIONS: Record<string, ImportFormat> = { '.csv': 'csv', '.xlsx': 'xlsx', '.reqif': 'reqif', '.reqifz': 'reqifz' };

/** Requirements in one file: a large municipal specification holds a few thousand; DOORS modules rarely 10,000. */
export const MAX_IMPORT_ROWS = 20_000;

const formatNumber = (n: number) => n.toLocaleString('da-DK');

/** The refusal of a file with more records than an import takes. */
export function tooManyRows(count: number | string): Invalid {
  return new Invalid(`Filen har ${typeof count === 'number' ? formatNumber(count) : count} rækker; en import tager højst ${formatNumber(MAX_IMPORT_ROWS)} krav. Del filen op.`, [
    { field: 'file', message: `Højst ${formatNumber(MAX_IMPORT_ROWS)} rækker` },
  ]);
}

export function importFormatOf(filename: string): ImportFormat | null {
  const m = /\.[^.]+$/.exec(filename.toLowerCase());
  return m ? (IMPORT_EXTENSIONS[m[0]] ?? null) : null;
}

/** Reads an uploaded file into import records, by its extension. */
export async function readImportFile(content: Uint8Array, uploadedName: string): Promise<ImportSource> {
  // The name is shown and kept with each requirement's first version.
  const filename = uploadedFileName(uploadedName);
  const format = importFormatOf(filename);
  if (!format) {
    throw new Invalid(`Filtypen kan ikke importeres: ${filename}`, [{ field: 'file', message: 'Brug .reqif, .reqifz, .xlsx eller .csv' }]);
  }
  // exceljs takes about a second to load: only when a spreadsheet arrives, not at server start.
  if (format === 'csv') return (await import('./table-import.js')).csvToImportSource(content, filename);
  if (format === 'xlsx') return (await import('./table-import.js')).xlsxToImportSource(content, filename);
  const source = reqifToImportSource(parseReqif(reqifXmlOf(content, filename)), filename, format);
  if (source.records.length > MAX_IMPORT_ROWS) throw tooManyRows(source.records.length);
  return source;
}
