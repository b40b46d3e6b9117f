// Sporbarhedsmatrix: every requirement of a solution against every provision it traces to, grouped by source,
// filterable by source, link status and text; the grid is virtualised so thousands of requirements stay quick.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getMatrix, prefetchMatrix, type Matrix } from '../api/matrix.js';
import { formatNumber, plural } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { LINK_SYMBOLS } from '../elements/sb-virtual-matrix.js';
import '../elements/sb-virtual-matrix.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

/** Set when the first requirement rows are in the DOM; `performance.getEntriesByName(MATRIX_FIRST_ROWS_MARK)`. */
export const MATRIX_FIRST_ROWS_MARK = 'sb-matrix-first-rows';

// Opened straight at a matrix (a bookmark, a reload): ask for it now, while the shell asks who is logged in.
// The pattern is this page's route (routes.ts).
const openedAt = /^\/loesninger\/([^/]+)\/sporbarhed\/?$/.exec(location.pathname);
if (openedAt) prefetchMatrix(decodeURIComponent(openedAt[1]));

type StatusFilter = '' | 'current' | 'suspect' | 'broken' | 'untraced';

interface Filters {
  source: string;
  status: StatusFilter;
  q: string;
}

const STATUS_OPTIONS: [StatusFilter, string][] = [
  ['', 'Alle krav'],
  ['suspect', 'Krav med mistænkte links'],
  ['broken', 'Krav med brudte links'],
  ['current', 'Krav med aktuelle links'],
  ['untraced', 'Krav uden sporing'],
];

function filtersFrom(query: URLSearchParams): Filters {
  const status = query.get('status') ?? '';
  return {
    source: query.get('kilde') ?? '',
    status: (STATUS_OPTIONS.some(([v]) => v === status) ? status : '') as StatusFilter,
    q: query.get('q') ?? '',
  };
}

const STATUSES = ['current', 'suspect', 'broken'] as const;

/**
 * The matrix indexed by requirement: each requirement's links as a slice of two typed arrays (provision, status
 * code), so a 3,000 × 1,500 grid with 9,000 links is indexed in about a millisecond and looked up without a map.
 */
class Indexed {
  readonly sources: { id: number; name: string }[] = [];
  readonly counts: Record<string, number> = { current: 0, suspect: 0, broken: 0 };
  private readonly start: Int32Array;
  private readonly provision: Int32Array;
  private readonly status: Uint8Array;

  constructor(readonly matrix: Matrix) {
    const rows = matrix.requirements.length;
    this.start = new Int32Array(rows + 1);
    for (const [r] of matrix.cells) this.start[r + 1]++;
    for (let r = 0; r < rows; r++) this.start[r + 1] += this.start[r];
    const next = this.start.slice(0, rows);
    this.provision = new Int32Array(matrix.cells.length);
    this.status = new Uint8Array(matrix.cells.length);
    for (const [r, p, status] of matrix.cells) {
      const i = next[r]++;
      this.provision[i] = p;
      this.status[i] = Math.max(0, STATUSES.indexOf(status as (typeof STATUSES)[number]));
      this.counts[status] = (this.counts[status] ?? 0) + 1;
    }
    let last = -1;
    for (const [id, , , name] of matrix.provisions) if (id !== last) (this.sources.push({ id, name }), (last = id));
  }

  /** The link status of a requirement at a provision, if it traces there. */
  statusAt = (requirement: number, provision: number): string | undefined => {
    for (let i = this.start[requirement]; i < this.start[requirement + 1]; i++) if (this.provision[i] === provision) return STATUSES[this.status[i]];
    return undefined;
  };

  /** Calls back with each link of a requirement. */
  eachLink(requirement: number, fn: (provision: number, status: string) => void): void {
    for (let i = this.start[requirement]; i < this.start[requirement + 1]; i++) fn(this.provision[i], STATUSES[this.status[i]]);
  }

  linkCount(requirement: number): number {
    return this.start[requirement + 1] - this.start[requirement];
  }
}

