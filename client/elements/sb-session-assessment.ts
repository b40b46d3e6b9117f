// One agenda item and the participant's own assessment of it: MoSCoW and the three cost-of-delay parts of WSJF
// on the Fibonacci scale. A lovvedligehold with its deadline in the period is Must by law, shown and locked.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { COST_OF_DELAY_PARTS, FIBONACCI, MOSCOW, MOSCOW_NAMES, formatAmount, type AssessmentDraft, type BudgetUnit, type Moscow, type OwnAssessment, type SessionItem } from '../api/sessions.js';
import { changeRequestHref } from '../api/change-requests.js';
import { formatDate } from '../app/format.js';
import { base } from '../styles/shared.js';
import { changeClassBadge } from './sb-change-request-badges.js';
import './sb-badge.js';
import { scalableControls } from './sb-session-styles.js';

type Part = (typeof COST_OF_DELAY_PARTS)[number]['key'];
interface Draft {
  moscow: Moscow | '';
  businessValue: number;
  timeCriticality: number;
  riskReduction: number;
  comment: string;
}

/** Where a save stands: nothing sent yet, on its way, stored, or the server's message. */
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string; fields: { field: string; message: string }[] };

const MOSCOW_HINTS: Record<Moscow, string> = { must: 'skal med', should: 'bør med', could: 'kan med', wont: 'ikke nu' };

function draftFrom(item: SessionItem, saved: OwnAssessment | null): Draft {
  return {
    moscow: item.mustByLaw ? 'must' : ((saved?.moscow as Moscow | undefined) ?? ''),
    businessValue: saved?.businessValue ?? 0,
    timeCriticality: saved?.timeCriticality ?? 0,
    riskReduction: saved?.riskReduction ?? 0,
    comment: saved?.comment ?? '',
  };
}

/**
 * @fires sb-assess - The participant submits; `detail` is `{ itemId, assessment }`.
 */
@customElement('sb-session-assessment')
export class SbSessionAssessment extends LitElement {
  static override styles = [
    base,
    scalableControls,
    css`
      article {
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-left: 6px solid var(--sb-color-border-strong);
        border-radius: var(--sb-radius-lg);
        box-shadow: var(--sb-shadow);
        padding: var(--sb-space-4) var(--sb-space-5);
      }
      article.done {
        border-left-color: var(--sb-color-success);
      }
      h3 {
        display: flex;
        gap: var(--sb-space-3);
        align-items: baseline;
        margin-bottom: var(--sb-space-2);
      }
      .pos {
        flex: none;
        min-width: 1.6em;
        text-align: center;
        color: var(--sb-color-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .hid {
        font-family: var(--sb-font-mono);
        font-size: 0.85em;
        color: var(--sb-color-text-muted);
        margin-right: var(--sb-space-2);
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-4);
        align-items: center;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin: 0 0 var(--sb-space-3);
      }
      .grid {
        display: grid;
        grid-template-columns: minmax(min-content, 1.5fr) repeat(3, minmax(8rem, 1fr));
        gap: var(--sb-space-3) var(--sb-space-4);
        align-items: start;
      }
      @media (max-width: 60rem) {
        .grid {
          grid-template-columns: 1fr 1fr;
        }
        .grid fieldset {
          grid-column: 1 / -1;
        }
      }
      /* On a phone: one column, so long labels (Tidskritikalitet) and the four MoSCoW buttons fit the screen. */
      @media (max-width: 30rem) {
        .grid {
          grid-template-columns: minmax(0, 1fr);
        }
        .grid fieldset {
          min-width: 0;
        }
        .grid .segments {
          flex-wrap: wrap;
        }
      }
      .grid .field,
      .grid fieldset {
        margin: 0;
      }
      .segments {
        display: flex;
        flex-wrap: nowrap;
        gap: var(--sb-space-1);
      }
      .segments label {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-1);
        padding: var(--sb-space-1) var(--sb-space-3);
        min-height: 2.5em;
        border: 1px solid var(--sb-color-border-strong);
        border-radius: var(--sb-radius);
        cursor: pointer;
        font-weight: 600;
        background: var(--sb-color-surface);
      }
      .segments label:has(input:checked) {
        background: var(--sb-color-primary);
        border-color: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .segments label:has(input:focus-visible) {
        outline: var(--sb-focus-ring);
        outline-offset: var(--sb-focus-offset);
      }
      .segments label:has(input:disabled:not(:checked)) {
        cursor: not-allowed;
        color: var(--sb-color-text-muted);
        background: var(--sb-color-surface-sunken);
        text-decoration: line-through;
      }
      .segments input {
        accent-color: var(--sb-color-on-primary);
        margin: 0;
      }
      .lock {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-danger);
        font-weight: 600;
        margin: var(--sb-space-1) 0 0;
      }
      .bottom {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3) var(--sb-space-4);
        align-items: end;
        margin-top: var(--sb-space-3);
      }
      .bottom .field {
        flex: 1 1 20rem;
        margin: 0;
      }
      .saved {
        font-weight: 600;
        color: var(--sb-color-success);
        margin: 0;
        min-height: 1.5em;
      }
      .unsaved {
        color: var(--sb-color-warning);
      }
      .mine {
        margin: 0;
      }
      .about {
        margin: var(--sb-space-2) 0 var(--sb-space-3);
        font-size: var(--sb-font-size-sm);
        overflow-wrap: anywhere;
      }
      .about summary {
        cursor: pointer;
        font-weight: 600;
      }
      .about dl {
        margin: var(--sb-space-2) 0 0;
      }
      .about dt {
        font-weight: 600;
        margin-top: var(--sb-space-2);
      }
      .about dd {
        margin: 0;
      }
      .about ul {
        margin: 0;
        padding-left: 1.2em;
      }
      .description {
        white-space: pre-line;
        margin: var(--sb-space-2) 0 0;
      }
    `,
  ];

