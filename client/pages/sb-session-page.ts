// Faggruppemødet, live on the projector and on each participant's device: private assessments until the chair
// reveals them, then the ranking with its cut line at the budget frame, the chart, the recommendations and the
// decision record. Every device follows the session's revision stream (polling /state when it cannot).
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError } from '../api/http.js';
import { changeRequestHref } from '../api/change-requests.js';
import {
  RANKING_RULES,
  agendaBuilderHref,
  formatAmount,
  getSession,
  getSessionState,
  markItem,
  moveRankedItem,
  placeForMove,
  recommendItem,
  revealAssessments,
  sessionUrls,
  submitAssessment,
  transitionSession,
  watchSession,
  MOSCOW_NAMES,
  type AssessmentDraft,
  type LiveMode,
  type Moscow,
  type SessionView,
} from '../api/sessions.js';
import { formatDate, formatDateTime, plural } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import type { SbRankingList, MoveDetail } from '../elements/sb-ranking-list.js';
import type { SbReasonDialog } from '../elements/sb-reason-dialog.js';
import type { SaveState } from '../elements/sb-session-assessment.js';
import type { RecommendDetail } from '../elements/sb-session-outcome.js';
import { largeType, largeTypePreferred, rememberLargeType, scalableControls } from '../elements/sb-session-styles.js';
import '../elements/sb-badge.js';
import '../elements/sb-ranking-list.js';
import '../elements/sb-ranking-totals.js';
import '../elements/sb-reason-dialog.js';
import '../elements/sb-session-assessment.js';
import '../elements/sb-session-outcome.js';
import '../elements/sb-session-participants.js';
import '../elements/sb-value-size-chart.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const IDLE: SaveState = { kind: 'idle' };
const STATUS_TONES = { forberedelse: 'info', afholdt: 'warning', afsluttet: 'success' } as const;

/** What the reason dialog is open for. */
type Pending = { kind: 'move'; move: MoveDetail; lands: number | null } | { kind: 'below-cut'; itemId: number; humanId: string } | { kind: 'close' };

function saveError(err: unknown): SaveState {
  const e = toApiError(err);
  return { kind: 'error', message: e.message, fields: e.fields };
}

