// A solution (løsning): contract and re-tender dates, then its requirements, readiness for re-tender, baselines,
// export and import, one tab each (the tab lives in the URL, so each can be linked to and survives a reload).
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getSolution, listSolutions, type SolutionSummary } from '../api/solutions.js';
import { formatDate, formatNumber, plural } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { base, solutionCodeChip } from '../styles/shared.js';
import { PageElement } from './page-element.js';
import './sb-solution-baselines.js';
import './sb-solution-export.js';
import './sb-solution-import.js';
import './sb-solution-readiness.js';

export type SolutionTab = 'krav' | 'parathed' | 'baselines' | 'eksport' | 'import';

type Solution = Awaited<ReturnType<typeof getSolution>>;

const TABS: { id: SolutionTab; label: string }[] = [
  { id: 'krav', label: 'Krav' },
  { id: 'parathed', label: 'Parathed' },
  { id: 'baselines', label: 'Baselines' },
  { id: 'eksport', label: 'Eksport' },
  { id: 'import', label: 'Import' },
];

/** "om 1 år og 3 måneder" / "for 2 måneder siden", from today to a calendar date. */
function untilText(iso: string, today = new Date()): string {
  const d = new Date(`${iso}T12:00:00Z`);
  let months = (d.getUTCFullYear() - today.getUTCFullYear()) * 12 + d.getUTCMonth() - today.getUTCMonth();
  if (d.getUTCDate() < today.getUTCDate()) months -= 1;
  const past = d.getTime() < today.getTime();
  const n = Math.abs(past ? months + 1 : months);
  if (n === 0) return past ? 'for under en måned siden' : 'om under en måned';
  const years = Math.floor(n / 12);
  const rest = n % 12;
  const parts = [years ? plural(years, 'år', 'år') : '', rest ? plural(rest, 'måned', 'måneder') : ''].filter(Boolean).join(' og ');
  return past ? `for ${parts} siden` : `om ${parts}`;
}

