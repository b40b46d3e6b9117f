// Ændringsforslag: every change request, filtered by class, status, solution and deadline, with counts per class.
// The filters live in the URL so a list can be shared.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  CHANGE_CLASSES,
  CLASS_LABELS,
  CLASS_SHORT_LABELS,
  changeRequestHref,
  isChangeClass,
  isClosedStatus,
  listChangeRequests,
  statusLabel,
  statusOptions,
  type ChangeClass,
  type ChangeRequestList,
  type ChangeRequestListItem,
} from '../api/change-requests.js';
import { formatNumber } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { SolutionList } from '../app/solution-list.js';
import { UrlFilters } from '../app/url-filters.js';
import { changeStatusBadge } from '../elements/sb-change-request-badges.js';
import '../elements/sb-deadline.js';
import '../elements/sb-pagination.js';
import { base, idTitleCells } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const PAGE_SIZE = 50;

interface Filters {
  solution: string;
  class: ChangeClass | '';
  status: string;
  open: boolean;
  deadlineBefore: string;
}

function filtersFrom(query: URLSearchParams): Filters {
  const cls = query.get('class');
  const deadline = query.get('deadlineBefore') ?? '';
  return {
    solution: query.get('solution') ?? '',
    class: isChangeClass(cls) ? cls : '',
    status: query.get('status') ?? '',
    open: query.get('open') === '1',
    deadlineBefore: /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? deadline : '',
  };
}

