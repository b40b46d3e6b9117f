// The running totals against the budget frame, big enough to read from the back of the room: the frame, what
// stands above the line, what is left, and everything on the agenda; a bar shows the same at a glance.
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatAmount, type Ranking } from '../api/sessions.js';
import { base } from '../styles/shared.js';

@customElement('sb-ranking-totals')
export class SbRankingTotals extends LitElement {
  static override styles = [
    base,
    css`
      .totals {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
        gap: var(--sb-space-3);
        margin: 0;
      }
      @media (max-width: 50rem) {
        .totals {
          grid-template-columns: 1fr 1fr;
        }
      }
      .totals div {
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-3) var(--sb-space-4);
        display: flex;
        flex-direction: column-reverse;
      }
      dt {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        font-weight: 600;
      }
      dd {
        margin: 0;
        font-size: var(--sb-font-size-2xl);
        font-weight: 750;
        font-variant-numeric: tabular-nums;
        line-height: 1.2;
      }
      .over dd {
        color: var(--sb-color-danger);
      }
      .bar {
        position: relative;
        height: 1.1rem;
        margin: var(--sb-space-3) 0 var(--sb-space-1);
        background: var(--sb-color-surface-sunken);
        border: 1px solid var(--sb-color-border-strong);
        border-radius: 999px;
        overflow: hidden;
      }
      .used {
        position: absolute;
        inset: 0 auto 0 0;
        background: var(--sb-color-success);
      }
      .used.over {
        background: var(--sb-color-danger);
      }
      .explanation {
        margin: var(--sb-space-2) 0 0;
        color: var(--sb-color-text-muted);
        font-size: var(--sb-font-size-sm);
      }
    `,
  ];

  @property({ attribute: false }) ranking!: Ranking;

  override render() {
    const c = this.ranking.cutLine;
    const all = this.ranking.items.reduce((sum, i) => sum + (i.missingEstimate ? 0 : (i.estimate ?? 0)), 0);
    const share = c.budget > 0 ? Math.min(1, c.cumulativeAbove / c.budget) : 1;
    const over = c.remaining < 0;
    return html`<dl class="totals">
        <div><dt>Budgetramme</dt><dd>${formatAmount(c.budget, c.unit)}</dd></div>
        <div><dt>Over linjen (${c.afterPosition} ${c.afterPosition === 1 ? 'punkt' : 'punkter'})</dt><dd>${formatAmount(c.cumulativeAbove, c.unit)}</dd></div>
        <div class=${over ? 'over' : ''}><dt>${over ? 'Over rammen' : 'Tilbage af rammen'}</dt><dd>${formatAmount(Math.abs(c.remaining), c.unit)}</dd></div>
        <div><dt>Hele dagsordenen</dt><dd>${formatAmount(all, c.unit)}</dd></div>
      </dl>
      <div class="bar" aria-hidden="true"><div class="used ${over ? 'over' : ''}" style="width: ${(share * 100).toFixed(1)}%"></div></div>
      <p class="explanation" role="status">${c.explanation}.</p>
      ${c.overBudget
        ? html`<div class="alert warning"><p class="alert-title">Lovkravene alene overstiger rammen</p><p>Rammen skal hæves, eller formanden skal begrunde, hvilke lovpligtige punkter der må stå under linjen.</p></div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-ranking-totals': SbRankingTotals;
  }
}
