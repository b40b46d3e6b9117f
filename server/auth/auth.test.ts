// Logins a stranger cannot abuse: throttling by the socket's address (forwarded headers only from trusted
// proxies), no lock-out of the real user, audited failures, sessions that survive a wrong password, CSRF on
// logout, HSTS only over https; and an admin changing only a user's roles.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { createUser } from './auth.service.js';
import { systemActor } from './permissions.js';

const PASSWORD = 'rigtig-adgangskode';
const PROXY = '10.0.0.1';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  for (const [username, role] of [['admin', 'admin'], ['laeser', 'laeser'], ['kom', 'kommune']] as const) {
    await createUser(opened.db, { username, displayName: username, password: PASSWORD, roles: [{ role, solution: null }] }, systemActor('test'));
  }
  app = createApp({ db: opened.db, trustedProxies: [PROXY] });
});

afterAll(async () => {
  await opened.db.destroy();
});

interface From {
  /** The socket's peer address, as @hono/node-server passes it. */
  peer: string;
  headers?: Record<string, string>;
  url?: string;
}

const send = async (path: string, init: RequestInit, from: From) =>
  app.request(`${from.url ?? 'http://localhost'}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...from.headers } }, { incoming: { socket: { remoteAddress: from.peer } } });

const attempt = (username: string, password: string, from: From) =>
  send('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }, from);

async function sessionOf(username: string, from: From) {
  const res = await attempt(username, PASSWORD, from);
  expect(res.status, await res.clone().text()).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const me = (cookie: string) => app.request('/api/auth/me', { headers: { cookie } });

async function statuses(n: number, make: (i: number) => Promise<Response>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await make(i)).status);
  return out;
}

describe('login throttling', () => {
  it('throttles an untrusted peer by its socket address, however it rotates X-Forwarded-For', async () => {
    const peer = '203.0.113.5';
    const got = await statuses(22, (i) => attempt(`opdigtet-${i}`, 'forkert', { peer, headers: { 'x-forwarded-for': `198.51.100.${i}` } }));
    expect(got.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(got.slice(20)).toEqual([429, 429]);
    // Another client is not held back by that flood.
    expect((await attempt('laeser', PASSWORD, { peer: '203.0.113.6' })).status).toBe(200);
  });

  it('takes the address from the real socket when served by @hono/node-server', async () => {
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' }, body: JSON.stringify({ username: 'over-nettet', password: 'forkert' }) });
      expect(res.status).toBe(401);
      const failed = await opened.db.selectFrom('audit_log').select('after_json').where('action', '=', 'auth.login_failed').where('entity_id', '=', 'over-nettet').executeTakeFirstOrThrow();
      expect(JSON.parse(failed.after_json!).address).toBe('127.0.0.1');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('believes the address a trusted proxy forwards: the right-most one it did not add itself', async () => {
    const viaProxy = (forwardedFor: string): From => ({ peer: PROXY, headers: { 'x-forwarded-for': forwardedFor } });
    const got = await statuses(6, () => attempt('kom', 'forkert', viaProxy(`1.2.3.4, 198.51.100.77, ${PROXY}`)));
    expect(got).toEqual([401, 401, 401, 401, 401, 429]);
    // A different client behind the same proxy is its own bucket, and may log in.
    expect((await attempt('kom', PASSWORD, viaProxy('198.51.100.78'))).status).toBe(200);
    const failed = await opened.db.selectFrom('audit_log').select('after_json').where('action', '=', 'auth.login_failed').where('entity_id', '=', 'kom').execute();
    expect(failed.map((r) => JSON.parse(r.after_json!).address)).toEqual(Array(5).fill('198.51.100.77'));
  });

  it('does not let a stranger typing wrong passwords for admin lock admin out at their usual address', async () => {
    const usual: From = { peer: '192.0.2.10' };
    await sessionOf('admin', usual);
    const stranger = await statuses(25, () => attempt('admin', 'gæt', { peer: '203.0.113.66' }));
    expect(stranger.filter((s) => s === 401)).toHaveLength(5);
    expect(stranger.slice(5).every((s) => s === 429)).toBe(true);
    // Many strangers together lock the username, but only for addresses admin never logged in from.
    for (const peer of ['203.0.113.67', '203.0.113.68', '203.0.113.69']) await statuses(5, () => attempt('admin', 'gæt', { peer }));
    const elsewhere = await attempt('admin', PASSWORD, { peer: '192.0.2.99' });
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt('admin', PASSWORD, usual)).status).toBe(200);
  });

  it('audits failed logins with the address and never the password', async () => {
    const admin = await sessionOf('admin', { peer: '192.0.2.10' });
    const res = await app.request('/api/audit?entityType=user&entityId=admin&limit=500', { headers: { cookie: admin.cookie } });
    const items = ((await res.json()) as { items: { action: string; actor: string; after: { address?: string } }[] }).items;
    const failed = items.filter((i) => i.action === 'auth.login_failed');
    expect(failed.length).toBeGreaterThanOrEqual(20);
    expect(failed[0]).toMatchObject({ actor: 'anonym', after: { address: '203.0.113.69' } });
    expect(JSON.stringify(items)).not.toContain('gæt');
  });
});

describe('sessions', () => {
  const peer: From = { peer: '192.0.2.20' };

  it('keeps the session when a login with its cookie fails', async () => {
    const { cookie } = await sessionOf('laeser', peer);
    const wrong = await send('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ username: 'laeser', password: 'forkert' }) }, peer);
    expect(wrong.status).toBe(401);
    expect((await me(cookie)).status).toBe(200);
  });

  it('logs out only with the CSRF token, and without a session answers ok', async () => {
    const { cookie, csrfToken } = await sessionOf('laeser', peer);
    const logout = (headers: Record<string, string>) => send('/api/auth/logout', { method: 'POST', headers }, peer);
    const forged = await logout({ cookie });
    expect(forged.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
    expect((await logout({ cookie, 'x-csrf-token': csrfToken })).status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
    expect((await logout({})).status).toBe(200);
    expect((await logout({ cookie })).status).toBe(200);
  });
});

describe('Strict-Transport-Security', () => {
  const hsts = async (from: From) => (await send('/api/health', {}, from)).headers.get('strict-transport-security');

  it('is sent over https and never over plain http', async () => {
    expect(await hsts({ peer: '192.0.2.30' })).toBeNull();
    expect(await hsts({ peer: '192.0.2.30', url: 'https://sporbar.example' })).toMatch(/max-age=\d+/);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    expect(await hsts({ peer: '192.0.2.30', headers: { 'x-forwarded-proto': 'https' } })).toBeNull();
    expect(await hsts({ peer: PROXY, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.9' } })).toMatch(/max-age=\d+/);
    const login = await attempt('laeser', PASSWORD, { peer: PROXY, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.9' } });
    expect(login.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });
});

describe('PATCH /api/users/{username}', () => {
  it('changes only the roles, audited, and answers {} with 400', async () => {
    const admin = await sessionOf('admin', { peer: '192.0.2.10' });
    const patch = (body: unknown) =>
      app.request('/api/users/kom', { method: 'PATCH', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body: JSON.stringify(body) });
    const roles = [{ role: 'faggruppe', solution: null }];
    const res = await patch({ roles });
    expect(res.status, await res.clone().text()).toBe(200);
    const users = (await (await app.request('/api/users', { headers: { cookie: admin.cookie } })).json()) as { items: { username: string; roles: unknown }[] };
    expect(users.items.find((u) => u.username === 'kom')!.roles).toEqual(roles);
    const audit = await opened.db.selectFrom('audit_log').select(['actor', 'after_json']).where('action', '=', 'user.update').where('entity_id', '=', 'kom').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('admin');
    expect(JSON.parse(audit[0].after_json!).roles).toEqual(roles);

    const empty = await patch({});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/^Intet at ændre/);
  });
});
