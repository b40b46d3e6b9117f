// The specification as an Excel workbook, written with exceljs' streaming writer: "Krav" (one row per
// requirement, legal basis as citations), "Sporbarhed" (one row per requirement × provision) and "Retskilder"
// (the cited versions, with ELI links).
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { requirementsByKind } from './reqif-export.js';
import { citedVersions, legalBasis, sourceName, specificationTitle, type Specification } from './specification.js';
import { kindName, linkStatusName, statusName, tenderName } from './vocabulary.js';
import { xmlText } from './xml.js';

/** The "Krav" sheet's headers: the import reads them back (import-mapping.ts knows these names). */
export const REQUIREMENT_SHEET_COLUMNS = ['Id', 'Titel', 'Tekst', 'Type', 'Udbudskategori', 'Lovgrundlag', 'Status', 'Ikke lovbestemt'] as const;

const HEADER_FONT = { bold: true, color: { argb: 'FFFFFFFF' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/**
 * exceljs writes U+FFFE and U+FFFF as they are, and one of them makes the whole workbook unreadable. Input refuses
 * them (plainText); this keeps text stored before that from breaking an export.
 */
const cells = (values: unknown[]) => values.map((v) => (typeof v === 'string' ? xmlText(v) : v));

/** A calendar date as a date cell (Excel keeps no time zone: midnight UTC is the day itself), shown as 02.01.2012. */
const excelDate = (iso: string | null) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : '');

/** Only long-text columns wrap: a style on every cell costs more time than the rest of the export together. */
function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: { header: string; width: number; wrap?: boolean }[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, ...(c.wrap ? { style: { alignment: WRAP } } : {}) }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.getRow(1);
  header.font = HEADER_FONT;
  header.fill = HEADER_FILL;
  header.commit();
  return sheet;
}

async function writeWorkbook(spec: Specification, stream: PassThrough): Promise<void> {
  // Fast deflate: a third of the time of the default level for a file a few per cent larger.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  workbook.creator = 'Sporbar';
  workbook.title = specificationTitle(spec);
  workbook.created = new Date(spec.generatedAt);

  const widths = [12, 40, 80, 16, 16, 50, 12, 14];
  const wrapped = new Set<string>(['Titel', 'Tekst', 'Lovgrundlag']);
  const krav = addSheet(workbook, 'Krav', REQUIREMENT_SHEET_COLUMNS.map((header, i) => ({ header, width: widths[i], wrap: wrapped.has(header) })));
  for (const r of requirementsByKind(spec)) {
    krav
      .addRow(cells([r.humanId, r.title, r.text, kindName(r.kind), tenderName(r.tenderCategory), legalBasis(spec, r.humanId, '\n'), statusName(r.status), r.nonLegal ? 'Ja' : 'Nej']))
      .commit();
  }
  krav.commit();

  const trace = addSheet(workbook, 'Sporbarhed', [
    { header: 'Krav-id', width: 12 },
    { header: 'Bestemmelse', width: 22 },
    { header: 'Retskilde', width: 40 },
    { header: 'Version', width: 28 },
    { header: 'Linkstatus', width: 12 },
    { header: 'Begrundelse', width: 60, wrap: true },
  ]);
  for (const l of spec.links) {
    trace.addRow(cells([l.humanId, l.label, sourceName(spec.sources.get(l.sourceId)), l.confirmedShortName, linkStatusName(l.status), l.rationale])).commit();
  }
  trace.commit();

  const sources = addSheet(workbook, 'Retskilder', [
    { header: 'Titel', width: 50 },
    { header: 'Populærtitel', width: 24 },
    { header: 'Version', width: 28 },
    { header: 'ELI', width: 48 },
    { header: 'I kraft fra', width: 12 },
  ]);
  for (const { source, version } of citedVersions(spec)) {
    const row = sources.addRow(cells([source.title, source.popularTitle ?? '', version.shortName, version.eli ? { text: version.eli, hyperlink: version.eli } : '', excelDate(version.inForceFrom)]));
    if (version.eli) row.getCell(4).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell(5).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  sources.commit();
  await workbook.commit();
}

/** The workbook as a byte stream; a failure midway ends the stream with the error. */
export function xlsxStream(spec: Specification): ReadableStream<Uint8Array> {
  const stream = new PassThrough();
  writeWorkbook(spec, stream).catch((err) => stream.destroy(err));
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}
