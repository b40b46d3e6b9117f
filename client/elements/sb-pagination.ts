// Page links for a long list: real links (so they open in a new tab and work with back/forward).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles/shared.js';

@customElement('sb-pagination')
export class SbPagination extends LitElement {
  static override styles = [
    base,
    css`
      nav {
        margin-top: var(--sb-space-4);
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
        align-items: center;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      a[aria-current='page'] {
        background: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .gap {
        padding: 0 var(--sb-space-1);
        color: var(--sb-color-text-muted);
      }
    `,
  ];

  /** 1-based current page. */
  @property({ type: Number }) page = 1;
  @property({ type: Number }) pageCount = 1;
  /** Builds the link for a page number. */
  @property({ attribute: false }) hrefFor: (page: number) => string = (p) => `?side=${p}`;

  override render() {
    if (this.pageCount <= 1) return nothing;
    const pages = this._visiblePages();
    return html`<nav aria-label="Sider">
      <ul>
        <li>
          ${this.page > 1
            ? html`<a class="button small" href=${this.hrefFor(this.page - 1)} rel="prev">‹ Forrige<span class="visually-hidden"> side</span></a>`
            : nothing}
        </li>
        ${pages.map((p, i) => {
          const gap = i > 0 && p - pages[i - 1]! > 1 ? html`<li class="gap" aria-hidden="true">…</li>` : nothing;
          return html`${gap}
            <li>
              <a class="button small" href=${this.hrefFor(p)} aria-current=${p === this.page ? 'page' : 'false'}
                ><span class="visually-hidden">Side </span>${p}</a
              >
            </li>`;
        })}
        <li>
          ${this.page < this.pageCount
            ? html`<a class="button small" href=${this.hrefFor(this.page + 1)} rel="next">Næste<span class="visually-hidden"> side</span> ›</a>`
            : nothing}
        </li>
      </ul>
    </nav>`;
  }

  /** First, last and the neighbours of the current page, so a 40-page list stays one line. */
  private _visiblePages(): number[] {
    const set = new Set([1, this.pageCount, this.page - 1, this.page, this.page + 1]);
    return [...set].filter((p) => p >= 1 && p <= this.pageCount).sort((a, b) => a - b);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-pagination': SbPagination;
  }
}
