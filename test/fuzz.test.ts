// Hostile input against every documented route: random and malformed JSON, wrong types, huge strings,
// invalid UTF-8, path traversal in parameters, XML bombs. Never a 5xx, never a crash, never partial data.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type OpenedDatabase } from '../server/db/database.js';
import { createApp } from '../server/http/app.js';
import { routeTable } from '../server/http/validation.js';
import { loadDemoDataIfEmpty } from '../fixtures/demo.js';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) });
  cookie = res.headers.get('set-cookie')!.split(';')[0];
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

async function send(method: string, url: string, body?: BodyInit, contentType = 'application/json') {
  const res = await app.request(url, { method, headers: { cookie, 'x-csrf-token': csrf, 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, text };
}

const hostileSegment = fc.oneof(
  fc.constantFrom('../../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%00', 'KY-0001%00.xml', '\u202e', 'ø'.repeat(300), '-1', '0', '1e309', 'NaN', 'null', '<script>'),
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
);

const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.record({ version: fc.anything(), title: fc.anything(), text: fc.anything(), solution: fc.anything(), kind: fc.anything(), reason: fc.anything() }),
  fc.string({ maxLength: 200 }).map((s) => ({ title: s, text: s, reason: s, solution: 'KY', kind: 'regel', version: 1 })),
  fc.constant({ title: 'x'.repeat(50_000), text: 'y', kind: 'regel', solution: 'KY' }),
  fc.constant({ solution: { $gt: '' }, title: ['a'], text: 1, kind: null }),
);

function fill(template: string, segment: string) {
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(segment));
}

