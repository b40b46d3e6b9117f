// Faggruppemøder: the session, its agenda, private assessments, the ranking with its cut line, the outcome and
// the live revision stream that tells every device when to fetch the state again.
import { can, type Role } from '../../server/auth/permissions.js';
import type { ChangeClass } from '../../server/change-requests/change-requests.service.js';
import type { ParticipantRole, Recommendation, SessionStatus } from '../../server/sessions/sessions.service.js';
// ranking.ts is pure (no imports), so the client shows the server's own rules and scale instead of a copy.
import { CATEGORY_NAMES, FIBONACCI, MOSCOW, MOSCOW_NAMES, RANKING_RULES, rankSession, type BudgetUnit, type Moscow, type RankOverride } from '../../server/sessions/ranking.js';
import { api, call } from './http.js';

export { CATEGORY_NAMES, FIBONACCI, MOSCOW, MOSCOW_NAMES, RANKING_RULES };
export type { BudgetUnit, Moscow, ParticipantRole, Recommendation, SessionStatus };

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = { forberedelse: 'Under forberedelse', afholdt: 'Afholdt', afsluttet: 'Afsluttet' };
export const PARTICIPANT_ROLE_LABELS: Record<ParticipantRole, string> = { formand: 'Formand (projektleder)', faggruppe: 'Faggruppemedlem', kl: 'KL-repræsentant' };
export const PARTICIPANT_ROLES = Object.keys(PARTICIPANT_ROLE_LABELS) as ParticipantRole[];
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = { anbefales: 'Anbefales', udskydes: 'Udskydes', afvises: 'Afvises', til_styregruppen: 'Til styregruppen' };
export const RECOMMENDATIONS = Object.keys(RECOMMENDATION_LABELS) as Recommendation[];
/**
 * May a member of the solution take part in its sessions (assess)? Asked of the server's own permission table:
 * the member's roles all hold in the solution, so they are asked as roles held everywhere.
 */
export function mayTakePart(member: { username: string; roles: Role[] }): boolean {
  return can({ name: member.username, userId: null, roles: member.roles.map((role) => ({ role, solutionId: null })) }, 'session.assess', null);
}

export const BUDGET_UNITS: BudgetUnit[] = ['timer', 'kr'];
/** The three cost-of-delay parts of WSJF, as the assessment form and the tables name them. */
export const COST_OF_DELAY_PARTS = [
  { key: 'businessValue', label: 'Forretningsværdi' },
  { key: 'timeCriticality', label: 'Tidskritikalitet' },
  { key: 'riskReduction', label: 'Risikoreduktion/mulighed' },
] as const;

const id = (n: number) => String(n);
const ids = (sessionId: number, itemId: number) => ({ id: id(sessionId), itemId: id(itemId) });

export const listSessions = (solution?: string) => call(api.sessions.$get({ query: { solution: solution || undefined } }));

export interface NewSession {
  solution: string;
  title: string;
  date: string;
  periodEnd: string;
  budgetAmount: number;
  budgetUnit: BudgetUnit;
  participants: { username: string; role: ParticipantRole }[];
}
export const createSession = (input: NewSession) => call(api.sessions.$post({ json: input }));
export const getSession = (sessionId: number) => call(api.sessions[':id'].$get({ param: { id: id(sessionId) } }));
/** The whole view only when the revision has moved past `since`. */
export const getSessionState = (sessionId: number, since?: number) =>
  call(api.sessions[':id'].state.$get({ param: { id: id(sessionId) }, query: { since } }));

export const getCandidates = (sessionId: number, filter: { class?: ChangeClass | ''; status?: string } = {}) =>
  call(api.sessions[':id'].candidates.$get({ param: { id: id(sessionId) }, query: { class: filter.class || undefined, status: filter.status || undefined } }));
export const addAgendaItems = (sessionId: number, changeRequests: string[]) => call(api.sessions[':id'].items.$post({ param: { id: id(sessionId) }, json: { changeRequests } }));
export const reorderAgenda = (sessionId: number, itemIds: number[]) => call(api.sessions[':id']['agenda-order'].$put({ param: { id: id(sessionId) }, json: { itemIds } }));
export const removeAgendaItem = (sessionId: number, itemId: number) => call(api.sessions[':id'].items[':itemId'].$delete({ param: ids(sessionId, itemId), query: {} }));

export interface AssessmentDraft {
  moscow: Moscow;
  businessValue: number;
  timeCriticality: number;
  riskReduction: number;
  comment: string;
}
export const submitAssessment = (sessionId: number, itemId: number, input: AssessmentDraft) =>
  call(api.sessions[':id'].items[':itemId'].assessment.$put({ param: ids(sessionId, itemId), json: input }));
export const revealAssessments = (sessionId: number) => call(api.sessions[':id'].reveal.$post({ param: { id: id(sessionId) }, json: {} }));

/** Moves an item to a 1-based place in the ranking; `null` puts it back where the rules place it. */
export const moveRankedItem = (sessionId: number, itemId: number, position: number | null, reason: string) =>
  call(api.sessions[':id'].items[':itemId'].override.$put({ param: ids(sessionId, itemId), json: { position, reason } }));
export const markItem = (sessionId: number, itemId: number, mark: { tilStyregruppen?: boolean; belowCutReason?: string | null; reason?: string }) =>
  call(api.sessions[':id'].items[':itemId'].$patch({ param: ids(sessionId, itemId), json: mark }));
export const recommendItem = (sessionId: number, itemId: number, input: { recommendation: Recommendation; reason: string; dissent?: string | null }) =>
  call(api.sessions[':id'].items[':itemId'].recommendation.$put({ param: ids(sessionId, itemId), json: input }));
