// Upload bodies as a browser sends them (serialised by the platform's own FormData encoder), and the broken ones.
import { describe, expect, it } from 'vitest';
import { splitMultipart } from './multipart.js';

async function encoded(form: FormData) {
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type')! };
}

describe('splitMultipart', () => {
  it('reads a file with a Danish name, its bytes exactly, and the text fields', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Titel;Tekst\r\n--ikke en grænse\r\nÆble;Ø\r\n')]);
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'krav æøå.csv');
    form.append('inForceFrom', '2012-01-02');
    form.append('title', 'Lov om sygedagpenge');
    const { body, type } = await encoded(form);
    const parts = splitMultipart(body, type);
    expect(parts.map((p) => [p.name, p.filename])).toEqual([['file', 'krav æøå.csv'], ['inForceFrom', null], ['title', null]]);
    expect(new Uint8Array(parts[0].data)).toEqual(bytes);
    expect(parts[2].data.toString('utf8')).toBe('Lov om sygedagpenge');
  });

  it('keeps a line break in a file name as the browser encodes it, for the caller to clean', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a\r\nb".csv');
    const { body, type } = await encoded(form);
    expect(splitMultipart(body, type)[0].filename).toMatch(/^a%0D%0Ab%22\.csv$/i);
  });

  it('refuses a body without a boundary, with another boundary, cut short, or with a part without a name', async () => {
    const form = new FormData();
    form.append('file', new Blob(['Titel;Tekst\r\nA;B\r\n']), 'krav.csv');
    const { body, type } = await encoded(form);
    expect(() => splitMultipart(body, 'multipart/form-data')).toThrow(/grænsen mangler/);
    expect(() => splitMultipart(body, 'multipart/form-data; boundary=andet')).toThrow(/findes ikke/);
    expect(() => splitMultipart(body.subarray(0, body.length - 20), type)).toThrow(/afkortet/);
    const boundary = /boundary=(.+)$/.exec(type)![1];
    const nameless = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`);
    expect(() => splitMultipart(nameless, type)).toThrow(/navn/);
  });

  it('reads past a preamble and splits 20 MB without copying it', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 'a');
    const form = new FormData();
    form.append('file', new Blob([big]), 'stor.csv');
    const { body, type } = await encoded(form);
    const withPreamble = Buffer.concat([Buffer.from('Dette er en præambel.\r\n'), body]);
    const [part] = splitMultipart(withPreamble, type);
    expect(part.data.length).toBe(big.length);
    expect(part.data.buffer).toBe(withPreamble.buffer);
  });
});
