// Tells open connections that a session moved on: in process, as Sporbar runs as one server process. Only
// revision numbers travel here; what a listener may see is decided when it fetches the state.

export interface SessionChange {
  revision: number;
  closed: boolean;
}
type Listener = (change: SessionChange) => void;

// Keyed by database too, so two apps in one process (as in tests) never hear each other.
const listeners = new WeakMap<object, Map<number, Set<Listener>>>();

export function subscribeSession(db: object, sessionId: number, listener: Listener): () => void {
  let bySession = listeners.get(db);
  if (!bySession) listeners.set(db, (bySession = new Map()));
  const set = bySession.get(sessionId) ?? new Set<Listener>();
  bySession.set(sessionId, set);
  set.add(listener);
  return () => {
    set.delete(listener);
    if (!set.size) bySession.delete(sessionId);
  };
}

/** Call after the transaction that made the change has committed. */
export function publishSession(db: object, sessionId: number, change: SessionChange): void {
  for (const listener of [...(listeners.get(db)?.get(sessionId) ?? [])]) listener(change);
}
