// Picks the requirements a change request concerns: search one solution's requirements and tick the ones that apply.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { searchRequirements, type RequirementListItem } from '../api/requirements.js';
import { Resource } from '../app/resource.js';
import { plural } from '../app/format.js';
import { base } from '../styles/shared.js';
import './sb-error-alert.js';
import './sb-loading.js';

export interface PickedRequirement {
  humanId: string;
  title: string;
}

/**
 * @fires sb-requirements-change - The picked requirements changed; `detail` is the new list.
 */
@customElement('sb-requirement-picker')
export class SbRequirementPicker extends LitElement {
  static override styles = [
    base,
    css`
      .search {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: var(--sb-space-3);
        align-items: end;
      }
      .search .field {
        margin: 0;
      }
      .picked {
        list-style: none;
        margin: 0 0 var(--sb-space-3);
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-2);
        padding: var(--sb-space-1) var(--sb-space-1) var(--sb-space-1) var(--sb-space-3);
        border: 1px solid var(--sb-color-primary);
        border-radius: 999px;
        background: var(--sb-color-primary-soft);
        font-size: var(--sb-font-size-sm);
      }
      .chip .mono {
        font-weight: 700;
      }
      .chip button {
        border: none;
        background: none;
        cursor: pointer;
        font: inherit;
        font-weight: 700;
        color: var(--sb-color-primary);
        border-radius: 999px;
        width: 1.75rem;
        height: 1.75rem;
      }
      .chip button:hover {
        background: rgb(26 79 143 / 15%);
      }
      .hits {
        list-style: none;
        margin: var(--sb-space-3) 0 0;
        padding: 0;
        max-height: 18rem;
        overflow-y: auto;
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface);
      }
      .hits li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .hits label {
        display: flex;
        gap: var(--sb-space-3);
        padding: var(--sb-space-2) var(--sb-space-4);
        cursor: pointer;
      }
      .hits label:hover {
        background: var(--sb-color-primary-soft);
      }
      .hits input {
        width: 1.1rem;
        height: 1.1rem;
        margin-top: 0.2rem;
        flex: none;
        accent-color: var(--sb-color-primary);
      }
    `,
  ];

  /** The solution whose requirements may be picked (a change request's requirements belong to its solution). */
  @property() solution = '';
  @property({ attribute: false }) selected: PickedRequirement[] = [];

  @state() private _q = '';
  private _results = new Resource<RequirementListItem[]>(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another solution's hits cannot be picked.
    if (changed.has('solution') && changed.get('solution') !== undefined) this._results.state = { status: 'idle' };
  }

  override render() {
    return html`${this.selected.length
        ? html`<ul class="picked" aria-label="Valgte krav">
            ${this.selected.map(
              (r) => html`<li class="chip">
                <span><span class="mono">${r.humanId}</span> ${r.title}</span>
                <button type="button" aria-label="Fjern ${r.humanId}" @click=${() => this._toggle(r, false)}>✕</button>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted small">Ingen krav valgt.</p>`}
      ${this.solution
        ? html`<form class="search" role="search" aria-label="Find krav" @submit=${this._onSearch}>
              <div class="field">
                <label for="req-q">Søg krav i ${this.solution}</label>
                <input id="req-q" type="search" autocomplete="off" placeholder="Id, titel eller tekst" .value=${this._q} @input=${(e: Event) => (this._q = (e.target as HTMLInputElement).value)} />
              </div>
              <button class="button" type="submit">Søg krav</button>
            </form>
            ${this._renderResults()}`
        : html`<p class="hint">Vælg løsningen først; så kan du søge i dens krav.</p>`}`;
  }

  private _renderResults() {
    const state = this._results.state;
    if (state.status === 'idle') return nothing;
    if (state.status === 'loading') return html`<sb-loading label="Søger…"></sb-loading>`;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} heading="Søgningen mislykkedes"></sb-error-alert>`;
    const hits = state.value;
    const picked = new Set(this.selected.map((r) => r.humanId));
    return html`<p class="small muted" role="status">${hits.length ? `${plural(hits.length, 'krav', 'krav')} fundet.` : 'Ingen krav matcher søgningen.'}</p>
      ${hits.length
        ? html`<fieldset>
            <legend class="visually-hidden">Søgeresultat: vælg de berørte krav</legend>
            <ul class="hits">
              ${hits.map(
                (r) => html`<li>
                  <label>
                    <input type="checkbox" .checked=${picked.has(r.humanId)} @change=${(e: Event) => this._toggle(r, (e.target as HTMLInputElement).checked)} />
                    <span><span class="mono">${r.humanId}</span> ${r.title}</span>
                  </label>
                </li>`,
              )}
            </ul>
          </fieldset>`
        : nothing}`;
  }

  private _onSearch(e: Event) {
    e.preventDefault();
    const q = this._q.trim();
    this._results.load(async () => (await searchRequirements({ solution: this.solution, q, limit: 50 })).items);
  }

  private _toggle(r: PickedRequirement, on: boolean) {
    const rest = this.selected.filter((x) => x.humanId !== r.humanId);
    this.selected = on ? [...rest, { humanId: r.humanId, title: r.title }] : rest;
    this.dispatchEvent(new CustomEvent<PickedRequirement[]>('sb-requirements-change', { detail: this.selected, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-requirement-picker': SbRequirementPicker;
  }
  interface HTMLElementEventMap {
    'sb-requirements-change': CustomEvent<PickedRequirement[]>;
  }
}
