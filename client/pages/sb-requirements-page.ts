// Krav: search and filter requirements across solutions; the filters live in the URL so they can be shared.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  KIND_LABELS,
  REQUIREMENT_KINDS,
  REQUIREMENT_STATUSES,
  STATUS_LABELS,
  labelOf,
  searchRequirements,
  type RequirementKind,
  type RequirementListItem,
  type RequirementStatus,
} from '../api/requirements.js';
import { formatNumber } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { SolutionList } from '../app/solution-list.js';
import { UrlFilters } from '../app/url-filters.js';
import { requirementStatusBadge } from '../elements/sb-badge.js';
import '../elements/sb-pagination.js';
import { base, idTitleCells } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const PAGE_SIZE = 25;

interface Filters {
  solution: string;
  q: string;
  status: string;
  kind: string;
}

@customElement('sb-requirements-page')
export class SbRequirementsPage extends PageElement {
  static override styles = [
    base,
    idTitleCells,
    css`
      .filters {
        display: grid;
        grid-template-columns: minmax(14rem, 2fr) repeat(3, minmax(9rem, 1fr)) auto;
        gap: var(--sb-space-3);
        align-items: end;
        margin-bottom: var(--sb-space-4);
      }
      .filters .field {
        margin: 0;
      }
      @media (max-width: 60rem) {
        .filters {
          grid-template-columns: 1fr 1fr;
        }
      }
      .summary {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--sb-space-3);
        margin-bottom: var(--sb-space-2);
      }
      .excerpt {
        display: -webkit-box;
        -webkit-line-clamp: 1;
        -webkit-box-orient: vertical;
        overflow: hidden;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin-top: 2px;
      }
      .open {
        color: var(--sb-color-warning);
        font-weight: 600;
      }
      .none {
        color: var(--sb-color-danger);
        font-weight: 600;
      }
      .loading-overlay {
        opacity: 0.55;
        transition: opacity 0.1s;
      }
    `,
  ];

  /** The URL's query: solution, q, status, kind and side (1-based page). */
  @property({ attribute: false }) query = new URLSearchParams();

  private _filters = new UrlFilters<Filters>(this, {
    path: '/krav',
    query: () => this.query,
    read: (q) => ({ solution: q.get('solution') ?? '', q: q.get('q') ?? '', status: q.get('status') ?? '', kind: q.get('kind') ?? '' }),
    write: (f) => [['solution', f.solution], ['q', f.q], ['status', f.status], ['kind', f.kind]],
    load: () => this._load(),
  });
  private _results = new Resource<Awaited<ReturnType<typeof searchRequirements>>>(this);
  private _solutions = new SolutionList(this);

