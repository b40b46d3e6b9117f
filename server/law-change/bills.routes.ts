// /api/bills: lovforslag registered as a what-if, commented per affected requirement, and adopted as an amending act.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/env.js';
import { Invalid, TooLarge } from '../http/errors.js';
import { readUploadForm, uploadedFileName } from '../http/multipart.js';
import { documentRoute, jsonBody, paramsOf, z } from '../http/validation.js';
import { BillAdoption, BillComment, BillInput, BillPatch, PastedBill, adoptBill, billWhatIf, commentOnBill, createBill, listBills, updateBill } from './bills.service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const MAX_BILL_BYTES = 20 * 1024 * 1024;
const tags = ['Lovforslag'];
documentRoute({ access: { permission: 'source.import' }, method: 'post', path: '/api/bills', summary: 'Registrér et lovforslag (LexDania-XML) som hvad-nu-hvis', tags, body: PastedBill, multipart: true });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/bills', summary: 'Alle lovforslag', tags });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/bills/{id}', summary: 'Lovforslagets konsekvenser: ændrede bestemmelser og berørte krav i de løsninger, du kan se', tags, params: IdParam });
documentRoute({ access: { permission: 'source.import' }, method: 'patch', path: '/api/bills/{id}', summary: 'Ændr lovforslagets status', tags, params: IdParam, body: BillPatch });
documentRoute({ access: { permission: 'change_request.comment' }, method: 'post', path: '/api/bills/{id}/comments', summary: 'Kommentér et krav, lovforslaget berører', tags, params: IdParam, body: BillComment });
documentRoute({ access: { rule: 'law' }, method: 'get', path: '/api/bills/{id}/hoeringssvar.docx', summary: 'Udkast til høringssvar (DOCX)', tags, params: IdParam });
documentRoute({ access: { permission: 'source.import' }, method: 'post', path: '/api/bills/{id}/adopt', summary: 'Lovforslaget er vedtaget: registrér det som ændringslov', tags, params: IdParam, body: BillAdoption });

const uploadLimit = bodyLimit({
  maxSize: MAX_BILL_BYTES + 64 * 1024,
  onError: () => {
    throw new TooLarge(`Filen er for stor; højst ${MAX_BILL_BYTES / 1024 / 1024} MB`);
  },
});

/** The bill from a multipart upload (its file and fields) or JSON with the pasted text. */
async function readBillInput(c: Context<AppEnv>): Promise<z.infer<typeof PastedBill>> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const { file, fields } = await readUploadForm(c);
    if (!file) throw new Invalid('Vælg en fil', [{ field: 'file', message: 'Filen mangler' }]);
    const options = BillInput.safeParse(fields);
    if (!options.success) throw options.error;
    return { ...options.data, content: Buffer.from(file.content).toString('utf8'), filename: file.filename };
  }
  if (!type.startsWith('application/json')) throw new Invalid('Send en fil (multipart/form-data) eller JSON med lovforslagets tekst', [{ field: 'file', message: 'Ukendt indholdstype' }]);
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new Invalid('Forespørgslens JSON kan ikke læses', [{ field: '(body)', message: 'Ugyldig JSON' }]);
  }
  const body = PastedBill.safeParse(json);
  if (!body.success) throw body.error;
  return { ...body.data, filename: body.data.filename === undefined ? undefined : uploadedFileName(body.data.filename) };
}

export const billRoutes = new Hono<AppEnv>()
  .post('/bills', uploadLimit, async (c) => c.json(await createBill(c.var.db, await readBillInput(c), c.var.actor), 201))
  .get('/bills', async (c) => c.json({ items: await listBills(c.var.db) }))
  .get('/bills/:id', paramsOf(IdParam), async (c) => c.json(await billWhatIf(c.var.db, c.req.valid('param').id, c.var.actor)))
  .patch('/bills/:id', paramsOf(IdParam), jsonBody(BillPatch), async (c) => c.json(await updateBill(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)))
  .post('/bills/:id/comments', paramsOf(IdParam), jsonBody(BillComment), async (c) => c.json(await commentOnBill(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor), 201))
  .get('/bills/:id/hoeringssvar.docx', paramsOf(IdParam), async (c) => {
    const { id } = c.req.valid('param');
    // docx is loaded on the first draft asked for, not at server start.
    const { hoeringssvarDocx } = await import('./bill-docx.js');
    const docx = await hoeringssvarDocx(await billWhatIf(c.var.db, id, c.var.actor));
    return c.body(new Uint8Array(docx), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="hoeringssvar-lovforslag-${id}.docx"`,
    });
  })
  .post('/bills/:id/adopt', paramsOf(IdParam), jsonBody(BillAdoption), async (c) => c.json(await adoptBill(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor), 201));