@customElement('sb-change-requests-page')
export class SbChangeRequestsPage extends PageElement {
  static override styles = [
    base,
    idTitleCells,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(3, minmax(10rem, 1fr)) auto auto;
        gap: var(--sb-space-3) var(--sb-space-4);
        align-items: end;
        margin-bottom: var(--sb-space-5);
      }
      .filters .field,
      .filters .choice {
        margin: 0;
      }
      .filters .choice {
        align-self: center;
        padding-top: var(--sb-space-5);
        white-space: nowrap;
      }
      @media (max-width: 60rem) {
        .filters {
          grid-template-columns: 1fr 1fr;
        }
      }
      .tabs ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-1);
        list-style: none;
        margin: 0 0 var(--sb-space-4);
        padding: 0;
        border-bottom: 2px solid var(--sb-color-border);
      }
      .tabs a {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-2);
        padding: var(--sb-space-2) var(--sb-space-3);
        margin-bottom: -2px;
        border-bottom: 4px solid transparent;
        color: var(--sb-color-text);
        text-decoration: none;
        font-weight: 600;
      }
      .tabs a:hover {
        border-bottom-color: var(--sb-color-border-strong);
        background: var(--sb-color-surface);
      }
      .tabs a[aria-current='page'] {
        border-bottom-color: var(--sb-color-primary);
        color: var(--sb-color-primary);
      }
      .tab-count {
        min-width: 1.75rem;
        padding: 0 0.4rem;
        border-radius: 999px;
        background: var(--sb-color-neutral-soft);
        color: var(--sb-color-neutral);
        font-size: var(--sb-font-size-xs);
        text-align: center;
      }
      [aria-current='page'] .tab-count {
        background: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .proposer {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      tr.overdue > td:first-child {
        box-shadow: inset 4px 0 0 var(--sb-color-danger);
      }
      .loading-overlay {
        opacity: 0.55;
      }
    `,
  ];

  /** The URL's query: solution, class, status, open, deadlineBefore and side (1-based page). */
  @property({ attribute: false }) query = new URLSearchParams();

  private _filters = new UrlFilters<Filters>(this, {
    path: '/aendringsforslag',
    query: () => this.query,
    read: filtersFrom,
    write: (f) => [
      ['solution', f.solution],
      ['class', f.class],
      ['status', f.status],
      ['open', f.open ? '1' : ''],
      ['deadlineBefore', f.deadlineBefore],
    ],
    load: () => this._load(),
  });
  private _results = new Resource<ChangeRequestList>(this);
  private _solutions = new SolutionList(this);

  private _load() {
    const f = this._filters.value;
    const page = this._filters.page;
    this._results.load(() => listChangeRequests({ ...f, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  }

  override updated(): void {
    const f = this._filters.value;
    this.setTitle(f.class ? `Ændringsforslag – ${CLASS_LABELS[f.class]}` : 'Ændringsforslag');
  }

  override render() {
    const f = this._filters.value;
    const createHref = f.solution ? `/aendringsforslag/ny?solution=${encodeURIComponent(f.solution)}` : '/aendringsforslag/ny';
    return html`<div class="page-header">
        <div>
          <h1 tabindex="-1">Ændringsforslag</h1>
          <p class="lead">Forslag til ændringer af løsningerne, i de fem klasser fra styringsmodellen.</p>
        </div>
        ${this.may('change_request.create', f.solution || null) ? html`<a class="button primary" href=${createHref}>+ Registrér ændringsforslag</a>` : nothing}
      </div>
      ${this._renderFilters()} ${this._renderTabs()} ${this._renderResults()}`;
  }

  private _renderFilters() {
    const d = this._filters.draft;
    const set = (key: 'solution' | 'status' | 'deadlineBefore') => this._filters.input(key);
    return html`<form class="filters" role="search" aria-label="Filtrér ændringsforslag" @submit=${(e: Event) => this._filters.submit(e)}>
      <div class="field">
        <label for="solution">Løsning</label>
        <select id="solution" @change=${set('solution')}>
          <option value="" ?selected=${!d.solution}>Alle løsninger</option>
          ${(this._solutions.value ?? []).map((s) => html`<option value=${s.code} ?selected=${s.code === d.solution}>${s.name} (${s.code})</option>`)}
          ${d.solution && !this._solutions.value ? html`<option value=${d.solution} selected>${d.solution}</option>` : nothing}
        </select>
      </div>
      <div class="field">
        <label for="status">Status</label>
        <select id="status" @change=${set('status')}>
          <option value="" ?selected=${!d.status}>Alle</option>
          ${statusOptions(d.class).map((s) => html`<option value=${s.status} ?selected=${s.status === d.status}>${s.label}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="deadline">Frist før</label>
        <input id="deadline" type="date" .value=${d.deadlineBefore} @change=${set('deadlineBefore')} />
      </div>
      <div class="choice">
        <input id="open" type="checkbox" .checked=${d.open} @change=${(e: Event) => this._filters.edit({ open: (e.target as HTMLInputElement).checked })} />
        <label for="open">Kun åbne</label>
      </div>
      <button class="button" type="submit">Filtrér</button>
    </form>`;
  }

  /** One tab per class with the count each would list under the other filters. */
  private _renderTabs() {
    const counts = this._results.value?.countsByClass as Record<ChangeClass, number> | undefined;
    const f = this._filters.value;
    const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
    const tab = (cls: ChangeClass | '', label: string, n: number | undefined) =>
      html`<li>
        <a href=${this._filters.href({ ...f, class: cls, status: cls && f.status && !statusOptions(cls).some((s) => s.status === f.status) ? '' : f.status })} aria-current=${f.class === cls ? 'page' : nothing}
          >${label}${n === undefined ? nothing : html`<span class="tab-count"><span class="visually-hidden">: </span>${formatNumber(n)}</span>`}</a
        >
      </li>`;
    return html`<nav class="tabs" aria-label="Klasser">
      <ul>
        ${tab('', 'Alle', all)} ${CHANGE_CLASSES.map((c) => tab(c, CLASS_SHORT_LABELS[c], counts?.[c]))}
      </ul>
    </nav>`;
  }

  private _renderResults() {
    const state = this._results.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const data = this._results.value;
    if (!data) return html`<sb-loading label="Henter ændringsforslag…"></sb-loading>`;
    const f = this._filters.value;
    const page = this._filters.page;
    const pageCount = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    const first = (page - 1) * PAGE_SIZE + 1;
    const filtered = Boolean(f.class || f.status || f.open || f.deadlineBefore || f.solution);
    return html`<p role="status" class="muted small">
        ${data.total === 0 ? 'Ingen ændringsforslag fundet.' : `Viser ${formatNumber(first)}–${formatNumber(first + data.items.length - 1)} af ${formatNumber(data.total)}.`}
      </p>
      ${data.items.length === 0
        ? html`<div class="empty">
            <p>${filtered ? 'Ingen ændringsforslag matcher filtrene.' : 'Der er endnu ingen ændringsforslag.'}</p>
            ${filtered ? html`<p><a href="/aendringsforslag">Ryd filtrene</a></p>` : nothing}
          </div>`
        : html`<div class="table-wrap ${state.status === 'loading' ? 'loading-overlay' : ''}" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
              <table>
                <caption class="visually-hidden">Ændringsforslag, side ${page} af ${pageCount}</caption>
                <thead>
                  <tr>
                    <th scope="col">Id</th>
                    <th scope="col">Titel</th>
                    <th scope="col">Klasse</th>
                    <th scope="col">Status</th>
                    <th scope="col">Løsning</th>
                    <th scope="col">Frist</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.items.map((cr) => this._renderRow(cr))}
                </tbody>
              </table>
            </div>
            <sb-pagination .page=${page} .pageCount=${pageCount} .hrefFor=${(p: number) => this._filters.href(f, p)}></sb-pagination>`}`;
  }

  private _renderRow(cr: ChangeRequestListItem) {
    const closed = isClosedStatus(cr.class, cr.status);
    const overdue = !closed && cr.deadline !== null && cr.deadline < new Date().toISOString().slice(0, 10);
    return html`<tr class=${overdue ? 'overdue' : ''}>
      <td class="id">${cr.humanId}</td>
      <td class="title-cell">
        <a href=${changeRequestHref(cr.humanId)}>${cr.title}</a>
        <div class="proposer">Foreslået af ${cr.proposer}</div>
      </td>
      <td>${isChangeClass(cr.class) ? CLASS_LABELS[cr.class] : cr.class}</td>
      <td>${changeStatusBadge(cr.class, cr.status, statusLabel(cr.class, cr.status))}</td>
      <td>${cr.solution}</td>
      <td><sb-deadline .deadline=${cr.deadline} ?closed=${closed}></sb-deadline></td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-change-requests-page': SbChangeRequestsPage;
  }
}
