// Starts the import thread from the TypeScript sources (under tsx and vitest); a build runs dist/server/import-worker.mjs instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
