// Roles that see or do less than others, through the API with the demo users: lovovervågning registers the law
// and nothing else; the supplier sees a faggruppe session without the budget frame and the members' assessments.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../server/db/database.js';
import { createApp } from '../server/http/app.js';
import { loginAs, type Caller } from './support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../shared/data/lexdania');

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
const as: Record<string, Caller> = {};

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  for (const u of ['admin', 'lovovervaagning', 'leverandoer', 'projektleder', 'faggruppe']) as[u] = await loginAs(app, u, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

describe('lovovervågning', () => {
  it('is a demo user whose role is named Lovovervågning and who may register versions and nothing else', async () => {
    const me = await as.lovovervaagning('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json.roles.map((r: { roleName: string }) => r.roleName)).toEqual(['Lovovervågning']);
    expect(me.json.permissions['*'].sort()).toEqual(['read', 'source.import']);
  });

  it('registers a new version of an act', async () => {
    const res = await as.lovovervaagning('POST', '/api/sources/import', {
      content: fs.readFileSync(path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'),
      popularTitle: 'sygedagpengeloven',
      inForceFrom: '2011-12-01',
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    // …and drafts the lovvedligehold it causes in the solutions it touches.
    const drafted = await as.lovovervaagning('POST', `/api/versions/${res.json.version.id}/lovvedligehold`);
    expect(drafted.status, JSON.stringify(drafted.json)).toBeLessThan(300);
    expect(drafted.json.created.length).toBeGreaterThan(0);
  });

  it('may not write requirements, links or change requests', async () => {
    const req = await as.lovovervaagning('POST', '/api/requirements', { solution: 'KY', title: 'Nyt krav', text: 'Løsningen skal.', kind: 'regel' });
    expect(req.status).toBe(403);
    expect(req.json.error.message).toMatch(/rettighed/);
    const cr = await as.lovovervaagning('POST', '/api/change-requests', { solution: 'KY', class: 'teknisk', title: 'Opdatering', proposer: 'Lovovervågningen' });
    expect(cr.status).toBe(403);
  });

  it('can be given to a user by the administrator', async () => {
    const res = await as.admin('POST', '/api/users', { username: 'ny-overvaagning', displayName: 'Ny', password: 'lang-nok-kode', roles: [{ role: 'lovovervaagning', solution: null }] });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  });
});

describe('the supplier and a faggruppe session', () => {
  let sessionId: number;
  let itemId: number;

  beforeAll(async () => {
    const created = await as.projektleder('POST', '/api/sessions', {
      solution: 'KY', title: 'Forårsmødet', date: '2027-03-01', periodEnd: '2027-09-30', budgetAmount: 480, budgetUnit: 'timer',
      participants: [{ username: 'faggruppe', role: 'faggruppe' }],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    sessionId = created.json.id;
    const cr = await as.projektleder('POST', '/api/change-requests', { solution: 'KY', class: 'behovsaendring', title: 'Ny rullemenu', proposer: 'Aarhus Kommune' });
    expect(cr.status, JSON.stringify(cr.json)).toBe(201);
    const added = await as.projektleder('POST', `/api/sessions/${sessionId}/items`, { changeRequests: [cr.json.humanId] });
    expect(added.status, JSON.stringify(added.json)).toBeLessThan(300);
    itemId = added.json.items[0].id;
    const assessed = await as.faggruppe('PUT', `/api/sessions/${sessionId}/items/${itemId}/assessment`, { moscow: 'should', businessValue: 8, timeCriticality: 3, riskReduction: 2 });
    expect(assessed.status, JSON.stringify(assessed.json)).toBeLessThan(300);
    expect((await as.projektleder('POST', `/api/sessions/${sessionId}/reveal`, {})).status).toBeLessThan(300);
  });

  it('the faggruppe sees the budget frame, the assessments and the ranking', async () => {
    const v = (await as.faggruppe('GET', `/api/sessions/${sessionId}`)).json;
    expect(v.budget).toEqual({ amount: 480, unit: 'timer' });
    expect(v.assessments).toHaveLength(1);
    expect(v.ranking.cutLine.budget).toBe(480);
  });

  it('the supplier sees the agenda but neither the budget frame nor anyone’s assessment', async () => {
    const res = await as.leverandoer('GET', `/api/sessions/${sessionId}`);
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(1);
    expect(res.json.budget).toEqual({ amount: null, unit: 'timer' });
    expect(res.json.assessments).toBeNull();
    expect(res.json.ranking).toBeNull();
    expect(JSON.stringify(res.json)).not.toContain('480');
    const list = await as.leverandoer('GET', '/api/sessions?solution=KY');
    expect(list.json.items.find((s: { id: number }) => s.id === sessionId).budget.amount).toBeNull();
    const agenda = await as.leverandoer('GET', `/api/sessions/${sessionId}/agenda.html`);
    expect(agenda.status).toBe(200);
    expect(agenda.json).not.toContain('Budgetramme');
  });

  describe('the decision record', () => {
    let humanId: string;

    beforeAll(async () => {
      const rec = await as.projektleder('PUT', `/api/sessions/${sessionId}/items/${itemId}/recommendation`, {
        recommendation: 'anbefales', reason: 'Kommunerne efterspørger menuen', dissent: 'Faggruppemedlemmet fra KL ville vente',
      });
      expect(rec.status, JSON.stringify(rec.json)).toBeLessThan(300);
      humanId = rec.json.items[0].changeRequest.humanId;
    });

    /** The record's visible text: the HTML's, or the DOCX's document body. */
    async function recordText(username: string, format: 'html' | 'docx'): Promise<string> {
      const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const res = await app.request(`/api/sessions/${sessionId}/record.${format}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      if (format === 'html') return res.text();
      return strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']);
    }

    it.each(['html', 'docx'] as const)('the faggruppe reads the budget frame, the cut line, the scores and the dissent (%s)', async (format) => {
      const text = await recordText('faggruppe', format);
      expect(text).toContain('Budgetramme');
      expect(text).toContain('480 timer');
      expect(text).toContain('Skærelinje');
      expect(text).toContain('WSJF');
      expect(text).toContain('Faggruppemedlemmet fra KL ville vente');
    });

    it.each(['html', 'docx'] as const)('the supplier reads the order and the recommendations but no budget, cut line, scores or dissent (%s)', async (format) => {
      const text = await recordText('leverandoer', format);
      expect(text).toContain(humanId);
      expect(text).toContain('Ny rullemenu');
      expect(text).toContain('Anbefales');
      expect(text).toContain('Kommunerne efterspørger menuen');
      for (const hidden of ['Budgetramme', '480', 'Skærelinje', 'skærelinjen', 'WSJF', 'MoSCoW', 'Should', 'Dissens', 'Faggruppemedlemmet fra KL ville vente']) {
        expect(text, hidden).not.toContain(hidden);
      }
    });
  });
});
