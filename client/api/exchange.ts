// Exchange of specifications: exports (XLSX, DOCX, HTML, ReqIF, ReqIFz) downloaded with progress, and the two
// steps of an import (preview with mapping, then commit with server-sent progress).
import type { commitImport as commitOnServer, previewImport as previewOnServer } from '../../server/exchange/import.service.js';
import type { ReadProgress } from '../../server/exchange/import-thread.js';
import { ApiError, api, csrfHeaders, errorFrom, type FieldError } from './http.js';
import { REQUIREMENT_KINDS, REQUIREMENT_STATUSES, TENDER_CATEGORIES } from './requirements.js';

export const EXPORT_FORMATS = ['xlsx', 'docx', 'html', 'reqif', 'reqifz'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export's address; the typed client's path, so a renamed route breaks the type check. */
export function exportHref(code: string, format: ExportFormat, baseline?: string): string {
  return `/api${api.solutions[':code'].export.$path({ param: { code }, query: { format, baseline: baseline || undefined } })}`;
}

export interface DownloadedExport {
  blob: Blob;
  filename: string;
  requirements: number;
  links: number;
}

/** The file name from `content-disposition`, preferring the exact UTF-8 one (`filename*=`). */
function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (exact) {
    try {
      return decodeURIComponent(exact[1]);
    } catch {
      // fall through to the ASCII name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Fetches an export and reports the bytes received as they arrive: the server streams, so a large specification
 * starts at once but takes a while, and the size is not known in advance.
 */
export async function downloadExport(
  code: string,
  format: ExportFormat,
  baseline: string | undefined,
  onProgress: (receivedBytes: number) => void,
  signal?: AbortSignal,
): Promise<DownloadedExport> {
  let res: Response;
  try {
    res = await fetch(exportHref(code, format, baseline), { signal, credentials: 'same-origin' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw new ApiError(0, 'aborted', 'Hentningen blev afbrudt.');
    throw new ApiError(0, 'network', 'Kunne ikke få forbindelse til serveren. Tjek forbindelsen, og prøv igen.');
  }
  if (!res.ok) throw await errorFrom(res);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received);
    }
  } catch {
    throw new ApiError(0, signal?.aborted ? 'aborted' : 'network', signal?.aborted ? 'Hentningen blev afbrudt.' : 'Forbindelsen blev afbrudt under hentningen.');
  }
  return {
    blob: new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' }),
    filename: filenameOf(res.headers.get('content-disposition'), `${code}.${format}`),
    requirements: Number(res.headers.get('x-sporbar-requirements') ?? 0),
    links: Number(res.headers.get('x-sporbar-links') ?? 0),
  };
}

/** Hands a fetched file to the browser as a download, through a short-lived blob URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; give slow browsers a moment before letting go of it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// ---------------------------------------------------------------------------------------------------------
// Import

/** Preview and commit answer as a stream of events, which the typed client cannot see through; the results are the service's. */
export type ImportPreview = Awaited<ReturnType<typeof previewOnServer>>;
/** The commit answers as a stream of events, which the typed client cannot see through; the result is the service's. */
export type ImportResult = Awaited<ReturnType<typeof commitOnServer>>;
export type ImportField = keyof ImportPreview['fields'];
export type ImportMapping = ImportPreview['mapping'];
export type ImportColumn = ImportPreview['columns'][number];
export type ImportRowMessage = ImportPreview['messages'][number];

export interface ImportDefaults {
  kind: (typeof REQUIREMENT_KINDS)[number];
  status: (typeof REQUIREMENT_STATUSES)[number];
  tenderCategory: (typeof TENDER_CATEGORIES)[number] | null;
}

export const IMPORT_EXTENSIONS = ['.csv', '.xlsx', '.reqif', '.reqifz'];

const previewPath = (code: string) => `/api${api.solutions[':code'].import.preview.$path({ param: { code } })}`;
const commitPath = (code: string) => `/api${api.solutions[':code'].import.commit.$path({ param: { code } })}`;

export interface UploadProgress {
  loaded: number;
  total: number;
  /** Every byte is sent; the server is reading the file. */
  processing: boolean;
  /** What the server has done with the file so far: records read from it, or rows checked. */
  server?: ReadProgress;
}

/** The complete events at the start of a text/event-stream text, and how many characters they took. */
function eventsIn(text: string): { events: { event: string; data: string }[]; used: number } {
  const events: { event: string; data: string }[] = [];
  let used = 0;
  let end: number;
  while ((end = text.indexOf('\n\n', used)) >= 0) {
    let event = 'message';
    const data: string[] = [];
    for (const line of text.slice(used, end).split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) events.push({ event, data: data.join('\n') });
    used = end + 2;
  }
  return { events, used };
}

/** An "error" event's data (the one error shape) as the error a failed request gives. */
function errorEvent(data: string): ApiError {
  const { error } = JSON.parse(data) as { error: { code: string; message: string; fields?: FieldError[] } };
  return new ApiError(400, error.code, error.message, error.fields ?? []);
}

/**
 * Uploads a file for preview (nothing is written). XMLHttpRequest rather than fetch, because only XHR reports upload
 * progress, and a DOORS module can be tens of MB. The server answers with events: its progress reading and
 * checking the file, then the preview or the error.
 */
export function uploadForPreview(code: string, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', previewPath(code));
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('accept', 'text/event-stream');
    let seen = 0;
    let settled = false;
    const readEvents = () => {
      if (xhr.status !== 200 || settled) return;
      const text = xhr.responseText.replace(/\r\n?/g, '\n');
      const { events, used } = eventsIn(text.slice(seen));
      seen += used;
      for (const { event, data } of events) {
        if (event === 'progress') onProgress({ loaded: file.size, total: file.size, processing: true, server: JSON.parse(data) as ReadProgress });
        else if (event === 'result') {
          settled = true;
          resolve(JSON.parse(data) as ImportPreview);
        } else if (event === 'error') {
          settled = true;
          reject(errorEvent(data));
        }
      }
    };
    xhr.upload.addEventListener('progress', (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size, processing: false }));
    xhr.upload.addEventListener('load', () => onProgress({ loaded: file.size, total: file.size, processing: true }));
    xhr.addEventListener('progress', readEvents);
    xhr.addEventListener('load', async () => {
      if (xhr.status === 200) {
        readEvents();
        if (!settled) reject(new ApiError(0, 'network', 'Serveren afsluttede forhåndsvisningen uden et resultat. Prøv igen.'));
        return;
      }
      // Refused before the events began (too large, not a file, no access): one JSON error.
      reject(await errorFrom(new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': 'application/json' } })));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'Forbindelsen til serveren blev afbrudt under upload.')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'Upload afbrudt.')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

async function postJson(url: string, body: unknown, accept = 'application/json'): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...csrfHeaders(), 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Kunne ikke få forbindelse til serveren. Tjek forbindelsen, og prøv igen.');
  }
}

/** Reads the uploaded file again through another mapping or other defaults (the server keeps it under the token). */
export async function refreshPreview(code: string, token: string, mapping: ImportMapping, defaults: ImportDefaults): Promise<ImportPreview> {
  const res = await postJson(previewPath(code), { token, mapping, defaults });
  if (!res.ok) throw await errorFrom(res);
  return (await res.json()) as ImportPreview;
}

export interface CommitOptions {
  token: string;
  mapping: ImportMapping;
  defaults: ImportDefaults;
  /** Import the valid rows and skip the others; without it, one invalid row stops the import. */
  onlyValid: boolean;
}

export interface CommitProgress {
  done: number;
  total: number;
}

/** The events of a text/event-stream body, as they arrive. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffer += decoder.decode(value, { stream: !done }).replace(/\r\n?/g, '\n');
    const { events, used } = eventsIn(buffer);
    buffer = buffer.slice(used);
    yield* events;
    if (done) return;
  }
}

/** Writes the import; the server sends progress every 50 requirements, then the result or the error. */
export async function commitImport(code: string, options: CommitOptions, onProgress: (p: CommitProgress) => void): Promise<ImportResult> {
  const res = await postJson(commitPath(code), options, 'text/event-stream');
  if (!res.ok) throw await errorFrom(res);
  try {
    for await (const { event, data } of serverSentEvents(res.body!)) {
      if (event === 'progress') onProgress(JSON.parse(data) as CommitProgress);
      else if (event === 'result') return JSON.parse(data) as ImportResult;
      else if (event === 'error') throw errorEvent(data);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(0, 'network', 'Forbindelsen blev afbrudt under importen. Se kravlisten for, om kravene kom med, før du prøver igen.');
  }
  throw new ApiError(0, 'network', 'Serveren afsluttede importen uden et resultat. Se kravlisten, før du prøver igen.');
}
