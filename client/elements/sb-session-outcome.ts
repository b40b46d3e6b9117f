// The outcome per item, in ranked order: the recommendation (anbefales, udskydes, afvises, til styregruppen),
// its reason and any dissent. The chair records them; everyone else, and a closed session, reads them.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { RECOMMENDATIONS, RECOMMENDATION_LABELS, type RankedItem, type Recommendation, type SessionItem } from '../api/sessions.js';
import { base } from '../styles/shared.js';
import type { SaveState } from './sb-session-assessment.js';
import './sb-badge.js';
import { scalableControls } from './sb-session-styles.js';

interface Draft {
  recommendation: Recommendation | '';
  reason: string;
  dissent: string;
}

export interface RecommendDetail {
  itemId: number;
  recommendation: Recommendation;
  reason: string;
  dissent: string | null;
}

const TONES: Record<Recommendation, 'success' | 'neutral' | 'danger' | 'warning'> = { anbefales: 'success', udskydes: 'neutral', afvises: 'danger', til_styregruppen: 'warning' };

/** What the ranking suggests before the chair has chosen: the group still decides. */
function suggestion(r: RankedItem): Recommendation {
  if (r.tilStyregruppen) return 'til_styregruppen';
  return r.aboveCut ? 'anbefales' : 'udskydes';
}

function draftOf(item: SessionItem | undefined, r: RankedItem): Draft {
  const rec = item?.recommendation;
  return rec
    ? { recommendation: rec.value as Recommendation, reason: rec.reason ?? '', dissent: rec.dissent ?? '' }
    : { recommendation: suggestion(r), reason: '', dissent: '' };
}

/**
 * @fires sb-recommend - The chair saves one item's recommendation (`RecommendDetail`).
 */