@customElement('sb-session-page')
export class SbSessionPage extends PageElement {
  static override styles = [
    base,
    scalableControls,
    largeType,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3);
        align-items: center;
      }
      .button[aria-pressed='true'] {
        background: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .live {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-2);
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        font-weight: 600;
      }
      .dot {
        width: 0.7em;
        height: 0.7em;
        border-radius: 50%;
        background: var(--sb-color-border-strong);
      }
      .live.on .dot {
        background: var(--sb-color-success);
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3) var(--sb-space-6);
        margin: 0 0 var(--sb-space-4);
      }
      .facts div {
        display: flex;
        flex-direction: column-reverse;
      }
      .facts dt {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        font-weight: 600;
      }
      .facts dd {
        margin: 0;
        font-weight: 650;
        font-size: var(--sb-font-size-lg);
      }
      .documents {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-4);
        margin: 0 0 var(--sb-space-4);
        padding: 0;
        list-style: none;
      }
      .items {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--sb-space-3);
      }
      .panel {
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-4) var(--sb-space-5);
        box-shadow: var(--sb-shadow);
      }
      .panel.chair {
        border-left: 6px solid var(--sb-color-primary);
      }
      .panel > :last-child {
        margin-bottom: 0;
      }
      details.own {
        margin-top: var(--sb-space-4);
      }
      details > summary {
        cursor: pointer;
        font-weight: 650;
        color: var(--sb-color-primary);
        padding: var(--sb-space-2) 0;
      }
      .rules li + li {
        margin-top: var(--sb-space-2);
      }
      .handoffs {
        list-style: none;
        margin: 0;
        padding: var(--sb-space-2) var(--sb-space-4);
        overflow-wrap: anywhere;
      }
      .handoffs li {
        padding: var(--sb-space-2) 0;
      }
      .handoffs li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .closed-banner {
        font-size: var(--sb-font-size-lg);
      }
      .steps {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
        gap: var(--sb-space-4);
      }
      .steps h3 {
        font-size: var(--sb-font-size-md);
      }
      .vote {
        white-space: nowrap;
      }
    `,
  ];

  @property({ type: Number }) sessionId = -1;
  /** Large type for the projector; remembered in this browser. */
  @property({ type: Boolean, reflect: true }) large = largeTypePreferred();

  @state() private _live: LiveMode = 'poll';
  @state() private _assessStates = new Map<number, SaveState>();
  @state() private _recStates = new Map<number, SaveState>();
  @state() private _notice = '';
  @state() private _actionError: ApiError | null = null;
  @state() private _busy = false;
  @state() private _pending: Pending | null = null;
  @state() private _dialogError = '';

  private _session = new Resource<SessionView>(this);
  private _stopWatching: (() => void) | null = null;
  private _refreshing: Promise<void> | null = null;
  private _refreshAgain = false;

  @query('sb-reason-dialog') private _dialog!: SbReasonDialog;
  @query('sb-ranking-list') private _rankingList?: SbRankingList;

  private get _view(): SessionView | undefined {
    return this._session.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionId')) this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopWatching?.();
    this._stopWatching = null;
  }

  override updated(): void {
    const v = this._view;
    if (v) this.setTitle(`${v.title} – Faggruppemøde`);
  }

  private async _load() {
    const view = await this._session.load(() => getSession(this.sessionId));
    if (view) this._watch(view);
  }

  private _watch(view: SessionView) {
    this._stopWatching?.();
    this._stopWatching = null;
    if (view.status === 'afsluttet') {
      this._live = 'closed';
      return;
    }
    this._stopWatching = watchSession(
      this.sessionId,
      (revision) => {
        if (revision === null || revision !== this._view?.revision) void this._refresh();
      },
      (mode) => (this._live = mode),
    );
  }

  /** Fetches the state once at a time; a change that arrives meanwhile fetches once more afterwards. */
  private async _refresh(): Promise<void> {
    if (this._refreshing) {
      this._refreshAgain = true;
      return this._refreshing;
    }
    this._refreshing = (async () => {
      do {
        this._refreshAgain = false;
        try {
          const state = await getSessionState(this.sessionId, this._view?.revision);
          if (state.changed) this._apply(state.session);
        } catch {
          // The next event or poll tries again; a lost login is handled by the app shell.
        }
      } while (this._refreshAgain);
    })();
    try {
      await this._refreshing;
    } finally {
      this._refreshing = null;
    }
  }

  /** Takes a newer view, from the server's answer to a change or from the live stream. */
  private _apply(view: SessionView) {
    const current = this._view;
    if (current && view.revision < current.revision) return;
    this._session.set(view);
    if (view.status === 'afsluttet' && this._live !== 'closed') {
      this._stopWatching?.();
      this._stopWatching = null;
      this._live = 'closed';
    }
  }

  override render() {
    const state = this._session.state;
    if (state.status === 'error') {
      return html`${this._renderCrumbs('Faggruppemøde')}
        <h1 tabindex="-1">Faggruppemøde</h1>
        <sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    }
    const v = this._view;
    if (!v) return html`<h1 tabindex="-1" class="visually-hidden">Faggruppemøde</h1><sb-loading label="Henter mødet…"></sb-loading>`;
    return html`${this._renderCrumbs(v.title)} ${this._renderHeader(v)}
      <div role="status">${this._notice ? html`<div class="alert success"><p>${this._notice}</p></div>` : nothing}</div>
      ${this._actionError ? html`<sb-error-alert .error=${this._actionError} heading="Det lykkedes ikke"></sb-error-alert>` : nothing}
      ${v.status === 'afsluttet' ? this._renderClosed(v) : nothing} ${this._renderParticipants(v)}
      ${v.revealed ? this._renderRevealed(v) : this._renderAssessing(v)} ${this._renderConclusion(v)}
      <sb-reason-dialog
        .heading=${this._dialogHeading()}
        .description=${this._dialogDescription()}
        .confirmLabel=${this._pending?.kind === 'close' ? 'Afslut mødet' : this._pending?.kind === 'below-cut' ? 'Gem begrundelse' : 'Flyt punktet'}
        .reasonLabel=${this._pending?.kind === 'close' ? 'Bemærkning til afslutningen' : this._pending?.kind === 'below-cut' ? 'Hvorfor må punktet stå under linjen?' : 'Hvorfor flyttes punktet?'}
        confirmTone="primary"
        .busy=${this._busy}
        .error=${this._dialogError}
        @sb-confirm=${this._onDialogConfirm}
        @sb-cancel=${this._onDialogCancel}
      ></sb-reason-dialog>`;
  }

  private _renderCrumbs(current: string) {
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
      <ol>
        <li><a href="/moeder">Faggruppemøder</a></li>
        <li><span aria-current="page">${current}</span></li>
      </ol>
    </nav>`;
  }

  private _renderHeader(v: SessionView) {
    return html`<div class="page-header">
        <div>
          <span class="eyebrow">${v.solution.name} (${v.solution.code}) · Faggruppemøde</span>
          <h1 tabindex="-1">${v.title}</h1>
        </div>
        <div class="toolbar">
          ${v.status === 'afsluttet'
            ? nothing
            : html`<span class="live ${this._live === 'live' ? 'on' : ''}"
                ><span class="dot" aria-hidden="true"></span>${this._live === 'live' ? 'Opdateres live' : 'Opdateres hvert 5. sekund'}</span
              >`}
          <button class="button" type="button" aria-pressed=${this.large ? 'true' : 'false'} @click=${this._toggleLarge}>
            <span aria-hidden="true">A+</span> Stor skrift
          </button>
        </div>
      </div>
      <dl class="facts">
        <div><dt>Mødedato</dt><dd>${formatDate(v.date)}</dd></div>
        <div><dt>Perioden slutter</dt><dd>${formatDate(v.periodEnd)}</dd></div>
        ${v.budget.amount === null ? nothing : html`<div><dt>Budgetramme</dt><dd>${formatAmount(v.budget.amount, v.budget.unit)}</dd></div>`}
        <div><dt>Status</dt><dd><sb-badge tone=${STATUS_TONES[v.status]}>${v.statusLabel}</sb-badge></dd></div>
        <div><dt>Punkter</dt><dd>${v.items.length}</dd></div>
      </dl>
      ${this._renderDocuments(v)}`;
  }

  private _renderDocuments(v: SessionView) {
    const urls = sessionUrls(v.id);
    const chairPreparing = v.you.canManage && v.status === 'forberedelse';
    return html`<ul class="documents" aria-label="Dokumenter og dagsorden">
      ${chairPreparing ? html`<li><a class="button small" href=${agendaBuilderHref(v.id)}>Redigér dagsorden</a></li>` : nothing}
      <li><a href=${urls.agendaHtml} target="_blank" rel="noopener">Udskriv dagsorden (åbner i nyt vindue)</a></li>
      ${v.revealed
        ? html`<li><a href=${urls.recordHtml} target="_blank" rel="noopener">Beslutningsoplæg (HTML, åbner i nyt vindue)</a></li>
            <li><a href=${urls.recordDocx} download>Beslutningsoplæg (DOCX)</a></li>`
        : nothing}
    </ul>`;
  }

  private _renderClosed(v: SessionView) {
    return html`<div class="alert info closed-banner">
      <p class="alert-title">Mødet er afsluttet og kan ikke ændres</p>
      <p>Afsluttet ${formatDateTime(v.closedAt)}${v.closedBy ? ` af ${v.closedBy}` : ''}. Anbefalingerne står i ændringsforslagenes historik.</p>
    </div>
    ${v.handoffs?.length ? this._renderHandoffs(v.handoffs) : nothing}`;
  }

  /** What closing did to each change request; the steps that were not possible first, for someone to take up. */
  private _renderHandoffs(handoffs: NonNullable<SessionView['handoffs']>) {
    const notPossible = handoffs.filter((h) => h.outcome === 'ikke_muligt');
    const OUTCOMES = { flyttet: 'Flyttet', udskudt: 'Udskudt', uaendret: 'Uændret', ikke_muligt: 'Ikke muligt' } as const;
    return html`<section class="section" aria-labelledby="handoffs-heading">
      <h2 id="handoffs-heading">Anbefalingerne på ændringsforslagene</h2>
      ${notPossible.length
        ? html`<div class="alert warning" role="note">
            <p class="alert-title">${notPossible.length === 1 ? '1 anbefaling kunne ikke føres ud' : `${notPossible.length} anbefalinger kunne ikke føres ud`}</p>
            <p>Forslagene står, hvor de stod; tag dem op på forslagets side.</p>
          </div>`
        : nothing}
      <ul class="plain-list card handoffs">
        ${handoffs.map(
          (h) => html`<li data-outcome=${h.outcome}>
            <a href=${changeRequestHref(h.humanId)}><span class="mono">${h.humanId}</span> ${h.title}</a>
            <div class="small"><strong>${OUTCOMES[h.outcome]}</strong> · ${h.message}</div>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private _renderParticipants(v: SessionView) {
    return html`<section class="section" aria-labelledby="participants-heading">
      <h2 id="participants-heading">Deltagere</h2>
      ${v.participants.length
        ? html`<sb-session-participants .participants=${v.participants} .itemCount=${v.items.length}></sb-session-participants>`
        : html`<p class="muted">Mødet har ingen deltagere.</p>`}
    </section>`;
  }

  /** Before the reveal: the assessment forms for participants, the agenda for everyone, the reveal for the chair. */
  private _renderAssessing(v: SessionView) {
    const chair = v.you.role === 'formand';
    const own = (itemId: number) => v.you.assessments.find((a) => a.itemId === itemId) ?? null;
    const forms = html`<ol class="items" aria-label="Dine vurderinger">
      ${repeat(
        v.items,
        (item) => item.id,
        (item, i) =>
          html`<li>
            <sb-session-assessment
              .item=${item}
              .position=${i + 1}
              .saved=${own(item.id)}
              .unit=${v.budget.unit}
              .saveState=${this._assessStates.get(item.id) ?? IDLE}
              @sb-assess=${this._onAssess}
            ></sb-session-assessment>
          </li>`,
      )}
    </ol>`;
    const agenda = html`<ol class="items" aria-label="Dagsorden">
      ${repeat(
        v.items,
        (item) => item.id,
        (item, i) =>
          html`<li><sb-session-assessment readonly .item=${item} .position=${i + 1} .saved=${chair ? null : own(item.id)} .unit=${v.budget.unit}></sb-session-assessment></li>`,
      )}
    </ol>`;
    if (!v.items.length) {
      return html`<section class="section" aria-labelledby="assess-heading">
        <h2 id="assess-heading">Dagsorden</h2>
        <div class="empty">
          <p>Dagsordenen er tom.</p>
          ${v.you.canManage ? html`<p><a href=${agendaBuilderHref(v.id)}>Byg dagsordenen</a></p>` : nothing}
        </div>
      </section>`;
    }
    const participantView = v.you.canAssess && !chair;
    return html`${v.you.canManage ? this._renderReveal(v) : nothing}
      <section class="section" aria-labelledby="assess-heading">
        <h2 id="assess-heading">${participantView ? 'Din vurdering' : 'Dagsorden'}</h2>
        <p class="muted">
          ${participantView
            ? 'Vurdér hvert punkt: MoSCoW og de tre dele af cost of delay på skalaen 1, 2, 3, 5, 8, 13, 20. Din vurdering er privat, indtil formanden viser alle vurderinger; de andre ser kun, hvor mange punkter du har vurderet.'
            : 'Deltagerne vurderer punkterne på deres egne enheder. Vurderingerne er skjulte, indtil formanden viser dem.'}
        </p>
        ${participantView ? forms : agenda}
        ${v.you.canAssess && chair
          ? html`<details class="own">
              <summary>Din egen vurdering som formand (skjult på projektoren)</summary>
              ${forms}
            </details>`
          : nothing}
      </section>
      ${this._renderRules()}`;
  }

  private _renderReveal(v: SessionView) {
    const expected = v.participants.filter((p) => p.role !== 'formand');
    const done = expected.filter((p) => p.assessedCount >= v.items.length).length;
    return html`<section class="section panel chair" aria-labelledby="reveal-heading">
      <h2 id="reveal-heading">Vis vurderingerne</h2>
      <p>
        ${done} af ${plural(expected.length, 'deltager', 'deltagere')} har vurderet alle punkter. Når du viser vurderingerne, ser alle hinandens værdier og rangeringen med
        skærelinjen. Det kan ikke fortrydes.
      </p>
      <button class="button primary" type="button" ?disabled=${this._busy || !v.items.length} @click=${this._onReveal}>Vis alle vurderinger</button>
    </section>`;
  }

  private _renderRules() {
    return html`<details class="section">
      <summary>Sådan rangeres punkterne</summary>
      <ol class="rules">
        ${RANKING_RULES.map((r) => html`<li>${r}</li>`)}
      </ol>
    </details>`;
  }

  /** After the reveal: totals, the ranked list with the cut line, the chart, the recommendations. */
  private _renderRevealed(v: SessionView) {
    const ranking = v.ranking;
    if (!ranking) return this._renderRecommendationsOnly(v);
    const manage = v.you.canManage;
    return html`<section class="section" aria-labelledby="ranking-heading">
        <div class="section-header">
          <h2 id="ranking-heading">Rangering</h2>
          <span class="muted small">Vist ${formatDateTime(v.revealedAt)}${v.revealedBy ? ` af ${v.revealedBy}` : ''}</span>
        </div>
        <sb-ranking-totals .ranking=${ranking}></sb-ranking-totals>
        <div class="section">
          <sb-ranking-list
            .ranking=${ranking}
            .items=${v.items}
            .unit=${v.budget.unit}
            ?manage=${manage}
            ?compact=${this.large}
            .selectedItem=${this._pending?.kind === 'move' ? this._pending.move.itemId : null}
            @sb-move=${this._onMove}
            @sb-mark=${this._onMark}
            @sb-below-cut=${this._onBelowCut}
          ></sb-ranking-list>
        </div>
      </section>
      ${this._renderRules()}
      <section class="section" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Værdi mod størrelse</h2>
        <sb-value-size-chart .items=${ranking.items} .unit=${v.budget.unit}></sb-value-size-chart>
      </section>
      ${this._renderAllAssessments(v)}
      <section class="section" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">Anbefalinger</h2>
        <p class="muted">
          ${manage
            ? 'Registrér gruppens anbefaling for hvert punkt med begrundelse og eventuel dissens. Forslaget følger skærelinjen; gruppen beslutter.'
            : 'Gruppens anbefaling for hvert punkt, som formanden har registreret den.'}
        </p>
        <sb-session-outcome .ranked=${ranking.items} .items=${v.items} ?manage=${manage} .saveStates=${this._recStates} @sb-recommend=${this._onRecommend}></sb-session-outcome>
      </section>`;
  }

  /** The supplier's view: the server leaves out the ranking (drawn at the budget) and the individual assessments. */
  private _renderRecommendationsOnly(v: SessionView) {
    return html`<section class="section" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">Anbefalinger</h2>
      <p class="muted">Gruppens anbefaling for hvert punkt. Vurderingerne og budgetrammen er faggruppens og projektlederens.</p>
      <ul>
        ${v.items.map(
          (item) => html`<li><a href=${changeRequestHref(item.changeRequest.humanId)}>${item.changeRequest.humanId}</a> ${item.changeRequest.title}: ${item.recommendation?.label ?? 'ingen anbefaling endnu'}</li>`,
        )}
      </ul>
    </section>`;
  }

  private _renderAllAssessments(v: SessionView) {
    const all = v.assessments ?? [];
    const assessors = v.participants.filter((p) => all.some((a) => a.userId === p.userId));
    const own = v.you.canAssess;
    return html`<section class="section" aria-labelledby="all-heading">
      <h2 id="all-heading">Vurderinger</h2>
      <details>
        <summary>Se alle deltageres vurderinger</summary>
        <div class="table-wrap">
          <table>
            <caption>Vurderinger: MoSCoW og forretningsværdi / tidskritikalitet / risikoreduktion</caption>
            <thead>
              <tr>
                <th scope="col">Punkt</th>
                ${assessors.map((p) => html`<th scope="col">${p.displayName}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${v.ranking!.items.map(
                (r) => html`<tr>
                  <th scope="row">${r.position}. ${r.humanId}</th>
                  ${assessors.map((p) => {
                    const a = all.find((x) => x.itemId === r.itemId && x.userId === p.userId);
                    return html`<td class="vote">
                      ${a ? html`${MOSCOW_NAMES[a.moscow as Moscow] ?? a.moscow} · ${a.businessValue}/${a.timeCriticality}/${a.riskReduction}` : html`<span class="muted">–</span>`}
                    </td>`;
                  })}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
      ${own
        ? html`<details class="own">
            <summary>Ret din egen vurdering (ændringer efter visningen er synlige for alle)</summary>
            <ol class="items" aria-label="Dine vurderinger">
              ${repeat(
                v.items,
                (item) => item.id,
                (item, i) =>
                  html`<li>
                    <sb-session-assessment
                      .item=${item}
                      .position=${i + 1}
                      .saved=${v.you.assessments.find((a) => a.itemId === item.id) ?? null}
                      .unit=${v.budget.unit}
                      .saveState=${this._assessStates.get(item.id) ?? IDLE}
                      @sb-assess=${this._onAssess}
                    ></sb-session-assessment>
                  </li>`,
              )}
            </ol>
          </details>`
        : nothing}
    </section>`;
  }

  /** Holding and closing, per the server's rules, and the decision record. */
  private _renderConclusion(v: SessionView) {
    if (!v.you.canManage) return nothing;
    const missing = v.items.filter((i) => !i.recommendation).length;
    const canHold = v.status === 'forberedelse' && v.items.length > 0;
    const canClose = v.status === 'afholdt' && v.revealed && missing === 0;
    return html`<section class="section panel chair" aria-labelledby="conclude-heading">
      <h2 id="conclude-heading">Mødets afslutning</h2>
      <div class="steps">
        <div>
          <h3>1. Markér mødet som afholdt</h3>
          <p class="muted">Derefter ligger dagsordenen fast.</p>
          ${v.status === 'forberedelse'
            ? html`<button class="button" type="button" ?disabled=${this._busy || !canHold} @click=${this._onHold}>Markér som afholdt</button>
                ${v.items.length ? nothing : html`<p class="hint">Dagsordenen er tom.</p>`}`
            : html`<p><sb-badge tone="success">Afholdt</sb-badge></p>`}
        </div>
        <div>
          <h3>2. Afslut mødet</h3>
          <p class="muted">Fryser beslutningsoplægget og skriver anbefalingerne i ændringsforslagenes historik. Mødet bliver skrivebeskyttet.</p>
          <button class="button primary" type="button" ?disabled=${this._busy || !canClose} aria-describedby="close-hint" @click=${this._onAskClose}>Afslut møde</button>
          <p class="hint" id="close-hint">
            ${v.status === 'forberedelse'
              ? 'Mødet skal først markeres som afholdt.'
              : !v.revealed
                ? 'Vurderingerne skal vises først.'
                : missing
                  ? `${missing} ${missing === 1 ? 'punkt mangler' : 'punkter mangler'} en anbefaling.`
                  : 'Alle punkter har en anbefaling.'}
          </p>
        </div>
      </div>
    </section>`;
  }

  private _toggleLarge() {
    this.large = !this.large;
    rememberLargeType(this.large);
  }

  private _say(message: string) {
    this._notice = message;
    this._actionError = null;
  }

  private async _onAssess(e: CustomEvent<{ itemId: number; assessment: AssessmentDraft }>) {
    const { itemId, assessment } = e.detail;
    this._assessStates = new Map(this._assessStates).set(itemId, { kind: 'saving' });
    try {
      const view = await submitAssessment(this.sessionId, itemId, assessment);
      this._apply(view);
      this._assessStates = new Map(this._assessStates).set(itemId, { kind: 'saved' });
    } catch (err) {
      this._assessStates = new Map(this._assessStates).set(itemId, saveError(err));
    }
  }

  private async _run(action: () => Promise<SessionView>, success: string): Promise<boolean> {
    this._busy = true;
    try {
      this._apply(await action());
      this._say(success);
      return true;
    } catch (err) {
      this._actionError = toApiError(err);
      this._notice = '';
      return false;
    } finally {
      this._busy = false;
    }
  }

  private async _onReveal() {
    await this._run(() => revealAssessments(this.sessionId), 'Vurderingerne er vist. Rangeringen og skærelinjen står nedenfor.');
  }

  private async _onHold() {
    await this._run(() => transitionSession(this.sessionId, 'afhold'), 'Mødet er markeret som afholdt. Dagsordenen ligger nu fast.');
  }

  private _onMove(e: CustomEvent<MoveDetail>) {
    const move = e.detail;
    const view = this._view;
    if (!view) return;
    if (move.position === null) {
      this._openDialog({ kind: 'move', move, lands: null });
      return;
    }
    const place = placeForMove(view, move.itemId, move.position);
    if (!place) {
      this._say(`${move.humanId} kan ikke flyttes længere ${move.position < move.from ? 'op' : 'ned'}: lovvedligehold med frist i perioden og budgetrammen holder det på plads ${move.from}.`);
      void this._rankingList?.focusItem(move.itemId);
      return;
    }
    this._openDialog({ kind: 'move', move: { ...move, position: place.position }, lands: place.lands });
  }

  private _onBelowCut(e: CustomEvent<{ itemId: number; humanId: string; withdraw: boolean }>) {
    const { itemId, humanId, withdraw } = e.detail;
    if (withdraw) {
      void this._run(() => markItem(this.sessionId, itemId, { belowCutReason: null, reason: 'Begrundelsen er trukket tilbage' }), `${humanId} skal igen stå over linjen.`);
      return;
    }
    this._openDialog({ kind: 'below-cut', itemId, humanId });
  }

  private async _onMark(e: CustomEvent<{ itemId: number; tilStyregruppen: boolean }>) {
    const { itemId, tilStyregruppen } = e.detail;
    const humanId = this._view?.items.find((i) => i.id === itemId)?.changeRequest.humanId ?? '';
    await this._run(
      () => markItem(this.sessionId, itemId, { tilStyregruppen }),
      tilStyregruppen ? `${humanId} er markeret til styregruppen.` : `${humanId} er ikke længere markeret til styregruppen.`,
    );
  }

  private _onAskClose() {
    this._openDialog({ kind: 'close' });
  }

  private _openDialog(pending: Pending) {
    this._pending = pending;
    this._dialogError = '';
    void this.updateComplete.then(() => this._dialog.open());
  }

  private _dialogHeading(): string {
    const p = this._pending;
    if (!p) return '';
    if (p.kind === 'close') return 'Afslut mødet';
    if (p.kind === 'below-cut') return `Lad ${p.humanId} stå under linjen`;
    return p.move.position === null ? `Fjern formandens flytning af ${p.move.humanId}` : `Flyt ${p.move.humanId} fra plads ${p.move.from} til plads ${p.lands ?? p.move.position}`;
  }

  private _dialogDescription(): string {
    const p = this._pending;
    if (!p) return '';
    if (p.kind === 'close') return 'Beslutningsoplægget fryses, og anbefalingerne skrives i ændringsforslagenes historik og føres ud på forslagene: til styregruppen, udskudt eller afvist. Et afsluttet møde kan ikke ændres.';
    if (p.kind === 'below-cut') return 'Lovvedligehold med frist i perioden står over linjen, medmindre formanden skriver, hvorfor det ikke skal.';
    return 'Begrundelsen står ved punktet i rangeringen og i beslutningsoplægget.';
  }

  private async _onDialogConfirm(e: CustomEvent<{ reason: string }>) {
    const p = this._pending;
    if (!p) return;
    const reason = e.detail.reason;
    this._busy = true;
    try {
      let view: SessionView;
      let message: string;
      if (p.kind === 'move') {
        view = await moveRankedItem(this.sessionId, p.move.itemId, p.move.position, reason);
        const now = view.ranking?.items.find((i) => i.itemId === p.move.itemId);
        message = p.move.position === null ? `${p.move.humanId} står igen, hvor reglerne placerer det.` : `${p.move.humanId} er flyttet til plads ${now?.position ?? p.move.position}.`;
      } else if (p.kind === 'below-cut') {
        view = await markItem(this.sessionId, p.itemId, { belowCutReason: reason });
        message = `Begrundelsen for ${p.humanId} er gemt.`;
      } else {
        view = await transitionSession(this.sessionId, 'afslut', reason);
        const notPossible = view.handoffs?.filter((h) => h.outcome === 'ikke_muligt').length ?? 0;
        message = `Mødet er afsluttet. Anbefalingerne er ført ud på ændringsforslagene${notPossible ? `; ${notPossible} kunne ikke føres ud` : ''}.`;
      }
      this._dialog.close();
      this._pending = null;
      this._apply(view);
      this._say(message);
      await this.updateComplete;
      if (p.kind === 'move') void this._rankingList?.focusItem(p.move.itemId);
      else if (p.kind === 'close') void this._focusHeading();
    } catch (err) {
      this._dialogError = toApiError(err).message;
    } finally {
      this._busy = false;
    }
  }

  private _onDialogCancel() {
    const p = this._pending;
    this._pending = null;
    if (p?.kind === 'move' || p?.kind === 'below-cut') void this._rankingList?.focusItem(p.kind === 'move' ? p.move.itemId : p.itemId);
  }

  private async _focusHeading() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async _onRecommend(e: CustomEvent<RecommendDetail>) {
    const { itemId, recommendation, reason, dissent } = e.detail;
    this._recStates = new Map(this._recStates).set(itemId, { kind: 'saving' });
    try {
      this._apply(await recommendItem(this.sessionId, itemId, { recommendation, reason, dissent }));
      this._recStates = new Map(this._recStates).set(itemId, { kind: 'saved' });
    } catch (err) {
      this._recStates = new Map(this._recStates).set(itemId, saveError(err));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-session-page': SbSessionPage;
  }
}
