// The ranked list as the meeting sees it on the projector: above the line, the cut line drawn at the budget
// frame, below it; each item with its explanation and flags. The chair moves items with Alt+↑/↓ or buttons.
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CATEGORY_NAMES, formatAmount, type BudgetUnit, type Ranking, type RankedItem, type SessionItem } from '../api/sessions.js';
import { changeRequestHref } from '../api/change-requests.js';
import { formatDate } from '../app/format.js';
import { base } from '../styles/shared.js';
import { changeClassBadge } from './sb-change-request-badges.js';
import './sb-badge.js';
import type { BadgeTone } from './sb-badge.js';
import { scalableControls } from './sb-session-styles.js';

const CATEGORY_TONES: Record<string, BadgeTone> = { must: 'info', should: 'info', could: 'neutral', wont: 'neutral', ikke_vurderet: 'warning' };
const wsjfFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });

/** Notes of the ranking that the row shows in their own box, so the explanation need not repeat them. */
const SHOWN_APART = ['Flyttet af formanden', 'Formanden har begrundet'];

/** The explanation without the given notes (the ranking joins its parts as sentences ending in a full stop). */
function withoutNotes(explanation: string, notes: string[]): string {
  return notes.reduce((text, note) => text.replace(` ${note.replace(/[.\s]+$/, '')}.`, ''), explanation);
}

export interface MoveDetail {
  itemId: number;
  humanId: string;
  from: number;
  /** 1-based place to move to; null puts the item back where the rules place it. */
  position: number | null;
}

/** The text of the drawn cut line. */
export function cutLineText(ranking: Ranking): string {
  const c = ranking.cutLine;
  return `Budgetrammen: ${formatAmount(c.budget, c.unit)} — herunder falder uden for`;
}

/**
 * @fires sb-move - The chair wants an item moved (`MoveDetail`); the page asks for the reason.
 * @fires sb-mark - The chair toggles "til styregruppen": `{ itemId, tilStyregruppen }`.
 * @fires sb-below-cut - The chair wants to record why a Must-by-law item may stand below the line, or withdraw it: `{ itemId, humanId, withdraw }`.
 */
