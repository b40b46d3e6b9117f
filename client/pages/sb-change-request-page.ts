// Ændringsforslag: one change request: where it is in its class's lifecycle, the next steps and who takes them,
// its deadline, the requirements and provisions it concerns, comments, attachments and its full history.
// An edit names the version it started from, so a colleague's change in the meantime is refused (409), not overwritten.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  CHANGE_CLASSES,
  CHANGE_REQUEST_NUMBERS,
  CLASS_LABELS,
  ROLE_DEFINITE,
  addAttachment,
  addComment,
  correctClass,
  getChangeRequest,
  isChangeClass,
  statusLabel,
  statusOptions,
  transitionChangeRequest,
  updateChangeRequest,
  type ChangeClass,
  type ChangeRequestDetail,
  type ChangeRequestEvent,
  type ChangeRequestPatch,
  type LifecycleAction,
  type TransitionRequest,
} from '../api/change-requests.js';
import { ApiError } from '../api/http.js';
import { requirementVersions } from '../api/requirements.js';
import { listSources, type ProvisionHit, type SourceSummary } from '../api/sources.js';
import { formatDate, formatDateTime, formatNumber } from '../app/format.js';
import { numberFieldText, readNumberField } from '../app/number.js';
import { lifecycleSteps } from '../app/lifecycle.js';
import { Resource, toApiError } from '../app/resource.js';
import type { SbAuditHistory } from '../elements/sb-audit-history.js';
import { changeClassBadge, changeStatusBadge } from '../elements/sb-change-request-badges.js';
import { provisionId } from '../elements/sb-provision-search.js';
import type { SbReasonDialog } from '../elements/sb-reason-dialog.js';
import '../elements/sb-audit-history.js';
import { decisionByText } from '../elements/sb-deadline.js';
import '../elements/sb-lifecycle-stepper.js';
import '../elements/sb-provision-search.js';
import '../elements/sb-reason-dialog.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

/** A provision the lovudredning names, whether it came with the request or was found in the dialog. */
interface ProvisionChoice {
  sourceId: number;
  key: string;
  name: string;
  checked: boolean;
}

interface ProducedVersion {
  humanId: string;
  version: number;
  title: string;
  author: string;
  createdAt: string;
}

interface EditDraft {
  title: string;
  description: string;
  estimateHours: string;
  estimateDkk: string;
  priority: string;
  deadline: string;
  reason: string;
}

const EMPTY_EDIT: EditDraft = { title: '', description: '', estimateHours: '', estimateDkk: '', priority: '', deadline: '', reason: '' };

const EDIT_LABELS: Record<keyof EditDraft, string> = {
  title: 'Titel',
  description: 'Beskrivelse',
  estimateHours: 'Estimat i timer',
  estimateDkk: 'Estimat i kroner',
  priority: 'Prioritet',
  deadline: 'Frist',
  reason: 'Begrundelse',
};

function draftOf(cr: ChangeRequestDetail): EditDraft {
  return {
    title: cr.title,
    description: cr.description,
    estimateHours: numberFieldText(cr.estimateHours),
    estimateDkk: numberFieldText(cr.estimateDkk),
    priority: numberFieldText(cr.priority),
    deadline: cr.deadline ?? '',
    reason: '',
  };
}

