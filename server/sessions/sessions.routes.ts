// /api/sessions: faggruppe prioritisation sessions, their live state and their documents.
import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, queryOf, z } from '../http/validation.js';
import {
  ItemMarkInput,
  OverrideInput,
  RecommendationInput,
  SessionTransitionInput,
  markItem,
  recommend,
  sessionAgenda,
  sessionRecord,
  setOverride,
  transitionSession,
} from './outcome.service.js';
import { subscribeSession, type SessionChange } from './session-events.js';
import { agendaHtml, recordHtml } from './session-html.js';
import {
  AddItemsInput,
  AgendaOrderInput,
  AssessmentInput,
  CandidateQuery,
  ParticipantsInput,
  ReasonInput,
  SessionInput,
  SessionPatch,
  SessionQuery,
  addItems,
  candidates,
  createSession,
  listSessions,
  removeItem,
  reorderAgenda,
  reveal,
  sessionRevision,
  sessionState,
  sessionView,
  setParticipants,
  submitAssessment,
  updateSession,
} from './sessions.service.js';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const ItemParam = IdParam.extend({ itemId: z.coerce.number().int().positive() });
const StateQuery = z.object({ since: z.coerce.number().int().min(0).optional() });

/** A quiet line now and then keeps proxies from closing the stream. */
const HEARTBEAT_MS = 20_000;
/** Streams end after a while and the browser reconnects, so a withdrawn login does not keep listening. */
const STREAM_MS = 10 * 60_000;
const RECONNECT_MS = 3000;

const tags = ['Faggruppemøder'];
const p = '/api/sessions/{id}';
const item = `${p}/items/{itemId}`;
documentRoute({ method: 'get', path: '/api/sessions', summary: 'Faggruppemøder, evt. for én løsning', tags, query: SessionQuery });
documentRoute({ access: { permission: 'session.manage' }, method: 'post', path: '/api/sessions', summary: 'Opret faggruppemøde med deltagere og budgetramme (projektleder)', tags, body: SessionInput });
documentRoute({ method: 'get', path: p, summary: 'Mødet som du må se det: dagsorden, deltagere, egne vurderinger; alle vurderinger og rangering efter afsløring', tags, params: IdParam });
documentRoute({ access: { permission: 'session.manage' }, method: 'patch', path: p, summary: 'Ret mødets titel, dato, periode eller budgetramme', tags, params: IdParam, body: SessionPatch });
documentRoute({
  method: 'get',
  path: `${p}/state`,
  summary: 'Mødets tilstand til afstemning: med since=revision svarer den kun med hele visningen, når revisionen er en anden',
  tags,
  params: IdParam,
  query: StateQuery,
});
documentRoute({ method: 'get', path: `${p}/events`, summary: 'Server-sent events: "revision" hver gang mødet ændres; hent derefter /state', tags, params: IdParam });
documentRoute({ access: { permission: 'session.manage' }, method: 'put', path: `${p}/participants`, summary: 'Sæt mødets deltagere (formand, faggruppe, KL)', tags, params: IdParam, body: ParticipantsInput });
documentRoute({ method: 'get', path: `${p}/candidates`, summary: 'Åbne ændringsforslag til dagsordenen; lovvedligehold med frist først', tags, params: IdParam, query: CandidateQuery });
documentRoute({ access: { permission: 'session.manage' }, method: 'post', path: `${p}/items`, summary: 'Sæt ændringsforslag på dagsordenen (under forberedelse)', tags, params: IdParam, body: AddItemsInput });
documentRoute({ access: { permission: 'session.manage' }, method: 'put', path: `${p}/agenda-order`, summary: 'Ny rækkefølge på dagsordenen (under forberedelse)', tags, params: IdParam, body: AgendaOrderInput });
documentRoute({ access: { permission: 'session.manage' }, method: 'delete', path: item, summary: 'Tag et punkt af dagsordenen (under forberedelse)', tags, params: ItemParam, query: ReasonInput });
documentRoute({ access: { permission: 'session.assess' }, method: 'put', path: `${item}/assessment`, summary: 'Din vurdering af punktet: MoSCoW og WSJF-dele (deltagere)', tags, params: ItemParam, body: AssessmentInput });
documentRoute({ access: { permission: 'session.manage' }, method: 'post', path: `${p}/reveal`, summary: 'Vis alle vurderinger (formand)', tags, params: IdParam, body: ReasonInput });
documentRoute({ access: { permission: 'session.manage' }, method: 'put', path: `${item}/override`, summary: 'Flyt punktet manuelt i rangeringen med begrundelse; position null fjerner flytningen', tags, params: ItemParam, body: OverrideInput });
documentRoute({ access: { permission: 'session.manage' }, method: 'patch', path: item, summary: 'Begrund lovpligtigt punkt under linjen, eller markér til styregruppen', tags, params: ItemParam, body: ItemMarkInput });
documentRoute({ access: { permission: 'session.manage' }, method: 'put', path: `${item}/recommendation`, summary: 'Anbefaling for punktet med begrundelse og evt. dissens', tags, params: ItemParam, body: RecommendationInput });
documentRoute({ access: { permission: 'session.manage' }, method: 'post', path: `${p}/transitions`, summary: 'Markér mødet som afholdt, eller afslut det (skrivebeskyttet derefter)', tags, params: IdParam, body: SessionTransitionInput });
documentRoute({ method: 'get', path: `${p}/agenda.html`, summary: 'Udskriftsvenlig dagsorden med beskrivelser, krav, bestemmelser, estimater og frister', tags, params: IdParam });
documentRoute({ method: 'get', path: `${p}/record.html`, summary: 'Oplæg til projektleder med prioritering (HTML)', tags, params: IdParam });
documentRoute({ method: 'get', path: `${p}/record.docx`, summary: 'Oplæg til projektleder med prioritering (DOCX)', tags, params: IdParam });

