// /api/solutions
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, z } from '../http/validation.js';
import { SolutionInput, SolutionPatch, createSolution, getReadableSolution, listSolutionMembers, listSolutions, toSolution, updateSolution } from './solutions.service.js';

const CodeParam = z.object({ code: z.string().min(1).max(16) });
const tags = ['Løsninger'];
documentRoute({ method: 'get', path: '/api/solutions', summary: 'Alle løsninger med nøgletal', tags });
documentRoute({ access: { permission: 'users.manage' }, method: 'post', path: '/api/solutions', summary: 'Opret løsning', tags, body: SolutionInput });
documentRoute({ method: 'get', path: '/api/solutions/{code}', summary: 'Én løsning', tags, params: CodeParam });
documentRoute({ access: { roles: ['projektleder'] }, method: 'get', path: '/api/solutions/{code}/members', summary: 'Brugere med en rolle i løsningen (brugernavn, navn, roller)', tags, params: CodeParam });
documentRoute({ access: { permission: 'solution.write' }, method: 'patch', path: '/api/solutions/{code}', summary: 'Ret løsning', tags, params: CodeParam, body: SolutionPatch });

export const solutionRoutes = new Hono<AppEnv>()
  .get('/solutions', async (c) => c.json({ items: await listSolutions(c.var.db, c.var.actor) }))
  .post('/solutions', jsonBody(SolutionInput), async (c) => c.json(await createSolution(c.var.db, c.req.valid('json'), c.var.actor), 201))
  .get('/solutions/:code', paramsOf(CodeParam), async (c) => c.json(toSolution(await getReadableSolution(c.var.db, c.req.valid('param').code, c.var.actor))))
  .get('/solutions/:code/members', paramsOf(CodeParam), async (c) => c.json({ items: await listSolutionMembers(c.var.db, c.req.valid('param').code, c.var.actor) }))
  .patch('/solutions/:code', paramsOf(CodeParam), jsonBody(SolutionPatch), async (c) =>
    c.json(await updateSolution(c.var.db, c.req.valid('param').code, c.req.valid('json'), c.var.actor)),
  );
