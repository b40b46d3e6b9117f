// /api/change-requests and the governance workflow around them.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, queryOf, z } from '../http/validation.js';
import { ChangeRequestQuery, listChangeRequests } from './change-requests.service.js';
import {
  AttachmentInput,
  ChangeRequestInput,
  ChangeRequestPatch,
  ClassCorrection,
  CommentInput,
  DeadlineQuery,
  OrienteringQuery,
  TransitionInput,
  addAttachment,
  addComment,
  changeRequestDetail,
  correctClass,
  createChangeRequest,
  deadlines,
  orienteringer,
  transitionChangeRequest,
  updateChangeRequest,
} from './workflow.service.js';
import { myWork } from './my-work.service.js';

const HumanIdParam = z.object({ humanId: z.string().min(1).max(32) });
const tags = ['Ændringsforslag'];
const p = '/api/change-requests/{humanId}';
documentRoute({ method: 'get', path: '/api/change-requests', summary: 'Ændringsforslag efter løsning, klasse, status og frist, med antal pr. klasse', tags, query: ChangeRequestQuery });
documentRoute({ access: { permission: 'change_request.create' }, method: 'post', path: '/api/change-requests', summary: 'Registrér ændringsforslag', tags, body: ChangeRequestInput });
documentRoute({ method: 'get', path: p, summary: 'Ændringsforslag med livscyklus, mulige handlinger og historik', tags, params: HumanIdParam });
documentRoute({ access: { permission: 'change_request.edit' }, method: 'patch', path: p, summary: 'Ret ændringsforslag (projektleder; estimat også leverandør)', tags, params: HumanIdParam, body: ChangeRequestPatch });
documentRoute({ access: { rule: 'lifecycle' }, method: 'post', path: `${p}/transitions`, summary: 'Flyt ændringsforslaget i livscyklussen (med begrundelse)', tags, params: HumanIdParam, body: TransitionInput });
documentRoute({ access: { permission: 'change_request.edit' }, method: 'post', path: `${p}/class`, summary: 'Ret klassen på et åbent ændringsforslag', tags, params: HumanIdParam, body: ClassCorrection });
documentRoute({ access: { permission: 'change_request.comment' }, method: 'post', path: `${p}/comments`, summary: 'Kommentér', tags, params: HumanIdParam, body: CommentInput });
documentRoute({ access: { permission: 'change_request.comment' }, method: 'post', path: `${p}/attachments`, summary: 'Tilføj bilag som link', tags, params: HumanIdParam, body: AttachmentInput });
documentRoute({ method: 'get', path: '/api/deadlines', summary: 'Overskredne frister og frister inden for N dage', tags, query: DeadlineQuery });
documentRoute({ access: { roles: ['styregruppe', 'projektleder'] }, method: 'get', path: '/api/orienteringer', summary: 'Orienteringer til styregruppen siden sidste møde', tags, query: OrienteringQuery });
documentRoute({ method: 'get', path: '/api/my-work', summary: 'Mit arbejde: det der venter på mine roller', tags });

export const changeRequestRoutes = new Hono<AppEnv>()
  .get('/change-requests', queryOf(ChangeRequestQuery), async (c) => c.json(await listChangeRequests(c.var.db, c.req.valid('query'), c.var.actor)))
  .post('/change-requests', jsonBody(ChangeRequestInput), async (c) => c.json(await createChangeRequest(c.var.db, c.req.valid('json'), c.var.actor), 201))
  .get('/change-requests/:humanId', paramsOf(HumanIdParam), async (c) => c.json(await changeRequestDetail(c.var.db, c.req.valid('param').humanId, c.var.actor)))
  .patch('/change-requests/:humanId', paramsOf(HumanIdParam), jsonBody(ChangeRequestPatch), async (c) =>
    c.json(await updateChangeRequest(c.var.db, c.req.valid('param').humanId, c.req.valid('json'), c.var.actor)),
  )
  .post('/change-requests/:humanId/transitions', paramsOf(HumanIdParam), jsonBody(TransitionInput), async (c) =>
    c.json(await transitionChangeRequest(c.var.db, c.req.valid('param').humanId, c.req.valid('json'), c.var.actor)),
  )
  .post('/change-requests/:humanId/class', paramsOf(HumanIdParam), jsonBody(ClassCorrection), async (c) =>
    c.json(await correctClass(c.var.db, c.req.valid('param').humanId, c.req.valid('json'), c.var.actor)),
  )
  .post('/change-requests/:humanId/comments', paramsOf(HumanIdParam), jsonBody(CommentInput), async (c) =>
    c.json(await addComment(c.var.db, c.req.valid('param').humanId, c.req.valid('json'), c.var.actor), 201),
  )
  .post('/change-requests/:humanId/attachments', paramsOf(HumanIdParam), jsonBody(AttachmentInput), async (c) =>
    c.json(await addAttachment(c.var.db, c.req.valid('param').humanId, c.req.valid('json'), c.var.actor), 201),
  )
  .get('/deadlines', queryOf(DeadlineQuery), async (c) => c.json(await deadlines(c.var.db, c.req.valid('query'), c.var.actor)))
  .get('/orienteringer', queryOf(OrienteringQuery), async (c) => c.json(await orienteringer(c.var.db, c.req.valid('query'), c.var.actor)))
  .get('/my-work', async (c) => c.json(await myWork(c.var.db, c.var.actor)));
