// The import thread's side: reads one uploaded file at a time into import records (import-file.ts) and sends them
// back in slices, so neither the reading nor the hand-over holds up the requests the main thread serves.
import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';
import { readImportFile } from './import-file.js';
import type { ImportJob, ImportThreadMessage } from './import-thread.js';

const SLICE = 1000;

const send = (message: ImportThreadMessage) => parentPort!.postMessage(message);

/** The main thread asks for each next slice: slices sent all at once are all unpacked in one turn of its event loop. */
let nextSlice: (() => void) | null = null;
const sliceWanted = () => new Promise<void>((resolve) => (nextSlice = resolve));

parentPort!.on('message', async (message: ImportJob | { type: 'next' }) => {
  if ('type' in message) {
    nextSlice?.();
    return;
  }
  const { id, content, gzipped, filename } = message;
  try {
    const bytes = gzipped ? new Uint8Array(zlib.gunzipSync(content)) : new Uint8Array(content);
    const { records, ...head } = await readImportFile(bytes, filename);
    send({ id, type: 'head', head, total: records.length });
    for (let i = 0; i < records.length; i += SLICE) {
      const wanted = sliceWanted();
      send({ id, type: 'records', records: records.slice(i, i + SLICE) });
      await wanted;
    }
    // What a preview keeps: text formats compressed here, off the main thread (a 20 MB CSV becomes about 2 MB).
    const compress = !gzipped && (head.format === 'csv' || head.format === 'reqif');
    send({ id, type: 'done', stored: compress ? { content: zlib.gzipSync(bytes, { level: 1 }), gzipped: true } : { content: new Uint8Array(content), gzipped } });
  } catch (err) {
    const e = err as Error & { status?: number; code?: string; fields?: unknown };
    send({ id, type: 'error', error: { status: e.status, code: e.code, name: e.name, message: e.message, fields: e.fields as never } });
  }
});
