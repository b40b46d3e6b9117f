// Uploaded import files are read in worker threads, never on the main thread: a 20,000-row spreadsheet takes
// exceljs seconds, and every other user's request would wait for it. At most two files are read at once; a
// thread that read a large file is ended afterwards, so the memory it took goes back to the system.
import { Worker } from 'node:worker_threads';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, Invalid, type FieldError } from '../http/errors.js';
import type { ImportRecord, ImportSource } from './import-source.types.js';

export interface ImportJob {
  id: number;
  content: ArrayBuffer;
  /** The content is gzip-compressed (as a preview keeps a CSV or ReqIF file). */
  gzipped: boolean;
  filename: string;
}

/** An upload as a preview keeps it: gzip-compressed by the import thread where that pays (CSV, ReqIF). */
export interface StoredUpload {
  content: Uint8Array;
  gzipped: boolean;
  filename: string;
}

export type ImportThreadMessage =
  | { id: number; type: 'head'; head: Omit<ImportSource, 'records'>; total: number }
  | { id: number; type: 'records'; records: ImportRecord[] }
  | { id: number; type: 'done'; stored: { content: Uint8Array; gzipped: boolean } }
  | { id: number; type: 'error'; error: { status?: number; code?: string; name: string; message: string; fields?: FieldError[] } };

/** How far a preview or commit has come: the file read (records handed over), or rows checked. */
export interface ReadProgress {
  phase: 'read' | 'check';
  done: number;
  total: number;
}

const MAX_THREADS = 2;
const IDLE_MS = 10_000;
const KEEP_THREAD_BELOW_BYTES = 2 * 1024 * 1024;
const KEEP_THREAD_BELOW_ROWS = 2_000;
/** A file that needs more than this to read is refused, not allowed to take the server's memory. */
const THREAD_HEAP_MB = 1024;

interface Thread {
  worker: Worker;
  idleTimer?: NodeJS.Timeout;
}

const idle: Thread[] = [];
const waiting: (() => void)[] = [];
let running = 0;
let nextId = 1;

/** Under tsx and vitest the thread runs the TypeScript through tsx; the server build has it bundled beside main.mjs. */
function startThread(): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: THREAD_HEAP_MB };
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./import-worker.boot.mjs', here), { workerData: { entry: new URL('./import-worker.ts', here).href }, resourceLimits });
  }
  return new Worker(new URL('./import-worker.mjs', here), { resourceLimits });
}

async function acquire(): Promise<Thread> {
  while (running >= MAX_THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  const thread = idle.pop();
  if (!thread) return { worker: startThread() };
  clearTimeout(thread.idleTimer);
  thread.worker.ref();
  return thread;
}

function release(thread: Thread, keep: boolean) {
  running--;
  waiting.shift()?.();
  if (!keep) {
    void thread.worker.terminate();
    return;
  }
  thread.worker.unref();
  thread.idleTimer = setTimeout(() => {
    idle.splice(idle.indexOf(thread), 1);
    void thread.worker.terminate();
  }, IDLE_MS).unref();
  idle.push(thread);
}

function errorFrom(e: Extract<ImportThreadMessage, { type: 'error' }>['error']): Error {
  if (e.status && e.code) return new DomainError(e.status as ContentfulStatusCode, e.code, e.message, e.fields);
  // Not one of ours: a parser tripping over a damaged file. Logged, and the user told the file cannot be read.
  console.error(`Import: ${e.name}: ${e.message}`);
  return new Invalid('Filen kan ikke læses', [{ field: 'file', message: e.message }]);
}

/**
 * Reads an uploaded file into import records in a worker thread (import-file.ts does the reading), and hands back
 * the upload as a preview keeps it.
 */
export async function readImportFileInThread(
  upload: { content: Uint8Array; filename: string; gzipped?: boolean },
  onProgress?: (p: ReadProgress) => unknown,
): Promise<{ source: ImportSource; stored: StoredUpload }> {
  const { content, filename } = upload;
  const thread = await acquire();
  const { worker } = thread;
  let keep = content.byteLength < KEEP_THREAD_BELOW_BYTES;
  const id = nextId++;
  const report = (p: ReadProgress) => {
    if (onProgress) void Promise.resolve(onProgress(p)).catch(() => undefined);
  };
  try {
    return await new Promise<{ source: ImportSource; stored: StoredUpload }>((resolve, reject) => {
      let source: ImportSource | null = null;
      let total = 0;
      const finish = (settle: () => void) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        settle();
      };
      const onMessage = (m: ImportThreadMessage) => {
        if (m.id !== id) return;
        if (m.type === 'head') {
          source = { ...m.head, records: [] };
          total = m.total;
          // A compressed workbook can be small and still fill the thread's heap: a thread that read many rows is
          // ended too, so its memory goes back at once instead of at the next collection.
          if (total > KEEP_THREAD_BELOW_ROWS) keep = false;
        } else if (m.type === 'records') {
          source!.records.push(...m.records);
          report({ phase: 'read', done: source!.records.length, total });
          // The next slice after the requests that waited meanwhile.
          setImmediate(() => worker.postMessage({ type: 'next' }));
        } else if (m.type === 'done') finish(() => resolve({ source: source!, stored: { ...m.stored, filename } }));
        else finish(() => reject(errorFrom(m.error)));
      };
      const onError = (err: Error & { code?: string }) => {
        keep = false;
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          finish(() => reject(new Invalid('Filen kræver for meget hukommelse at læse; del den op', [{ field: 'file', message: `Mere end ${THREAD_HEAP_MB} MB under læsning` }])));
        } else {
          console.error('Import-tråden fejlede:', err);
          finish(() => reject(err));
        }
      };
      const onExit = () => {
        keep = false;
        finish(() => reject(new Error('Import-tråden stoppede uventet')));
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      report({ phase: 'read', done: 0, total: 0 });
      // A copy is handed over (not shared): the caller may keep the upload, for a later commit.
      const copy = content.slice();
      const job: ImportJob = { id, content: copy.buffer, gzipped: upload.gzipped ?? false, filename };
      worker.postMessage(job, [copy.buffer]);
    });
  } finally {
    release(thread, keep);
  }
}
