// People by name, not by login: what a history, a decision or a comment shows for the username it recorded.
import type { Executor } from '../db/database.js';

/** The actors that are no person: the demo loader, the command line, the test-data generator. */
const SYSTEM_NAMES: Record<string, string> = { demo: 'Demodata', cli: 'Kommandolinjen', generator: 'Testdatagenerator', sporbar: 'Sporbar', anonym: 'Ukendt bruger' };

/** Each username's display name; a name no user has (a deleted user, a system actor) reads as well as it can. */
export async function displayNames(db: Executor, usernames: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...usernames].filter((u): u is string => !!u))];
  const names = new Map(wanted.map((u) => [u, SYSTEM_NAMES[u] ?? u]));
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db.selectFrom('users').select(['username', 'display_name']).where('username', 'in', wanted.slice(i, i + 500)).execute();
    for (const r of rows) names.set(r.username, r.display_name);
  }
  return names;
}

/** One username's display name, or null for none. */
export async function displayName(db: Executor, username: string | null | undefined): Promise<string | null> {
  if (!username) return null;
  return (await displayNames(db, [username])).get(username) ?? username;
}
