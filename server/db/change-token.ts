// A cheap "has anything been written since?" token, for caching aggregates that would otherwise be
// recomputed on every request. SQLite-specific: `data_version` moves when another connection commits,
// `total_changes()` when this one writes. A PostgreSQL port returns null (no caching) or uses its own.
import { sql } from 'kysely';
import type { Executor } from './database.js';

export async function changeToken(db: Executor): Promise<string> {
  const [version, changes] = await Promise.all([
    sql<{ data_version: number }>`pragma data_version`.execute(db),
    sql<{ n: number }>`select total_changes() as n`.execute(db),
  ]);
  return `${version.rows[0]?.data_version}:${changes.rows[0]?.n}`;
}

/** Remembers a value per key until the database changes; small, least recently used out. */
export class UntilChanged<T> {
  private entries = new Map<string, { token: string; value: T }>();
  constructor(private readonly size = 200) {}

  async get(db: Executor, key: string, compute: () => Promise<T>): Promise<T> {
    const token = await changeToken(db);
    const hit = this.entries.get(key);
    if (hit && hit.token === token) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = await compute();
    this.entries.delete(key);
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { token, value });
    return value;
  }
}
