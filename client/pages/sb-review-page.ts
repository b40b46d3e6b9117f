// Gennemgang: the kravredaktion's queue of suspect and broken trace links, each with the requirement beside the
// provision's old and new text, and the four ways to settle it (confirm, edit and confirm, move, remove).
import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { deleteLink } from '../api/links.js';
import { KIND_LABELS, getRequirement, labelOf } from '../api/requirements.js';
import {
  announceReviewChanged,
  confirmLink,
  confirmUnchangedLinks,
  getReviewCounts,
  getReviewQueue,
  moveLink,
  reviseAndConfirmLink,
  type ReviewCounts,
  type ReviewItem,
} from '../api/review.js';
import type { ProvisionHit } from '../api/sources.js';
import { formatDate, formatNumber, plural, sourceName } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import { SolutionList } from '../app/solution-list.js';
import { UrlFilters } from '../app/url-filters.js';
import { linkStatusBadge } from '../elements/sb-badge.js';
import { provisionId, type SbProvisionSearch } from '../elements/sb-provision-search.js';
import '../elements/sb-provision-search.js';
import '../elements/sb-word-diff.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

type Action = 'confirm' | 'revise' | 'move' | 'remove';

const PAGE_SIZE = 50;

const ACTION_LABELS: Record<Action, string> = {
  confirm: 'Bekræft',
  revise: 'Ret krav og bekræft',
  move: 'Flyt til anden bestemmelse',
  remove: 'Fjern sporing',
};

/** "KY-0001 § 6, stk. 1": how an item is named in messages. */
const itemName = (item: ReviewItem) => `${item.requirement.humanId} ${item.new?.label ?? item.old.label}`;

