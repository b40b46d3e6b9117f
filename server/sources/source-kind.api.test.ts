// The kind of a legal source (lov, lovbekendtgørelse, bekendtgørelse, vejledning …): chosen when the source is
// registered, or read from the document type, and shown with the source.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';

const LEXDANIA = path.resolve(__dirname, '../../../shared/data/lexdania');
const read = (rel: string) => fs.readFileSync(path.join(LEXDANIA, rel), 'utf8');

const GUIDANCE = `Vejledning om udlån af e-bøger

§ 1. Folkebibliotekerne kan udlåne e-bøger.
Stk. 2. Udlånet registreres i det fælles system.

§ 2. Vejledningen gælder fra 1. januar 2027.`;

let opened: OpenedDatabase;
let redaktoer: Caller;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  redaktoer = await loginAs(createApp({ db: opened.db }), 'kravredaktoer', DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

const sourceCount = async () => (await redaktoer('GET', '/api/sources')).json.items.length;

describe('the kind of a legal source', () => {
  it('is the one chosen when the source is registered, on the source and in the list', async () => {
    const res = await redaktoer('POST', '/api/sources/import', {
      content: GUIDANCE, title: 'Vejledning om udlån af e-bøger', shortName: 'VEJ nr 1 af 01/12/2026', inForceFrom: '2027-01-01', kind: 'vejledning',
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.source.kind).toBe('vejledning');
    expect((await redaktoer('GET', `/api/sources/${res.json.source.id}`)).json.kind).toBe('vejledning');
    const listed = (await redaktoer('GET', '/api/sources')).json.items.find((s: { id: number }) => s.id === res.json.source.id);
    expect(listed.kind).toBe('vejledning');
  });

  it('follows the document type when none is chosen: an LBK is a lovbekendtgørelse', async () => {
    const res = await redaktoer('POST', '/api/sources/import', { content: read('retssikkerhedsloven/LBK-2010-1054.xml') });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.createdSource).toBe(true);
    expect(res.json.source.kind).toBe('lbk');
  });

  it('can be chosen on the upload form too', async () => {
    const form = new FormData();
    form.append('file', new File([read('kommunestyrelsesloven/LBK-2010-1440.xml')], 'LBK-2010-1440.xml', { type: 'application/xml' }));
    form.append('kind', 'lov');
    const res = await redaktoer('POST', '/api/sources/import', form);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.createdSource).toBe(true);
    expect(res.json.source.kind).toBe('lov');
  });

  it('refuses a kind it does not know, in Danish, and registers nothing', async () => {
    const before = await sourceCount();
    const res = await redaktoer('POST', '/api/sources/import', {
      content: GUIDANCE, title: 'Vejledning om noget andet', shortName: 'VEJ nr 2 af 01/12/2026', inForceFrom: '2027-01-01', kind: 'lovforslag',
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toContainEqual({ field: 'kind', message: expect.stringContaining('Vælg retskildens art') });
    expect(await sourceCount()).toBe(before);
  });
});