@customElement('sb-ranking-list')
export class SbRankingList extends LitElement {
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
        gap: var(--sb-space-2);
      }
      li {
        display: grid;
        grid-template-columns: 2.6em minmax(0, 1fr) auto;
        gap: var(--sb-space-2) var(--sb-space-4);
        align-items: start;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-left: 8px solid var(--sb-color-success);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-3) var(--sb-space-4);
        box-shadow: var(--sb-shadow);
      }
      li {
        position: relative;
      }
      /* On the projector the chair's buttons show on the row in hand (focused or clicked, never on hover, so nothing jumps
         under the mouse); hidden, they stay in the tab order and the accessibility tree. */
      :host([compact]) li:not(:focus-within):not(.selected) .controls {
        position: absolute;
        width: 1px;
        height: 1px;
        margin: -1px;
        padding: 0;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      li.below {
        border-left-color: var(--sb-color-border-strong);
        background: var(--sb-color-surface-sunken);
      }
      li[tabindex]:focus-visible {
        outline: var(--sb-focus-ring);
        outline-offset: 2px;
      }
      li.selected {
        box-shadow: 0 0 0 3px var(--sb-focus-color);
      }
      .pos {
        font-size: 1.6em;
        font-weight: 750;
        line-height: 1.1;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      .title {
        font-size: var(--sb-font-size-lg);
        font-weight: 650;
        margin: 0 0 var(--sb-space-1);
        line-height: 1.3;
      }
      .hid {
        font-family: var(--sb-font-mono);
        font-size: 0.85em;
        color: var(--sb-color-text-muted);
        margin-right: var(--sb-space-2);
        font-weight: 600;
      }
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-1) var(--sb-space-2);
        margin-bottom: var(--sb-space-1);
      }
      .explanation {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin: 0;
      }
      .moved {
        font-size: var(--sb-font-size-sm);
        margin: var(--sb-space-1) 0 0;
        padding: var(--sb-space-1) var(--sb-space-3);
        border-left: 4px solid var(--sb-color-primary);
        background: var(--sb-color-primary-soft);
        border-radius: var(--sb-radius);
      }
      .moved.law {
        border-left-color: var(--sb-color-danger);
        background: var(--sb-color-danger-soft);
      }
      dl.figures {
        display: grid;
        grid-template-columns: repeat(3, minmax(5.5em, auto));
        gap: 0 var(--sb-space-4);
        margin: 0;
        text-align: right;
      }
      dl.figures div {
        display: flex;
        flex-direction: column-reverse;
      }
      dl.figures dt {
        font-size: var(--sb-font-size-xs);
        color: var(--sb-color-text-muted);
        font-weight: 600;
      }
      dl.figures dd {
        margin: 0;
        font-size: var(--sb-font-size-lg);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .controls {
        grid-column: 2 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
      }
      .button[aria-pressed='true'] {
        background: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .cut-line {
        position: relative;
        margin: var(--sb-space-3) 0;
        padding: var(--sb-space-2) var(--sb-space-4);
        border-top: 4px dashed var(--sb-color-danger);
        border-bottom: 4px dashed var(--sb-color-danger);
        background: var(--sb-color-danger-soft);
        color: var(--sb-color-danger);
        font-weight: 750;
        font-size: var(--sb-font-size-lg);
        text-align: center;
      }
      .cut-line .sub {
        display: block;
        font-weight: 600;
        font-size: var(--sb-font-size-sm);
      }
      .keys {
        margin-bottom: var(--sb-space-3);
      }
      kbd {
        font-family: var(--sb-font-mono);
        font-size: 0.9em;
        border: 1px solid var(--sb-color-border-strong);
        border-bottom-width: 2px;
        border-radius: 4px;
        padding: 0 0.3em;
        background: var(--sb-color-surface);
      }
      @media (max-width: 50rem) {
        li {
          grid-template-columns: 2.2em minmax(0, 1fr);
        }
        dl.figures {
          grid-column: 2;
          text-align: left;
        }
      }
    `,
  ];

  @property({ attribute: false }) ranking!: Ranking;
  /** The agenda items, for each ranked item's class. */
  @property({ attribute: false }) items: SessionItem[] = [];
  @property() unit: BudgetUnit = 'timer';
  /** The chair: offers moving and marking. */
  @property({ type: Boolean }) manage = false;
  /** Large type on a projector: the chair's buttons show only on the row being worked on. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** An item the page is working on (its move waits for a reason); it is shown as selected. */
  @property({ type: Number }) selectedItem: number | null = null;

  /** Moves focus to an item's row, e.g. after it has moved. */
  async focusItem(itemId: number): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`li[data-item="${itemId}"]`)?.focus();
  }

  override render() {
    const r = this.ranking;
    const after = r.cutLine.afterPosition;
    const above = r.items.filter((i) => i.position <= after);
    const below = r.items.filter((i) => i.position > after);
    return html`${this.manage
        ? html`<p class="keys hint" id="keys">
            Vælg et punkt med <kbd>Tab</kbd>, og flyt det med <kbd>Alt</kbd>+<kbd>↑</kbd> eller <kbd>Alt</kbd>+<kbd>↓</kbd>, eller brug knapperne. Hver flytning
            skal begrundes.${this.compact ? ' Klik på et punkt for at se knapperne.' : ''}
          </p>`
        : nothing}
      ${above.length ? html`<ol aria-label="Over skærelinjen: inden for budgetrammen">${repeat(above, (i) => i.itemId, (i) => this._renderItem(i))}</ol>` : nothing}
      <div class="cut-line" id="cut-line">
        <span aria-hidden="true">✂ </span>${cutLineText(r)}
        <span class="sub">Over linjen: ${formatAmount(r.cutLine.cumulativeAbove, r.cutLine.unit)} · ${r.cutLine.remaining >= 0 ? `${formatAmount(r.cutLine.remaining, r.cutLine.unit)} tilbage` : `${formatAmount(-r.cutLine.remaining, r.cutLine.unit)} over rammen`}</span>
      </div>
      ${below.length
        ? html`<ol aria-label="Under skærelinjen: uden for budgetrammen">${repeat(below, (i) => i.itemId, (i) => this._renderItem(i))}</ol>`
        : html`<p class="muted">Ingen punkter under linjen.</p>`}`;
  }

  private _renderItem(r: RankedItem) {
    const item = this.items.find((i) => i.id === r.itemId);
    const count = this.ranking.items.length;
    const manage = this.manage;
    return html`<li
      class=${[r.aboveCut ? 'above' : 'below', this.selectedItem === r.itemId ? 'selected' : ''].join(' ')}
      data-item=${r.itemId}
      tabindex=${manage ? '0' : nothing}
      aria-describedby=${manage ? 'keys' : nothing}
      aria-keyshortcuts=${manage ? 'Alt+ArrowUp Alt+ArrowDown' : nothing}
      @keydown=${manage ? (e: KeyboardEvent) => this._onKey(e, r) : nothing}
    >
      <span class="pos"><span class="visually-hidden">Plads </span>${r.position}</span>
      <div>
        <p class="title"><a href=${changeRequestHref(r.humanId)}><span class="hid">${r.humanId}</span>${r.title}</a></p>
        <div class="badges">
          <sb-badge tone=${CATEGORY_TONES[r.category] ?? 'neutral'}>${CATEGORY_NAMES[r.category as keyof typeof CATEGORY_NAMES] ?? r.category}</sb-badge>
          ${item ? changeClassBadge(item.changeRequest.class) : nothing}
          ${r.mustByLaw ? html`<sb-badge tone="danger">Must efter lovkrav · frist ${formatDate(r.deadline)}</sb-badge>` : nothing}
          ${r.movedBy === 'formand' ? html`<sb-badge tone="info">↕ Flyttet af formanden</sb-badge>` : nothing}
          ${r.movedBy === 'lovkrav' ? html`<sb-badge tone="warning">Løftet over linjen af lovkrav</sb-badge>` : nothing}
          ${r.tilStyregruppen ? html`<sb-badge tone="warning">Til styregruppen</sb-badge>` : nothing}
          ${r.missingEstimate ? html`<sb-badge tone="warning">Mangler estimat</sb-badge>` : nothing}
          <sb-badge tone=${r.aboveCut ? 'success' : 'neutral'}>${r.aboveCut ? 'Over linjen' : 'Under linjen'}</sb-badge>
        </div>
        ${r.override
          ? html`<p class="moved">
              <strong>Flyttet af formanden</strong> fra plads ${r.computedPosition} til plads ${r.override.position}: ${r.override.reason}
            </p>`
          : nothing}
        ${r.belowCutReason ? html`<p class="moved law"><strong>Må stå under linjen:</strong> ${r.belowCutReason}</p>` : nothing}
        <p class="explanation">${withoutNotes(r.explanation, r.notes.filter((n) => SHOWN_APART.some((start) => n.startsWith(start))))}</p>
      </div>
      <dl class="figures">
        <div><dt>WSJF</dt><dd>${r.wsjf === null ? '–' : wsjfFormat.format(r.wsjf)}</dd></div>
        <div><dt>Estimat</dt><dd>${r.estimate === null ? '–' : formatAmount(r.estimate, this.unit)}</dd></div>
        <div><dt>Akkumuleret</dt><dd>${formatAmount(r.cumulativeEstimate, this.unit)}</dd></div>
      </dl>
      ${manage
        ? html`<div class="controls">
            <button class="button small" type="button" aria-label="Flyt op: ${r.humanId}" ?disabled=${r.position === 1} @click=${() => this._move(r, r.position - 1)}>▲ Flyt op</button>
            <button class="button small" type="button" aria-label="Flyt ned: ${r.humanId}" ?disabled=${r.position === count} @click=${() => this._move(r, r.position + 1)}>▼ Flyt ned</button>
            ${r.override ? html`<button class="button small" type="button" aria-label="Fjern flytning: ${r.humanId}" @click=${() => this._move(r, null)}>Fjern flytning</button>` : nothing}
            <button
              class="button small"
              type="button"
              aria-pressed=${r.tilStyregruppen ? 'true' : 'false'}
              aria-label="Til styregruppen: ${r.humanId}"
              @click=${() => this._fire('sb-mark', { itemId: r.itemId, tilStyregruppen: !r.tilStyregruppen })}
            >
              Til styregruppen
            </button>
            ${r.mustByLaw
              ? html`<button
                  class="button small"
                  type="button"
                  aria-label="${r.belowCutReason ? 'Fortryd' : 'Begrund'} under linjen: ${r.humanId}"
                  @click=${() => this._fire('sb-below-cut', { itemId: r.itemId, humanId: r.humanId, withdraw: Boolean(r.belowCutReason) })}
                >
                  ${r.belowCutReason ? 'Fortryd' : 'Begrund'} under linjen
                </button>`
              : nothing}
          </div>`
        : nothing}
    </li>`;
  }

  private _onKey(e: KeyboardEvent, r: RankedItem) {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = r.position + (e.key === 'ArrowUp' ? -1 : 1);
    if (to < 1 || to > this.ranking.items.length) return;
    this._move(r, to);
  }

  private _move(r: RankedItem, position: number | null) {
    this._fire('sb-move', { itemId: r.itemId, humanId: r.humanId, from: r.position, position } satisfies MoveDetail);
  }

  private _fire(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-ranking-list': SbRankingList;
  }
  interface HTMLElementEventMap {
    'sb-move': CustomEvent<MoveDetail>;
    'sb-mark': CustomEvent<{ itemId: number; tilStyregruppen: boolean }>;
    'sb-below-cut': CustomEvent<{ itemId: number; humanId: string; withdraw: boolean }>;
  }
}
