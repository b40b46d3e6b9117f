// The governance model as state machines: per class of change, which transitions exist and which roles
// may make them. This table is the specification the server enforces (DOMAIN.md, the five classes).
import type { Role } from '../auth/permissions.js';
import type { ChangeClass } from './change-requests.service.js';

export interface Transition {
  action: string;
  /** Danish label of the action, as the UI offers it. */
  label: string;
  from: readonly string[];
  to: string;
  roles: readonly Role[];
  /** The steering group is informed (behovsændringer). */
  orientering?: boolean;
  /** The faggruppe's legal analysis names the provisions concerned. */
  requiresProvisions?: boolean;
  /** The kravredaktion records which requirement versions the change produced. */
  recordsRequirementVersions?: boolean;
}

export interface Machine {
  initial: string;
  states: Record<string, { label: string; closed?: boolean }>;
  transitions: readonly Transition[];
}

const done = { label: 'Udført', closed: true };
const rejected = { label: 'Afvist', closed: true };

const execute = (from: string[]): Transition => ({ action: 'udfoer', label: 'Markér som udført', from, to: 'udfoert', roles: ['projektleder', 'leverandoer'] });

export const MACHINES: Record<ChangeClass, Machine> = {
  behovsaendring: {
    initial: 'oprettet',
    states: { oprettet: { label: 'Oprettet' }, vurderet: { label: 'Estimeret' }, aftalt: { label: 'Aftalt med leverandøren' }, udfoert: done, afvist: rejected },
    transitions: [
      { action: 'estimer', label: 'Estimér', from: ['oprettet'], to: 'vurderet', roles: ['projektleder', 'leverandoer'] },
      { action: 'aftal', label: 'Aftal med leverandøren', from: ['oprettet', 'vurderet'], to: 'aftalt', roles: ['projektleder'], orientering: true },
      execute(['aftalt']),
      { action: 'afvis', label: 'Afvis', from: ['oprettet', 'vurderet'], to: 'afvist', roles: ['projektleder'] },
    ],
  },
  videreudvikling: {
    initial: 'oprettet',
    states: {
      oprettet: { label: 'Oprettet' },
      anbefalet: { label: 'Anbefalet af faggruppen' },
      godkendt: { label: 'Godkendt af styregruppen' },
      i_gang: { label: 'Under udførelse' },
      udfoert: done,
      afvist: rejected,
    },
    transitions: [
      { action: 'anbefal', label: 'Anbefal til styregruppen', from: ['oprettet'], to: 'anbefalet', roles: ['faggruppe'] },
      { action: 'godkend', label: 'Godkend', from: ['anbefalet'], to: 'godkendt', roles: ['styregruppe'] },
      { action: 'afvis', label: 'Afvis', from: ['anbefalet'], to: 'afvist', roles: ['styregruppe'] },
      { action: 'igangsaet', label: 'Igangsæt med leverandøren', from: ['godkendt'], to: 'i_gang', roles: ['projektleder'] },
      execute(['i_gang']),
    ],
  },
  teknisk: {
    initial: 'oprettet',
    states: { oprettet: { label: 'Oprettet' }, i_gang: { label: 'Under udførelse' }, udfoert: done, afvist: rejected },
    transitions: [
      { action: 'igangsaet', label: 'Igangsæt', from: ['oprettet'], to: 'i_gang', roles: ['leverandoer', 'projektleder'] },
      execute(['i_gang']),
      { action: 'afvis', label: 'Afvis', from: ['oprettet'], to: 'afvist', roles: ['projektleder'] },
    ],
  },
  lovvedligehold: {
    initial: 'oprettet',
    states: {
      oprettet: { label: 'Til lovudredning' },
      udredt: { label: 'Lovudredning afsluttet' },
      krav_opdateret: { label: 'Krav opdateret' },
      aftalt: { label: 'Aftalt som behovsændring' },
      anbefalet: { label: 'Anbefalet som videreudvikling' },
      godkendt: { label: 'Godkendt af styregruppen' },
      i_gang: { label: 'Under udførelse' },
      udfoert: done,
      afvist: rejected,
    },
    transitions: [
      { action: 'udred', label: 'Afslut lovudredning', from: ['oprettet'], to: 'udredt', roles: ['faggruppe'], requiresProvisions: true },
      { action: 'opdater_krav', label: 'Krav er opdateret', from: ['udredt'], to: 'krav_opdateret', roles: ['kravredaktoer'], recordsRequirementVersions: true },
      { action: 'aftal', label: 'Videre som behovsændring', from: ['krav_opdateret'], to: 'aftalt', roles: ['projektleder'], orientering: true },
      { action: 'anbefal', label: 'Videre som videreudvikling', from: ['krav_opdateret'], to: 'anbefalet', roles: ['faggruppe'] },
      { action: 'godkend', label: 'Godkend', from: ['anbefalet'], to: 'godkendt', roles: ['styregruppe'] },
      { action: 'afvis', label: 'Afvis', from: ['anbefalet'], to: 'afvist', roles: ['styregruppe'] },
      { action: 'igangsaet', label: 'Igangsæt med leverandøren', from: ['godkendt'], to: 'i_gang', roles: ['projektleder'] },
      execute(['aftalt', 'i_gang']),
    ],
  },
  genudbud: {
    initial: 'oprettet',
    states: {
      oprettet: { label: 'Oprettet' },
      forberedelse: { label: 'Under forberedelse' },
      godkendt: { label: 'Godkendt til udbud' },
      udbudt: { label: 'Udbudt' },
      afsluttet: { label: 'Afsluttet', closed: true },
    },
    transitions: [
      { action: 'forbered', label: 'Start forberedelse', from: ['oprettet'], to: 'forberedelse', roles: ['projektleder'] },
      { action: 'godkend', label: 'Godkend udbudsmaterialet', from: ['forberedelse'], to: 'godkendt', roles: ['styregruppe'] },
      { action: 'udbyd', label: 'Markér som udbudt', from: ['godkendt'], to: 'udbudt', roles: ['projektleder'] },
      { action: 'afslut', label: 'Afslut genudbuddet', from: ['udbudt'], to: 'afsluttet', roles: ['projektleder'] },
    ],
  },
};

