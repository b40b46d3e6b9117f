// Change requests (ændringsforslag): the five classes, their lifecycles, and the calls of the governance workflow.
import type { Role } from '../../server/auth/permissions.js';
import type { ChangeClass } from '../../server/change-requests/change-requests.service.js';
// The lifecycle table is plain data with type-only imports, so the client reads the server's own table
// for status labels instead of keeping a copy that could drift.
import { MACHINES } from '../../server/change-requests/lifecycle.js';
import type { NumberRule } from '../app/number.js';
import { CLASS_NAMES } from '../../server/text/vocabulary.js';
import { api, call, compactQuery } from './http.js';

export type { ChangeClass };

export const CHANGE_CLASSES = ['lovvedligehold', 'teknisk', 'behovsaendring', 'videreudvikling', 'genudbud'] as const satisfies readonly ChangeClass[];

export const CLASS_LABELS: Record<ChangeClass, string> = CLASS_NAMES;

/** The classes as a short list names them (tabs), where the context says it is maintenance. */
export const CLASS_SHORT_LABELS: Record<ChangeClass, string> = {
  lovvedligehold: 'Lovvedligehold',
  teknisk: 'Teknisk',
  behovsaendring: 'Behovsændring',
  videreudvikling: 'Videreudvikling',
  genudbud: 'Genudbud',
};

/** What each class is and who decides it (DOMAIN.md, the five classes), as the create form explains it. */
export const CLASS_EXPLANATIONS: Record<ChangeClass, { meaning: string; decides: string }> = {
  lovvedligehold: {
    meaning:
      'Behov, der opstår, fordi lovgivningen ændres: lovudredning, opdatering af krav og dokumentation og derefter selve ændringen. Har en hård frist: den dato, loven træder i kraft.',
    decides: 'Faggruppen udreder loven, kravredaktionen opdaterer kravene; derefter videre som behovsændring eller videreudvikling.',
  },
  teknisk: {
    meaning: 'Teknisk vedligehold: sikkerhedsopdateringer, fejlrettelser og serveropdateringer.',
    decides: 'Leverandøren i dialog med projektlederen.',
  },
  behovsaendring: {
    meaning: 'Små, ukomplicerede ændringer, fx en ny rulleliste, en ny knap eller en ny version af basissoftwaren.',
    decides: 'Aftales mellem leverandør og projektleder; styregruppen orienteres.',
  },
  videreudvikling: {
    meaning: 'Større ændringer: ny funktionalitet eller et nyt modul.',
    decides: 'Styregruppen skal godkende; faggruppen anbefaler en prioritering.',
  },
  genudbud: {
    meaning: 'Genudbud af hele løsningen. Billigere, når al dokumentation, herunder alle forretningskrav, er opdateret.',
    decides: 'Styregruppen og KOMBIT.',
  },
};

/** Who a lifecycle step waits for, in the definite form a sentence needs ("Afventer styregruppen"). */
export const ROLE_DEFINITE: Record<Role, string> = {
  admin: 'administratoren',
  kravredaktoer: 'kravredaktionen',
  projektleder: 'projektlederen',
  faggruppe: 'faggruppen',
  styregruppe: 'styregruppen',
  leverandoer: 'leverandøren',
  kommune: 'kommunen',
  lovovervaagning: 'lovovervågningen',
  laeser: 'en læser',
};

export function isChangeClass(value: string | null | undefined): value is ChangeClass {
  return (CHANGE_CLASSES as readonly string[]).includes(value ?? '');
}

/** The status's Danish label in its class's lifecycle ("Anbefalet af faggruppen"). */
export function statusLabel(cls: string, status: string): string {
  return (isChangeClass(cls) && MACHINES[cls].states[status]?.label) || status;
}

export function isClosedStatus(cls: string, status: string): boolean {
  return isChangeClass(cls) && MACHINES[cls].states[status]?.closed === true;
}

/** Every status of one class, or of all classes (labels joined where the same code means different steps). */
export function statusOptions(cls: ChangeClass | ''): { status: string; label: string }[] {
  if (cls) return Object.entries(MACHINES[cls].states).map(([status, s]) => ({ status, label: s.label }));
  const labels = new Map<string, Set<string>>();
  for (const machine of Object.values(MACHINES)) {
    for (const [status, s] of Object.entries(machine.states)) labels.set(status, (labels.get(status) ?? new Set()).add(s.label));
  }
  return [...labels].map(([status, set]) => ({ status, label: [...set].join(' / ') }));
}

