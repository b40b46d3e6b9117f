// A cheap "has anything been written since?" token, for caching aggregates that would otherwise be
// recomputed on every request. SQLite-specific: `data_version` moves when another connection commits,
// `total_changes()` when this one writes. A PostgreSQL port returns null (no caching) or uses its own.
import { CompiledQuery } from 'kysely';
import type { Executor } from './database.js';

// Asked on every cached read, so compiled once rather than built per call.
const TOKEN_QUERY = CompiledQuery.raw('select (select data_version from pragma_data_version) as v, total_changes() as n') as CompiledQuery<{ v: number; n: number }>;

export async function changeToken(db: Executor): Promise<string> {
  const { rows } = await db.executeQuery(TOKEN_QUERY);
  return `${rows[0]?.v}:${rows[0]?.n}`;
}

export interface UntilChangedLimits<T> {
  /** At most this many entries per database. */
  entries?: number;
  /** At most this much weight in all per database (bytes, ids, …: whatever `weigh` counts). */
  weight?: number;
  weigh?: (value: T) => number;
}

interface Entry<T> {
  token: string;
  value: T;
  weight: number;
}

/**
 * Remembers a value per key until the database changes; bounded, least recently used out. Kept per
 * database object, so two databases in one process (tests) never see each other's values.
 */
export class UntilChanged<T> {
  private readonly perDb = new WeakMap<object, { entries: Map<string, Entry<T>>; weight: number }>();
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: T) => number;

  constructor(limits: number | UntilChangedLimits<T> = {}) {
    const l = typeof limits === 'number' ? { entries: limits } : limits;
    this.maxEntries = l.entries ?? 200;
    this.maxWeight = l.weight ?? Number.POSITIVE_INFINITY;
    this.weigh = l.weigh ?? (() => 1);
  }

  async get(db: Executor, key: string, compute: () => Promise<T>): Promise<T> {
    const token = await changeToken(db);
    const hit = this.peek(db, key, token);
    if (hit !== undefined) return hit;
    const value = await compute();
    this.put(db, key, token, value);
    return value;
  }

  /** The value kept under `key` if it was computed at `token`, and marks it recently used. */
  peek(db: Executor, key: string, token: string): T | undefined {
    const store = this.perDb.get(db);
    const hit = store?.entries.get(key);
    if (!store || !hit) return undefined;
    store.entries.delete(key);
    if (hit.token !== token) {
      store.weight -= hit.weight;
      return undefined;
    }
    store.entries.set(key, hit);
    return hit.value;
  }

  /** Keeps `value` under `key` as of `token`; a value heavier than the whole allowance is not kept. */
  put(db: Executor, key: string, token: string, value: T): void {
    let store = this.perDb.get(db);
    if (!store) this.perDb.set(db, (store = { entries: new Map(), weight: 0 }));
    const old = store.entries.get(key);
    if (old) {
      store.entries.delete(key);
      store.weight -= old.weight;
    }
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    while (store.entries.size && (store.entries.size >= this.maxEntries || store.weight + weight > this.maxWeight)) {
      const [oldestKey, oldest] = store.entries.entries().next().value!;
      store.entries.delete(oldestKey);
      store.weight -= oldest.weight;
    }
    store.entries.set(key, { token, value, weight });
    store.weight += weight;
  }
}
