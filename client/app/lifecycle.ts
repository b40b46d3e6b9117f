// Where a change request stands in its class's lifecycle, for the stepper: pure functions over the server's
// lifecycle table, so they can be tested without a browser.
import type { ChangeClass } from '../../server/change-requests/change-requests.service.js';
import { MACHINES } from '../../server/change-requests/lifecycle.js';

export type StepState = 'done' | 'current' | 'upcoming' | 'rejected';

export interface LifecycleStep {
  status: string;
  label: string;
  state: StepState;
  /** The step the request is at (also when it is closed). */
  here?: boolean;
}

/** What the stepper needs of a request (a subset of the detail the server sends). */
export interface LifecyclePosition {
  class: string;
  status: string;
  closed: boolean;
  lifecycle: { status: string; label: string }[];
  events: { kind: string; from?: string | null; to: string | null }[];
}

const isClass = (c: string): c is ChangeClass => c in MACHINES;

/** The states a request of this class passes from `from` to the first state `arrived` accepts, by the shortest way. */
function shortestPath(cls: ChangeClass, from: string, arrived: (status: string) => boolean): string[] | null {
  const machine = MACHINES[cls];
  const cameFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const status = queue.shift()!;
    if (status !== from && arrived(status)) {
      const path: string[] = [];
      for (let s: string | null = status; s && s !== from; s = cameFrom.get(s) ?? null) path.unshift(s);
      return path;
    }
    if (machine.states[status]?.closed) continue;
    for (const t of machine.transitions) {
      if (t.from.includes(status) && !cameFrom.has(t.to)) {
        cameFrom.set(t.to, status);
        queue.push(t.to);
      }
    }
  }
  return null;
}

/** The states a request of this class passes from `from` to done, by the shortest way (rejection is no way to done). */
export function remainingPath(cls: ChangeClass, from: string): string[] {
  const machine = MACHINES[cls];
  if (machine.states[from]?.closed) return [];
  return shortestPath(cls, from, (s) => !!machine.states[s]?.closed && s !== 'afvist') ?? [];
}

/**
 * The steps to show for a request: the statuses it has passed (from its transitions), where it is now, and the
 * shortest way from there to done. A lovvedligehold can go two ways after the requirements are updated; the
 * stepper shows the shorter, and the actions offered name both.
 */
export function lifecycleSteps(cr: LifecyclePosition): LifecycleStep[] {
  const labels = new Map(cr.lifecycle.map((s) => [s.status, s.label]));
  const passed: string[] = [];
  for (const e of cr.events) {
    // A status of the class before a correction is not a step of this lifecycle.
    if (e.kind !== 'transition' || !e.to || !labels.has(e.to)) continue;
    // A request the server drafted has no "Registreret" move; its first move still names the step it left.
    for (const status of [e.from, e.to]) {
      if (!status || !labels.has(status) || passed.at(-1) === status) continue;
      const seen = passed.indexOf(status);
      if (seen >= 0) passed.length = seen;
      passed.push(status);
    }
  }
  // Steps before the first one recorded were passed too (a request put in its status directly): the shortest way there.
  const first = passed[0] ?? cr.status;
  const initial = isClass(cr.class) ? MACHINES[cr.class].initial : first;
  const before = first === initial ? null : shortestPath(cr.class as ChangeClass, initial, (s) => s === first);
  if (before) passed.unshift(initial, ...before.slice(0, -1));
  const at = passed.indexOf(cr.status);
  if (at >= 0) passed.length = at;
  const ahead = cr.closed || !isClass(cr.class) ? [] : remainingPath(cr.class, cr.status);
  const state: StepState = cr.status === 'afvist' ? 'rejected' : cr.closed ? 'done' : 'current';
  return [
    ...passed.map((status) => ({ status, label: labels.get(status)!, state: 'done' as const })),
    { status: cr.status, label: labels.get(cr.status) ?? cr.status, state, here: true },
    ...ahead.map((status) => ({ status, label: labels.get(status) ?? status, state: 'upcoming' as const })),
  ];
}