export function isClosed(cls: ChangeClass, status: string): boolean {
  return MACHINES[cls].states[status]?.closed === true;
}

export function transitionsFrom(cls: ChangeClass, status: string): Transition[] {
  return MACHINES[cls].transitions.filter((t) => t.from.includes(status));
}

/** Every status that ends a request in some class, read off the machines above. */
export const CLOSED_STATUSES: readonly string[] = [
  ...new Set(Object.values(MACHINES).flatMap((m) => Object.entries(m.states).filter(([, s]) => s.closed).map(([status]) => status))),
];

/**
 * Taking a deferred request up again: a faggruppe meeting put it off ("Udskydes"), so it waits for nobody's step
 * until the projektleder, who prepares the meetings, takes it up again. Its status is kept meanwhile.
 */
export const RESUME = { action: 'genoptag', label: 'Genoptag', roles: ['projektleder'] as readonly Role[] } as const;

/**
 * The steps a request can take next: its class's transitions from its status, or, while it is deferred, only
 * taking it up again. The request page's "Næste skridt" and each user's "Mit arbejde" both read this, so what a
 * request says awaits someone is exactly what their work list holds.
 */
export function nextSteps(cls: ChangeClass, status: string, deferred: boolean): Transition[] {
  if (isClosed(cls, status)) return [];
  if (deferred) return [{ ...RESUME, from: [status], to: status }];
  return transitionsFrom(cls, status);
}

/** Of the next steps, the ones that await someone holding these roles in the request's solution. */
export function stepsAwaiting(steps: readonly Transition[], held: ReadonlySet<Role>): Transition[] {
  return steps.filter((t) => t.roles.some((r) => held.has(r)));
}

/** Does the status put the request in front of the steering group (a step there is theirs)? */
export function awaitsSteeringGroup(cls: ChangeClass, status: string): boolean {
  return transitionsFrom(cls, status).some((t) => t.roles.includes('styregruppe'));
}
