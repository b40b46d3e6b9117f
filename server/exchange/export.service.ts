// Exporting a solution's specification, now or as a baseline froze it, in the formats tender work and other
// requirement tools use. Every format streams, so a large export starts at once and never sits whole in memory.
import { z } from 'zod';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { htmlChunks } from './html-export.js';
import { reqifChunks } from './reqif-export.js';
import { exportFileName, loadSpecification, provisionTexts } from './specification.js';
import { textStream, zipStream } from './streams.js';

export const EXPORT_FORMATS = ['xlsx', 'docx', 'html', 'reqif', 'reqifz'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { message: `Formatet skal være et af: ${EXPORT_FORMATS.join(', ')}` }),
  baseline: z.string().trim().min(1).max(120).optional(),
});

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  reqif: 'application/xml; charset=utf-8',
  reqifz: 'application/zip',
};

export interface ExportFile {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
  requirements: number;
  links: number;
}

export async function exportSpecification(db: Db, code: string, query: z.infer<typeof ExportQuery>, actor: Actor): Promise<ExportFile> {
  const spec = await loadSpecification(db, code, query.baseline, actor);
  const filename = exportFileName(spec, query.format);
  const base = { filename, contentType: CONTENT_TYPES[query.format], requirements: spec.requirements.length, links: spec.links.length };
  switch (query.format) {
    case 'xlsx':
      // exceljs and docx take about a second to load: only when such a file is asked for, not at server start.
      return { ...base, body: (await import('./xlsx-export.js')).xlsxStream(spec) };
    case 'docx':
      return { ...base, body: await (await import('./docx-export.js')).docxStream(spec) };
    case 'html':
      return { ...base, body: textStream(htmlChunks(spec)) };
    case 'reqif':
      return { ...base, body: textStream(reqifChunks(spec, await provisionTexts(db, spec.links))) };
    case 'reqifz': {
      const chunks = reqifChunks(spec, await provisionTexts(db, spec.links));
      return { ...base, body: zipStream([{ name: exportFileName(spec, 'reqif'), data: chunks }], new Date(spec.generatedAt)) };
    }
  }
}

/** `attachment; filename="…"; filename*=UTF-8''…`: ASCII fallback for old clients, the exact name for the rest. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
