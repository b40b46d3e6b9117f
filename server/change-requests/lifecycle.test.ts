// Every lifecycle step is a named role's governance decision: generated from MACHINES, the administrator is
// refused each transition of each class, and every role the step names may take it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import type { Role } from '../auth/permissions.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';
import { CHANGE_CLASSES, type ChangeClass } from './change-requests.service.js';
import { MACHINES } from './lifecycle.js';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
/** The demo users are named after their roles and hold them in KY. */
const as = {} as Record<Role, Caller>;
let provision: { sourceId: number; provisionKey: string };

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  for (const role of ['admin', 'kravredaktoer', 'projektleder', 'faggruppe', 'styregruppe', 'leverandoer', 'kommune'] as const) as[role] = await loginAs(app, role, DEMO_PASSWORD);
  const link = (await as.admin('GET', '/api/links?requirement=KY-0001')).json.items[0];
  provision = { sourceId: link.source.id, provisionKey: link.provisionKey };
});

afterAll(async () => {
  await opened.db.destroy();
});

/** A KY request of the class standing in `status`: registered, then put there directly, as the step before it is not under test. */
async function requestIn(cls: ChangeClass, status: string): Promise<string> {
  const res = await as.kommune('POST', '/api/change-requests', {
    solution: 'KY',
    class: cls,
    title: `${cls} i ${status}`,
    proposer: 'Aarhus Kommune',
    requirements: ['KY-0001'],
    ...(cls === 'lovvedligehold' && { deadline: '2030-01-01' }),
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  await opened.db.updateTable('change_requests').set({ status }).where('human_id', '=', res.json.humanId).execute();
  return res.json.humanId;
}

const steps = CHANGE_CLASSES.flatMap((cls) => MACHINES[cls].transitions.flatMap((t) => t.from.map((from) => ({ cls, from, transition: t }))));

describe('lifecycle steps and the administrator', () => {
  it('covers every transition of every class', () => {
    expect(steps.length).toBe(Object.values(MACHINES).reduce((n, m) => n + m.transitions.reduce((k, t) => k + t.from.length, 0), 0));
    expect(new Set(steps.map((s) => s.cls))).toEqual(new Set(CHANGE_CLASSES));
  });

  it.each(steps.map((s) => [`${s.cls}: ${s.from} → ${s.transition.action} (${s.transition.roles.join(', ')})`, s] as const))('%s', async (_, { cls, from, transition }) => {
    const body = {
      action: transition.action,
      reason: `Begrundelse for ${transition.action}`,
      ...(transition.requiresProvisions && { provisions: [provision] }),
      ...(transition.recordsRequirementVersions && { requirementVersions: [{ humanId: 'KY-0001', version: 1 }] }),
    };
    const id = await requestIn(cls, from);
    const url = `/api/change-requests/${encodeURIComponent(id)}`;

    // The administrator is offered no button, and is refused the step.
    const seen = (await as.admin('GET', url)).json;
    expect(seen.actions.find((a: { action: string }) => a.action === transition.action)).toMatchObject({ allowed: false });
    const refused = await as.admin('POST', `${url}/transitions`, body);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain(`Kun ${transition.roles.join(' eller ')}`);
    expect((await as.admin('GET', url)).json.status).toBe(from);

    for (const role of transition.roles) {
      const mine = await requestIn(cls, from);
      const mineUrl = `/api/change-requests/${encodeURIComponent(mine)}`;
      expect((await as[role]('GET', mineUrl)).json.actions.find((a: { action: string }) => a.action === transition.action)).toMatchObject({ allowed: true });
      const taken = await as[role]('POST', `${mineUrl}/transitions`, body);
      expect(taken.status, `${role}: ${JSON.stringify(taken.json)}`).toBe(200);
      expect(taken.json.status).toBe(transition.to);
    }
  });
});
