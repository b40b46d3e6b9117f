// GET /api/solutions/:code/members: the people holding a role in a solution, which the session form offers as
// participants; through the API with real logins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, userWith, type Caller } from '../../test/support/api.js';
import { LoginThrottle } from '../auth/auth.service.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let admin: Caller;
let projektleder: Caller;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  app = createApp({ db: opened.db, loginThrottle: new LoginThrottle(50, 200) });
  admin = await userWith(app, opened.db, 'admin', [{ role: 'admin', solution: null }]);
  for (const code of ['KY', 'KSD']) expect((await admin('POST', '/api/solutions', { code, name: `Løsning ${code}` })).status).toBe(201);
  projektleder = await userWith(app, opened.db, 'pl', [
    { role: 'projektleder', solution: 'KY' },
    { role: 'faggruppe', solution: 'KY' },
    { role: 'projektleder', solution: 'KSD' },
  ]);
  await userWith(app, opened.db, 'fatima', [{ role: 'faggruppe', solution: 'KY' }]);
  await userWith(app, opened.db, 'kravredaktoer', [{ role: 'kravredaktoer', solution: null }]);
  await userWith(app, opened.db, 'kun-ksd', [{ role: 'faggruppe', solution: 'KSD' }]);
  await userWith(app, opened.db, 'gammel', [{ role: 'faggruppe', solution: 'KY' }]);
  await userWith(app, opened.db, 'uden-roller', []);
  const names = { admin: 'Åse Administrator', pl: 'Pernille Projektleder', fatima: 'Fatima Faggruppe', kravredaktoer: 'Kurt Kravredaktør', gammel: 'Gorm Gammel' };
  for (const [username, displayName] of Object.entries(names)) expect((await admin('PATCH', `/api/users/${username}`, { displayName })).status).toBe(200);
  expect((await admin('PATCH', '/api/users/gammel', { active: false })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

describe('medlemmer af en løsning', () => {
  it('lists everyone with a role in the solution or in every solution, by display name, with the roles that hold there', async () => {
    const res = await projektleder('GET', '/api/solutions/KY/members');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.items).toEqual([
      { username: 'fatima', displayName: 'Fatima Faggruppe', roles: ['faggruppe'] },
      { username: 'kravredaktoer', displayName: 'Kurt Kravredaktør', roles: ['kravredaktoer'] },
      { username: 'pl', displayName: 'Pernille Projektleder', roles: ['projektleder', 'faggruppe'] },
      // Å sorts last in Danish.
      { username: 'admin', displayName: 'Åse Administrator', roles: ['admin'] },
    ]);
  });

  it('leaves out users whose roles are in other solutions only, deactivated users and users without roles', async () => {
    const usernames = (await projektleder('GET', '/api/solutions/KY/members')).json.items.map((m: { username: string }) => m.username);
    expect(usernames).not.toContain('kun-ksd');
    expect(usernames).not.toContain('gammel');
    expect(usernames).not.toContain('uden-roller');
    const ksd = await projektleder('GET', '/api/solutions/KSD/members');
    // By display name: "kun-ksd" before "Kurt Kravredaktør", whatever the case.
    expect(ksd.json.items.map((m: { username: string }) => m.username)).toEqual(['kun-ksd', 'kravredaktoer', 'pl', 'admin']);
    expect(ksd.json.items.find((m: { username: string }) => m.username === 'pl').roles).toEqual(['projektleder']);
  });

  it('exposes names and roles only, no password or other account fields', async () => {
    const res = await projektleder('GET', '/api/solutions/KY/members');
    for (const member of res.json.items) expect(Object.keys(member).sort()).toEqual(['displayName', 'roles', 'username']);
    expect(JSON.stringify(res.json)).not.toMatch(/password|hash|argon/i);
  });

  it("is for admins and the solution's own projektleder: 403 for others, 404 for an unknown solution, 401 without a session", async () => {
    const laeser = await userWith(app, opened.db, 'laeser', [{ role: 'laeser', solution: 'KY' }]);
    expect((await laeser('GET', '/api/solutions/KY/members')).status).toBe(403);
    const otherPl = await userWith(app, opened.db, 'pl-ksd', [{ role: 'projektleder', solution: 'KSD' }]);
    expect((await otherPl('GET', '/api/solutions/KY/members')).status).toBe(403);
    expect((await otherPl('GET', '/api/solutions/KSD/members')).status).toBe(200);
    const unknown = await projektleder('GET', '/api/solutions/FINDES-IKKE/members');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: 'not_found', message: 'Løsningen FINDES-IKKE findes ikke' });
    const anon = await anonymous(app)('GET', '/api/solutions/KY/members');
    expect(anon.status).toBe(401);
    expect(anon.json.error.code).toBeTruthy();
  });
});