export interface ChangeRequestFilters {
  solution?: string;
  class?: ChangeClass | '';
  status?: string;
  open?: boolean;
  deadlineBefore?: string;
  limit?: number;
  offset?: number;
}

export const listChangeRequests = (f: ChangeRequestFilters) =>
  call(
    api['change-requests'].$get({
      query: {
        ...compactQuery({ solution: f.solution, status: f.status, deadlineBefore: f.deadlineBefore }),
        class: f.class || undefined,
        open: f.open ? '1' : undefined,
        limit: String(f.limit ?? 50),
        offset: String(f.offset ?? 0),
      },
    }),
  );

export const getChangeRequest = (humanId: string) => call(api['change-requests'][':humanId'].$get({ param: { humanId } }));

/** The number fields of a change request and what each takes, for the form, the edit panel and the estimate. */
export const CHANGE_REQUEST_NUMBERS = {
  estimateHours: { min: 0 },
  estimateDkk: { min: 0 },
  priority: { integer: true, min: 1 },
} as const satisfies Record<string, NumberRule>;

export interface NewChangeRequest {
  solution: string;
  class: ChangeClass;
  title: string;
  description: string;
  proposer: string;
  deadline?: string | null;
  estimateHours?: number | null;
  estimateDkk?: number | null;
  priority?: number | null;
  requirements: string[];
  provisions: { sourceId: number; provisionKey: string }[];
}

export const createChangeRequest = (input: NewChangeRequest) => call(api['change-requests'].$post({ json: input }));

export interface ChangeRequestPatch {
  title?: string;
  description?: string;
  estimateHours?: number | null;
  estimateDkk?: number | null;
  priority?: number | null;
  deadline?: string | null;
  reason?: string;
}

/** Saves an edit made from `version` (the request's version when the form opened); a newer one answers 409. */
export const updateChangeRequest = (humanId: string, version: number, patch: ChangeRequestPatch) =>
  call(api['change-requests'][':humanId'].$patch({ param: { humanId }, json: { version, ...patch } }));

export interface TransitionRequest {
  action: string;
  reason: string;
  provisions?: { sourceId: number; provisionKey: string }[];
  requirementVersions?: { humanId: string; version: number }[];
  estimateHours?: number;
}

export const transitionChangeRequest = (humanId: string, input: TransitionRequest) =>
  call(api['change-requests'][':humanId'].transitions.$post({ param: { humanId }, json: input }));

export const correctClass = (humanId: string, cls: ChangeClass, reason: string) =>
  call(api['change-requests'][':humanId'].class.$post({ param: { humanId }, json: { class: cls, reason } }));

export const addComment = (humanId: string, text: string) => call(api['change-requests'][':humanId'].comments.$post({ param: { humanId }, json: { text } }));

export const addAttachment = (humanId: string, title: string, url: string) =>
  call(api['change-requests'][':humanId'].attachments.$post({ param: { humanId }, json: { title, url } }));

export const getDeadlines = (days = 60, solution?: string) => call(api.deadlines.$get({ query: { days: String(days), solution: solution || undefined } }));
export const getMyWork = () => call(api['my-work'].$get());

export type ChangeRequestList = Awaited<ReturnType<typeof listChangeRequests>>;
export type ChangeRequestListItem = ChangeRequestList['items'][number];
export type ChangeRequestDetail = Awaited<ReturnType<typeof getChangeRequest>>;
export type LifecycleAction = ChangeRequestDetail['actions'][number];
export type ChangeRequestEvent = ChangeRequestDetail['events'][number];
export type Deadlines = Awaited<ReturnType<typeof getDeadlines>>;
export type DeadlineItem = Deadlines['overdue'][number];
export type MyWork = Awaited<ReturnType<typeof getMyWork>>;
export type MyWorkSection = MyWork['sections'][number];

/** The href of a change request's page; its id contains "Æ", so it is encoded. */
export const changeRequestHref = (humanId: string) => `/aendringsforslag/${encodeURIComponent(humanId)}`;
