// Løsninger: every solution with the figures that tell where requirement work is needed.
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { listSolutions, type SolutionSummary } from '../api/solutions.js';
import { formatDate, formatNumber } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { base, solutionCodeChip } from '../styles/shared.js';
import { PageElement } from './page-element.js';

@customElement('sb-solutions-page')
export class SbSolutionsPage extends PageElement {
  static override styles = [
    base,
    solutionCodeChip,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
        gap: var(--sb-space-4);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .card {
        display: flex;
        flex-direction: column;
        gap: var(--sb-space-3);
        height: 100%;
      }
      .card h2 {
        font-size: var(--sb-font-size-lg);
        margin: 0;
      }
      .meta {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin: 0;
      }
      .figures {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: var(--sb-space-2);
        margin: auto 0 0;
      }
      .figure {
        display: flex;
        flex-direction: column-reverse;
        padding: var(--sb-space-2) var(--sb-space-3);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface-sunken);
      }
      .figure dt {
        font-size: var(--sb-font-size-xs);
        color: var(--sb-color-text-muted);
        line-height: 1.3;
      }
      .figure dd {
        margin: 0;
        font-size: var(--sb-font-size-xl);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .figure.attention {
        background: var(--sb-color-warning-soft);
      }
      .figure.attention dd {
        color: var(--sb-color-warning);
      }
      .card-footer {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--sb-space-2) var(--sb-space-4);
        border-top: 1px solid var(--sb-color-border);
        padding-top: var(--sb-space-3);
      }
    `,
  ];

  private _solutions = new Resource<SolutionSummary[]>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this._load();
  }

  private _load() {
    this._solutions.load(async () => (await listSolutions()).items);
  }

  override render() {
    return html`<div class="page-header">
        <div>
          <h1 tabindex="-1">Løsninger</h1>
          <p class="lead">De fælleskommunale løsninger og status på deres forretningskrav og sporing til lovgivningen.</p>
        </div>
      </div>
      ${this._renderBody()}`;
  }

  private _renderBody() {
    const state = this._solutions.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    if (state.status !== 'ready') return html`<sb-loading label="Henter løsninger…"></sb-loading>`;
    if (!state.value.length) {
      return html`<div class="empty"><p>Der er endnu ingen løsninger.</p><p>Løsninger oprettes via API'et eller kommandolinjen.</p></div>`;
    }
    return html`<ul class="grid">
      ${state.value.map((s) => this._renderSolution(s))}
    </ul>`;
  }

  private _renderSolution(s: SolutionSummary) {
    const href = `/krav?solution=${encodeURIComponent(s.code)}`;
    return html`<li>
      <article class="card" aria-labelledby="name-${s.code}">
        <div>
          <span class="code">${s.code}</span>
          <h2 id="name-${s.code}"><a href=${href}>${s.name}</a></h2>
        </div>
        <p class="meta">
          ${s.supplier ? html`Leverandør: ${s.supplier}<br />` : nothing}
          ${s.contractStart || s.contractEnd ? html`Kontrakt: ${formatDate(s.contractStart) || '?'} – ${formatDate(s.contractEnd) || '?'}<br />` : nothing}
          ${s.retenderDate ? html`Genudbud: ${formatDate(s.retenderDate)}` : nothing}
        </p>
        <dl class="figures">
          <div class="figure"><dt>Krav</dt><dd>${formatNumber(s.requirementCount)}</dd></div>
          <div class="figure ${s.openLinkCount ? 'attention' : ''}"><dt>Uafklarede links</dt><dd>${formatNumber(s.openLinkCount)}</dd></div>
          <div class="figure ${s.untracedCount ? 'attention' : ''}"><dt>Krav uden sporing</dt><dd>${formatNumber(s.untracedCount)}</dd></div>
        </dl>
        <div class="card-footer">
          <a href=${href}>Se kravene<span class="visually-hidden"> til ${s.name}</span> →</a>
          <a href="/loesninger/${encodeURIComponent(s.code)}">Parathed, baselines og eksport<span class="visually-hidden"> for ${s.name}</span> →</a>
        </div>
      </article>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-solutions-page': SbSolutionsPage;
  }
}
