// Søgning: what a search from the header found, grouped by kind with counts; every hit is a link to its object.
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { searchEverything, type SearchResults } from '../api/search.js';
import { formatDate, formatNumber } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

/** Hits shown per kind at first, and when the reader asks for more. */
const FIRST = 10;
const MORE = 50;

type Group = { [K in keyof SearchResults]: SearchResults[K] extends { total: number; items: unknown[] } ? K : never }[keyof SearchResults];

const GROUPS: { kind: Group; title: string }[] = [
  { kind: 'requirements', title: 'Krav' },
  { kind: 'changeRequests', title: 'Ændringsforslag' },
  { kind: 'provisions', title: 'Bestemmelser' },
  { kind: 'sessions', title: 'Faggruppemøder' },
  { kind: 'baselines', title: 'Baselines' },
];

/** A count, with "+" when the server stopped counting (it counts each kind up to 1,000). */
const counted = (g: { total: number; more: boolean }) => `${formatNumber(g.total)}${g.more ? '+' : ''}`;

@customElement('sb-search-page')
export class SbSearchPage extends PageElement {
  static override styles = [
    base,
    css`
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-5);
        padding: 0;
        margin: 0 0 var(--sb-space-5);
        list-style: none;
      }
      section {
        margin-bottom: var(--sb-space-6);
      }
      .hits {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .hits li {
        padding: var(--sb-space-3) 0;
        border-bottom: 1px solid var(--sb-color-border);
      }
      .hits a {
        font-weight: 650;
      }
      .meta {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .excerpt {
        margin: var(--sb-space-1) 0 0;
        font-size: var(--sb-font-size-sm);
      }
    `,
  ];

  /** The URL's query: `q` is the search, `antal` how many hits per kind. */
  @property({ attribute: false }) query = new URLSearchParams();

  private _results = new Resource<SearchResults>(this);

  private get _q(): string {
    return (this.query.get('q') ?? '').trim();
  }

  private get _limit(): number {
    return this.query.get('antal') === String(MORE) ? MORE : FIRST;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) {
      this.setTitle(this._q ? `Søgning: ${this._q}` : 'Søgning');
      this._load();
    }
  }

  private _load = () => {
    if (this._q) this._results.load(() => searchEverything(this._q, this._limit));
  };

  override render() {
    return html`<h1 tabindex="-1">Søgning</h1>
      ${this._renderBody()}`;
  }

  private _renderBody() {
    const q = this._q;
    if (!q) return html`<p class="lead">Skriv et ord, et id (KY-0042, KY-ÆF-0001) eller en paragraf (§ 24, stk. 2) i søgefeltet øverst, og tryk Enter.</p>`;
    const state = this._results.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const results = this._results.value;
    if (!results) return html`<sb-loading label="Søger…"></sb-loading>`;
    const shown = GROUPS.filter((g) => results[g.kind].total > 0);
    return html`<p class="lead" role="status">
        ${results.total === 0 ? html`Ingen resultater for <strong>“${q}”</strong>.` : html`${counted(results)} ${results.total === 1 && !results.more ? 'resultat' : 'resultater'} for <strong>“${q}”</strong>.`}
      </p>
      ${results.total === 0
        ? html`<div class="empty">
            <p>Prøv et andet ord. Andre bøjninger af samme ord er ikke nødvendige: søgningen finder fx både “arbejdsgiverperiode” og “arbejdsgiverperioden”.</p>
            <p>Søg efter et id som KY-0042 eller en paragraf som § 24, stk. 2.</p>
          </div>`
        : html`<ul class="counts" aria-label="Resultater pr. slags">
              ${GROUPS.map((g) => html`<li>${g.title}: <strong>${counted(results[g.kind])}</strong></li>`)}
            </ul>
            ${shown.map((g) => this._renderGroup(g.title, results[g.kind], this._items(results, g.kind)))}`}`;
  }

  private _renderGroup(title: string, group: { total: number; more: boolean }, items: TemplateResult[]) {
    const total = group.total;
    const more = total > items.length && this._limit < MORE;
    return html`<section aria-labelledby="group-${title}">
      <h2 id="group-${title}">${title} <span class="muted">(${counted(group)})</span></h2>
      <ul class="hits">
        ${items.map((item) => html`<li>${item}</li>`)}
      </ul>
      ${total > items.length
        ? html`<p class="small muted">
            Viser ${formatNumber(items.length)} af ${counted(group)}${group.more ? ', de nyeste først' : ''}.
            ${more ? html`<a href="/sog?q=${encodeURIComponent(this._q)}&antal=${MORE}">Vis op til ${MORE} af hver slags</a>` : nothing}
          </p>`
        : nothing}
    </section>`;
  }

  private _items(results: SearchResults, kind: Group): TemplateResult[] {
    const excerpt = (text: string) => (text ? html`<p class="excerpt">${text}</p>` : nothing);
    switch (kind) {
      case 'requirements':
        return results.requirements.items.map(
          (r) => html`<a href="/krav/${encodeURIComponent(r.humanId)}">${r.humanId} ${r.title}</a>
            <div class="meta">Krav i ${r.solution}</div>
            ${excerpt(r.excerpt)}`,
        );
      case 'changeRequests':
        return results.changeRequests.items.map(
          (c) => html`<a href="/aendringsforslag/${encodeURIComponent(c.humanId)}">${c.humanId} ${c.title}</a>
            <div class="meta">${c.className} i ${c.solution}</div>
            ${excerpt(c.excerpt)}`,
        );
      case 'provisions':
        return results.provisions.items.map(
          (p) => html`<a href="/kilder/${p.sourceId}/bestemmelser/${encodeURIComponent(p.key)}?version=${p.versionId}">${p.sourceTitle} ${p.label}</a>
            <div class="meta">${p.shortName}${p.inForce ? ' (gældende)' : ' (tidligere version)'}${p.repealed ? ', ophævet' : ''}</div>
            ${excerpt(p.excerpt)}`,
        );
      case 'sessions':
        return results.sessions.items.map(
          (s) => html`<a href="/moeder/${s.id}">${s.title}</a>
            <div class="meta">Faggruppemøde i ${s.solution}, ${formatDate(s.date)}, ${s.statusLabel.toLowerCase()}</div>`,
        );
      case 'baselines':
        return results.baselines.items.map(
          (b) => html`<a href="/loesninger/${encodeURIComponent(b.solution)}?fane=baselines">${b.name}</a>
            <div class="meta">Baseline i ${b.solution}, taget ${formatDate(b.createdAt)}</div>
            ${excerpt(b.excerpt)}`,
        );
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-search-page': SbSearchPage;
  }
}