/** "projektlederen eller leverandøren" */
function whoMay(roles: readonly string[]): string {
  const names = roles.map((r) => ROLE_DEFINITE[r as keyof typeof ROLE_DEFINITE] ?? r);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} eller ${names[names.length - 1]}` : (names[0] ?? '');
}

@customElement('sb-change-request-page')
export class SbChangeRequestPage extends PageElement {
  static override styles = [
    base,
    css`
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
        margin-top: var(--sb-space-2);
      }
      .header-actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
      }
      .lifecycle h2 {
        margin-bottom: var(--sb-space-4);
      }
      .next {
        margin-top: var(--sb-space-5);
        padding-top: var(--sb-space-4);
        border-top: 1px solid var(--sb-color-border);
      }
      .next h3 {
        font-size: var(--sb-font-size-md);
        margin-bottom: var(--sb-space-2);
      }
      .waiting {
        display: flex;
        align-items: baseline;
        gap: var(--sb-space-2);
        margin: var(--sb-space-3) 0 0;
        color: var(--sb-color-text-muted);
      }
      .waiting strong {
        color: var(--sb-color-text);
      }
      .waiting svg {
        flex: none;
        width: 1rem;
        height: 1rem;
        align-self: center;
        color: var(--sb-color-warning);
      }
      .grid {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr);
        gap: var(--sb-space-5);
        margin-top: var(--sb-space-5);
        align-items: start;
      }
      .grid.even {
        grid-template-columns: 1fr 1fr;
      }
      @media (max-width: 60rem) {
        .grid,
        .grid.even {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .description {
        white-space: pre-wrap;
        margin: 0;
      }
      dl.facts {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--sb-space-2) var(--sb-space-4);
        margin: 0;
      }
      dl.facts dt {
        font-weight: 600;
        color: var(--sb-color-text-muted);
      }
      dl.facts dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .plain-list {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .plain-list.card {
        padding: var(--sb-space-1) 0;
      }
      .plain-list li {
        padding: var(--sb-space-2) var(--sb-space-4);
      }
      .plain-list li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .plain-list .mono {
        font-weight: 700;
        margin-right: var(--sb-space-2);
      }
      .timeline {
        list-style: none;
        margin: 0;
        padding: 0 0 0 var(--sb-space-5);
        border-left: 3px solid var(--sb-color-border);
      }
      .timeline > li {
        position: relative;
        margin-bottom: var(--sb-space-4);
      }
      .timeline > li::before {
        content: '';
        position: absolute;
        left: calc(-1 * var(--sb-space-5) - 8px);
        top: 0.9rem;
        width: 13px;
        height: 13px;
        border-radius: 50%;
        background: var(--sb-color-surface);
        border: 3px solid var(--sb-color-primary);
      }
      .timeline > li.comment::before {
        border-color: var(--sb-color-border-strong);
      }
      .event {
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-3) var(--sb-space-4);
      }
      .event-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--sb-space-1) var(--sb-space-3);
        font-size: var(--sb-font-size-sm);
      }
      .event-what {
        font-weight: 650;
      }
      .event-text {
        margin: var(--sb-space-2) 0 0;
        white-space: pre-wrap;
      }
      .comment-form {
        margin-top: var(--sb-space-4);
      }
      .comment-form textarea {
        min-height: 5rem;
      }
      .inline-form {
        display: grid;
        grid-template-columns: 1fr 2fr auto;
        gap: var(--sb-space-3);
        align-items: start;
        margin-top: var(--sb-space-3);
      }
      .inline-form .field {
        margin: 0;
      }
      .inline-form .button {
        margin-top: 1.85rem;
      }
      @media (max-width: 40rem) {
        .inline-form {
          grid-template-columns: 1fr;
        }
        .inline-form .button {
          margin-top: 0;
        }
      }
      .edit.card {
        margin-bottom: var(--sb-space-5);
      }
      .unsaved {
        margin: var(--sb-space-2) 0 0;
      }
      .unsaved dd {
        white-space: pre-wrap;
      }
      .three {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 0 var(--sb-space-4);
      }
      @media (max-width: 50rem) {
        .three {
          grid-template-columns: 1fr 1fr;
        }
      }
      .flash:focus,
      .summary:focus {
        outline: none;
      }
      .dialog-extra {
        margin-bottom: var(--sb-space-4);
      }
      .dialog-extra .choice {
        margin-bottom: var(--sb-space-1);
      }
      .dialog-extra ul {
        margin: var(--sb-space-2) 0;
        padding-left: var(--sb-space-5);
      }
      .dialog-extra h3 {
        font-size: var(--sb-font-size-md);
      }
      sb-audit-history {
        margin-top: var(--sb-space-6);
      }
    `,
  ];

  @property() humanId = '';

  private _cr = new Resource<ChangeRequestDetail>(this);
  private _sources = new Resource<SourceSummary[]>(this);
  private _produced = new Resource<ProducedVersion[]>(this);

  @state() private _flash = '';
  @state() private _action: LifecycleAction | null = null;
  @state() private _dialogBusy = false;
  @state() private _dialogError = '';
  @state() private _udred: ProvisionChoice[] = [];
  @state() private _estimate = '';
  @state() private _estimateError = '';
  @state() private _newClass: ChangeClass | '' = '';
  @state() private _classBusy = false;
  @state() private _classError = '';
  @state() private _editing = false;
  @state() private _edit: EditDraft = EMPTY_EDIT;
  @state() private _editError: ApiError | null = null;
  @state() private _editBusy = false;
  /** What the user had typed when a save was refused as a conflict, kept so nothing is lost on reload. */
  @state() private _unsaved: { label: string; value: string }[] | null = null;
  /** The version the open edit started from, and the form as it was filled from that version. */
  private _editVersion = 0;
  private _editStart: EditDraft = EMPTY_EDIT;
  @state() private _comment = '';
  @state() private _commentError: ApiError | null = null;
  @state() private _commentBusy = false;
  @state() private _attTitle = '';
  @state() private _attUrl = '';
  @state() private _attError: ApiError | null = null;
  @state() private _attBusy = false;

  @query('#transition-dialog') private _transitionDialog!: SbReasonDialog;
  @query('#class-dialog') private _classDialog!: SbReasonDialog;
  @query('sb-audit-history') private _audit?: SbAuditHistory;
  @query('.flash') private _flashEl?: HTMLElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('humanId') && this.humanId) this._load();
  }

  private async _load() {
    const cr = await this._cr.load(() => getChangeRequest(this.humanId));
    if (cr) this.setTitle(`${cr.humanId} ${cr.title}`);
  }

  /** After a change: the request as it is now, its audit trail, and a message that says what happened. */
  private async _refresh(message: string) {
    this._cr.set(await getChangeRequest(this.humanId));
    this._audit?.reload();
    this._flash = message;
    await this.updateComplete;
    this._flashEl?.focus();
  }

  /** The supplier of the request's solution may give an estimate without being allowed to edit the rest. */
  private _maySetEstimate(cr: ChangeRequestDetail): boolean {
    if (cr.closed) return false;
    if (cr.canEdit) return true;
    return Boolean(this.user?.roles.some((r) => r.role === 'leverandoer' && (r.solution === null || r.solution === cr.solution)));
  }

  override render() {
    const state = this._cr.state;
    const cr = this._cr.value;
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/aendringsforslag">Ændringsforslag</a></li>
          ${cr ? html`<li><a href="/aendringsforslag?solution=${encodeURIComponent(cr.solution)}">${cr.solutionName}</a></li>` : nothing}
          <li><span aria-current="page">${this.humanId}</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <span class="eyebrow"><span class="mono">${this.humanId}</span>${cr ? ` · ${cr.solutionName}` : ''}</span>
          <h1 tabindex="-1">${cr ? cr.title : state.status === 'error' ? `Ændringsforslaget ${this.humanId}` : 'Henter ændringsforslag…'}</h1>
          ${cr ? html`<div class="badges">${changeClassBadge(cr.class)} ${changeStatusBadge(cr.class, cr.status, cr.statusLabel)}</div>` : nothing}
        </div>
        ${cr ? this._renderHeaderActions(cr) : nothing}
      </div>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`
        : !cr
          ? html`<sb-loading label="Henter ændringsforslag…"></sb-loading>`
          : this._renderRequest(cr)}`;
  }

  private _renderHeaderActions(cr: ChangeRequestDetail) {
    if (cr.closed) return nothing;
    const edit = this._maySetEstimate(cr);
    if (!edit) return nothing;
    return html`<div class="header-actions">
      ${cr.canEdit ? html`<button class="button" type="button" @click=${this._askClass}>Ret klasse</button>` : nothing}
      ${edit
        ? html`<button class="button primary" type="button" aria-expanded=${this._editing ? 'true' : 'false'} aria-controls="edit-panel" @click=${this._toggleEdit}>
            ${cr.canEdit ? 'Rediger' : 'Angiv estimat'}
          </button>`
        : nothing}
    </div>`;
  }

  private _renderRequest(cr: ChangeRequestDetail) {
    return html`${cr.closed
        ? html`<div class="alert info" role="note">
            <p class="alert-title">Ændringsforslaget er afsluttet (${cr.statusLabel.toLowerCase()})</p>
            <p>Det kan ikke længere ændres. Historikken nedenfor viser hele forløbet.</p>
          </div>`
        : nothing}
      ${this._flash ? html`<div class="alert success flash" role="status" tabindex="-1"><p>${this._flash}</p></div>` : nothing}
      <div id="edit-panel" ?hidden=${!this._editing}>${this._editing ? this._renderEdit(cr) : nothing}</div>
      <section class="card lifecycle" aria-labelledby="lifecycle-heading">
        <h2 id="lifecycle-heading">Livscyklus: ${cr.className}</h2>
        <sb-lifecycle-stepper .steps=${lifecycleSteps(cr)} label="Livscyklus for ${cr.humanId}"></sb-lifecycle-stepper>
        ${this._renderNext(cr)}
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="description-heading">
          <h2 id="description-heading">Beskrivelse</h2>
          ${cr.description ? html`<p class="description">${cr.description}</p>` : html`<p class="muted">Ingen beskrivelse.</p>`}
        </section>
        <section class="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">Oplysninger</h2>
          ${this._renderFacts(cr)}
        </section>
      </div>
      <div class="grid even">
        <section aria-labelledby="requirements-heading">
          <h2 id="requirements-heading">Berørte krav <span class="muted">(${cr.requirements.length})</span></h2>
          ${cr.requirements.length
            ? html`<ul class="plain-list card">
                ${cr.requirements.map(
                  (r) => html`<li><a href="/krav/${encodeURIComponent(r.humanId)}"><span class="mono">${r.humanId}</span>${r.title}</a> <span class="muted small">version ${r.version}</span></li>`,
                )}
              </ul>`
            : html`<p class="muted">Ingen krav er knyttet til forslaget.</p>`}
        </section>
        <section aria-labelledby="provisions-heading">
          <h2 id="provisions-heading">Berørte bestemmelser <span class="muted">(${cr.provisions.length})</span></h2>
          ${cr.provisions.length
            ? html`<ul class="plain-list card">
                ${cr.provisions.map(
                  (p) => html`<li><a href="/kilder/${p.sourceId}/bestemmelser/${encodeURIComponent(p.key)}">${capitalise(p.sourceTitle)} ${p.label}</a></li>`,
                )}
              </ul>`
            : html`<p class="muted">Ingen bestemmelser er knyttet til forslaget.</p>`}
        </section>
      </div>
      ${cr.producedVersions.length ? this._renderProduced(cr) : nothing} ${this._renderAttachments(cr)} ${this._renderEvents(cr)}
      <sb-audit-history
        entity-type="change_request"
        entity-id=${cr.humanId}
        heading="Historik"
        .valueLabel=${(field: string, value: unknown) =>
          field === 'status' && typeof value === 'string' && cr.lifecycle.some((s) => s.status === value) ? statusLabel(cr.class, value) : undefined}
      ></sb-audit-history>
      ${this._renderTransitionDialog(cr)} ${this._renderClassDialog(cr)}`;
  }

  private _renderFacts(cr: ChangeRequestDetail) {
    return html`<dl class="facts">
      <dt>Klasse</dt>
      <dd>${cr.className}</dd>
      <dt>Status</dt>
      <dd>${cr.statusLabel}</dd>
      <dt>Løsning</dt>
      <dd>${cr.solutionName} (${cr.solution})</dd>
      <dt>Forslagsstiller</dt>
      <dd>${cr.proposer}</dd>
      <dt>Frist</dt>
      <dd><sb-deadline .deadline=${cr.deadline} .daysLeft=${cr.daysLeft} ?closed=${cr.closed}></sb-deadline></dd>
      ${cr.decisionBy
        ? html`<dt>Seneste beslutning</dt>
            <dd>${decisionByText(cr.decisionBy, cr.closed)}</dd>`
        : nothing}
      <dt>Estimat</dt>
      <dd>
        ${cr.estimateHours === null && cr.estimateDkk === null
          ? html`<span class="muted">Ikke estimeret</span>`
          : [cr.estimateHours !== null ? `${formatNumber(cr.estimateHours)} timer` : '', cr.estimateDkk !== null ? `${formatNumber(cr.estimateDkk)} kr.` : ''].filter(Boolean).join(' · ')}
      </dd>
      <dt>Prioritet</dt>
      <dd>${cr.priority ?? html`<span class="muted">Ikke prioriteret</span>`}</dd>
      <dt>Registreret</dt>
      <dd>${formatDateTime(cr.createdAt)} af ${cr.createdBy}</dd>
    </dl>`;
  }

  /** The allowed steps as buttons; the others as who they wait for. */
  private _renderNext(cr: ChangeRequestDetail) {
    if (cr.closed) return nothing;
    const allowed = cr.actions.filter((a) => a.allowed);
    const waiting = new Map<string, LifecycleAction[]>();
    for (const a of cr.actions.filter((x) => !x.allowed)) {
      const who = whoMay(a.roles);
      waiting.set(who, [...(waiting.get(who) ?? []), a]);
    }
    return html`<div class="next">
      <h3>Næste skridt</h3>
      ${cr.deferred
        ? html`<p class="deferred"><strong>Udskudt ${formatDate(cr.deferred.at.slice(0, 10))}.</strong> ${cr.deferred.note.replace(/\.$/, "")}. Intet skridt venter, før projektlederen genoptager forslaget.</p>`
        : nothing}
      ${allowed.length
        ? html`<div class="row">
            ${allowed.map(
              (a) => html`<button class="button ${a.action === 'afvis' ? 'danger' : 'primary'}" type="button" @click=${() => this._askTransition(a)}>${a.label}</button>`,
            )}
          </div>`
        : nothing}
      ${[...waiting].map(
        ([who, actions]) => html`<p class="waiting">
          <svg viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.6" /><path d="M8 4.5V8l2.5 1.8" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" /></svg>
          <span><strong>Afventer ${who}:</strong> ${actions.map((a) => a.label.toLowerCase()).join(' eller ')}.</span>
        </p>`,
      )}
      ${cr.actions.length === 0 ? html`<p class="muted">Der er ingen mulige skridt fra denne status.</p>` : nothing}
    </div>`;
  }

  private _renderProduced(cr: ChangeRequestDetail) {
    return html`<section class="section" aria-labelledby="produced-heading">
      <h2 id="produced-heading">Kravversioner fra dette forslag</h2>
      <p class="muted small">De kravversioner, kravredaktionen skrev som følge af forslaget.</p>
      <ul class="plain-list card">
        ${cr.producedVersions.map(
          (v) => html`<li>
            <a href="/krav/${encodeURIComponent(v.humanId)}"><span class="mono">${v.humanId}</span>version ${v.version}: ${v.title}</a>
            <div class="small muted">${v.author}, ${formatDateTime(v.createdAt)}${v.reason ? ` – ${v.reason}` : ''}</div>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private _renderAttachments(cr: ChangeRequestDetail) {
    const titleError = this._attError?.fieldMessage('title');
    const urlError = this._attError?.fieldMessage('url');
    const mayAdd = cr.canComment && !cr.closed;
    return html`<section class="section" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Bilag <span class="muted">(${cr.attachments.length})</span></h2>
      ${cr.attachments.length
        ? html`<ul class="plain-list card">
            ${cr.attachments.map(
              (a) => html`<li>
                <a href=${a.url} target="_blank" rel="external noopener noreferrer">${a.title}<span class="visually-hidden"> (åbner i et nyt vindue)</span></a>
                <div class="small muted">${a.url} · tilføjet af ${a.addedBy}, ${formatDateTime(a.addedAt)}</div>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">Ingen bilag.</p>`}
      ${mayAdd
        ? html`<form class="inline-form" aria-label="Tilføj bilag" @submit=${this._onAddAttachment} novalidate>
              <div class="field">
                <label for="att-title">Titel på bilag</label>
                <input id="att-title" type="text" maxlength="200" aria-invalid=${titleError ? 'true' : 'false'} aria-describedby=${titleError ? 'att-title-error' : nothing} .value=${this._attTitle} @input=${(e: Event) => (this._attTitle = (e.target as HTMLInputElement).value)} />
                ${titleError ? html`<p class="field-error" id="att-title-error">${titleError}</p>` : nothing}
              </div>
              <div class="field">
                <label for="att-url">Adresse (link)</label>
                <input id="att-url" type="text" inputmode="url" placeholder="https://…" aria-invalid=${urlError ? 'true' : 'false'} aria-describedby=${urlError ? 'att-url-error' : nothing} .value=${this._attUrl} @input=${(e: Event) => (this._attUrl = (e.target as HTMLInputElement).value)} />
                ${urlError ? html`<p class="field-error" id="att-url-error">${urlError}</p>` : nothing}
              </div>
              <button class="button" type="submit" ?disabled=${this._attBusy}>${this._attBusy ? 'Tilføjer…' : 'Tilføj bilag'}</button>
            </form>
            ${this._attError && !titleError && !urlError ? html`<sb-error-alert .error=${this._attError} heading="Bilaget blev ikke tilføjet"></sb-error-alert>` : nothing}`
        : nothing}
    </section>`;
  }

  private _renderEvents(cr: ChangeRequestDetail) {
    // The class each event happened under: walking back from now, a class correction tells the class before it.
    const classes: string[] = [];
    let cls: string = cr.class;
    for (let i = cr.events.length - 1; i >= 0; i--) {
      classes[i] = cls;
      const e = cr.events[i]!;
      if (e.kind === 'class' && e.from) cls = e.from;
    }
    const textError = this._commentError?.fieldMessage('text');
    return html`<section class="section" aria-labelledby="events-heading">
      <h2 id="events-heading">Forløb og kommentarer</h2>
      <ol class="timeline">
        ${cr.events.map((e, i) => this._renderEvent(e, classes[i]!))}
      </ol>
      ${cr.canComment && !cr.closed
        ? html`<form class="comment-form card" @submit=${this._onComment} novalidate>
            <div class="field">
              <label for="comment">Skriv en kommentar</label>
              <textarea
                id="comment"
                aria-invalid=${textError ? 'true' : 'false'}
                aria-describedby=${textError ? 'comment-error' : nothing}
                .value=${this._comment}
                @input=${(e: Event) => (this._comment = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              ${textError ? html`<p class="field-error" id="comment-error">${textError}</p>` : nothing}
            </div>
            ${this._commentError && !textError ? html`<sb-error-alert .error=${this._commentError} heading="Kommentaren blev ikke gemt"></sb-error-alert>` : nothing}
            <button class="button primary" type="submit" ?disabled=${this._commentBusy}>${this._commentBusy ? 'Gemmer…' : 'Tilføj kommentar'}</button>
          </form>`
        : nothing}
    </section>`;
  }

  private _statusName(cls: string, status: string | null): string {
    if (!status) return '';
    return isChangeClass(cls) ? statusLabel(cls, status) : (statusOptions('').find((s) => s.status === status)?.label ?? status);
  }

  private _renderEvent(e: ChangeRequestEvent, cls: string) {
    let what: unknown;
    if (e.kind === 'comment') what = 'kommenterede';
    else if (e.kind === 'class')
      what = html`rettede klassen fra <strong>${isChangeClass(e.from) ? CLASS_LABELS[e.from] : e.from}</strong> til <strong>${isChangeClass(e.to) ? CLASS_LABELS[e.to] : e.to}</strong>`;
    else if (e.kind === 'edit') what = 'rettede forslaget';
    // The text names the meeting and the recommendation itself.
    else if (e.kind === 'recommendation') what = 'registrerede faggruppemødets anbefaling';
    else if (e.kind === 'transition' && !e.from) what = html`registrerede forslaget (<strong>${this._statusName(cls, e.to)}</strong>)`;
    else if (e.kind === 'transition') what = html`flyttede forslaget fra <strong>${this._statusName(cls, e.from)}</strong> til <strong>${this._statusName(cls, e.to)}</strong>`;
    else what = e.kind;
    return html`<li class=${e.kind}>
      <div class="event">
        <div class="event-head">
          <span class="event-what">${e.actor} ${what}</span>
          <span class="muted">${formatDateTime(e.at)}</span>
        </div>
        ${e.text && !(e.kind === 'transition' && !e.from && e.text === 'Registreret') ? html`<p class="event-text">${e.text}</p>` : nothing}
      </div>
    </li>`;
  }

  private _renderEdit(cr: ChangeRequestDetail) {
    const full = cr.canEdit;
    const d = this._edit;
    const err = this._editError;
    const field = (id: keyof EditDraft, label: string, opts: { type?: string; inputmode?: string; hint?: string } = {}) => {
      const message = err?.fieldMessage(id);
      const describedBy = [opts.hint ? `edit-${id}-hint` : '', message ? `edit-${id}-error` : ''].filter(Boolean).join(' ');
      return html`<div class="field">
        <label for="edit-${id}">${label}</label>
        ${opts.hint ? html`<span class="hint" id="edit-${id}-hint">${opts.hint}</span>` : nothing}
        <input
          id="edit-${id}"
          type=${opts.type ?? 'text'}
          inputmode=${opts.inputmode ?? nothing}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          .value=${d[id]}
          @input=${(e: Event) => (this._edit = { ...this._edit, [id]: (e.target as HTMLInputElement).value })}
        />
        ${message ? html`<p class="field-error" id="edit-${id}-error">${message}</p>` : nothing}
      </div>`;
    };
    const descError = err?.fieldMessage('description');
    return html`<form class="card edit" aria-labelledby="edit-heading" @submit=${this._onSaveEdit} novalidate>
      <h2 id="edit-heading">${full ? 'Rediger ændringsforslaget' : 'Angiv estimat'}</h2>
      ${err?.status === 409 && err.fieldMessage('version')
        ? html`<div class="alert warning summary" role="alert" tabindex="-1">
            <p class="alert-title">Forslaget er ændret af en anden</p>
            <p>${err.message}</p>
            <p>Dine ændringer er ikke gemt. Hent den nyeste version, og indarbejd dine ændringer i den.</p>
            <p><button class="button small" type="button" @click=${this._reloadAfterConflict}>Hent nyeste version</button></p>
          </div>`
        : err
          ? html`<div class="alert error summary" role="alert" tabindex="-1">
              <p class="alert-title">Ændringen blev ikke gemt</p>
              <p>${err.message}</p>
            </div>`
          : nothing}
      ${this._unsaved
        ? html`<details class="alert info" open>
            <summary>Dine ændringer, der ikke blev gemt</summary>
            <p class="small">Skriv det, du vil beholde, ind i formularen nedenfor.</p>
            <dl class="unsaved">${this._unsaved.map((u) => html`<dt>${u.label}</dt><dd>${u.value || '(tom)'}</dd>`)}</dl>
          </details>`
        : nothing}
      ${full
        ? html`${field('title', 'Titel')}
            <div class="field">
              <label for="edit-description">Beskrivelse</label>
              <textarea
                id="edit-description"
                aria-invalid=${descError ? 'true' : 'false'}
                aria-describedby=${descError ? 'edit-description-error' : nothing}
                .value=${d.description}
                @input=${(e: Event) => (this._edit = { ...this._edit, description: (e.target as HTMLTextAreaElement).value })}
              ></textarea>
              ${descError ? html`<p class="field-error" id="edit-description-error">${descError}</p>` : nothing}
            </div>`
        : nothing}
      <div class="three">
        ${field('estimateHours', 'Estimat i timer', { inputmode: 'decimal' })} ${field('estimateDkk', 'Estimat i kroner', { inputmode: 'numeric' })}
        ${full ? html`${field('priority', 'Prioritet', { inputmode: 'numeric', hint: '1 er højest' })} ${field('deadline', 'Frist', { type: 'date' })}` : nothing}
      </div>
      ${field('reason', 'Begrundelse for ændringen', { hint: 'Gemmes i forslagets historik.' })}
      <div class="form-actions">
        <button class="button primary" type="submit" ?disabled=${this._editBusy}>${this._editBusy ? 'Gemmer…' : 'Gem ændringer'}</button>
        <button class="button" type="button" @click=${this._toggleEdit}>Annullér</button>
      </div>
    </form>`;
  }

  private _renderTransitionDialog(cr: ChangeRequestDetail) {
    const a = this._action;
    const to = a ? this._statusName(cr.class, a.to) : '';
    return html`<sb-reason-dialog
      id="transition-dialog"
      heading=${a?.label ?? ''}
      description=${a ? `${cr.humanId} flyttes fra «${cr.statusLabel}» til «${to}». Begrundelsen gemmes i forslagets historik.` : ''}
      confirmLabel=${a?.label ?? 'Bekræft'}
      confirmTone=${a?.action === 'afvis' ? 'danger' : 'primary'}
      reasonLabel="Begrundelse"
      .busy=${this._dialogBusy}
      .error=${this._dialogError}
      @sb-confirm=${this._onTransitionConfirmed}
      @sb-cancel=${() => (this._action = null)}
    >
      ${a?.requiresProvisions ? this._renderUdred() : nothing} ${a?.recordsRequirementVersions ? this._renderProducedPreview() : nothing}
      ${a?.action === 'estimer'
        ? html`<div class="field dialog-extra">
            <label for="transition-hours">Estimat i timer</label>
            <input
              id="transition-hours"
              type="text"
              inputmode="decimal"
              aria-invalid=${this._estimateError ? 'true' : 'false'}
              aria-describedby=${this._estimateError ? 'transition-hours-error' : nothing}
              .value=${this._estimate}
              @input=${(e: Event) => (this._estimate = (e.target as HTMLInputElement).value)}
            />
            ${this._estimateError ? html`<p class="field-error" id="transition-hours-error">${this._estimateError}</p>` : nothing}
          </div>`
        : nothing}
    </sb-reason-dialog>`;
  }

  private _renderUdred() {
    return html`<div class="dialog-extra">
      <fieldset>
        <legend>Berørte bestemmelser</legend>
        ${this._udred.length
          ? this._udred.map(
              (p, i) => html`<div class="choice">
                <input id="udred-${i}" type="checkbox" .checked=${p.checked} @change=${(e: Event) => this._toggleUdred(i, (e.target as HTMLInputElement).checked)} />
                <label for="udred-${i}">${p.name}</label>
              </div>`,
            )
          : html`<p class="muted small">Ingen endnu. Find dem nedenfor.</p>`}
      </fieldset>
      <h3>Find flere bestemmelser</h3>
      <sb-provision-search .sources=${this._sources.value ?? []} @sb-provision-select=${this._onUdredProvision}></sb-provision-search>
    </div>`;
  }

  private _renderProducedPreview() {
    const state = this._produced.state;
    if (state.status === 'loading' || state.status === 'idle') return html`<sb-loading label="Finder kravversioner…"></sb-loading>`;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} heading="Kravversionerne kunne ikke findes"></sb-error-alert>`;
    const versions = state.value;
    return html`<div class="dialog-extra">
      ${versions.length
        ? html`<p><strong>Disse kravversioner knyttes til forslaget:</strong></p>
            <ul>
              ${versions.map((v) => html`<li><span class="mono">${v.humanId}</span> version ${v.version}: ${v.title} <span class="muted small">(${v.author}, ${formatDate(v.createdAt)})</span></li>`)}
            </ul>`
        : html`<div class="alert warning">
            <p>Ingen af de berørte krav er rettet, siden forslaget blev registreret. Ret kravene først; så knyttes de nye versioner til forslaget.</p>
          </div>`}
    </div>`;
  }

  private _renderClassDialog(cr: ChangeRequestDetail) {
    return html`<sb-reason-dialog
      id="class-dialog"
      heading="Ret klasse"
      description="Klassen afgør, hvem der beslutter. Status bevares, hvor den nye klasse har den; ellers starter forslaget forfra."
      confirmLabel="Ret klasse"
      confirmTone="primary"
      reasonLabel="Hvorfor rettes klassen?"
      .busy=${this._classBusy}
      .error=${this._classError}
      @sb-confirm=${this._onClassConfirmed}
    >
      <div class="field dialog-extra">
        <label for="new-class">Ny klasse</label>
        <select id="new-class" @change=${(e: Event) => (this._newClass = (e.target as HTMLSelectElement).value as ChangeClass)}>
          ${CHANGE_CLASSES.map((c) => html`<option value=${c} ?selected=${c === this._newClass} ?disabled=${c === cr.class}>${CLASS_LABELS[c]}${c === cr.class ? ' (nuværende)' : ''}</option>`)}
        </select>
      </div>
    </sb-reason-dialog>`;
  }

  private _askTransition(a: LifecycleAction) {
    const cr = this._cr.value!;
    this._action = a;
    this._dialogError = '';
    this._flash = '';
    if (a.requiresProvisions) {
      this._udred = cr.provisions.map((p) => ({ sourceId: p.sourceId, key: p.key, name: `${capitalise(p.sourceTitle)} ${p.label}`, checked: true }));
      if (!this._sources.value) this._sources.load(async () => (await listSources()).items);
    }
    if (a.recordsRequirementVersions) this._produced.load(() => this._versionsSince(cr));
    if (a.action === 'estimer') this._estimate = numberFieldText(cr.estimateHours);
    this._estimateError = '';
    this._transitionDialog.open();
  }

  /** The versions "Krav er opdateret" will link, found the way the server finds them: written since the request was registered. */
  private async _versionsSince(cr: ChangeRequestDetail): Promise<ProducedVersion[]> {
    const all = await Promise.all(
      cr.requirements.map(async (r) => (await requirementVersions(r.humanId)).versions.filter((v) => v.createdAt >= cr.createdAt).map((v) => ({ humanId: r.humanId, ...v }))),
    );
    return all.flat().sort((a, b) => a.humanId.localeCompare(b.humanId) || a.version - b.version);
  }

  private _toggleUdred(i: number, checked: boolean) {
    this._udred = this._udred.map((p, j) => (j === i ? { ...p, checked } : p));
  }

  private _onUdredProvision(e: CustomEvent<ProvisionHit>) {
    const hit = e.detail;
    const id = provisionId(hit.source.id, hit.key);
    const at = this._udred.findIndex((p) => provisionId(p.sourceId, p.key) === id);
    if (at >= 0) this._toggleUdred(at, true);
    else this._udred = [...this._udred, { sourceId: hit.source.id, key: hit.key, name: `${capitalise(hit.source.popularTitle || hit.source.title)} ${hit.label}`, checked: true }];
  }

  private async _onTransitionConfirmed(e: CustomEvent<{ reason: string }>) {
    const a = this._action;
    if (!a) return;
    const input: TransitionRequest = { action: a.action, reason: e.detail.reason };
    if (a.requiresProvisions) input.provisions = this._udred.filter((p) => p.checked).map((p) => ({ sourceId: p.sourceId, provisionKey: p.key }));
    if (a.recordsRequirementVersions) {
      const versions = this._produced.value ?? [];
      if (versions.length) input.requirementVersions = versions.map((v) => ({ humanId: v.humanId, version: v.version }));
    }
    if (a.action === 'estimer') {
      const hours = readNumberField(this._estimate, CHANGE_REQUEST_NUMBERS.estimateHours);
      this._estimateError = hours.message ?? '';
      if (hours.message !== undefined) {
        this._dialogError = 'Ret estimatet i timer.';
        await this.updateComplete;
        this._transitionDialog.querySelector<HTMLElement>('#transition-hours')?.focus();
        return;
      }
      if (hours.value !== null) input.estimateHours = hours.value;
    }
    this._dialogBusy = true;
    this._dialogError = '';
    try {
      const result = await transitionChangeRequest(this.humanId, input);
      this._transitionDialog.close();
      this._action = null;
      const cr = this._cr.value!;
      await this._refresh(`${a.label}: ${cr.humanId} er nu «${this._statusName(cr.class, result.status)}».`);
    } catch (err) {
      const error = toApiError(err);
      this._dialogError = error.fields.length ? `${error.message}: ${error.fields.map((f) => f.message).join('; ')}` : error.message;
    } finally {
      this._dialogBusy = false;
    }
  }

  private _askClass() {
    const cr = this._cr.value!;
    this._newClass = CHANGE_CLASSES.find((c) => c !== cr.class) ?? '';
    this._classError = '';
    this._flash = '';
    this._classDialog.open();
  }

  private async _onClassConfirmed(e: CustomEvent<{ reason: string }>) {
    if (!this._newClass) return;
    this._classBusy = true;
    this._classError = '';
    try {
      await correctClass(this.humanId, this._newClass, e.detail.reason);
      this._classDialog.close();
      await this._refresh(`Klassen er rettet til ${CLASS_LABELS[this._newClass].toLowerCase()}.`);
    } catch (err) {
      this._classError = toApiError(err).message;
    } finally {
      this._classBusy = false;
    }
  }

  private _toggleEdit() {
    const cr = this._cr.value;
    if (!cr) return;
    this._editing = !this._editing;
    this._editError = null;
    this._unsaved = null;
    this._flash = '';
    if (this._editing) {
      this._startEdit(cr);
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#edit-panel input')?.focus());
    }
  }

  /** The edit form filled from the request as it is, remembering which version that is. */
  private _startEdit(cr: ChangeRequestDetail) {
    this._editVersion = cr.version;
    this._editStart = draftOf(cr);
    this._edit = { ...this._editStart };
  }

  /** After a 409: the newest version in the form, and what the user had typed beside it. */
  private async _reloadAfterConflict() {
    const typed = this._edit;
    const changed = (Object.keys(EDIT_LABELS) as (keyof EditDraft)[]).filter((k) => typed[k] !== this._editStart[k]);
    this._editError = null;
    try {
      const cr = await getChangeRequest(this.humanId);
      this._cr.set(cr);
      this._audit?.reload();
      this._unsaved = changed.map((k) => ({ label: EDIT_LABELS[k], value: typed[k] }));
      this._startEdit(cr);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#edit-panel input')?.focus();
    } catch (err) {
      this._editError = toApiError(err);
    }
  }

  /** Only what changed, and only what this user may change. */
  private _patch(cr: ChangeRequestDetail): ChangeRequestPatch | ApiError {
    const d = this._edit;
    const patch: ChangeRequestPatch = {};
    const fieldErrors: { field: string; message: string }[] = [];
    const num = (field: keyof typeof CHANGE_REQUEST_NUMBERS, current: number | null) => {
      if (d[field] === this._editStart[field]) return;
      const read = readNumberField(d[field], CHANGE_REQUEST_NUMBERS[field]);
      if (read.message !== undefined) fieldErrors.push({ field, message: read.message });
      else if (read.value !== current) patch[field] = read.value;
    };
    num('estimateHours', cr.estimateHours);
    num('estimateDkk', cr.estimateDkk);
    if (cr.canEdit) {
      if (!d.title.trim()) fieldErrors.push({ field: 'title', message: 'Titlen mangler' });
      else if (d.title.trim() !== cr.title) patch.title = d.title.trim();
      if (d.description !== cr.description) patch.description = d.description;
      num('priority', cr.priority);
      if ((d.deadline || null) !== cr.deadline) patch.deadline = d.deadline || null;
    }
    if (fieldErrors.length) return new ApiError(0, 'invalid', 'Ret felterne nedenfor.', fieldErrors);
    if (!Object.keys(patch).length) return new ApiError(0, 'invalid', 'Der er ingen ændringer at gemme.');
    if (d.reason.trim()) patch.reason = d.reason.trim();
    return patch;
  }

  private async _onSaveEdit(e: Event) {
    e.preventDefault();
    const cr = this._cr.value;
    if (!cr || this._editBusy) return;
    const patch = this._patch(cr);
    if (patch instanceof ApiError) {
      this._editError = patch;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.edit .summary')?.focus();
      return;
    }
    this._editBusy = true;
    this._editError = null;
    try {
      await updateChangeRequest(this.humanId, this._editVersion, patch);
      this._editing = false;
      this._unsaved = null;
      await this._refresh('Ændringerne er gemt.');
    } catch (err) {
      this._editError = toApiError(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.edit .summary')?.focus();
    } finally {
      this._editBusy = false;
    }
  }

  private async _onComment(e: Event) {
    e.preventDefault();
    if (this._commentBusy) return;
    if (!this._comment.trim()) {
      this._commentError = new ApiError(0, 'invalid', 'Kommentaren er tom', [{ field: 'text', message: 'Skriv en kommentar' }]);
      this.renderRoot.querySelector<HTMLElement>('#comment')?.focus();
      return;
    }
    this._commentBusy = true;
    this._commentError = null;
    try {
      await addComment(this.humanId, this._comment.trim());
      this._comment = '';
      await this._refresh('Kommentaren er tilføjet.');
    } catch (err) {
      this._commentError = toApiError(err);
    } finally {
      this._commentBusy = false;
    }
  }

  private async _onAddAttachment(e: Event) {
    e.preventDefault();
    if (this._attBusy) return;
    this._attBusy = true;
    this._attError = null;
    try {
      await addAttachment(this.humanId, this._attTitle.trim(), this._attUrl.trim());
      const title = this._attTitle.trim();
      this._attTitle = '';
      this._attUrl = '';
      await this._refresh(`Bilaget «${title}» er tilføjet.`);
    } catch (err) {
      this._attError = toApiError(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this._attBusy = false;
    }
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

declare global {
  interface HTMLElementTagNameMap {
    'sb-change-request-page': SbChangeRequestPage;
  }
}

