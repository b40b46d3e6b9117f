// The logged-in user: log in and out, who am I, and what the UI may offer them.
import { ApiError, api, call, setCsrfToken } from './http.js';

export const getMe = async () => {
  const me = await call(api.auth.me.$get());
  setCsrfToken(me.csrfToken);
  return me;
};

export type Me = Awaited<ReturnType<typeof getMe>>;

/** Logs in (the server sets an HttpOnly cookie) and returns the user, or throws ApiError (401, 429). */
export async function login(username: string, password: string): Promise<Me> {
  const { csrfToken } = await call(api.auth.login.$post({ json: { username, password } }));
  setCsrfToken(csrfToken);
  return getMe();
}

export async function logout(): Promise<void> {
  try {
    await call(api.auth.logout.$post());
  } catch (err) {
    // Already logged out on the server is as good as logged out.
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  } finally {
    setCsrfToken('');
  }
}

/** A permission the server grants (server/auth/permissions.ts), as /api/auth/me lists them per solution. */
export type UiPermission = Me['permissions'][string][number];

/**
 * May the user do this in that solution (a code), or in some solution when `solution` is null? Only decides
 * what the UI offers; the server checks again on every request.
 */
export function may(user: Me | null | undefined, permission: UiPermission, solution: string | null): boolean {
  if (!user) return false;
  return (user.permissions[solution ?? '*'] ?? []).includes(permission);
}
