// The import thread's side: reads one uploaded file at a time into import records (import-file.ts) and sends them
// back in slices, so neither the reading nor the hand-over holds up the requests the main thread serves.
import { parentPort } from 'node:worker_threads';
import { readImportFile } from './import-file.js';
import type { ImportJob, ImportThreadMessage } from './import-thread.js';

const SLICE = 1000;

const send = (message: ImportThreadMessage) => parentPort!.postMessage(message);

parentPort!.on('message', async ({ id, content, filename }: ImportJob) => {
  try {
    const { records, ...head } = await readImportFile(new Uint8Array(content), filename);
    send({ id, type: 'head', head, total: records.length });
    for (let i = 0; i < records.length; i += SLICE) send({ id, type: 'records', records: records.slice(i, i + SLICE) });
    send({ id, type: 'done' });
  } catch (err) {
    const e = err as Error & { status?: number; code?: string; fields?: unknown };
    send({ id, type: 'error', error: { status: e.status, code: e.code, name: e.name, message: e.message, fields: e.fields as never } });
  }
});