const snapshot = async () => {
  const counts: Record<string, number> = {};
  for (const table of ['requirements', 'requirement_versions', 'trace_links', 'source_versions', 'provisions', 'change_requests']) {
    counts[table] = Number((await opened.db.selectFrom(table as 'requirements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return counts;
};

describe('every documented route under random input', () => {
  const routes = routeTable.filter((r) => !['/api/auth/logout'].includes(r.path));

  it('covers the API', () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s never answers 5xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(hostileSegment, hostileJson, fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }), { maxKeys: 3 }), async (segment, body, query) => {
        const qs = new URLSearchParams(query).toString();
        const url = fill(route.path, segment) + (qs ? `?${qs}` : '');
        const res = await send(route.method.toUpperCase(), url, route.method === 'get' ? undefined : JSON.stringify(body));
        expect(res.status, `${route.method} ${url}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) expect(JSON.parse(res.text).error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 15, seed: 20261122 },
    );
  });
});

describe('malformed bodies', () => {
  // Logging out would end this test's own session; logging in is throttled per address.
  const writes = () => routeTable.filter((r) => r.body && !r.path.startsWith('/api/auth/'));
  const bodies: [string, BodyInit, string][] = [
    ['truncated JSON', '{"solution": "KY", "title": ', 'application/json'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]), 'application/json'],
    ['a JSON string', '"hej"', 'application/json'],
    ['deeply nested JSON', '['.repeat(5000) + ']'.repeat(5000), 'application/json'],
    ['form data where JSON is expected', 'a=1&b=2', 'application/x-www-form-urlencoded'],
  ];
  it.each(bodies)('%s gets a 4xx in the error shape from every write route', async (_name, body) => {
    const before = await snapshot();
    for (const route of writes()) {
      const res = await send(route.method.toUpperCase(), fill(route.path, '1'), body, bodies.find((b) => b[1] === body)![2]);
      expect(res.status, `${route.method} ${route.path}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('bodies and content types the upload routes found', () => {
  const writes = () => routeTable.filter((r) => r.body && !r.path.startsWith('/api/auth/'));
  const boundary = '----sporbarfuzz';
  const part = (filename: string, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  const multipart = `multipart/form-data; boundary=${boundary}`;
  const shapes: [string, BodyInit | undefined, string][] = [
    ['an empty body', undefined, 'application/json'],
    ['an empty JSON object', '{}', 'application/json'],
    ['JSON sent as text/plain', '{"title": "x"}', 'text/plain'],
    ['JSON sent as XML', '{"title": "x"}', 'application/xml'],
    ['a malformed content type', '{"title": "x"}', 'application/json; charset="'],
    ['a content type of only separators', '{"title": "x"}', ';;; ='],
    ['multipart without a boundary', part('krav.csv', 'Titel;Tekst\nA;B'), 'multipart/form-data'],
    ['multipart with an empty boundary', part('krav.csv', 'Titel;Tekst\nA;B'), 'multipart/form-data; boundary='],
    ['multipart with another boundary than the body', part('krav.csv', 'Titel;Tekst\nA;B'), 'multipart/form-data; boundary=andet'],
    ['truncated multipart', part('krav.csv', 'Titel;Tekst\nA;B').slice(0, 90), multipart],
    ['multipart with no parts', `--${boundary}--\r\n`, multipart],
    ['CR/LF in a file name', part('krav\r\nX-Injected: ja.csv', 'Titel;Tekst\nA;B'), multipart],
    ['a bare LF in a file name', part('krav\nny.csv', 'Titel;Tekst\nA;B'), multipart],
  ];

  it.each(shapes)('%s gets an answer below 500 in the error shape from every write route, and changes nothing', async (_name, body, contentType) => {
    const before = await snapshot();
    for (const route of writes()) {
      const res = await send(route.method.toUpperCase(), fill(route.path, '1'), body, contentType);
      expect(res.status, `${route.method} ${route.path}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      if (res.status >= 400) expect(JSON.parse(res.text).error.message.length, `${route.method} ${route.path}`).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a malformed upload gets a Danish 400 from each upload route, not "Failed to parse body as FormData"', async () => {
    for (const url of ['/api/sources/import', '/api/solutions/KY/import/preview', '/api/solutions/KY/import/commit']) {
      for (const type of ['multipart/form-data', multipart]) {
        const res = await send('POST', url, part('krav.csv', 'Titel;Tekst\nA;B').slice(0, type === multipart ? 90 : undefined), type);
        expect(res.status, `${url} ${type}: ${res.text}`).toBe(400);
        expect(JSON.parse(res.text).error.message).toMatch(/^Filuploaden kan ikke læses/);
      }
    }
  });

  it('strips NUL and line breaks from the name of an uploaded file', async () => {
    const res = await send('POST', '/api/solutions/KY/import/preview', part('krav\u0000.csv', 'Titel;Tekst\nEt krav;Løsningen skal kunne noget.'), multipart);
    expect(res.status, res.text).toBe(200);
    expect(JSON.parse(res.text).filename).toBe('krav.csv');
  });
});

describe('importers refuse hostile documents and write nothing', () => {
  const lexdania = fs.readFileSync(path.resolve(__dirname, '../../shared/data/lexdania/sygedagpengeloven/LBK-2011-1152.xml'));
  const documents: [string, Buffer | string][] = [
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Dokument><Meta/><DokumentIndhold><Paragraf><Explicatus>§ 1.</Explicatus><Exitus><Linea><Char>&lol3;</Char></Linea></Exitus></Paragraf></DokumentIndhold></Dokument>`,
    ],
    ['external entity', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Dokument><Meta/><DokumentIndhold>&x;</DokumentIndhold></Dokument>`],
    ['truncated LexDania', lexdania.subarray(0, Math.floor(lexdania.length / 2))],
    ['binary noise', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['not LexDania', '<?xml version="1.0"?><html><body>§ 1. Hej</body></html>'],
  ];

  it.each(documents)('%s → 400 naming the file', async (_name, doc) => {
    const before = await snapshot();
    const form = new FormData();
    form.append('file', new Blob([typeof doc === 'string' ? doc : new Uint8Array(doc)]), '../../etc/passwd.xml');
    const res = await app.request('/api/sources/import', { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { fields: { field: string }[] } };
    expect(json.error.fields[0].field).toBe('file');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an upload over the size limit with 413', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(21 * 1024 * 1024, 0x20)]), 'stor.xml');
    const res = await app.request('/api/sources/import', { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
    expect(res.status).toBe(413);
  });
});
