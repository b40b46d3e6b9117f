// File uploads (multipart/form-data) for every upload route: a body the parser cannot read is the sender's fault
// (400 with a Danish message), and an uploaded file's name is cleaned before anything stores or shows it.
import type { Context } from 'hono';
import { Invalid } from './errors.js';

/**
 * The name of an uploaded file as Sporbar keeps it: no client-side folders, no control characters (NUL, CR, LF
 * would end up in the database, the audit log and download headers), never empty, never endless.
 */
export function uploadedFileName(name: string, fallback = 'fil'): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || fallback).slice(0, 200);
}

export interface UploadForm {
  file: { content: Uint8Array; filename: string } | null;
  /** The other fields, as text (empty ones left out). */
  fields: Record<string, string>;
}

const unreadable = (why: string) =>
  new Invalid(`Filuploaden kan ikke læses: forespørgslen er ikke gyldig multipart/form-data (${why})`, [{ field: 'file', message: 'Ugyldig multipart/form-data' }]);

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
/** A form of ours has a file and a handful of fields. */
const MAX_PARTS = 32;

/** `name="…"` or `name=token` of a Content-Disposition header (browsers percent-encode quotes and line breaks in names). */
function dispositionParam(header: string, param: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${param}=(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

interface Part {
  name: string;
  filename: string | null;
  data: Buffer;
}

/**
 * Splits a multipart/form-data body (RFC 7578) into its parts. The boundaries are found with Buffer.indexOf,
 * native code, so a 20 MB upload is split in milliseconds without holding up other requests (the platform's
 * FormData parser took a quarter of a second of the event loop for one).
 */
export function splitMultipart(body: Buffer, contentType: string): Part[] {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  if (!m) throw unreadable('grænsen mangler i Content-Type');
  const delimiter = Buffer.from(`\r\n--${m[1] ?? m[2]}`);
  // The first delimiter opens the body, or follows a preamble (and then a line break, like every later one).
  const opening = delimiter.subarray(2);
  let pos: number;
  if (body.subarray(0, opening.length).equals(opening)) pos = opening.length;
  else {
    const found = body.indexOf(delimiter);
    if (found < 0) throw unreadable('grænsen findes ikke i indholdet');
    pos = found + delimiter.length;
  }
  const parts: Part[] = [];
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw unreadable('en del er afkortet');
    const headersEnd = body.indexOf(HEADER_END, pos + 2);
    if (headersEnd < 0) throw unreadable('en dels overskrifter er afkortede');
    const next = body.indexOf(delimiter, headersEnd + 4);
    if (next < 0) throw unreadable('den afsluttende grænse mangler: er uploaden afkortet?');
    const headers = body.toString('utf8', pos + 2, headersEnd).split('\r\n');
    const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h));
    const name = disposition ? dispositionParam(disposition.slice(disposition.indexOf(':') + 1), 'name') : null;
    if (name === null) throw unreadable('en del mangler sit navn');
    parts.push({ name, filename: dispositionParam(disposition!, 'filename'), data: body.subarray(headersEnd + 4, next) });
    if (parts.length > MAX_PARTS) throw unreadable(`flere end ${MAX_PARTS} dele`);
    pos = next + delimiter.length;
  }
}

/** Reads a multipart/form-data body: the field named `file` (if it is a file) and the text fields. */
export async function readUploadForm(c: Context): Promise<UploadForm> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) throw unreadable('forkert indholdstype');
  const parts = splitMultipart(Buffer.from(await c.req.arrayBuffer()), type);
  let file: UploadForm['file'] = null;
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  for (const part of parts) {
    if (seen.has(part.name)) throw new Invalid(`Feltet ${part.name} er sendt flere gange`, [{ field: part.name, message: 'Send feltet én gang' }]);
    seen.add(part.name);
    if (part.name === 'file') {
      if (part.filename !== null) file = { content: new Uint8Array(part.data.buffer, part.data.byteOffset, part.data.byteLength), filename: uploadedFileName(decodeURIComponentSafe(part.filename)) };
      continue;
    }
    if (part.filename === null && part.data.length) fields[part.name] = part.data.toString('utf8');
  }
  return { file, fields };
}

/** Names as browsers send them: UTF-8, with `"` and line breaks percent-encoded. */
function decodeURIComponentSafe(name: string): string {
  return name.replace(/%(22|0D|0A)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
