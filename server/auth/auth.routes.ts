// /api/auth (login, logout, who am I) and /api/users (admin).
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.js';
import { documentRoute, jsonBody, paramsOf, z } from '../http/validation.js';
import { LoginInput, LoginThrottle, SESSION_COOKIE, UserInput, UserPatch, createUser, listUsers, login, logout, updateUser } from './auth.service.js';
import { ROLE_NAMES, canRead, permissionMap } from './permissions.js';

const UsernameParam = z.object({ username: z.string().min(1).max(64) });
const tags = ['Brugere og login'];
documentRoute({ access: { rule: 'public' }, method: 'post', path: '/api/auth/login', summary: 'Log ind (sætter en HttpOnly-sessionscookie)', tags, body: LoginInput });
documentRoute({ access: { rule: 'public' }, method: 'post', path: '/api/auth/logout', summary: 'Log ud (med en session kræves X-CSRF-Token; uden en svarer den blot ok)', tags });
documentRoute({ method: 'get', path: '/api/auth/me', summary: 'Den indloggede bruger, roller og CSRF-token', tags });
documentRoute({ access: { permission: 'users.manage' }, method: 'get', path: '/api/users', summary: 'Alle brugere med roller (admin)', tags });
documentRoute({ access: { permission: 'users.manage' }, method: 'post', path: '/api/users', summary: 'Opret bruger (admin)', tags, body: UserInput });
documentRoute({ access: { permission: 'users.manage' }, method: 'patch', path: '/api/users/{username}', summary: 'Ret bruger, roller, adgangskode (admin)', tags, params: UsernameParam, body: UserPatch });

export function authRoutes(throttle: LoginThrottle) {
  return new Hono<AppEnv>()
    .post('/auth/login', jsonBody(LoginInput), async (c) => {
      // A new session on every login, and the old one ended once the new one opens: no session fixation.
      const { token, csrfToken, maxAgeSeconds } = await login(c.var.db, throttle, c.req.valid('json'), c.var.clientAddress, getCookie(c, SESSION_COOKIE));
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: c.var.https,
        path: '/',
        maxAge: maxAgeSeconds,
      });
      return c.json({ csrfToken });
    })
    .post('/auth/logout', async (c) => {
      await logout(c.var.db, getCookie(c, SESSION_COOKIE));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    })
    .get('/auth/me', async (c) => {
      const actor = c.var.actor;
      // Only the solutions the user may read: the rest are none of the client's business.
      const solutions = (await c.var.db.selectFrom('solutions').select(['id', 'code']).execute()).filter((s) => canRead(actor, s.id));
      const codes = new Map(solutions.map((s) => [s.id, s.code]));
      return c.json({
        username: actor.name,
        displayName: c.get('displayName') ?? actor.name,
        csrfToken: c.get('csrfToken') ?? '',
        roles: actor.roles.map((r) => ({ role: r.role, roleName: ROLE_NAMES[r.role], solution: r.solutionId === null ? null : (codes.get(r.solutionId) ?? null) })),
        /** What the user may do, per solution code ('*': somewhere); the server checks again on every call. */
        permissions: permissionMap(actor, solutions),
      });
    })
    .get('/users', async (c) => c.json({ items: await listUsers(c.var.db, c.var.actor) }))
    .post('/users', jsonBody(UserInput), async (c) => c.json(await createUser(c.var.db, c.req.valid('json'), c.var.actor), 201))
    .patch('/users/:username', paramsOf(UsernameParam), jsonBody(UserPatch), async (c) =>
      c.json(await updateUser(c.var.db, c.req.valid('param').username, c.req.valid('json'), c.var.actor)),
    );
}
