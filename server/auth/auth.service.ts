// Local accounts, password hashing (argon2id), login sessions and login throttling.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { Conflict, Invalid, NotFound, Unauthorized } from '../http/errors.js';
import { plainText } from '../http/validation.js';
import type { LoginThrottle } from './login-throttle.js';
import { authorize, ROLES, type Actor, type Role, type RoleGrant } from './permissions.js';

export const SESSION_COOKIE = 'sporbar_session';
const SESSION_HOURS = 12;

export const LoginInput = z.object({
  username: z.string().trim().min(1, 'Skriv dit brugernavn').max(64),
  password: z.string().min(1, 'Skriv din adgangskode').max(200),
});

const RoleGrantInput = z.object({
  role: z.enum(ROLES),
  /** A solution code, or null for every solution. */
  solution: z.string().max(16).nullable(),
});

export const UserInput = z.object({
  username: z.string().trim().regex(/^[a-z0-9._-]{2,64}$/, 'Brugernavnet skal være 2-64 små bogstaver, cifre, punktum, bindestreg eller understreg'),
  displayName: plainText.trim().min(1, 'Navnet mangler').max(200),
  password: z.string().min(8, 'Adgangskoden skal have mindst 8 tegn').max(200),
  roles: z.array(RoleGrantInput).max(100).default([]),
});

export const UserPatch = z.object({
  displayName: plainText.trim().min(1, 'Navnet mangler').max(200).optional(),
  password: z.string().min(8, 'Adgangskoden skal have mindst 8 tegn').max(200).optional(),
  active: z.boolean().optional(),
  roles: z.array(RoleGrantInput).max(100).optional(),
});

export { LoginThrottle, TooManyAttempts } from './login-throttle.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Verifying against a real hash when the user does not exist keeps the answer time the same either way.
let dummyHash: Promise<string> | null = null;

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

async function rolesOf(db: Executor, userId: number): Promise<RoleGrant[]> {
  const rows = await db.selectFrom('user_roles').select(['solution_id', 'role']).where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => ({ solutionId: r.solution_id, role: r.role as Role }));
}

/** Has this user logged in from this address before? The audit log of logins remembers, across restarts. */
async function isKnownAddress(db: Executor, username: string, address: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', username)
    .where('action', '=', 'auth.login')
    .where(sql<string>`json_extract(after_json, '$.address')`, '=', address)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Checks the password and opens a new session. The session the browser came with (`previousToken`) ends
 * only when this login succeeds: no session fixation, and a wrong password does not log anyone out.
 */
export async function login(db: Db, throttle: LoginThrottle, input: z.infer<typeof LoginInput>, address: string, previousToken?: string) {
  const username = input.username.toLowerCase();
  await throttle.check(username, address, () => isKnownAddress(db, username, address));
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  dummyHash ??= hash('sporbar-dummy-password');
  const ok = user?.password_hash && user.active === 1 ? await verify(user.password_hash, input.password) : (await verify(await dummyHash, input.password), false);
  if (!user || !ok) {
    throttle.fail(username, address);
    await db.transaction().execute((trx) => recordAudit(trx, { actor: 'anonym', action: 'auth.login_failed', entityType: 'user', entityId: username, after: { address } }));
    throw new Unauthorized('Forkert brugernavn eller adgangskode');
  }
  throttle.succeed(username, address);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await endSession(trx, previousToken);
    await trx
      .insertInto('auth_sessions')
      .values({
        id: sha256(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      })
      .execute();
    await recordAudit(trx, { actor: user.username, action: 'auth.login', entityType: 'user', entityId: user.username, after: { address } });
  });
  return { token, csrfToken, maxAgeSeconds: SESSION_HOURS * 3600 };
}

async function endSession(db: Executor, token: string | undefined) {
  if (!token) return;
  const session = await db.deleteFrom('auth_sessions').where('id', '=', sha256(token)).returning('user_id').executeTakeFirst();
  if (session) {
    const user = await db.selectFrom('users').select('username').where('id', '=', session.user_id).executeTakeFirst();
    if (user) await recordAudit(db, { actor: user.username, action: 'auth.logout', entityType: 'user', entityId: user.username });
  }
}

export async function logout(db: Db, token: string | undefined) {
  if (token) await db.transaction().execute((trx) => endSession(trx, token));
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  displayName: string;
}