@customElement('sb-review-page')
export class SbReviewPage extends PageElement {
  static override styles = [
    base,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sb-space-2);
        margin: 0 0 var(--sb-space-4);
        padding: 0;
        list-style: none;
      }
      .filters a {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-2);
        padding: var(--sb-space-1) var(--sb-space-3);
        border: 1px solid var(--sb-color-border-strong);
        border-radius: 999px;
        background: var(--sb-color-surface);
        color: var(--sb-color-text);
        font-size: var(--sb-font-size-sm);
        font-weight: 600;
        text-decoration: none;
      }
      .filters a:hover {
        border-color: var(--sb-color-primary);
        color: var(--sb-color-primary);
      }
      .filters a[aria-current='page'] {
        background: var(--sb-color-primary);
        border-color: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .filters .n {
        font-variant-numeric: tabular-nums;
        font-weight: 750;
      }
      .summary {
        margin-bottom: var(--sb-space-4);
      }
      .flash:focus {
        outline: none;
      }
      .group + .group {
        margin-top: var(--sb-space-6);
      }
      .group-heading {
        display: flex;
        align-items: baseline;
        gap: var(--sb-space-2);
      }
      .items {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sb-space-5);
      }
      .item {
        border-left: 6px solid var(--sb-color-warning);
        padding: var(--sb-space-4) var(--sb-space-5) var(--sb-space-5);
      }
      .item.broken {
        border-left-color: var(--sb-color-danger);
      }
      .item-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--sb-space-2) var(--sb-space-4);
        margin-bottom: var(--sb-space-2);
      }
      .item-head h3 {
        margin: 0;
        scroll-margin-top: var(--sb-space-5);
      }
      .item-head h3:focus-visible {
        outline-offset: 4px;
      }
      .item-head .id {
        font-family: var(--sb-font-mono);
      }
      .arrow {
        color: var(--sb-color-text-muted);
        margin: 0 var(--sb-space-2);
      }
      .note {
        margin: 0 0 var(--sb-space-4);
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .instructions {
        margin: 0 0 var(--sb-space-4);
      }
      .instruction {
        margin: 0 0 var(--sb-space-2);
        padding: var(--sb-space-2) var(--sb-space-3);
        border-left: 3px solid var(--sb-color-primary);
        background: var(--sb-color-surface-sunken);
      }
      .instruction p {
        margin: 0;
      }
      .compare {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--sb-space-4);
      }
      @media (max-width: 64rem) {
        .compare {
          grid-template-columns: 1fr 1fr;
        }
        .compare .requirement {
          grid-column: 1 / -1;
        }
      }
      @media (max-width: 40rem) {
        .compare {
          grid-template-columns: 1fr;
        }
      }
      .col-label {
        margin: 0 0 var(--sb-space-1);
        font-size: var(--sb-font-size-sm);
        font-weight: 650;
        color: var(--sb-color-text-muted);
      }
      .requirement .box {
        background: var(--sb-color-primary-soft);
        border-color: #b8cbe4;
      }
      .box {
        padding: var(--sb-space-3) var(--sb-space-4);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface-sunken);
        height: calc(100% - 1.75rem);
      }
      .box p {
        margin: 0;
      }
      .req-title {
        font-weight: 650;
        margin-bottom: var(--sb-space-2) !important;
      }
      .req-text {
        white-space: pre-wrap;
      }
      .law {
        font-family: Georgia, 'Times New Roman', serif;
        font-size: 1.0625rem;
        line-height: 1.6;
      }
      .absent {
        font-style: italic;
        color: var(--sb-color-text-muted);
      }
      .meta {
        margin: var(--sb-space-3) 0 0;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
        margin-top: var(--sb-space-4);
        padding-top: var(--sb-space-4);
        border-top: 1px solid var(--sb-color-border);
      }
      .actions .button[aria-expanded='true'] {
        background: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .actions .button.danger[aria-expanded='true'] {
        background: var(--sb-color-danger);
        color: var(--sb-color-on-primary);
      }
      .panel {
        margin-top: var(--sb-space-4);
        padding: var(--sb-space-4) var(--sb-space-5);
        border: 1px solid var(--sb-color-border-strong);
        border-radius: var(--sb-radius-lg);
        background: var(--sb-color-surface);
      }
      .panel h4 {
        font-size: var(--sb-font-size-md);
        margin-bottom: var(--sb-space-2);
      }
      .panel .form-actions {
        margin-top: var(--sb-space-3);
      }
      .panel textarea.text {
        min-height: 9rem;
      }
      .panel textarea.reason {
        min-height: 4.5rem;
      }
      .unsaved {
        white-space: pre-wrap;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        padding: var(--sb-space-3);
        margin-top: var(--sb-space-2);
      }
      .empty:focus {
        outline: none;
      }
      .empty h2 {
        color: var(--sb-color-text);
      }
      .more {
        margin-top: var(--sb-space-5);
        text-align: center;
      }
    `,
  ];

  /** The URL's query: `solution` narrows the queue to one solution. */
  @property({ attribute: false }) query = new URLSearchParams();

  @state() private _items: ReviewItem[] = [];
  @state() private _total = 0;
  @state() private _loadingMore = false;
  @state() private _moreError: ApiError | null = null;
  @state() private _open: { linkId: number; action: Action } | null = null;
  @state() private _reason = '';
  @state() private _title = '';
  @state() private _text = '';
  @state() private _target: ProvisionHit | null = null;
  @state() private _busy = false;
  @state() private _error: ApiError | null = null;
  /** What the user had written when a colleague's save got there first (409), so nothing is lost. */
  @state() private _unsaved: { title: string; text: string } | null = null;
  @state() private _flash = '';
  /** Why confirming a requirement's unchanged links at once failed, shown under the card whose button was pressed. */
  @state() private _bulkError: { linkId: number; error: ApiError } | null = null;

  private _queue = new Resource<{ total: number; items: ReviewItem[] }>(this);
  private _counts = new Resource<ReviewCounts>(this);
  private _solutions = new SolutionList(this);
  private _filters = new UrlFilters(this, {
    path: '/gennemgang',
    query: () => this.query,
    read: (q) => ({ solution: q.get('solution') ?? '' }),
    write: (f) => [['solution', f.solution]],
    load: () => {
      this._open = null;
      this._flash = '';
      this._load();
    },
  });

  @query('.flash') private _flashEl?: HTMLElement;

  private get _solution(): string {
    return this._filters.value.solution;
  }

  override updated(): void {
    const name = this._solutions.nameOf(this._solution);
    this.setTitle(name ? `Gennemgang – ${name}` : 'Gennemgang');
  }

  private async _load() {
    this._counts.load(getReviewCounts);
    const queue = await this._queue.load(() => getReviewQueue({ solution: this._solution || undefined, limit: PAGE_SIZE }));
    if (queue) {
      this._items = queue.items;
      this._total = queue.total;
    }
  }

  private async _loadMore() {
    this._loadingMore = true;
    this._moreError = null;
    try {
      const more = await getReviewQueue({ solution: this._solution || undefined, limit: PAGE_SIZE, offset: this._items.length });
      const known = new Set(this._items.map((i) => i.linkId));
      this._items = [...this._items, ...more.items.filter((i) => !known.has(i.linkId))];
      this._total = more.total;
    } catch (err) {
      this._moreError = toApiError(err);
    } finally {
      this._loadingMore = false;
    }
  }

  override render() {
    const name = this._solutions.nameOf(this._solution);
    return html`<div class="page-header">
        <div>
          ${name ? html`<span class="eyebrow">${name}</span>` : nothing}
          <h1 tabindex="-1">Gennemgang af sporingslinks</h1>
          <p class="lead">
            Links til bestemmelser, som en ny lovversion har ændret eller fjernet. Læs kravet op mod den gamle og den nye lovtekst, og afgør, om
            kravet stadig holder.
          </p>
        </div>
      </div>
      ${this._renderFilters()} ${this._renderQueue()}`;
  }

  private _renderFilters() {
    const counts = this._counts.value;
    // With nothing to review anywhere, there is nothing to filter either.
    if (!counts || (counts.total === 0 && !this._solution)) return nothing;
    const codes = Object.keys(counts.bySolution).sort();
    // A solution in the URL with nothing left to review still gets its chip, so the current filter stays visible.
    if (this._solution && !codes.includes(this._solution)) codes.push(this._solution);
    const chip = (code: string, label: string, n: number) => {
      const href = this._filters.href({ solution: code });
      return html`<li>
        <a href=${href} aria-current=${this._solution === code ? 'page' : nothing}
          >${label} <span class="n">${formatNumber(n)}</span></a
        >
      </li>`;
    };
    return html`<nav aria-label="Filtrér efter løsning">
      <ul class="filters">
        ${chip('', 'Alle løsninger', counts.total)}
        ${codes.map((code) => {
          const c = counts.bySolution[code];
          return chip(code, this._solutions.nameOf(code) ?? code, c ? c.suspect + c.broken : 0);
        })}
      </ul>
    </nav>`;
  }

  private _renderQueue() {
    const state = this._queue.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    if (!this._queue.value) return html`<sb-loading label="Henter links til gennemgang…"></sb-loading>`;
    const items = this._items;
    const suspect = items.filter((i) => i.status === 'suspect').length;
    const broken = items.length - suspect;
    const shownPart = items.length === this._total ? `: ${formatNumber(suspect)} mistænkte, ${formatNumber(broken)} brudte.` : ` (viser ${formatNumber(items.length)}).`;
    const summary = `${plural(this._total, 'link', 'links')} til gennemgang${shownPart}`;
    return html`<div class="summary">
        <div role="status">${this._flash ? html`<div class="alert success flash" tabindex="-1"><p>${this._flash}</p></div>` : nothing}</div>
        ${this._total ? html`<p class="small muted">${summary}</p>` : nothing}
      </div>
      ${items.length === 0 ? this._renderEmpty() : this._renderGroups(items)}
      ${items.length && items.length < this._total
        ? html`<div class="more">
            ${this._moreError ? html`<sb-error-alert .error=${this._moreError} heading="Flere links kunne ikke hentes"></sb-error-alert>` : nothing}
            <button class="button" type="button" ?disabled=${this._loadingMore} @click=${this._loadMore}>
              ${this._loadingMore ? 'Henter…' : `Vis flere (${formatNumber(this._total - items.length)} tilbage)`}
            </button>
          </div>`
        : nothing}`;
  }

  private _renderEmpty() {
    return html`<div class="empty" tabindex="-1">
      <h2 id="empty-heading">Intet at gennemgå</h2>
      <p>
        ${this._solution
          ? `Alle sporingslinks i ${this._solutions.nameOf(this._solution) ?? this._solution} er aktuelle.`
          : 'Alle sporingslinks er aktuelle. Når en ny version af en retskilde ændrer en bestemmelse, som et krav sporer til, kommer linket her.'}
      </p>
      ${this._solution ? html`<p><a href="/gennemgang">Se alle løsninger</a></p>` : nothing}
    </div>`;
  }

  private _renderGroups(items: ReviewItem[]) {
    const groups = new Map<string, { name: string; items: ReviewItem[] }>();
    for (const item of items) {
      const g = groups.get(item.solution.code) ?? { name: item.solution.name, items: [] };
      g.items.push(item);
      groups.set(item.solution.code, g);
    }
    return [...groups].map(
      ([code, g]) => html`<section class="group" aria-labelledby="group-${code}">
        <h2 class="group-heading" id="group-${code}">${g.name} <span class="muted small">(${code}) · ${plural(g.items.length, 'link', 'links')}</span></h2>
        <ul class="items">
          ${g.items.map((item) => this._renderItem(item))}
        </ul>
      </section>`,
    );
  }

  private _renderItem(item: ReviewItem) {
    const source = sourceName(item.source);
    const label = item.new?.label ?? item.old.label;
    const headingId = `item-${item.linkId}`;
    const canReview = this.may('link.review', item.solution.code);
    return html`<li class="card item ${item.status}" data-link=${item.linkId}>
      <div class="item-head">
        <h3 id=${headingId} tabindex="-1">
          <span class="id">${item.requirement.humanId}</span><span class="arrow" aria-hidden="true">→</span
          ><span class="visually-hidden"> sporer til </span>${source} ${label}
        </h3>
        ${linkStatusBadge(item.status)}
      </div>
      ${item.note ? html`<p class="note">${item.note}</p>` : nothing}
      ${item.changeRequest
        ? html`<p class="note">
            Lovvedligehold:
            <a href="/aendringsforslag/${encodeURIComponent(item.changeRequest.humanId)}">${item.changeRequest.humanId} ${item.changeRequest.title}</a>
          </p>`
        : nothing}
      ${item.unchangedInSubstance
        ? html`<p class="note">Teksten er uændret i substans siden ${item.old.shortName ?? 'den bekræftede version'}${item.old.label !== item.new?.label ? ` (nu ${item.new?.label})` : ''}.</p>`
        : nothing}
      ${item.instructions.length
        ? html`<div class="instructions">
            <p class="col-label">Ændringsforskrift${item.instructions.length > 1 ? 'er' : ''} i ${item.instructions[0]!.act}</p>
            ${item.instructions.map(
              (i) => html`<blockquote class="instruction">
                ${i.text ? i.text.split('\n').map((line) => html`<p>${line}</p>`) : nothing}
                ${i.byHand ? html`<p class="meta">${i.text ? 'Anvendt' : 'Rettet'} i hånden af ${i.byHand.by}: ${i.byHand.note}</p>` : nothing}
                ${i.notApplied ? html`<p class="meta">Ikke anvendt: ${i.notApplied}</p>` : nothing}
                ${i.inForceFrom
                  ? html`<p class="meta">Træder i kraft ${formatDate(i.inForceFrom)}</p>`
                  : i.text
                    ? html`<p class="meta">Ikrafttræden fastsættes af ministeren</p>`
                    : nothing}
              </blockquote>`,
            )}
          </div>`
        : nothing}
      <div class="compare">
        <div class="requirement">
          <p class="col-label">Krav · version ${item.requirement.version} · ${labelOf(KIND_LABELS, item.requirement.kind)}</p>
          <div class="box">
            <p class="req-title"><a href="/krav/${encodeURIComponent(item.requirement.humanId)}">${item.requirement.title}</a></p>
            <p class="req-text">${item.requirement.text}</p>
          </div>
        </div>
        <div>
          <p class="col-label">Før · ${item.old.label} i ${item.old.shortName ?? 'bekræftet version'}</p>
          <div class="box law">
            ${item.words ? html`<sb-word-diff .parts=${item.words} side="old"></sb-word-diff>` : html`<p>${item.old.text || html`<span class="absent">(ingen tekst)</span>`}</p>`}
          </div>
        </div>
        <div>
          <p class="col-label">Efter · ${item.new ? `${item.new.label} i ${item.new.shortName}` : 'nyeste version'}</p>
          <div class="box law">
            ${item.new
              ? item.words
                ? html`<sb-word-diff .parts=${item.words} side="new"></sb-word-diff>`
                : html`<p>${item.new.text}</p>`
              : html`<p class="absent">Bestemmelsen findes ikke længere. Flyt sporingen til den bestemmelse, der nu dækker kravet, eller fjern den.</p>`}
          </div>
        </div>
      </div>
      <p class="meta">
        Begrundelse for sporingen: ${item.rationale || html`<span class="absent">ingen angivet</span>`} ·
        <a href="/kilder/${item.source.id}/bestemmelser/${encodeURIComponent(item.provisionKey)}${item.new ? `?version=${item.new.versionId}` : ''}"
          >Åbn ${label}<span class="visually-hidden"> i ${source}</span></a
        >
      </p>
      ${canReview ? this._renderActions(item) : nothing}
      ${this._bulkError?.linkId === item.linkId
        ? html`<sb-error-alert .error=${this._bulkError.error} heading="De uændrede links blev ikke bekræftet"></sb-error-alert>`
        : nothing}
      ${this._open?.linkId === item.linkId ? this._renderPanel(item, this._open.action) : nothing}
    </li>`;
  }

  private _renderActions(item: ReviewItem) {
    // Confirming needs the provision in the newest version; a broken link can only be moved or removed.
    const actions: Action[] = item.new ? ['confirm', 'revise', 'move', 'remove'] : ['move', 'remove'];
    const name = itemName(item);
    return html`<div class="actions" role="group" aria-label="Handlinger for ${name}">
      ${item.unchangedInSubstance
        ? html`<button class="button small primary" type="button" data-action="confirm-unchanged" ?disabled=${this._busy} @click=${() => this._confirmUnchanged(item)}>
            Bekræft alle uændrede links for kravet<span class="visually-hidden"> ${item.requirement.humanId}</span>
          </button>`
        : nothing}
      ${actions.map((action) => {
        const expanded = this._open?.linkId === item.linkId && this._open.action === action;
        return html`<button
          class="button small ${action === 'confirm' ? 'primary' : ''} ${action === 'remove' ? 'danger' : ''}"
          type="button"
          data-action=${action}
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls=${expanded ? `panel-${item.linkId}` : nothing}
          @click=${() => this._toggle(item, action)}
        >
          ${ACTION_LABELS[action]}
        </button>`;
      })}
    </div>`;
  }

  private _renderPanel(item: ReviewItem, action: Action) {
    const id = item.linkId;
    const reasonError = this._error?.fieldMessage('reason');
    const textError = this._error?.fieldMessage('text');
    const titleError = this._error?.fieldMessage('title');
    const conflict = this._error?.status === 409 && action === 'revise' && !this._error.fieldMessage('provisionKey');
    const moveError = action === 'move' && this._error?.fieldMessage('provisionKey');
    const general = this._error && !reasonError && !textError && !titleError && !conflict && !moveError ? this._error : null;
    const reasonLabel = action === 'revise' ? 'Begrundelse for ændringen' : action === 'remove' ? 'Hvorfor fjernes sporingen?' : 'Begrundelse';
    const newVersion = item.new?.shortName ?? 'den nyeste version';
    const intro: Record<Action, unknown> = {
      confirm: html`Kravet holder stadig under den nye tekst. Linket bliver aktuelt ved ${newVersion}.`,
      revise: html`Gem en ny version af ${item.requirement.humanId}, der passer til den nye tekst; linket bliver samtidig aktuelt ved ${newVersion}.`,
      move: html`Kravet hviler nu på en anden bestemmelse i ${sourceName(item.source).toLowerCase()}. Søg den frem, og vælg den.`,
      remove: html`${item.requirement.humanId} sporer derefter ikke længere til ${item.old.label}. Begrundelsen gemmes i revisionssporet.`,
    };
    const submitLabel: Record<Action, string> = {
      confirm: 'Bekræft link',
      revise: 'Gem ny version og bekræft',
      move: 'Flyt sporing',
      remove: 'Fjern sporing',
    };
    return html`<div class="panel" id="panel-${id}" @keydown=${this._onPanelKey}>
      <form novalidate @submit=${(e: Event) => this._onSubmit(e, item, action)}>
        <h4>${action === 'confirm' ? 'Bekræft, at kravet stadig holder' : action === 'revise' ? 'Ret kravet og bekræft' : action === 'move' ? 'Flyt sporingen' : 'Fjern sporingen'}</h4>
        <p class="small">${intro[action]}</p>
        ${conflict ? this._renderConflict(item) : nothing}
        ${action === 'revise' ? this._renderEditor(id, titleError, textError) : nothing}
        ${action === 'move' ? this._renderMove(item) : nothing}
        <div class="field">
          <label for="reason-${id}">${reasonLabel}</label>
          <textarea
            id="reason-${id}"
            class="reason"
            required
            aria-invalid=${reasonError ? 'true' : 'false'}
            aria-describedby=${reasonError ? `reason-${id}-error` : nothing}
            .value=${this._reason}
            @input=${(e: Event) => (this._reason = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${reasonError ? html`<p class="field-error" id="reason-${id}-error">${reasonError}</p>` : nothing}
        </div>
        ${general ? html`<sb-error-alert .error=${general} heading="Handlingen blev ikke gennemført"></sb-error-alert>` : nothing}
        <div class="form-actions">
          <button class="button ${action === 'remove' ? 'danger' : 'primary'}" type="submit" ?disabled=${this._busy}>
            ${this._busy ? 'Gemmer…' : submitLabel[action]}
          </button>
          <button class="button" type="button" @click=${() => this._close(item)}>Annullér</button>
        </div>
      </form>
    </div>`;
  }

  private _renderEditor(id: number, titleError?: string, textError?: string) {
    return html`${this._unsaved
        ? html`<details class="alert info" open>
            <summary>Dine ændringer, der ikke blev gemt</summary>
            <p class="small">Kopiér det, du vil beholde, ind i felterne nedenfor.</p>
            <div class="unsaved"><strong>${this._unsaved.title}</strong>\n\n${this._unsaved.text}</div>
          </details>`
        : nothing}
      <div class="field">
        <label for="title-${id}">Titel</label>
        <input
          id="title-${id}"
          type="text"
          aria-invalid=${titleError ? 'true' : 'false'}
          aria-describedby=${titleError ? `title-${id}-error` : nothing}
          .value=${this._title}
          @input=${(e: Event) => (this._title = (e.target as HTMLInputElement).value)}
        />
        ${titleError ? html`<p class="field-error" id="title-${id}-error">${titleError}</p>` : nothing}
      </div>
      <div class="field">
        <label for="text-${id}">Kravtekst</label>
        <textarea
          id="text-${id}"
          class="text"
          aria-invalid=${textError ? 'true' : 'false'}
          aria-describedby=${textError ? `text-${id}-error` : nothing}
          .value=${this._text}
          @input=${(e: Event) => (this._text = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${textError ? html`<p class="field-error" id="text-${id}-error">${textError}</p>` : nothing}
      </div>`;
  }

  private _renderConflict(item: ReviewItem) {
    return html`<div class="alert warning" role="alert">
      <p class="alert-title">Kravet er ændret af en anden</p>
      <p>${this._error?.message}</p>
      <p>Dine ændringer er ikke gemt. Hent den nyeste version af ${item.requirement.humanId}, og indarbejd dine ændringer i den.</p>
      <p><button class="button small" type="button" @click=${() => this._reloadAfterConflict(item)}>Hent nyeste version</button></p>
    </div>`;
  }

  private _renderMove(item: ReviewItem) {
    const t = this._target;
    const moveError = this._error?.fieldMessage('provisionKey');
    return html`<sb-provision-search
        .sourceId=${item.source.id}
        .linked=${new Set([provisionId(item.source.id, item.provisionKey)])}
        .selected=${t}
        @sb-provision-select=${(e: CustomEvent<ProvisionHit>) => {
          this._target = e.detail;
          this._error = null;
        }}
      ></sb-provision-search>
      <p class="small" aria-live="polite">
        ${t
          ? html`Valgt: <strong>${sourceName(t.source)} ${t.label}</strong> (${t.shortName})`
          : html`<span class="muted">Ingen bestemmelse valgt endnu.</span>`}
      </p>
      ${moveError ? html`<p class="field-error" role="alert">${this._error?.message}</p>` : nothing}`;
  }

  /** Opens an action's panel under the item (or closes it, pressed again) and moves focus into it. */
  private async _toggle(item: ReviewItem, action: Action) {
    if (this._open?.linkId === item.linkId && this._open.action === action) {
      this._close(item);
      return;
    }
    this._open = { linkId: item.linkId, action };
    this._reason = '';
    this._title = item.requirement.title;
    this._text = item.requirement.text;
    this._target = null;
    this._error = null;
    this._unsaved = null;
    await this.updateComplete;
    const panel = this.renderRoot.querySelector<HTMLElement>(`#panel-${item.linkId}`);
    if (action === 'move') {
      const search = panel?.querySelector<SbProvisionSearch>('sb-provision-search');
      await search?.updateComplete;
      search?.shadowRoot?.querySelector<HTMLInputElement>('#q')?.focus();
    } else {
      panel?.querySelector<HTMLElement>(action === 'revise' ? `#text-${item.linkId}` : 'textarea')?.focus();
    }
  }

  private async _close(item: ReviewItem) {
    const action = this._open?.action;
    this._open = null;
    this._error = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`li[data-link="${item.linkId}"] button[data-action="${action}"]`)?.focus();
  }

  private _onPanelKey(e: KeyboardEvent) {
    if (e.key !== 'Escape' || !this._open) return;
    const item = this._items.find((i) => i.linkId === this._open?.linkId);
    if (!item) return;
    e.preventDefault();
    this._close(item);
  }

  private async _onSubmit(e: Event, item: ReviewItem, action: Action) {
    e.preventDefault();
    if (this._busy) return;
    const reason = this._reason.trim();
    if (!reason) {
      this._error = new ApiError(400, 'invalid', 'Skriv en begrundelse', [{ field: 'reason', message: 'Skriv en begrundelse' }]);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#reason-${item.linkId}`)?.focus();
      return;
    }
    if (action === 'move' && !this._target) {
      this._error = new ApiError(400, 'invalid', 'Vælg den bestemmelse, sporingen skal flyttes til', [
        { field: 'provisionKey', message: 'Vælg en bestemmelse' },
      ]);
      return;
    }
    this._busy = true;
    this._error = null;
    try {
      const message = await this._perform(item, action, reason);
      await this._settled(item, message);
    } catch (err) {
      this._error = toApiError(err);
      await this.updateComplete;
      const invalid = this.renderRoot.querySelector<HTMLElement>(`#panel-${item.linkId} [aria-invalid='true'], #panel-${item.linkId} [role='alert']`);
      invalid?.focus();
    } finally {
      this._busy = false;
    }
  }

  /** Does the action on the server and says, in a sentence, what became of the link. */
  private async _perform(item: ReviewItem, action: Action, reason: string): Promise<string> {
    const name = itemName(item);
    switch (action) {
      case 'confirm': {
        const done = await confirmLink(item.linkId, reason);
        return `${name}: linket er bekræftet ved ${done.confirmedVersion.shortName}.`;
      }
      case 'revise': {
        const done = await reviseAndConfirmLink(item.linkId, item.requirement.version, { title: this._title.trim(), text: this._text.trim(), reason });
        this._updateRequirement(item.requirement.humanId, done.requirement);
        return `${name}: ${item.requirement.humanId} er gemt som version ${done.requirement.version}, og linket er bekræftet.`;
      }
      case 'move': {
        const done = await moveLink(item.linkId, this._target!.key, reason);
        return `${name}: sporingen er flyttet til ${done.label}.`;
      }
      case 'remove':
        await deleteLink(item.linkId, reason);
        return `${name}: sporingen er fjernet.`;
    }
  }

  /**
   * The item (and any other link settled with it) leaves the queue; focus goes to the item that took its place, or the
   * one before, or the empty state.
   */
  private async _settled(item: ReviewItem, message: string, leaving: ReadonlySet<number> = new Set([item.linkId])) {
    const index = this._items.findIndex((i) => i.linkId === item.linkId);
    this._items = this._items.filter((i) => !leaving.has(i.linkId));
    this._total = Math.max(0, this._total - leaving.size);
    this._open = null;
    this._flash = message;
    announceReviewChanged();
    this._counts.load(getReviewCounts);
    if (this._items.length === 0 && this._total > 0) await this._loadMore();
    await this.updateComplete;
    const next = this._items[Math.min(index, this._items.length - 1)];
    const target = next ? this.renderRoot.querySelector<HTMLElement>(`#item-${next.linkId}`) : this.renderRoot.querySelector<HTMLElement>('.empty');
    (target ?? this._flashEl)?.focus();
  }

  /** Every card of the requirement shows the version just saved, so the next save on any of them starts from it. */
  private _updateRequirement(humanId: string, fresh: { title: string; text: string; version: number }) {
    this._items = this._items.map((i) =>
      i.requirement.humanId === humanId ? { ...i, requirement: { ...i.requirement, title: fresh.title, text: fresh.text, version: fresh.version } } : i,
    );
  }

  /** Confirms the requirement's unchanged links in one step; they leave the queue together. */
  private async _confirmUnchanged(item: ReviewItem) {
    if (this._busy) return;
    this._busy = true;
    this._bulkError = null;
    try {
      const done = await confirmUnchangedLinks(item.requirement.humanId);
      const ids = new Set(done.confirmed.map((c) => c.linkId));
      const labels = done.confirmed.map((c) => c.label).join(', ');
      const rest = done.remaining ? ` ${plural(done.remaining, 'link', 'links')} til kravet skal stadig gennemgås.` : '';
      await this._settled(item, `${item.requirement.humanId}: ${plural(ids.size, 'uændret link', 'uændrede links')} bekræftet (${labels}).${rest}`, ids);
    } catch (err) {
      this._flash = '';
      this._bulkError = { linkId: item.linkId, error: toApiError(err) };
    } finally {
      this._busy = false;
    }
  }

  private async _reloadAfterConflict(item: ReviewItem) {
    this._unsaved = { title: this._title, text: this._text };
    try {
      const fresh = await getRequirement(item.requirement.humanId);
      this._updateRequirement(item.requirement.humanId, fresh);
      this._title = fresh.title;
      this._text = fresh.text;
      this._error = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#text-${item.linkId}`)?.focus();
    } catch (err) {
      this._error = toApiError(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-review-page': SbReviewPage;
  }
}
