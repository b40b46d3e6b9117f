// The number of trace links awaiting review, as a badge for the main navigation; it asks the server again
// whenever something says the number may have changed (sb-review-changed on window) or the tab comes back.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { REVIEW_CHANGED, getReviewCounts } from '../api/review.js';
import { formatNumber } from '../app/format.js';

@customElement('sb-review-count')
export class SbReviewCount extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    .count {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 1.5rem;
      height: 1.5rem;
      margin-left: var(--sb-space-2);
      padding: 0 0.4rem;
      border-radius: 999px;
      background: var(--sb-focus-color-inverse);
      color: var(--sb-color-header);
      font-size: var(--sb-font-size-xs);
      font-weight: 750;
      line-height: 1;
      font-variant-numeric: tabular-nums;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `;

  /** null until the server has answered (and after a failed request: the badge is a hint, not worth an error). */
  @state() private _total: number | null = null;
  private _generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(REVIEW_CHANGED, this._refresh);
    document.addEventListener('visibilitychange', this._onVisibility);
    this._refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(REVIEW_CHANGED, this._refresh);
    document.removeEventListener('visibilitychange', this._onVisibility);
    this._generation++;
  }

  override render() {
    if (!this._total) return nothing;
    const n = this._total;
    return html`<span class="count" aria-hidden="true">${formatNumber(n)}</span><span class="visually-hidden"
        >(${formatNumber(n)} ${n === 1 ? 'link' : 'links'} til gennemgang)</span
      >`;
  }

  private _refresh = async () => {
    const generation = ++this._generation;
    try {
      const counts = await getReviewCounts();
      if (generation === this._generation) this._total = counts.total;
    } catch {
      if (generation === this._generation) this._total = null;
    }
  };

  private _onVisibility = () => {
    if (document.visibilityState === 'visible') this._refresh();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-review-count': SbReviewCount;
  }
}
