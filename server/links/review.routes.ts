// /api/review (the kravredaktion's queue), link review actions, and the impact of a version.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, queryOf, z } from '../http/validation.js';
import { draftLovvedligeholdRequests, impactCsv, versionImpact } from './impact.service.js';
import {
  ConfirmInput,
  ConfirmUnchangedInput,
  MoveInput,
  RequirementParam,
  ReviewQuery,
  ReviseInput,
  confirmLink,
  confirmUnchangedLinks,
  moveLink,
  reviewCounts,
  reviewQueue,
  reviseAndConfirm,
} from './review.service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const review = ['Gennemgang'];
const impact = ['Konsekvens'];
documentRoute({ method: 'get', path: '/api/review', summary: 'Mistænkte og brudte links med gammel og ny lovtekst', tags: review, query: ReviewQuery });
documentRoute({ method: 'get', path: '/api/review/counts', summary: 'Antal links til gennemgang, pr. løsning', tags: review });
documentRoute({ access: { permission: 'link.review' }, method: 'post', path: '/api/links/{id}/confirm', summary: 'Bekræft at kravet stadig holder', tags: review, params: IdParam, body: ConfirmInput });
documentRoute({ access: { permission: 'link.review' }, method: 'post', path: '/api/links/{id}/revise', summary: 'Ret kravet (ny version) og bekræft linket', tags: review, params: IdParam, body: ReviseInput });
documentRoute({ access: { permission: 'link.review' }, method: 'post', path: '/api/links/{id}/move', summary: 'Flyt linket til en anden bestemmelse', tags: review, params: IdParam, body: MoveInput });
documentRoute({
  access: { permission: 'link.review' },
  method: 'post',
  path: '/api/review/requirements/{humanId}/confirm-unchanged',
  summary: 'Bekræft alle kravets mistænkte links, hvis tekst er uændret i substans',
  tags: review,
  params: RequirementParam,
  body: ConfirmUnchangedInput,
});
documentRoute({ method: 'get', path: '/api/versions/{id}/impact', summary: 'Konsekvens af en version pr. løsning og på tværs', tags: impact, params: IdParam });
documentRoute({ method: 'get', path: '/api/versions/{id}/impact.csv', summary: 'Konsekvens som CSV', tags: impact, params: IdParam });
documentRoute({ access: { permission: 'source.import' }, method: 'post', path: '/api/versions/{id}/lovvedligehold', summary: 'Opret udkast til lovvedligehold pr. berørt løsning', tags: impact, params: IdParam });

export const reviewRoutes = new Hono<AppEnv>()
  .get('/review', queryOf(ReviewQuery), async (c) => c.json(await reviewQueue(c.var.db, c.req.valid('query'), c.var.actor)))
  .get('/review/counts', async (c) => c.json(await reviewCounts(c.var.db, c.var.actor)))
  .post('/links/:id/confirm', paramsOf(IdParam), jsonBody(ConfirmInput), async (c) =>
    c.json(await confirmLink(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)),
  )
  .post('/links/:id/revise', paramsOf(IdParam), jsonBody(ReviseInput), async (c) =>
    c.json(await reviseAndConfirm(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)),
  )
  .post('/links/:id/move', paramsOf(IdParam), jsonBody(MoveInput), async (c) =>
    c.json(await moveLink(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)),
  )
  .post('/review/requirements/:humanId/confirm-unchanged', paramsOf(RequirementParam), jsonBody(ConfirmUnchangedInput), async (c) =>
    c.json(await confirmUnchangedLinks(c.var.db, c.req.valid('param').humanId, c.req.valid('json'), c.var.actor)),
  )
  .get('/versions/:id/impact', paramsOf(IdParam), async (c) => c.json(await versionImpact(c.var.db, c.req.valid('param').id, c.var.actor)))
  .get('/versions/:id/impact.csv', paramsOf(IdParam), async (c) => {
    const data = await versionImpact(c.var.db, c.req.valid('param').id, c.var.actor);
    const name = `konsekvens-${data.version.shortName.replace(/[^\w]+/g, '-')}.csv`;
    return c.body(impactCsv(data), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
  })
  .post('/versions/:id/lovvedligehold', paramsOf(IdParam), async (c) =>
    c.json(await draftLovvedligeholdRequests(c.var.db, c.req.valid('param').id, c.var.actor), 201),
  );