function view(ix: Indexed, f: Filters): { rows: number[]; columns: number[] } {
  const { matrix } = ix;
  const sourceId = f.source ? Number(f.source) : null;
  const inSource = (p: number) => sourceId === null || matrix.provisions[p][0] === sourceId;
  const q = f.q.trim().toLowerCase();
  const matchesText = (r: number) => !q || matrix.requirements[r][0].toLowerCase().includes(q) || matrix.requirements[r][1].toLowerCase().includes(q);

  const rows: number[] = [];
  const used = new Set<number>();
  for (let r = 0; r < matrix.requirements.length; r++) {
    if (!matchesText(r)) continue;
    if (f.status === 'untraced') {
      if (!ix.linkCount(r)) rows.push(r);
      continue;
    }
    const wanted: number[] = [];
    ix.eachLink(r, (p, status) => {
      if (inSource(p) && (!f.status || status === f.status)) wanted.push(p);
    });
    // Without a filter on source or status every requirement is a row, traced or not.
    if (wanted.length || (!f.status && sourceId === null)) {
      rows.push(r);
      for (const p of wanted) used.add(p);
    }
  }
  const narrowed = f.status || q;
  const columns: number[] = [];
  for (let p = 0; p < matrix.provisions.length; p++) if (inSource(p) && (!narrowed || used.has(p))) columns.push(p);
  return { rows, columns };
}

@customElement('sb-trace-matrix-page')
export class SbTraceMatrixPage extends PageElement {
  static override styles = [
    base,
    css`
      .filters {
        display: grid;
        grid-template-columns: minmax(12rem, 1fr) minmax(12rem, 1fr) minmax(14rem, 1.5fr);
        gap: var(--sb-space-3);
        align-items: end;
        margin-bottom: var(--sb-space-3);
      }
      .filters .field {
        margin: 0;
      }
      @media (max-width: 50rem) {
        .filters {
          grid-template-columns: 1fr;
        }
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--sb-space-2) var(--sb-space-5);
        margin-bottom: var(--sb-space-2);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-4);
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: var(--sb-font-size-sm);
      }
      .symbol {
        display: inline-flex;
        justify-content: center;
        width: 1.5rem;
        font-weight: 800;
        border-radius: var(--sb-radius);
      }
      .symbol.current {
        color: var(--sb-color-success);
      }
      .symbol.suspect {
        color: var(--sb-color-warning);
        background: var(--sb-color-warning-soft);
      }
      .symbol.broken {
        color: var(--sb-color-danger);
        background: var(--sb-color-danger-soft);
      }
      sb-virtual-matrix {
        --sb-matrix-height: calc(100vh - 14rem);
      }
      .keys {
        margin-top: var(--sb-space-2);
      }
    `,
  ];

  @property() code = '';
  /** The URL's query: kilde (source id), status and q. */
  @property({ attribute: false }) query = new URLSearchParams();

  @state() private _filters: Filters = filtersFrom(new URLSearchParams());
  private _matrix = new Resource<Indexed>(this);
  private _view: { rows: number[]; columns: number[] } = { rows: [], columns: [] };
  private _viewOf?: { ix: Indexed; f: Filters };

  private _load() {
    this._matrix.load(async () => new Indexed(await getMatrix(this.code)));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Loaded here rather than on connect: the code is set by then even if the element upgraded after its properties.
    if (changed.has('code')) this._load();
    if (changed.has('query')) this._filters = filtersFrom(this.query);
    const ix = this._matrix.value;
    if (ix && (this._viewOf?.ix !== ix || this._viewOf.f !== this._filters)) {
      this._view = view(ix, this._filters);
      this._viewOf = { ix, f: this._filters };
    }
  }

  override updated(): void {
    const name = this._matrix.value?.matrix.solution.name;
    if (name) this.setTitle(`Sporbarhedsmatrix – ${name}`);
  }

