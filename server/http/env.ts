// What every request handler can reach through `c.var`.
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';

export interface AppEnv {
  Variables: {
    db: Db;
    actor: Actor;
    sessionId: string | null;
    csrfToken: string | null;
    displayName: string | null;
    /** The client's address and whether it spoke https, believing forwarded headers only from trusted proxies (client-address.ts). */
    clientAddress: string;
    https: boolean;
    /** Whether GET routes marked cachedUntilChanged keep their responses (response-cache.ts). */
    responseCache: boolean;
  };
}
