// Finds a provision to trace to, by citation ("§ 6, stk. 1") or by words, and lets the user pick one.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { searchProvisions, type ProvisionHit, type SourceSummary } from '../api/sources.js';
import { Resource } from '../app/resource.js';
import { plural, sourceName } from '../app/format.js';
import { base } from '../styles/shared.js';
import './sb-error-alert.js';
import './sb-loading.js';

/** Identifies a provision across sources: keys are only unique within one source. */
export const provisionId = (sourceId: number, key: string) => `${sourceId}:${key}`;

/**
 * @fires sb-provision-select - A provision was picked; `detail` is the search hit.
 */
@customElement('sb-provision-search')
export class SbProvisionSearch extends LitElement {
  static override styles = [
    base,
    css`
      .search {
        display: grid;
        grid-template-columns: minmax(12rem, 2fr) minmax(10rem, 1fr) auto;
        gap: var(--sb-space-3);
        align-items: end;
      }
      .search .field {
        margin: 0;
      }
      .search.one-source {
        grid-template-columns: minmax(12rem, 1fr) auto;
      }
      @media (max-width: 40rem) {
        .search,
        .search.one-source {
          grid-template-columns: 1fr;
        }
      }
      .results {
        margin-top: var(--sb-space-4);
      }
      .hits {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 26rem;
        overflow-y: auto;
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface);
      }
      .hits li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .hit {
        display: flex;
        gap: var(--sb-space-3);
        padding: var(--sb-space-3) var(--sb-space-4);
        cursor: pointer;
      }
      .hit:hover {
        background: var(--sb-color-primary-soft);
      }
      .hit:has(input:checked) {
        background: var(--sb-color-primary-soft);
        box-shadow: inset 4px 0 0 var(--sb-color-primary);
      }
      .hit input {
        margin-top: 0.3rem;
        width: 1.1rem;
        height: 1.1rem;
        flex: none;
        accent-color: var(--sb-color-primary);
      }
      .hit-title {
        font-weight: 650;
      }
      .hit-text {
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
        margin: var(--sb-space-1) 0 0;
      }
      mark {
        background: #fff0b3;
        color: inherit;
        padding: 0 1px;
      }
    `,
  ];

  @property({ attribute: false }) sources: SourceSummary[] = [];
  /** Provisions the requirement already traces to (see provisionId); shown but not selectable. */
  @property({ attribute: false }) linked: Set<string> = new Set();
  /** The picked provision, so the owner can clear it after saving. */
  @property({ attribute: false }) selected: ProvisionHit | null = null;
  /** Search only this source (e.g. when moving a link within its act); the source picker is then left out. */
  @property({ type: Number }) sourceId?: number;

  @state() private _q = '';
  @state() private _sourceId = '';
  @state() private _searched = '';
  private _results = new Resource<ProvisionHit[]>(this);

  override render() {
    return html`<form class="search ${this.sourceId ? 'one-source' : ''}" role="search" aria-label="Find bestemmelse at spore til" @submit=${this._onSearch}>
        <div class="field">
          <label for="q">Søg bestemmelse</label>
          <input
            id="q"
            type="search"
            autocomplete="off"
            aria-describedby="q-hint"
            .value=${this._q}
            @input=${(e: Event) => (this._q = (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this.sourceId
          ? nothing
          : html`<div class="field">
              <label for="source">Retskilde</label>
              <select id="source" .value=${this._sourceId} @change=${(e: Event) => (this._sourceId = (e.target as HTMLSelectElement).value)}>
                <option value="">Alle retskilder</option>
                ${this.sources.map((s) => html`<option value=${String(s.id)} ?selected=${String(s.id) === this._sourceId}>${sourceName(s)}</option>`)}
              </select>
            </div>`}
        <button class="button" type="submit">Søg</button>
      </form>
      <p class="hint" id="q-hint">Skriv en henvisning som «§ 6, stk. 1» eller ord fra lovteksten.</p>
      <div class="results">${this._renderResults()}</div>`;
  }

  private _renderResults() {
    const state = this._results.state;
    if (state.status === 'idle') return nothing;
    if (state.status === 'loading') return html`<sb-loading label="Søger…"></sb-loading>`;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} heading="Søgningen mislykkedes"></sb-error-alert>`;
    const hits = state.value;
    return html`<p role="status" class="small muted">
        ${hits.length ? `${plural(hits.length, 'bestemmelse', 'bestemmelser')} fundet for «${this._searched}».` : ''}
      </p>
      ${hits.length === 0
        ? html`<div class="empty"><p>Ingen bestemmelser matcher «${this._searched}».</p><p>Prøv en anden paragraf, eller søg på ord fra teksten.</p></div>`
        : html`<fieldset>
            <legend>Vælg bestemmelse</legend>
            <ul class="hits">
              ${hits.map((hit) => this._renderHit(hit))}
            </ul>
          </fieldset>`}`;
  }

  private _renderHit(hit: ProvisionHit) {
    const id = provisionId(hit.source.id, hit.key);
    const already = this.linked.has(id);
    const checked = this.selected !== null && provisionId(this.selected.source.id, this.selected.key) === id;
    const inputId = `hit-${id.replace(/[^a-z0-9]/gi, '-')}`;
    return html`<li>
      <label class="hit" for=${inputId}>
        <input
          id=${inputId}
          type="radio"
          name="provision"
          .checked=${checked}
          ?disabled=${already}
          @change=${() => this._select(hit)}
        />
        <span>
          <span class="hit-title">${sourceName(hit.source)} ${hit.label}</span>
          ${hit.repealed ? html` <span class="small muted">(ophævet)</span>` : nothing}
          ${already ? html` <span class="small muted">– kravet sporer allerede hertil</span>` : nothing}
          <span class="small muted"> · ${hit.shortName}${hit.chapter ? ` · ${hit.chapter}` : ''}</span>
          <span class="hit-text small">${hit.text ? this._highlight(hit.text) : html`<span class="muted">Teksten står i stykkerne under paragraffen.</span>`}</span>
        </span>
      </label>
    </li>`;
  }

  /** Marks the searched words in a hit's text, so the reason it matched is visible at a glance. */
  private _highlight(text: string) {
    const words = this._searched.includes('§') ? [] : this._searched.split(/\s+/).filter((w) => w.length > 2);
    if (!words.length) return text;
    const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
    return text.split(pattern).map((piece, i) => (i % 2 === 1 ? html`<mark>${piece}</mark>` : piece));
  }

  private _onSearch(e: Event) {
    e.preventDefault();
    const q = this._q.trim();
    if (!q) return;
    this._searched = q;
    const sourceId = this.sourceId || (this._sourceId ? Number(this._sourceId) : undefined);
    this._results.load(async () => (await searchProvisions(q, sourceId, 50)).items);
  }

  private _select(hit: ProvisionHit) {
    this.selected = hit;
    this.dispatchEvent(new CustomEvent<ProvisionHit>('sb-provision-select', { detail: hit, bubbles: true, composed: true }));
  }

  /** Empties the search after a link is saved. */
  reset(): void {
    this._q = '';
    this._searched = '';
    this.selected = null;
    this._results.state = { status: 'idle' };
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-provision-search': SbProvisionSearch;
  }
  interface HTMLElementEventMap {
    'sb-provision-select': CustomEvent<ProvisionHit>;
  }
}
