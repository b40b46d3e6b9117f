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
    /** Whether GET routes marked cachedUntilChanged keep their responses (response-cache.ts). */
    responseCache: boolean;
  };
}
