// The typed connection to the server: Hono's client over the server's own route types, and one error type.
import { hc } from 'hono/client';
import type { ApiType } from '../../server/http/app.js';

/** A field the server rejected, with its Danish message; `field` is the request field's name. */
export interface FieldError {
  field: string;
  message: string;
}

/** What the server said went wrong (`{ error: { code, message, fields? } }`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

/**
 * The session's CSRF token, sent on every change. It lives here, beside the connection, because it is a
 * property of the transport (like the cookie the browser keeps), not of any page.
 */
let csrfToken = '';
/** Called when the server says the session is gone, so the shell can ask the user to log in again. */
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export const api = hc<ApiType>('/api', { headers: () => csrfHeaders() });

/** Turns a non-2xx response into an ApiError carrying the server's message. */
export async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; fields?: FieldError[] } };
    if (body.error?.message) return new ApiError(res.status, body.error.code ?? 'error', body.error.message, body.error.fields ?? []);
  } catch {
    // Not our JSON shape (a proxy error page, say): fall through to a generic message.
  }
  return new ApiError(res.status, 'http_error', `Serveren svarede med fejl ${res.status}`);
}

type JsonOf<R> = R extends { json(): Promise<infer T> } ? T : never;

/**
 * Awaits a typed call and returns its JSON body, or throws ApiError. Errors thrown by the server's
 * onError never appear in the route types, so every typed body here is a success body.
 */
export async function call<R extends Response & { json(): Promise<unknown> }>(request: Promise<R>): Promise<JsonOf<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiError(0, 'network', 'Kunne ikke få forbindelse til serveren. Tjek forbindelsen, og prøv igen.');
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401) onUnauthorized?.();
    throw error;
  }
  return (await res.json()) as JsonOf<R>;
}

/** A query object with the empty values left out, so the URL only carries real filters. */
export function compactQuery<T extends Record<string, string | number | undefined | null>>(query: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  return out;
}
