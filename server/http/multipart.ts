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

/** Reads a multipart/form-data body: the field named `file` (if it is a file) and the text fields. */
export async function readUploadForm(c: Context): Promise<UploadForm> {
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    // The platform's parser says only "Failed to parse body as FormData": a missing boundary, a truncated body, a broken header.
    throw new Invalid('Filuploaden kan ikke læses: forespørgslen er ikke gyldig multipart/form-data (mangler grænsen, eller er den afkortet?)', [
      { field: 'file', message: 'Ugyldig multipart/form-data' },
    ]);
  }
  let file: UploadForm['file'] = null;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (Array.isArray(value) && value.length > 1) throw new Invalid(`Feltet ${name} er sendt flere gange`, [{ field: name, message: 'Send feltet én gang' }]);
    if (name === 'file') {
      if (first instanceof File) file = { content: new Uint8Array(await first.arrayBuffer()), filename: uploadedFileName(first.name) };
      continue;
    }
    if (typeof first === 'string' && first !== '') fields[name] = first;
  }
  return { file, fields };
}