/** The session behind a cookie token, if it is live and its user active. */
export async function resolveSession(db: Db, token: string | undefined): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.csrf_token', 's.expires_at', 'u.id as user_id', 'u.username', 'u.display_name', 'u.active'])
    .where('s.id', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.active !== 1 || row.expires_at < nowIso()) return null;
  return {
    sessionId: row.id,
    csrfToken: row.csrf_token,
    displayName: row.display_name,
    actor: { name: row.username, userId: row.user_id, roles: await rolesOf(db, row.user_id) },
  };
}

async function solutionIdsByCode(db: Executor, grants: z.infer<typeof RoleGrantInput>[]) {
  const out: { solution_id: number | null; role: string }[] = [];
  for (const g of grants) {
    if (g.solution === null) {
      out.push({ solution_id: null, role: g.role });
      continue;
    }
    const s = await db.selectFrom('solutions').select('id').where('code', '=', g.solution).executeTakeFirst();
    if (!s) throw new NotFound(`Løsningen ${g.solution} findes ikke`);
    out.push({ solution_id: s.id, role: g.role });
  }
  return out;
}

export async function listUsers(db: Db, actor: Actor) {
  authorize(actor, 'users.manage', null);
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'is_demo', 'active', 'created_at']).orderBy('username').execute();
  const roles = await db.selectFrom('user_roles as r').leftJoin('solutions as s', 's.id', 'r.solution_id').select(['r.user_id', 'r.role', 's.code']).orderBy('r.id').execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    demo: u.is_demo === 1,
    active: u.active === 1,
    createdAt: u.created_at,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ role: r.role, solution: r.code })),
  }));
}

export async function createUser(db: Db, input: z.infer<typeof UserInput>, actor: Actor, options: { demo?: boolean } = {}) {
  authorize(actor, 'users.manage', null);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
      throw new Conflict(`Brugernavnet ${input.username} er i brug`, [{ field: 'username', message: 'Brugernavnet er i brug' }]);
    }
    const user = await trx
      .insertInto('users')
      .values({ username: input.username, display_name: input.displayName, password_hash: passwordHash, is_demo: options.demo ? 1 : 0, created_at: nowIso() })
      .returning(['id', 'username'])
      .executeTakeFirstOrThrow();
    const grants = await solutionIdsByCode(trx, input.roles);
    if (grants.length) await trx.insertInto('user_roles').values(grants.map((g) => ({ ...g, user_id: user.id }))).execute();
    await recordAudit(trx, { actor: actor.name, action: 'user.create', entityType: 'user', entityId: user.username, after: { displayName: input.displayName, roles: input.roles } });
    return { id: user.id, username: user.username };
  });
}

export async function updateUser(db: Db, username: string, patch: z.infer<typeof UserPatch>, actor: Actor) {
  authorize(actor, 'users.manage', null);
  if (Object.values(patch).every((v) => v === undefined)) throw new Invalid('Intet at ændre: angiv navn, adgangskode, aktiv eller roller');
  const passwordHash = patch.password ? await hashPassword(patch.password) : null;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!user) throw new NotFound(`Brugeren ${username} findes ikke`);
    const beforeRoles = await rolesOf(trx, user.id);
    const columns = {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(passwordHash && { password_hash: passwordHash }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
    };
    // A change of roles alone touches no column of users.
    if (Object.keys(columns).length) await trx.updateTable('users').set(columns).where('id', '=', user.id).execute();
    if (patch.roles) {
      await trx.deleteFrom('user_roles').where('user_id', '=', user.id).execute();
      const grants = await solutionIdsByCode(trx, patch.roles);
      if (grants.length) await trx.insertInto('user_roles').values(grants.map((g) => ({ ...g, user_id: user.id }))).execute();
    }
    // A changed password or a deactivation ends the user's sessions.
    if (passwordHash || patch.active === false) await trx.deleteFrom('auth_sessions').where('user_id', '=', user.id).execute();
    await recordAudit(trx, {
      actor: actor.name,
      action: 'user.update',
      entityType: 'user',
      entityId: username,
      before: { displayName: user.display_name, active: user.active === 1, roles: beforeRoles },
      after: { displayName: patch.displayName, active: patch.active, roles: patch.roles, passwordChanged: Boolean(passwordHash) },
    });
    return { username };
  });
}

export async function demoUsersExist(db: Db): Promise<boolean> {
  return Boolean(await db.selectFrom('users').select('id').where('is_demo', '=', 1).where('active', '=', 1).executeTakeFirst());
}