  private _load() {
    const f = this._filters.value;
    const page = this._filters.page;
    this._results.load(() =>
      searchRequirements({
        solution: f.solution,
        q: f.q,
        status: (f.status || undefined) as RequirementStatus | undefined,
        kind: (f.kind || undefined) as RequirementKind | undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    );
  }

  override updated(): void {
    const name = this._solutions.nameOf(this._filters.value.solution);
    this.setTitle(name ? `Krav – ${name}` : 'Krav');
  }

  override render() {
    const f = this._filters.value;
    const solutionName = this._solutions.nameOf(f.solution);
    const createHref = f.solution ? `/krav/ny?solution=${encodeURIComponent(f.solution)}` : '/krav/ny';
    return html`<div class="page-header">
        <div>
          ${solutionName ? html`<span class="eyebrow">${solutionName}</span>` : nothing}
          <h1 tabindex="-1">Krav</h1>
        </div>
        ${this.may('requirement.write', f.solution || null) ? html`<a class="button primary" href=${createHref}>+ Opret krav</a>` : nothing}
      </div>
      ${this._renderFilters()} ${this._renderResults()}`;
  }

  private _renderFilters() {
    const d = this._filters.draft;
    const set = (key: keyof Filters) => this._filters.input(key);
    return html`<form class="filters" role="search" aria-label="Filtrér krav" @submit=${this._onSubmit}>
      <div class="field">
        <label for="q">Søg i krav</label>
        <input id="q" type="search" name="q" placeholder="Id, titel eller tekst" .value=${d.q} @input=${set('q')} />
      </div>
      <div class="field">
        <label for="solution">Løsning</label>
        <select id="solution" name="solution" @change=${set('solution')}>
          <option value="" ?selected=${!d.solution}>Alle løsninger</option>
          ${(this._solutions.value ?? []).map((s) => html`<option value=${s.code} ?selected=${s.code === d.solution}>${s.name} (${s.code})</option>`)}
          ${d.solution && !this._solutions.value ? html`<option value=${d.solution} selected>${d.solution}</option>` : nothing}
        </select>
      </div>
      <div class="field">
        <label for="status">Status</label>
        <select id="status" name="status" @change=${set('status')}>
          <option value="" ?selected=${!d.status}>Alle</option>
          ${REQUIREMENT_STATUSES.map((s) => html`<option value=${s} ?selected=${s === d.status}>${STATUS_LABELS[s]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="kind">Type</label>
        <select id="kind" name="kind" @change=${set('kind')}>
          <option value="" ?selected=${!d.kind}>Alle</option>
          ${REQUIREMENT_KINDS.map((k) => html`<option value=${k} ?selected=${k === d.kind}>${KIND_LABELS[k]}</option>`)}
        </select>
      </div>
      <button class="button" type="submit">Søg</button>
    </form>`;
  }

  private _onSubmit(e: Event) {
    const d = this._filters.draft;
    this._filters.submit(e, { ...d, q: d.q.trim() });
  }

  private _renderResults() {
    const state = this._results.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const data = this._results.value;
    if (!data) return html`<sb-loading label="Henter krav…"></sb-loading>`;
    const f = this._filters.value;
    const page = this._filters.page;
    const pageCount = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    const filtered = Boolean(f.q || f.status || f.kind);
    const first = data.offset + 1;
    const last = data.offset + data.items.length;
    return html`<div class="summary">
        <p role="status" class="muted small">
          ${data.total === 0
            ? 'Ingen krav fundet.'
            : `Viser ${formatNumber(first)}–${formatNumber(last)} af ${formatNumber(data.total)} krav.`}
        </p>
      </div>
      ${data.items.length === 0
        ? html`<div class="empty">
            ${data.total > 0
              ? html`<p>Der er ikke så mange sider.</p><p><a href=${this._filters.href()}>Gå til første side</a></p>`
              : filtered
              ? html`<p>Ingen krav matcher søgningen.</p><p><a href=${this._filters.href({ solution: f.solution, q: '', status: '', kind: '' })}>Ryd filtrene</a></p>`
              : html`<p>Der er endnu ingen krav${f.solution ? ' til løsningen' : ''}.</p>
                  ${this.may('requirement.write', f.solution || null)
                    ? html`<p><a href=${f.solution ? `/krav/ny?solution=${encodeURIComponent(f.solution)}` : '/krav/ny'}>Opret det første krav</a></p>`
                    : nothing}`}
          </div>`
        : html`<div class="table-wrap ${state.status === 'loading' ? 'loading-overlay' : ''}" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
            <table>
              <caption class="visually-hidden">Krav, side ${page} af ${pageCount}</caption>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Titel</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Links</th>
                </tr>
              </thead>
              <tbody>
                ${data.items.map((r) => this._renderRow(r))}
              </tbody>
            </table>
          </div>
          <sb-pagination .page=${page} .pageCount=${pageCount} .hrefFor=${(p: number) => this._filters.href(f, p)}></sb-pagination>`}`;
  }

  private _renderRow(r: RequirementListItem) {
    const href = `/krav/${encodeURIComponent(r.humanId)}`;
    return html`<tr>
      <td class="id">${r.humanId}</td>
      <td class="title-cell">
        <a href=${href}>${r.title}</a>
        <div class="excerpt">${r.text}</div>
      </td>
      <td>${labelOf(KIND_LABELS, r.kind)}</td>
      <td>${requirementStatusBadge(r.status)}</td>
      <td class="num">
        ${r.linkCount === 0
          ? r.nonLegal
            ? html`<span class="muted">Ikke lovbestemt</span>`
            : html`<span class="none">0 <span class="small">(ingen sporing)</span></span>`
          : html`${formatNumber(r.linkCount)}${r.openLinkCount ? html` <span class="open small">(${formatNumber(r.openLinkCount)} uafklaret)</span>` : nothing}`}
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-requirements-page': SbRequirementsPage;
  }
}
