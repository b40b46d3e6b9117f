// For tests of exports and uploads: a logged-in session that hands back the raw Response (binary bodies, SSE),
// which test/support/api.ts reads as text.
import { DEMO_PASSWORD } from '../../fixtures/demo.js';

interface RequestApp {
  request(url: string, init?: RequestInit): Response | Promise<Response>;
}

export interface RawSession {
  get(url: string): Promise<Response>;
  post(url: string, body: FormData | unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Logs in as one of the demo users (fixtures/demo.ts), whose password is the demo password. */
export async function demoSession(app: RequestApp, username: string, password = DEMO_PASSWORD): Promise<RawSession> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    get: async (url) => app.request(url, { headers: { cookie } }),
    post: async (url, body, headers = {}) => {
      const form = body instanceof FormData;
      return app.request(url, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, ...(form ? {} : { 'content-type': 'application/json' }), ...headers },
        body: form ? body : JSON.stringify(body),
      });
    },
  };
}

export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

export function upload(name: string, content: Uint8Array | string, fields: Record<string, unknown> = {}): FormData {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  return form;
}