  override render() {
    const ix = this._matrix.value;
    const name = ix?.matrix.solution.name ?? this.code;
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/">Løsninger</a></li>
          <li><a href="/loesninger/${encodeURIComponent(this.code)}">${name}</a></li>
          <li><span aria-current="page">Sporbarhedsmatrix</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <h1 tabindex="-1">Sporbarhedsmatrix</h1>
          <p class="lead">Hvert krav i ${name} over for de bestemmelser, det sporer til, grupperet efter retskilde.</p>
        </div>
      </div>
      ${this._renderBody()}`;
  }

  private _renderBody() {
    const state = this._matrix.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const ix = this._matrix.value;
    if (!ix) return html`<sb-loading label="Henter sporbarhedsmatrix…"></sb-loading>`;
    const { matrix, counts } = ix;
    const { rows, columns } = this._view;
    const f = this._filters;
    return html`<form class="filters" role="search" aria-label="Filtrér matrixen" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="source">Retskilde</label>
          <select id="source" @change=${(e: Event) => this._apply({ source: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!f.source}>Alle retskilder</option>
            ${ix.sources.map((s) => html`<option value=${String(s.id)} ?selected=${String(s.id) === f.source}>${s.name.charAt(0).toUpperCase() + s.name.slice(1)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status">Vis</label>
          <select id="status" @change=${(e: Event) => this._apply({ status: (e.target as HTMLSelectElement).value as StatusFilter })}>
            ${STATUS_OPTIONS.map(([value, label]) => html`<option value=${value} ?selected=${value === f.status}>${label}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="q">Find krav</label>
          <input id="q" type="search" placeholder="Id eller ord i titlen" .value=${f.q} @input=${this._onSearch} />
        </div>
      </form>
      <div class="bar">
        <p class="small" role="status" id="matrix-summary">
          Viser ${plural(rows.length, 'krav', 'krav')} af ${formatNumber(matrix.requirements.length)} og ${plural(columns.length, 'bestemmelse', 'bestemmelser')} af
          ${formatNumber(matrix.provisions.length)}. ${plural(matrix.cells.length, 'sporingslink', 'sporingslinks')}: ${formatNumber(counts.current)} aktuelle,
          ${formatNumber(counts.suspect)} mistænkte, ${formatNumber(counts.broken)} brudte.
        </p>
        <ul class="legend" aria-label="Signaturforklaring">
          ${Object.entries(LINK_SYMBOLS).map(
            ([status, s]) => html`<li><span class="symbol ${status}" aria-hidden="true">${s.symbol}</span> ${s.label.charAt(0).toUpperCase() + s.label.slice(1)}</li>`,
          )}
          <li><span class="symbol" aria-hidden="true"></span> Tom: ikke sporet</li>
        </ul>
      </div>
      ${rows.length
        ? html`<sb-virtual-matrix
              .requirements=${matrix.requirements}
              .provisions=${matrix.provisions}
              .rows=${rows}
              .columns=${columns}
              .statusAt=${ix.statusAt}
              label="Sporbarhedsmatrix for ${matrix.solution.name}"
              @sb-rows-rendered=${this._onRowsRendered}
            ></sb-virtual-matrix>
            <p class="small muted keys">
              Brug piletasterne til at gå mellem cellerne, Home/End til rækkens start og slut, Page Up/Down for en skærm ad gangen og Enter for at åbne kravet.
            </p>`
        : html`<div class="empty">
            <p>${matrix.requirements.length ? 'Ingen krav passer til filtrene.' : 'Løsningen har endnu ingen krav.'}</p>
            ${matrix.requirements.length ? html`<p><a href="/loesninger/${encodeURIComponent(this.code)}/sporbarhed">Nulstil filtrene</a></p>` : nothing}
          </div>`}`;
  }

  private _onRowsRendered() {
    if (!performance.getEntriesByName(MATRIX_FIRST_ROWS_MARK).length) performance.mark(MATRIX_FIRST_ROWS_MARK);
  }

  private _searchTimer?: ReturnType<typeof setTimeout>;

  private _onSearch(e: Event) {
    const q = (e.target as HTMLInputElement).value;
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => this._apply({ q }), 200);
  }

  /** Filters live in the URL (replacing the entry, so Back leaves the matrix rather than undoing a filter). */
  private _apply(change: Partial<Filters>) {
    const f = { ...this._filters, ...change };
    const params = new URLSearchParams();
    if (f.source) params.set('kilde', f.source);
    if (f.status) params.set('status', f.status);
    if (f.q.trim()) params.set('q', f.q.trim());
    const qs = params.toString();
    this.go(`/loesninger/${encodeURIComponent(this.code)}/sporbarhed${qs ? `?${qs}` : ''}`, { replace: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-trace-matrix-page': SbTraceMatrixPage;
  }
}
