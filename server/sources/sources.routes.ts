// /api/sources, /api/versions, /api/provisions
import { registerDocument } from '../law-change/amending-act.service.js';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { TooLarge, Invalid } from '../http/errors.js';
import type { AppEnv } from '../http/env.js';
import { readUploadForm, uploadedFileName } from '../http/multipart.js';
import { documentRoute, paramsOf, queryOf, z } from '../http/validation.js';
import { cachedUntilChanged } from '../http/response-cache.js';
import {
  ImportOptions,
  ProvisionPageQuery,
  ProvisionSearch,
  getProvisionPage,
  getSourceTimeline,
  getVersionWithProvisions,
  listSources,
  searchProvisions,
} from './sources.service.js';
import { diffStoredVersions } from './version-diff.service.js';

/** The largest act (retsplejeloven) is 2.6 MB; 20 MB leaves room without inviting abuse. */
export const MAX_SOURCE_UPLOAD_BYTES = 20 * 1024 * 1024;

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const ProvisionParam = z.object({ id: z.coerce.number().int().positive(), key: z.string().min(1).max(64) });
const DiffQuery = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
  /** Include unchanged provisions too (for a full side-by-side reading). */
  all: z.enum(['0', '1']).default('0'),
  substantiveOnly: z.enum(['0', '1']).default('0'),
});
const PastedImport = ImportOptions.extend({
  content: z.string().min(1, 'Indsæt lovteksten eller LexDania-XML').max(MAX_SOURCE_UPLOAD_BYTES),
  filename: z.string().max(255).optional(),
});

const tags = ['Retskilder'];
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/sources', summary: 'Alle retskilder', tags });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/sources/{id}', summary: 'Retskilde med versionstidslinje', tags, params: IdParam });
documentRoute({ access: { permission: 'source.import' }, method: 'post', path: '/api/sources/import', summary: 'Registrér en ny version (LexDania-XML eller indsat tekst)', tags, body: PastedImport, multipart: true });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/sources/{id}/diff', summary: 'Forskel mellem to versioner, bestemmelse for bestemmelse', tags, params: IdParam, query: DiffQuery });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/versions/{id}', summary: 'Version med alle bestemmelser', tags, params: IdParam });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/sources/{id}/provisions/{key}', summary: 'Bestemmelse med historik og krav der sporer til den', tags, params: ProvisionParam, query: ProvisionPageQuery });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/provisions/search', summary: 'Søg bestemmelser (citation eller ord) i nyeste versioner', tags, query: ProvisionSearch });

const uploadLimit = bodyLimit({
  maxSize: MAX_SOURCE_UPLOAD_BYTES + 64 * 1024,
  onError: () => {
    throw new TooLarge(`Filen er for stor; højst ${MAX_SOURCE_UPLOAD_BYTES / 1024 / 1024} MB`);
  },
});

async function readImport(c: Context<AppEnv>) {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const { file, fields } = await readUploadForm(c);
    if (!file) throw new Invalid('Vælg en fil', [{ field: 'file', message: 'Filen mangler' }]);
    const options = ImportOptions.safeParse(fields);
    if (!options.success) throw options.error;
    return { content: Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength), filename: file.filename, options: options.data };
  }
  if (!type.startsWith('application/json')) {
    throw new Invalid('Send en fil (multipart/form-data) eller JSON med lovteksten', [{ field: 'file', message: 'Ukendt indholdstype' }]);
  }
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new Invalid('Forespørgslens JSON kan ikke læses', [{ field: '(body)', message: 'Ugyldig JSON' }]);
  }
  const body = PastedImport.safeParse(json);
  if (!body.success) throw body.error;
  const { content, filename, ...options } = body.data;
  return { content, filename: filename === undefined ? undefined : uploadedFileName(filename), options };
}

export const sourceRoutes = new Hono<AppEnv>()
  .get('/sources', async (c) => c.json({ items: await listSources(c.var.db) }))
  .get('/sources/:id', paramsOf(IdParam), async (c) => c.json(await getSourceTimeline(c.var.db, c.req.valid('param').id)))
  .post('/sources/import', uploadLimit, async (c) => {
    const { content, filename, options } = await readImport(c);
    return c.json(await registerDocument(c.var.db, content, filename, options, c.var.actor), 201);
  })
  .get('/sources/:id/diff', cachedUntilChanged, paramsOf(IdParam), queryOf(DiffQuery), async (c) => {
    const q = c.req.valid('query');
    const result = await diffStoredVersions(c.var.db, q.from, q.to);
    if (result.source.id !== c.req.valid('param').id) throw new Invalid('Versionerne hører ikke til denne retskilde', [{ field: 'from', message: 'Forkert retskilde' }]);
    const changes = result.diff.changes.filter((ch) => (q.all === '1' || ch.kind !== 'unchanged') && (q.substantiveOnly === '0' || ch.substantive));
    return c.json({ source: result.source, from: result.from, to: result.to, stats: result.diff.stats, changes });
  })
  .get('/versions/:id', cachedUntilChanged, paramsOf(IdParam), async (c) => c.json(await getVersionWithProvisions(c.var.db, c.req.valid('param').id)))
  .get('/sources/:id/provisions/:key', cachedUntilChanged, paramsOf(ProvisionParam), queryOf(ProvisionPageQuery), async (c) => {
    const { id, key } = c.req.valid('param');
    return c.json(await getProvisionPage(c.var.db, id, key, c.req.valid('query'), c.var.actor));
  })
  .get('/provisions/search', queryOf(ProvisionSearch), async (c) => c.json({ items: await searchProvisions(c.var.db, c.req.valid('query')) }));