@customElement('sb-session-outcome')
export class SbSessionOutcome extends LitElement {
  static override styles = [
    base,
    scalableControls,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--sb-space-3);
      }
      li {
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-3) var(--sb-space-4);
      }
      h3 {
        font-size: var(--sb-font-size-md);
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-3);
        align-items: center;
        margin-bottom: var(--sb-space-2);
      }
      .hid {
        font-family: var(--sb-font-mono);
        color: var(--sb-color-text-muted);
        font-size: 0.9em;
      }
      .grid {
        display: grid;
        grid-template-columns: minmax(11rem, 0.8fr) minmax(14rem, 2fr) minmax(12rem, 1.4fr) auto;
        gap: var(--sb-space-2) var(--sb-space-3);
        align-items: end;
      }
      @media (max-width: 60rem) {
        .grid {
          grid-template-columns: 1fr;
        }
      }
      .grid .field {
        margin: 0;
      }
      .status {
        margin: var(--sb-space-1) 0 0;
        min-height: 1.4em;
        font-size: var(--sb-font-size-sm);
        font-weight: 600;
        color: var(--sb-color-success);
      }
      .status.unsaved {
        color: var(--sb-color-warning);
      }
      .read p {
        margin: var(--sb-space-1) 0 0;
      }
    `,
  ];

  /** The ranked items, in ranked order. */
  @property({ attribute: false }) ranked: RankedItem[] = [];
  @property({ attribute: false }) items: SessionItem[] = [];
  @property({ type: Boolean }) manage = false;
  /** Each item's save, by item id. */
  @property({ attribute: false }) saveStates = new Map<number, SaveState>();

  @state() private _drafts = new Map<number, Draft>();
  @state() private _dirty = new Set<number>();
  @state() private _missing = new Set<number>();
  private _seen = new Map<number, SaveState>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('items') && !changed.has('ranked') && !changed.has('saveStates')) return;
    const drafts = new Map(this._drafts);
    for (const r of this.ranked) {
      // Only a save that has just come back clears the item's unsaved edits.
      const state = this.saveStates.get(r.itemId);
      if (state && state !== this._seen.get(r.itemId)) {
        this._seen.set(r.itemId, state);
        if (state.kind === 'saved') this._dirty.delete(r.itemId);
      }
      if (!this._dirty.has(r.itemId)) drafts.set(r.itemId, draftOf(this._item(r.itemId), r));
    }
    this._drafts = drafts;
  }

  private _item(itemId: number) {
    return this.items.find((i) => i.id === itemId);
  }

  override render() {
    return html`<ol>
      ${this.ranked.map((r) => this._renderItem(r))}
    </ol>`;
  }

  private _renderItem(r: RankedItem) {
    const item = this._item(r.itemId);
    const rec = item?.recommendation;
    const headingId = `h-${r.itemId}`;
    return html`<li aria-labelledby=${headingId}>
      <h3 id=${headingId}>
        <span>${r.position}. <span class="hid">${r.humanId}</span> ${r.title}</span>
        <sb-badge tone=${r.aboveCut ? 'success' : 'neutral'}>${r.aboveCut ? 'Over linjen' : 'Under linjen'}</sb-badge>
        ${rec ? html`<sb-badge tone=${TONES[rec.value as Recommendation] ?? 'neutral'}>${rec.label}</sb-badge>` : html`<sb-badge tone="warning">Mangler anbefaling</sb-badge>`}
      </h3>
      ${this.manage ? this._renderForm(r) : this._renderRead(item)}
    </li>`;
  }

  private _renderRead(item: SessionItem | undefined) {
    const rec = item?.recommendation;
    if (!rec) return html`<p class="muted">Ingen anbefaling endnu.</p>`;
    return html`<div class="read">
      <p><strong>Begrundelse:</strong> ${rec.reason}</p>
      ${rec.dissent ? html`<p><strong>Dissens:</strong> ${rec.dissent}</p>` : nothing}
    </div>`;
  }

  private _renderForm(r: RankedItem) {
    const id = r.itemId;
    const d = this._drafts.get(id) ?? draftOf(this._item(id), r);
    const state = this.saveStates.get(id) ?? { kind: 'idle' };
    const serverField = (f: string) => (state.kind === 'error' ? state.fields.find((x) => x.field === f)?.message : undefined);
    const reasonError = this._missing.has(id) ? 'Skriv en begrundelse' : serverField('reason');
    const dirty = this._dirty.has(id);
    const saved = Boolean(this._item(id)?.recommendation);
    return html`<form @submit=${(e: Event) => this._onSubmit(e, r)} novalidate>
      <div class="grid">
        <div class="field">
          <label for="rec-${id}">Anbefaling</label>
          <select id="rec-${id}" @change=${(e: Event) => this._set(id, r, { recommendation: (e.target as HTMLSelectElement).value as Recommendation })}>
            ${RECOMMENDATIONS.map((v) => html`<option value=${v} ?selected=${v === d.recommendation}>${RECOMMENDATION_LABELS[v]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="reason-${id}">Begrundelse</label>
          <input
            id="reason-${id}"
            type="text"
            required
            maxlength="4000"
            aria-invalid=${reasonError ? 'true' : 'false'}
            aria-describedby=${reasonError ? `reason-${id}-error` : nothing}
            .value=${d.reason}
            @input=${(e: Event) => this._set(id, r, { reason: (e.target as HTMLInputElement).value })}
          />
        </div>
        <div class="field">
          <label for="dissent-${id}">Dissens (valgfri)</label>
          <input id="dissent-${id}" type="text" maxlength="4000" .value=${d.dissent} @input=${(e: Event) => this._set(id, r, { dissent: (e.target as HTMLInputElement).value })} />
        </div>
        <button class="button primary" type="submit" aria-label="Gem anbefaling: ${r.humanId}" ?disabled=${state.kind === 'saving'}>
          ${state.kind === 'saving' ? 'Gemmer…' : 'Gem anbefaling'}
        </button>
      </div>
      ${reasonError ? html`<p class="field-error" id="reason-${id}-error">${reasonError}</p>` : nothing}
      <p class="status ${dirty || !saved ? 'unsaved' : ''}" role="status">
        ${state.kind === 'error' && !reasonError ? html`<span class="field-error">${state.message}</span>` : dirty ? 'Ikke gemt endnu' : saved ? '✓ Anbefalingen er gemt' : ''}
      </p>
    </form>`;
  }

  private _set(id: number, r: RankedItem, change: Partial<Draft>) {
    const current = this._drafts.get(id) ?? draftOf(this._item(id), r);
    this._drafts = new Map(this._drafts).set(id, { ...current, ...change });
    this._dirty = new Set(this._dirty).add(id);
    if (change.reason !== undefined) {
      const missing = new Set(this._missing);
      missing.delete(id);
      this._missing = missing;
    }
  }

  private _onSubmit(e: Event, r: RankedItem) {
    e.preventDefault();
    const id = r.itemId;
    const d = this._drafts.get(id) ?? draftOf(this._item(id), r);
    if (!d.reason.trim() || !d.recommendation) {
      this._missing = new Set(this._missing).add(id);
      this.renderRoot.querySelector<HTMLElement>(`#reason-${id}`)?.focus();
      return;
    }
    const detail: RecommendDetail = { itemId: id, recommendation: d.recommendation, reason: d.reason.trim(), dissent: d.dissent.trim() || null };
    this.dispatchEvent(new CustomEvent('sb-recommend', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-session-outcome': SbSessionOutcome;
  }
  interface HTMLElementEventMap {
    'sb-recommend': CustomEvent<RecommendDetail>;
  }
}
