// Calls the API as a logged-in user, through app.request(): a real login, a real session cookie and CSRF token.
import { createUser } from '../../server/auth/auth.service.js';
import { systemActor, type Role } from '../../server/auth/permissions.js';
import type { Db } from '../../server/db/database.js';

interface RequestApp {
  request(url: string, init?: RequestInit): Response | Promise<Response>;
}

export interface ApiResult {
  status: number;
  json: any;
  headers: Headers;
}

export type Caller = (method: string, url: string, body?: unknown) => Promise<ApiResult>;

/** A caller without a session. */
export function anonymous(app: RequestApp): Caller {
  return async (method, url, body) => send(app, method, url, body, {});
}

async function send(app: RequestApp, method: string, url: string, body: unknown, headers: Record<string, string>): Promise<ApiResult> {
  const isForm = body instanceof FormData;
  const res = await app.request(url, {
    method,
    headers: isForm ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : isForm || typeof body === 'string' ? (body as BodyInit) : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = text;
  if (res.headers.get('content-type')?.includes('json')) json = JSON.parse(text);
  return { status: res.status, json, headers: res.headers };
}

export async function loginAs(app: RequestApp, username: string, password: string): Promise<Caller> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method, url, body) => send(app, method, url, body, { cookie, 'x-csrf-token': csrfToken });
}

/** A PATCH naming the version the object has now (its GET at the same URL), as a browser that just opened it would. */
export async function patchCurrent(who: Caller, url: string, patch: Record<string, unknown>): Promise<ApiResult> {
  const { version } = (await who('GET', url)).json as { version?: number };
  return who('PATCH', url, { version, ...patch });
}

const TEST_PASSWORD = 'test-adgangskode';

/** Creates a user with the given roles (solution codes, or null for every solution) and logs in as them. */
export async function userWith(app: RequestApp, db: Db, username: string, roles: { role: Role; solution: string | null }[]): Promise<Caller> {
  await createUser(db, { username, displayName: username, password: TEST_PASSWORD, roles }, systemActor('test'));
  return loginAs(app, username, TEST_PASSWORD);
}