@customElement('sb-solution-page')
export class SbSolutionPage extends PageElement {
  static override styles = [
    base,
    solutionCodeChip,
    css`
      .overview {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
        gap: var(--sb-space-3);
        margin: 0 0 var(--sb-space-5);
      }
      .fact {
        display: flex;
        flex-direction: column-reverse;
        justify-content: flex-end;
        padding: var(--sb-space-3) var(--sb-space-4);
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
      }
      .fact dt {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .fact dd {
        margin: 0;
        font-size: var(--sb-font-size-lg);
        font-weight: 650;
      }
      .fact .note {
        display: block;
        font-size: var(--sb-font-size-sm);
        font-weight: 400;
        color: var(--sb-color-text-muted);
      }
      .tabs ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-1);
        margin: 0 0 var(--sb-space-5);
        padding: 0;
        list-style: none;
        border-bottom: 2px solid var(--sb-color-border);
      }
      .tabs a {
        display: block;
        padding: var(--sb-space-2) var(--sb-space-4);
        margin-bottom: -2px;
        border-bottom: 4px solid transparent;
        font-weight: 650;
        text-decoration: none;
      }
      .tabs a:hover {
        border-bottom-color: var(--sb-color-border-strong);
      }
      .tabs a[aria-current='page'] {
        color: var(--sb-color-text);
        border-bottom-color: var(--sb-color-primary);
      }
      .figures {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
        gap: var(--sb-space-3);
        margin: 0 0 var(--sb-space-4);
      }
      .figure {
        display: flex;
        flex-direction: column-reverse;
        padding: var(--sb-space-3);
        border-radius: var(--sb-radius);
        background: var(--sb-color-surface-sunken);
      }
      .figure dt {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .figure dd {
        margin: 0;
        font-size: var(--sb-font-size-xl);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @property() code = '';
  /** The URL's query: `fane` picks the tab; the tabs read their own parameters from it. */
  @property({ attribute: false }) query = new URLSearchParams();

  @state() private _tab: SolutionTab = 'krav';
  private _solution = new Resource<Solution>(this);
  /** The key figures, from the solutions list (which computes them for every solution): only on the Krav tab. */
  private _figures = new Resource<SolutionSummary | null>(this);

  private _load() {
    this._solution.load(() => getSolution(this.code));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Loaded here rather than on connect: the code is set by then even if the element upgraded after its properties.
    if (changed.has('code')) this._load();
    if (changed.has('query')) {
      const tab = this.query.get('fane');
      this._tab = TABS.some((t) => t.id === tab) ? (tab as SolutionTab) : 'krav';
      if (this._tab === 'krav') this._figures.load(async () => (await listSolutions()).items.find((s) => s.code === this.code) ?? null);
    }
  }

  override updated(): void {
    const s = this._solution.value;
    if (s) this.setTitle(`${TABS.find((t) => t.id === this._tab)!.label} – ${s.name}`);
  }

  override render() {
    const state = this._solution.state;
    if (state.status === 'error' && state.error.status === 404) {
      return html`<h1 tabindex="-1">Løsningen findes ikke</h1>
        <p>Der er ingen løsning med koden ${this.code}. <a href="/">Se alle løsninger</a>.</p>`;
    }
    if (state.status === 'error') return html`<h1 tabindex="-1">Løsning</h1><sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    if (state.status !== 'ready') return html`<sb-loading label="Henter løsningen…"></sb-loading>`;
    const s = state.value;
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/">Løsninger</a></li>
          <li><span aria-current="page">${s.name}</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <span class="code">${s.code}</span>
          <h1 tabindex="-1">${s.name}</h1>
          ${s.description ? html`<p class="lead">${s.description}</p>` : nothing}
        </div>
      </div>
      ${this._renderOverview(s)}
      <nav class="tabs" aria-label="Løsningens sider">
        <ul>
          ${TABS.filter((t) => t.id !== 'import' || this.may('exchange.import', s.code)).map(
            (t) => html`<li><a href=${this._tabHref(t.id)} aria-current=${t.id === this._tab ? 'page' : nothing}>${t.label}</a></li>`,
          )}
        </ul>
      </nav>
      ${this._renderTab(s)}`;
  }

  private _tabHref(tab: SolutionTab) {
    const base = `/loesninger/${encodeURIComponent(this.code)}`;
    return tab === 'krav' ? base : `${base}?fane=${tab}`;
  }

  private _renderOverview(s: Solution) {
    return html`<dl class="overview">
      <div class="fact"><dt>Leverandør</dt><dd>${s.supplier || 'Ikke angivet'}</dd></div>
      <div class="fact">
        <dt>Kontraktperiode</dt>
        <dd>${s.contractStart || s.contractEnd ? `${formatDate(s.contractStart) || '?'} – ${formatDate(s.contractEnd) || '?'}` : 'Ikke angivet'}</dd>
      </div>
      <div class="fact">
        <dt>Planlagt genudbud</dt>
        <dd>
          ${s.retenderDate ? html`${formatDate(s.retenderDate)}<span class="note">${untilText(s.retenderDate)}</span>` : 'Ikke planlagt'}
        </dd>
      </div>
    </dl>`;
  }

  private _renderTab(s: Solution) {
    switch (this._tab) {
      case 'parathed':
        return html`<sb-solution-readiness .code=${s.code} .retenderDate=${s.retenderDate}></sb-solution-readiness>`;
      case 'baselines':
        return html`<sb-solution-baselines .code=${s.code} .user=${this.user} .query=${this.query}></sb-solution-baselines>`;
      case 'eksport':
        return html`<sb-solution-export .code=${s.code}></sb-solution-export>`;
      case 'import':
        return html`<sb-solution-import .code=${s.code} .user=${this.user}></sb-solution-import>`;
      default:
        return this._renderRequirements(s);
    }
  }

  private _renderRequirements(s: Solution) {
    const code = encodeURIComponent(s.code);
    const figures = this._figures.value;
    return html`<section aria-labelledby="krav-heading">
      <h2 id="krav-heading">Krav</h2>
      ${figures
        ? html`<dl class="figures">
            <div class="figure"><dt>Krav</dt><dd>${formatNumber(figures.requirementCount)}</dd></div>
            <div class="figure"><dt>Uafklarede sporingslinks</dt><dd>${formatNumber(figures.openLinkCount)}</dd></div>
            <div class="figure"><dt>Krav uden sporing</dt><dd>${formatNumber(figures.untracedCount)}</dd></div>
          </dl>`
        : this._figures.state.status === 'loading'
          ? html`<sb-loading label="Henter nøgletal…"></sb-loading>`
          : nothing}
      <div class="row">
        <a class="button primary" href="/krav?solution=${code}">Se kravene</a>
        <a class="button" href="/loesninger/${code}/sporbarhed">Sporbarhedsmatrix</a>
        ${figures?.openLinkCount ? html`<a class="button" href="/gennemgang?solution=${code}">Gennemgå ${plural(figures.openLinkCount, 'link', 'links')}</a>` : nothing}
        ${this.may('requirement.write', s.code) ? html`<a class="button" href="/krav/ny?solution=${code}">Opret krav</a>` : nothing}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-solution-page': SbSolutionPage;
  }
}
