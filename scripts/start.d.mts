// Types for scripts/start.mjs, which the benches use to start the server as `npm start` does.
export function ensureClientBuilt(): void;
export function ensureServerBuilt(): Promise<string>;