  @property({ attribute: false }) item!: SessionItem;
  /** The item's place on the agenda (1-based). */
  @property({ type: Number }) position = 0;
  @property({ attribute: false }) saved: OwnAssessment | null = null;
  @property() unit: BudgetUnit = 'timer';
  @property({ attribute: false }) saveState: SaveState = { kind: 'idle' };
  /** No form: a closed session, or a reader who is not a participant. */
  @property({ type: Boolean }) readonly = false;

  @state() private _draft: Draft = { moscow: '', businessValue: 0, timeCriticality: 0, riskReduction: 0, comment: '' };
  @state() private _dirty = false;
  @state() private _missing = new Set<string>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    // What the participant is typing wins over an update from another device; a fresh save replaces it.
    if ((changed.has('saved') || changed.has('item')) && !this._dirty) this._draft = draftFrom(this.item, this.saved);
    if (changed.has('saveState') && this.saveState.kind === 'saved') {
      this._dirty = false;
      this._draft = draftFrom(this.item, this.saved);
    }
  }

  override render() {
    const item = this.item;
    const cr = item.changeRequest;
    const done = Boolean(this.saved) && !this._dirty;
    return html`<article class=${done ? 'done' : ''} aria-labelledby="heading">
      <h3 id="heading">
        <span class="pos" aria-hidden="true">${this.position}.</span><a href=${changeRequestHref(cr.humanId)}><span class="hid">${cr.humanId}</span>${cr.title}</a>
      </h3>
      <p class="facts">
        ${changeClassBadge(cr.class)} ${item.mustByLaw ? html`<sb-badge tone="danger">Must efter lovkrav</sb-badge>` : nothing}
        ${cr.deadline ? html`<span>Frist: ${formatDate(cr.deadline)}</span>` : nothing}
        <span>Estimat: ${item.estimate === null ? 'mangler' : formatAmount(item.estimate, this.unit)}</span>
        <span>${item.assessedBy === 1 ? 'Vurderet af 1 deltager' : `Vurderet af ${item.assessedBy} deltagere`}</span>
      </p>
      ${this._renderAbout(cr)} ${this.readonly ? this._renderMine() : this._renderForm()}
    </article>`;
  }

  /** What the item concerns, folded: its description, requirements, provisions and the law change it came from. */
  private _renderAbout(cr: SessionItem['changeRequest']) {
    const none = html`<dd class="muted">Ingen</dd>`;
    return html`<details class="about">
      <summary>Om forslaget</summary>
      ${cr.description ? html`<p class="description">${cr.description}</p>` : nothing}
      <dl>
        <dt>Krav</dt>
        ${cr.requirements.length
          ? html`<dd>
              <ul>
                ${cr.requirements.map((r) => html`<li><a href="/krav/${encodeURIComponent(r.humanId)}">${r.humanId} ${r.title}</a></li>`)}
              </ul>
            </dd>`
          : none}
        <dt>Bestemmelser</dt>
        ${cr.provisions.length
          ? html`<dd>
              <ul>
                ${cr.provisions.map((p) => html`<li><a href="/kilder/${p.sourceId}/bestemmelser/${encodeURIComponent(p.key)}">${p.sourceTitle} ${p.label}</a></li>`)}
              </ul>
            </dd>`
          : none}
        ${cr.lawChange
          ? html`<dt>Lovændring</dt>
              <dd><a href="/versioner/${cr.lawChange.versionId}/konsekvens">${cr.lawChange.shortName}</a></dd>`
          : nothing}
      </dl>
      <p><a href=${changeRequestHref(cr.humanId)}>Åbn ændringsforslaget ${cr.humanId}</a></p>
    </details>`;
  }

  private _renderMine() {
    const s = this.saved;
    if (!s) return nothing;
    return html`<p class="mine">
      Din vurdering: <strong>${MOSCOW_NAMES[s.moscow as Moscow] ?? s.moscow}</strong> · forretningsværdi ${s.businessValue} · tidskritikalitet ${s.timeCriticality} ·
      risikoreduktion ${s.riskReduction}${s.comment ? html` · “${s.comment}”` : nothing}
    </p>`;
  }

  private _fieldError(field: string): string | undefined {
    if (this._missing.has(field)) return field === 'moscow' ? 'Vælg en kategori' : 'Vælg en værdi';
    if (this.saveState.kind === 'error') return this.saveState.fields.find((f) => f.field === field)?.message;
    return undefined;
  }

  private _renderForm() {
    const d = this._draft;
    const locked = this.item.mustByLaw;
    const moscowError = this._fieldError('moscow');
    const state = this.saveState;
    return html`<form @submit=${this._onSubmit} novalidate>
      <div class="grid">
        <fieldset aria-describedby=${locked ? 'lock' : moscowError ? 'moscow-error' : nothing}>
          <legend>MoSCoW</legend>
          <div class="segments">
            ${MOSCOW.map(
              (m) =>
                html`<label title=${MOSCOW_HINTS[m]}>
                  <input type="radio" name="moscow" .value=${m} .checked=${d.moscow === m} ?disabled=${locked && m !== 'must'} @change=${() => this._set({ moscow: m })} />
                  ${MOSCOW_NAMES[m]}
                </label>`,
            )}
          </div>
          ${locked ? html`<p class="lock" id="lock">§ Lovvedligehold med frist i perioden er Must efter lovkrav og kan ikke ændres</p>` : nothing}
          ${moscowError ? html`<p class="field-error" id="moscow-error">${moscowError}</p>` : nothing}
        </fieldset>
        ${COST_OF_DELAY_PARTS.map((p) => this._renderScore(p.key, p.label))}
      </div>
      <div class="bottom">
        <div class="field">
          <label for="comment">Bemærkning (valgfri)</label>
          <input id="comment" type="text" maxlength="2000" .value=${d.comment} @input=${(e: Event) => this._set({ comment: (e.target as HTMLInputElement).value })} />
        </div>
        <button class="button primary" type="submit" ?disabled=${state.kind === 'saving'}>${state.kind === 'saving' ? 'Gemmer…' : this.saved ? 'Opdatér vurdering' : 'Gem vurdering'}</button>
      </div>
      <p class="saved ${this._dirty ? 'unsaved' : ''}" role="status">
        ${state.kind === 'error' && !state.fields.length
          ? html`<span class="field-error">${state.message}</span>`
          : this._dirty
            ? 'Ændringer er ikke gemt endnu'
            : this.saved
              ? '✓ Vurderingen er gemt'
              : ''}
      </p>
    </form>`;
  }

  private _renderScore(key: Part, label: string) {
    const error = this._fieldError(key);
    const value = this._draft[key];
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <select
        id=${key}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${key}-error` : nothing}
        @change=${(e: Event) => this._set({ [key]: Number((e.target as HTMLSelectElement).value) } as Partial<Draft>)}
      >
        <option value="0" ?selected=${!value}>Vælg</option>
        ${FIBONACCI.map((n) => html`<option value=${n} ?selected=${n === value}>${n}</option>`)}
      </select>
      ${error ? html`<p class="field-error" id="${key}-error">${error}</p>` : nothing}
    </div>`;
  }

  private _set(change: Partial<Draft>) {
    this._draft = { ...this._draft, ...change };
    this._dirty = true;
    for (const key of Object.keys(change)) this._missing.delete(key);
    this._missing = new Set(this._missing);
  }

  private _onSubmit(e: Event) {
    e.preventDefault();
    const d = this._draft;
    const missing = new Set<string>();
    if (!d.moscow) missing.add('moscow');
    for (const p of COST_OF_DELAY_PARTS) if (!d[p.key]) missing.add(p.key);
    this._missing = missing;
    if (missing.size) {
      const first = [...missing][0];
      this.renderRoot.querySelector<HTMLElement>(first === 'moscow' ? 'input[name="moscow"]:not(:disabled)' : `#${first}`)?.focus();
      return;
    }
    const assessment: AssessmentDraft = {
      moscow: d.moscow as Moscow,
      businessValue: d.businessValue,
      timeCriticality: d.timeCriticality,
      riskReduction: d.riskReduction,
      comment: d.comment.trim(),
    };
    this.dispatchEvent(new CustomEvent('sb-assess', { detail: { itemId: this.item.id, assessment }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-session-assessment': SbSessionAssessment;
  }
  interface HTMLElementEventMap {
    'sb-assess': CustomEvent<{ itemId: number; assessment: AssessmentDraft }>;
  }
}
