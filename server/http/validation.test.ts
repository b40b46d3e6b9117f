// Text a person writes is refused when it holds a character that cannot be stored or exported (control
// characters, non-characters, half surrogate pairs): a 400 naming the field, with a Danish reason, everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { loginAs, type Caller } from '../../test/support/api.js';
import { createApp } from './app.js';
import { plainText } from './validation.js';

describe('plainText', () => {
  const title = plainText.trim().min(1, 'Titlen mangler').max(300);

  it('takes ordinary text: Danish letters, tab and line breaks, characters outside the BMP', () => {
    for (const ok of ['Beregning af sygedagpenge', 'Æble, øl og å', 'linje 1\nlinje 2\r\n\tindrykket', '§ 6, stk. 1 – “citat” 😀', '\u00a0\u00ad\u2028']) {
      expect(title.safeParse(ok).success, JSON.stringify(ok)).toBe(true);
    }
  });

  it('refuses C0 and C1 controls, DEL, U+FFFE, U+FFFF and a half surrogate pair, naming the character and where it is', () => {
    const cases: [string, string][] = [
      ['a\u0000', 'U+0000, et kontroltegn'],
      ['ab\u0007c', 'U+0007, et kontroltegn'],
      ['\u000b', 'U+000B, et kontroltegn'],
      ['\u001f', 'U+001F, et kontroltegn'],
      ['\u007f', 'U+007F, et kontroltegn'],
      ['\u0085', 'U+0085, et kontroltegn'],
      ['\u009f', 'U+009F, et kontroltegn'],
      ['\ufffe', 'U+FFFE, et ikke-tegn'],
      ['\uffff', 'U+FFFF, et ikke-tegn'],
      ['x\ud83d', 'U+D83D, en halv surrogat'],
      ['\ude00x', 'U+DE00, en halv surrogat'],
    ];
    for (const [value, named] of cases) {
      const result = title.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error!.issues[0]!.message).toContain(named);
    }
    expect(title.safeParse('ab\u0007c').error!.issues[0]!.message).toBe('Teksten indeholder et ugyldigt tegn (U+0007, et kontroltegn) på plads 3; fjern det');
  });
});

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let admin: Caller;
let changeRequest: string;
let link: { id: number; sourceId: number; provisionKey: string };

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  admin = await loginAs(app, 'admin', DEMO_PASSWORD);
  const cr = await admin('POST', '/api/change-requests', { solution: 'KY', class: 'teknisk', title: 'Sikkerhedsopdatering', proposer: 'Leverandøren' });
  expect(cr.status, JSON.stringify(cr.json)).toBe(201);
  changeRequest = encodeURIComponent(cr.json.humanId);
  const l = (await admin('GET', '/api/links?requirement=KY-0001')).json.items[0];
  link = { id: l.id, sourceId: l.source.id, provisionKey: l.provisionKey };
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('every text a user writes', () => {
  const BELL = 'Titel med klokke \u0007';
  const cases: [string, string, string, () => unknown, string][] = [
    ['a requirement', 'POST', '/api/requirements', () => ({ solution: 'KY', title: BELL, text: 'Løsningen skal.', kind: 'regel' }), 'title'],
    ['a requirement edit', 'PUT', '/api/requirements/KY-0001', () => ({ version: 1, text: 'Ny tekst\u0001', reason: 'Rettet' }), 'text'],
    ['a change request', 'POST', '/api/change-requests', () => ({ solution: 'KY', class: 'teknisk', title: 'Opdatering', proposer: 'Leverandøren', description: 'Tekst \u001b[31m' }), 'description'],
    ['a change request edit', 'PATCH', `/api/change-requests/{cr}`, () => ({ proposer: 'Aarhus\uffff' }), 'proposer'],
    ['a lifecycle step', 'POST', `/api/change-requests/{cr}/transitions`, () => ({ action: 'igangsaet', reason: 'Halv \ud800' }), 'reason'],
    ['a comment', 'POST', `/api/change-requests/{cr}/comments`, () => ({ text: BELL }), 'text'],
    ['an attachment', 'POST', `/api/change-requests/{cr}/attachments`, () => ({ title: BELL, url: 'https://example.org/bilag.pdf' }), 'title'],
    ['a session', 'POST', '/api/sessions', () => ({ solution: 'KY', title: BELL, date: '2030-01-01', periodEnd: '2030-06-30', budgetAmount: 100, budgetUnit: 'timer' }), 'title'],
    ['a solution', 'POST', '/api/solutions', () => ({ code: 'NY', name: 'Ny\u007f' }), 'name'],
    ['a solution edit', 'PATCH', '/api/solutions/KY', () => ({ supplier: 'Leverandør\u0085' }), 'supplier'],
    ['a baseline', 'POST', '/api/solutions/KY/baselines', () => ({ name: 'Udbud 2030', description: BELL }), 'description'],
    ['a trace link', 'POST', '/api/links', () => ({ requirement: 'KY-0002', sourceId: link.sourceId, provisionKey: link.provisionKey, rationale: BELL }), 'rationale'],
    ['a review of a link', 'POST', '/api/links/{link}/confirm', () => ({ reason: BELL }), 'reason'],
    ['a user', 'POST', '/api/users', () => ({ username: 'ny.bruger', displayName: 'Ny\u0000Bruger', password: 'hemmelig-kode' }), 'displayName'],
    ['a source', 'POST', '/api/sources/import', () => ({ content: '§ 1. Loven gælder.', title: 'Lov om klokker\u0007', shortName: 'LOV nr 1 af 01/01/2030' }), 'title'],
  ];

  it.each(cases)('%s: %s %s is refused with 400 naming the field', async (_, method, url, body, field) => {
    const res = await admin(method, url.replace('{cr}', changeRequest).replace('{link}', String(link.id)), body());
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error.fields).toContainEqual({ field, message: expect.stringMatching(/^Teksten indeholder et ugyldigt tegn \(U\+[0-9A-F]{4}, .+\) på plads \d+; fjern det$/) });
  });

  it('refuses a control character in a query too (a link removed with a reason)', async () => {
    const res = await admin('DELETE', `/api/links/${link.id}?reason=${encodeURIComponent(BELL)}`);
    expect(res.status).toBe(400);
    expect(res.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['reason']);
  });

  it('stored nothing of what was refused', async () => {
    expect((await admin('GET', '/api/requirements/KY-0001')).json.version).toBe(1);
    expect((await admin('GET', '/api/solutions/NY')).status).toBe(404);
    expect((await admin('GET', `/api/change-requests/${changeRequest}`)).json).toMatchObject({ status: 'oprettet', proposer: 'Leverandøren' });
  });
});
