// What every request handler can reach through `c.var`.
import type { Db } from '../db/database.js';

export interface AppEnv {
  Variables: { db: Db; actor: string };
}
