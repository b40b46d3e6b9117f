// /api/solutions/:code/export and /api/solutions/:code/import/{preview,commit}
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/env.js';
import { Invalid, TooLarge, errorBody, type DomainError } from '../http/errors.js';
import { readUploadForm } from '../http/multipart.js';
import { documentRoute, paramsOf, queryOf, z } from '../http/validation.js';
import { ExportQuery, contentDisposition, exportSpecification } from './export.service.js';
import { CommitOptions, PreviewOptions, commitImport, previewImport } from './import.service.js';

/** A requirement spreadsheet or ReqIF file; DOORS modules with embedded objects run to tens of MB. */
export const MAX_IMPORT_UPLOAD_BYTES = 50 * 1024 * 1024;

const CodeParam = z.object({ code: z.string().min(1).max(16) });
const TokenBody = CommitOptions;

const tags = ['Udveksling'];
documentRoute({ method: 'get', path: '/api/solutions/{code}/export', summary: 'Kravspecifikationen som XLSX, DOCX, HTML, ReqIF eller ReqIFz (nu eller fra en baseline)', tags, params: CodeParam, query: ExportQuery });
documentRoute({ access: { permission: 'exchange.import' }, method: 'post', path: '/api/solutions/{code}/import/preview', summary: 'Forhåndsvis en import (CSV, XLSX, ReqIF): kolonner, foreslået mapping, fejl pr. række (Accept: text/event-stream giver fremdrift)', tags, params: CodeParam, body: PreviewOptions.extend({ token: z.string().optional() }), multipart: true });
documentRoute({ access: { permission: 'exchange.import' }, method: 'post', path: '/api/solutions/{code}/import/commit', summary: 'Importér i én transaktion (Accept: text/event-stream giver fremdrift)', tags, params: CodeParam, body: TokenBody, multipart: true });

export const importUploadLimit = bodyLimit({
  maxSize: MAX_IMPORT_UPLOAD_BYTES + 64 * 1024,
  onError: () => {
    throw new TooLarge(`Filen er for stor; højst ${MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024} MB`);
  },
});

/** Reads an import request: a multipart upload (file plus JSON fields) or a JSON body naming a previewed token. */
async function readImportRequest<T extends z.ZodType>(c: Context<AppEnv>, schema: T) {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const { file, fields } = await readUploadForm(c);
    const parsed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) {
      try {
        parsed[k] = k === 'token' ? v : JSON.parse(v);
      } catch {
        throw new Invalid(`Feltet ${k} skal være JSON`, [{ field: k, message: 'Ugyldig JSON' }]);
      }
    }
    return { file, options: schema.parse(parsed) as z.output<T> };
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new Invalid('Forespørgslen skal være JSON eller en filupload (multipart/form-data)', [{ field: '(body)', message: 'Kan ikke læses som JSON' }]);
  }
  return { file: null, options: schema.parse(body) as z.output<T> };
}

const wantsEvents = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('text/event-stream');

/** Runs the work with a progress callback, as server-sent events: "progress" events, then "result" or "error". */
function eventStream(c: Context<AppEnv>, work: (progress: (p: unknown) => Promise<void>) => Promise<unknown>) {
  return streamSSE(c, async (stream) => {
    try {
      const result = await work((p) => stream.writeSSE({ event: 'progress', data: JSON.stringify(p) }));
      await stream.writeSSE({ event: 'result', data: JSON.stringify(result) });
    } catch (err) {
      const e = err as DomainError;
      const body = 'status' in e && 'code' in e ? errorBody(e.code, e.message, e.fields) : errorBody('internal', 'Der opstod en uventet fejl på serveren');
      if (!('status' in e)) console.error(err);
      await stream.writeSSE({ event: 'error', data: JSON.stringify(body) });
    }
  });
}

export const exchangeRoutes = new Hono<AppEnv>()
  .get('/solutions/:code/export', paramsOf(CodeParam), queryOf(ExportQuery), async (c) => {
    const out = await exportSpecification(c.var.db, c.req.valid('param').code, c.req.valid('query'), c.var.actor);
    return c.body(out.body, 200, {
      'content-type': out.contentType,
      'content-disposition': contentDisposition(out.filename),
      'cache-control': 'no-store',
      'x-sporbar-requirements': String(out.requirements),
      'x-sporbar-links': String(out.links),
    });
  })
  .post('/solutions/:code/import/preview', importUploadLimit, paramsOf(CodeParam), async (c) => {
    const { file, options } = await readImportRequest(c, PreviewOptions.extend({ token: z.string().min(10).max(100).optional() }));
    const { token, ...rest } = options as { token?: string } & z.infer<typeof PreviewOptions>;
    if (!file && !token) throw new Invalid('Vælg en fil', [{ field: 'file', message: 'Filen mangler' }]);
    const code = c.req.valid('param').code;
    if (!wantsEvents(c)) return c.json(await previewImport(c.var.db, code, file ?? { token: token! }, rest, c.var.actor));
    // Progress as server-sent events while the file is read and its rows checked, then "result" or "error".
    return eventStream(c, (progress) => previewImport(c.var.db, code, file ?? { token: token! }, rest, c.var.actor, progress));
  })
  .post('/solutions/:code/import/commit', importUploadLimit, paramsOf(CodeParam), async (c) => {
    const { file, options } = await readImportRequest(c, CommitOptions);
    const code = c.req.valid('param').code;
    if (!wantsEvents(c)) return c.json(await commitImport(c.var.db, code, file, options, c.var.actor), 201);
    // Progress as server-sent events: "progress" every 50 requirements, then "result" or "error".
    return eventStream(c, (progress) => commitImport(c.var.db, code, file, options, c.var.actor, progress));
  });
