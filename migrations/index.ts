// The static list of migrations, so they run the same under tsx, vitest and a build.
import type { Migration } from 'kysely';
import * as m0001 from './2026_11_22_0001_foundation.js';

export const migrations: Record<string, Migration> = {
  '2026_11_22_0001_foundation': m0001,
};
