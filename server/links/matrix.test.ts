// The traceability matrix through the API on the demo data: every requirement a row (traced or not), every linked
// provision a column grouped by source in reading order, each link a cell with its status, a law change included.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');

let opened: OpenedDatabase;
let reader: Caller;
let editor: Caller;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  const app = createApp({ db: opened.db });
  reader = await loginAs(app, 'laeser', DEMO_PASSWORD);
  editor = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
});

afterAll(async () => {
  await opened.db.destroy();
});

/** The matrix as [humanId, label, status] triples, for reading. */
const triples = (m: any) => m.cells.map(([r, p, s]: [number, number, string]) => [m.requirements[r][0], m.provisions[p][2], s]);

describe('GET /api/solutions/:code/matrix', () => {
  it('holds every requirement of KY, its linked provisions by source in reading order, and a cell per link', async () => {
    const res = await reader('GET', '/api/solutions/KY/matrix');
    expect(res.status).toBe(200);
    const m = res.json;
    expect(m.solution).toEqual({ code: 'KY', name: 'Kommunernes Ydelsessystem' });
    expect(m.requirements.map((r: string[]) => r[0])).toEqual(['KY-0001', 'KY-0002', 'KY-0003', 'KY-0004', 'KY-0005', 'KY-0006', 'KY-0007']);
    expect(m.requirements[6]).toEqual(['KY-0007', 'Svartider i brugergrænsefladen', 'godkendt']);
    expect(m.provisions.map((p: any[]) => `${p[3]} ${p[2]}`)).toEqual([
      'aktivloven § 11, stk. 1',
      'aktivloven § 13, stk. 1',
      'aktivloven § 81',
      'sygedagpengeloven § 6, stk. 1',
      'sygedagpengeloven § 7',
      'sygedagpengeloven § 24, stk. 1',
      'sygedagpengeloven § 24, stk. 2',
      'sygedagpengeloven § 30, stk. 1',
    ]);
    expect(m.cells).toHaveLength(8);
    expect(triples(m)).toContainEqual(['KY-0001', '§ 30, stk. 1', 'current']);
    // The non-legal requirement is a row without cells.
    expect(m.cells.some(([r]: number[]) => r === 6)).toBe(false);
  });

  it('shows the links a law change made suspect', async () => {
    const law = await editor('POST', '/api/sources/import', {
      content: fs.readFileSync(path.join(LEXDANIA, 'sygedagpengeloven/LBK-2011-1152.xml'), 'utf8'),
      inForceFrom: '2012-01-02',
    });
    expect(law.status).toBe(201);
    const m = (await reader('GET', '/api/solutions/KY/matrix')).json;
    expect(triples(m).filter((t: string[]) => t[2] === 'suspect').sort()).toEqual([
      ['KY-0001', '§ 30, stk. 1', 'suspect'],
      ['KY-0001', '§ 6, stk. 1', 'suspect'],
      ['KY-0002', '§ 24, stk. 2', 'suspect'],
    ]);
  });

  it('answers 404 for a solution that does not exist', async () => {
    expect((await reader('GET', '/api/solutions/XX/matrix')).status).toBe(404);
  });
});