export const transitionSession = (sessionId: number, action: 'afhold' | 'afslut', reason?: string) =>
  call(api.sessions[':id'].transitions.$post({ param: { id: id(sessionId) }, json: { action, reason } }));

/** Plain URLs (documents open in a new tab or download; the stream is read by EventSource). */
export const sessionUrls = (sessionId: number) => ({
  agendaHtml: `/api/sessions/${sessionId}/agenda.html`,
  recordHtml: `/api/sessions/${sessionId}/record.html`,
  recordDocx: `/api/sessions/${sessionId}/record.docx`,
  events: `/api/sessions/${sessionId}/events`,
});

export type SessionList = Awaited<ReturnType<typeof listSessions>>['items'];
export type SessionView = Awaited<ReturnType<typeof getSession>>;
export type SessionItem = SessionView['items'][number];
export type SessionParticipant = SessionView['participants'][number];
export type OwnAssessment = SessionView['you']['assessments'][number];
export type Ranking = NonNullable<SessionView['ranking']>;
export type RankedItem = Ranking['items'][number];
export type CutLine = Ranking['cutLine'];
export type Candidate = Awaited<ReturnType<typeof getCandidates>>['items'][number];

/** "180 timer", "250.000 kr." */
export function formatAmount(amount: number, unit: BudgetUnit): string {
  const n = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(amount);
  return unit === 'timer' ? `${n} ${amount === 1 ? 'time' : 'timer'}` : `${n} kr.`;
}

export const sessionHref = (sessionId: number) => `/moeder/${sessionId}`;
export const agendaBuilderHref = (sessionId: number) => `/moeder/${sessionId}/dagsorden`;

/** How a page hears of changes: a live event stream, polling every few seconds, or not at all (closed). */
export type LiveMode = 'live' | 'poll' | 'closed';
/** How often a device without a working event stream asks whether the session has moved on. */
export const POLL_MS = 5000;

/**
 * Calls `onChange` whenever the session may have moved on: on each `revision` event of the stream, with its
 * revision, and every POLL_MS while the stream is not open (revision null: ask /state). Returns a stop function.
 */
export function watchSession(sessionId: number, onChange: (revision: number | null, closed: boolean) => void, onMode: (mode: LiveMode) => void): () => void {
  let poller: ReturnType<typeof setInterval> | undefined;
  const poll = (on: boolean) => {
    if (on && !poller) poller = setInterval(() => onChange(null, false), POLL_MS);
    if (!on && poller) {
      clearInterval(poller);
      poller = undefined;
    }
  };
  if (typeof EventSource === 'undefined') {
    onMode('poll');
    poll(true);
    return () => poll(false);
  }
  const source = new EventSource(sessionUrls(sessionId).events);
  source.addEventListener('open', () => {
    poll(false);
    onMode('live');
  });
  source.addEventListener('revision', (e) => {
    const change = JSON.parse((e as MessageEvent<string>).data) as { revision: number; closed: boolean };
    onChange(change.revision, change.closed);
  });
  source.addEventListener('error', () => {
    // CONNECTING: the browser retries by itself; poll meanwhile. CLOSED: a closed session (204) or a refusal.
    onMode('poll');
    poll(true);
    onChange(null, false);
  });
  return () => {
    source.close();
    poll(false);
  };
}

/**
 * The place to give the server for an item to land as near `wanted` as the rules allow, found by running the
 * server's own ranking over the revealed inputs. The chair sees the final list, but a move is laid on the
 * computed order before the legal items are lifted and the line is drawn, so "one up" on screen is not always
 * one place up in the request. Null when no place moves the item that way (the law and the frame hold it).
 */
export function placeForMove(view: SessionView, itemId: number, wanted: number): { position: number; lands: number } | null {
  const ranking = view.ranking;
  if (!ranking || !view.assessments) return null;
  const current = ranking.items.find((r) => r.itemId === itemId);
  if (!current) return null;
  const items = ranking.items.map((r) => ({
    itemId: r.itemId,
    changeRequestId: r.changeRequestId,
    humanId: r.humanId,
    title: r.title,
    deadline: r.deadline,
    estimate: r.estimate,
    mustByLaw: r.mustByLaw,
    belowCutReason: r.belowCutReason,
    tilStyregruppen: r.tilStyregruppen,
  }));
  const assessments = view.assessments.map((a) => ({
    itemId: a.itemId,
    participantId: a.userId,
    moscow: a.moscow as Moscow,
    businessValue: a.businessValue,
    timeCriticality: a.timeCriticality,
    riskReduction: a.riskReduction,
  }));
  const budget = { amount: ranking.cutLine.budget, unit: ranking.cutLine.unit };
  // The order earlier moves were made in is not sent; their place in today's list stands in for it.
  const moves: RankOverride[] = ranking.items.filter((r) => r.override).map((r, i) => ({ itemId: r.itemId, position: r.override!.position, reason: r.override!.reason, seq: i }));
  const landing = (overrides: RankOverride[], id: number) => rankSession(items, assessments, budget, overrides).items.find((r) => r.itemId === id)!.position;
  const naive = { position: wanted, lands: wanted };
  // Should the copy not reproduce the list on screen, ask for the place as seen and let the server decide.
  const same = rankSession(items, assessments, budget, moves).items.every((r, i) => r.itemId === ranking.items[i].itemId);
  if (!same) return naive;
  const others = moves.filter((m) => m.itemId !== itemId);
  const up = wanted < current.position;
  let best: { position: number; lands: number } | null = null;
  for (let q = 1; q <= items.length; q++) {
    const lands = landing([...others, { itemId, position: q, reason: '', seq: moves.length }], itemId);
    if (lands === current.position || lands < current.position !== up) continue;
    if (!best || Math.abs(lands - wanted) < Math.abs(best.lands - wanted)) best = { position: q, lands };
  }
  return best;
}