/** Sends each new revision, then ends once the session is closed or the stream has lived its time. */
async function streamRevisions(stream: SSEStreamingApi, subscribe: (listener: (change: SessionChange) => void) => () => void, first: () => Promise<SessionChange>) {
  let last = -1;
  let queue = Promise.resolve();
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  stream.onAbort(finish);
  const send = (change: SessionChange) => {
    if (change.revision <= last) return;
    last = change.revision;
    queue = queue.then(() => stream.writeSSE({ event: 'revision', id: String(change.revision), data: JSON.stringify(change), retry: RECONNECT_MS }));
    if (change.closed) void queue.then(finish);
  };
  // Listen before reading the revision, so a change in between is not missed.
  const unsubscribe = subscribe(send);
  try {
    send(await first());
    const until = Date.now() + STREAM_MS;
    let done = false;
    void finished.then(() => (done = true));
    while (!done && Date.now() < until) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, HEARTBEAT_MS)))]);
      clearTimeout(timer);
      if (!done) queue = queue.then(() => stream.write(': hold\n\n').then(() => undefined));
    }
    await queue;
  } finally {
    unsubscribe();
  }
}

export const sessionRoutes = new Hono<AppEnv>()
  .get('/sessions', queryOf(SessionQuery), async (c) => c.json({ items: await listSessions(c.var.db, c.req.valid('query'), c.var.actor) }))
  .post('/sessions', jsonBody(SessionInput), async (c) => c.json(await createSession(c.var.db, c.req.valid('json'), c.var.actor), 201))
  .get('/sessions/:id', paramsOf(IdParam), async (c) => c.json(await sessionView(c.var.db, c.req.valid('param').id, c.var.actor)))
  .patch('/sessions/:id', paramsOf(IdParam), jsonBody(SessionPatch), async (c) => c.json(await updateSession(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)))
  .get('/sessions/:id/state', paramsOf(IdParam), queryOf(StateQuery), async (c) =>
    c.json(await sessionState(c.var.db, c.req.valid('param').id, c.req.valid('query').since, c.var.actor)),
  )
  .get('/sessions/:id/events', paramsOf(IdParam), async (c) => {
    const { db, actor } = c.var;
    const { id } = c.req.valid('param');
    const start = await sessionRevision(db, id, actor);
    // 204 tells EventSource to stop reconnecting: a closed session never changes again.
    if (start.closed) return c.body(null, 204);
    return streamSSE(c, (stream) =>
      streamRevisions(
        stream,
        (listener) => subscribeSession(db, id, listener),
        () => sessionRevision(db, id, actor),
      ),
    );
  })
  .put('/sessions/:id/participants', paramsOf(IdParam), jsonBody(ParticipantsInput), async (c) =>
    c.json(await setParticipants(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)),
  )
  .get('/sessions/:id/candidates', paramsOf(IdParam), queryOf(CandidateQuery), async (c) =>
    c.json(await candidates(c.var.db, c.req.valid('param').id, c.req.valid('query'), c.var.actor)),
  )
  .post('/sessions/:id/items', paramsOf(IdParam), jsonBody(AddItemsInput), async (c) => c.json(await addItems(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor), 201))
  .put('/sessions/:id/agenda-order', paramsOf(IdParam), jsonBody(AgendaOrderInput), async (c) =>
    c.json(await reorderAgenda(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)),
  )
  .delete('/sessions/:id/items/:itemId', paramsOf(ItemParam), queryOf(ReasonInput), async (c) => {
    const { id, itemId } = c.req.valid('param');
    return c.json(await removeItem(c.var.db, id, itemId, c.req.valid('query'), c.var.actor));
  })
  .patch('/sessions/:id/items/:itemId', paramsOf(ItemParam), jsonBody(ItemMarkInput), async (c) => {
    const { id, itemId } = c.req.valid('param');
    return c.json(await markItem(c.var.db, id, itemId, c.req.valid('json'), c.var.actor));
  })
  .put('/sessions/:id/items/:itemId/assessment', paramsOf(ItemParam), jsonBody(AssessmentInput), async (c) => {
    const { id, itemId } = c.req.valid('param');
    return c.json(await submitAssessment(c.var.db, id, itemId, c.req.valid('json'), c.var.actor));
  })
  .post('/sessions/:id/reveal', paramsOf(IdParam), jsonBody(ReasonInput), async (c) => c.json(await reveal(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)))
  .put('/sessions/:id/items/:itemId/override', paramsOf(ItemParam), jsonBody(OverrideInput), async (c) => {
    const { id, itemId } = c.req.valid('param');
    return c.json(await setOverride(c.var.db, id, itemId, c.req.valid('json'), c.var.actor));
  })
  .put('/sessions/:id/items/:itemId/recommendation', paramsOf(ItemParam), jsonBody(RecommendationInput), async (c) => {
    const { id, itemId } = c.req.valid('param');
    return c.json(await recommend(c.var.db, id, itemId, c.req.valid('json'), c.var.actor));
  })
  .post('/sessions/:id/transitions', paramsOf(IdParam), jsonBody(SessionTransitionInput), async (c) =>
    c.json(await transitionSession(c.var.db, c.req.valid('param').id, c.req.valid('json'), c.var.actor)),
  )
  .get('/sessions/:id/agenda.html', paramsOf(IdParam), async (c) => c.html(agendaHtml(await sessionAgenda(c.var.db, c.req.valid('param').id, c.var.actor))))
  .get('/sessions/:id/record.html', paramsOf(IdParam), async (c) => c.html(recordHtml(await sessionRecord(c.var.db, c.req.valid('param').id, c.var.actor))))
  .get('/sessions/:id/record.docx', paramsOf(IdParam), async (c) => {
    const { id } = c.req.valid('param');
    // docx is loaded on the first record asked for, not at server start.
    const { recordDocx } = await import('./session-docx.js');
    const docx = await recordDocx(await sessionRecord(c.var.db, id, c.var.actor));
    return c.body(new Uint8Array(docx), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="faggruppemoede-${id}.docx"`,
    });
  });
