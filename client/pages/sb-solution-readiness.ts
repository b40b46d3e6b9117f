// The Parathed tab of a solution: how ready its requirements are for a re-tender, as a score whose parts are
// explained, and the lists to work through, each with why it is there.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CLASS_LABELS, type ChangeClass } from '../api/change-requests.js';
import { getReadiness, type Readiness, type ReadinessItem, type ReadinessItemKind } from '../api/readiness.js';
import { formatDate, formatNumber, plural } from '../app/format.js';
import { Resource } from '../app/resource.js';
import '../elements/sb-error-alert.js';
import '../elements/sb-loading.js';
import { base } from '../styles/shared.js';

const MONTH_CHOICES = [3, 6, 12, 18, 24, 36];
/** Items shown per list before "Vis alle": a large solution can have thousands not reviewed. */
const SHOWN = 25;

/** The lists in the order to work through them: what breaks a tender first. */
const LISTS: { kind: ReadinessItemKind; heading: string; empty: string }[] = [
  { kind: 'broken_link', heading: 'Brudte sporingslinks', empty: 'Ingen brudte links.' },
  { kind: 'suspect_link', heading: 'Mistænkte sporingslinks', empty: 'Ingen mistænkte links.' },
  { kind: 'untraced', heading: 'Krav uden sporing', empty: 'Alle lovbestemte krav sporer til en bestemmelse.' },
  { kind: 'source_changed', heading: 'Kilden er ændret siden kravet blev gennemgået', empty: 'Alle sporede krav er gennemgået efter seneste lovændring.' },
  { kind: 'change_request', heading: 'Åbne ændringsforslag', empty: 'Ingen åbne ændringsforslag.' },
  { kind: 'not_reviewed', heading: 'Ikke gennemgået', empty: 'Alle krav er gennemgået i perioden.' },
];

@customElement('sb-solution-readiness')
export class SbSolutionReadiness extends LitElement {
  static override styles = [
    base,
    css`
      .score {
        display: grid;
        grid-template-columns: minmax(12rem, 16rem) 1fr;
        gap: var(--sb-space-5);
        align-items: start;
      }
      @media (max-width: 50rem) {
        .score {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .total {
        text-align: center;
      }
      .total .value {
        display: block;
        font-size: 3rem;
        font-weight: 750;
        line-height: 1.1;
        font-variant-numeric: tabular-nums;
      }
      .total meter {
        width: 100%;
        height: 1rem;
        margin-top: var(--sb-space-2);
      }
      .lists {
        display: grid;
        gap: var(--sb-space-4);
      }
      .list h3 {
        display: flex;
        align-items: baseline;
        gap: var(--sb-space-2);
        margin-bottom: var(--sb-space-2);
      }
      .count {
        display: inline-block;
        min-width: 2rem;
        padding: 0 var(--sb-space-2);
        border-radius: 999px;
        text-align: center;
        font-size: var(--sb-font-size-sm);
        background: var(--sb-color-neutral-soft);
      }
      .count.some {
        background: var(--sb-color-warning-soft);
        color: var(--sb-color-warning);
      }
      ul.items {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ul.items li {
        padding: var(--sb-space-2) 0;
        border-top: 1px solid var(--sb-color-border);
      }
      .id {
        font-family: var(--sb-font-mono);
        font-weight: 650;
        margin-right: var(--sb-space-2);
      }
      .why {
        display: block;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .months {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sb-space-2);
        margin-bottom: var(--sb-space-2);
      }
      .months select {
        width: auto;
      }
      .by-class {
        margin-bottom: var(--sb-space-3);
      }
      .by-class table {
        width: auto;
      }
    `,
  ];

  @property() code = '';
  @property() retenderDate: string | null = null;

  @state() private _months = 12;
  /** Lists opened in full with "Vis alle". */
  @state() private _expanded = new Set<ReadinessItemKind>();
  private _report = new Resource<Readiness>(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code')) this._load();
  }

  private _load() {
    this._report.load(() => getReadiness(this.code, this._months));
  }

  override render() {
    const state = this._report.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const r = this._report.value;
    if (!r) return html`<sb-loading label="Beregner parathed…"></sb-loading>`;
    return html`<section aria-labelledby="readiness-heading" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
      <h2 id="readiness-heading">Parathed til genudbud</h2>
      <p class="lead">
        Hvad der står mellem kravene og en komplet, aktuel kravspecifikation${this.retenderDate ? html` før genudbuddet ${formatDate(this.retenderDate)}` : nothing}.
      </p>
      ${this._renderScore(r)}
      <h3 class="section">Det skal gennemgås</h3>
      <div class="lists">${LISTS.map((l) => this._renderList(r, l))}</div>
    </section>`;
  }

  private _renderScore(r: Readiness) {
    return html`<div class="score section card">
      <div class="total">
        <span class="value" id="score-value">${r.score}</span>
        <span>af 100 point</span>
        <meter min="0" max="100" low="60" high="85" optimum="100" .value=${r.score} aria-labelledby="score-label" aria-describedby="score-value"></meter>
        <span class="visually-hidden" id="score-label">Parathedsscore</span>
        <p class="small muted">
          ${plural(r.counts.requirements, 'aktivt krav', 'aktive krav')}, heraf ${formatNumber(r.counts.legalRequirements)} lovbestemte;
          ${plural(r.counts.links, 'sporingslink', 'sporingslinks')}.
        </p>
      </div>
      <div>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Scorens dele">
          <table>
            <caption>
              Scorens dele
            </caption>
            <thead>
              <tr>
                <th scope="col">Del</th>
                <th scope="col" class="num">Vægt</th>
                <th scope="col" class="num">Opfyldt</th>
                <th scope="col" class="num">Point</th>
                <th scope="col" class="num">Mangler</th>
              </tr>
            </thead>
            <tbody>
              ${r.components.map(
                (c) => html`<tr>
                  <th scope="row">${c.label}</th>
                  <td class="num">${c.weight}</td>
                  <td class="num">${Math.round(c.value * 100)} %</td>
                  <td class="num">${c.points.toLocaleString('da-DK')}</td>
                  <td class="num">${formatNumber(c.count)} af ${formatNumber(c.total)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <p class="small muted section">
          Hver del giver sin vægt gange den andel, der er i orden; scoren er summen, afrundet. Sporing og aktuelle links vejer tungest, fordi et
          krav uden gyldigt lovgrundlag ikke kan forsvares i et udbud. En del uden noget at måle tæller som opfyldt. Krav markeret som ikke-lovbestemte
          (fx svartider) skal ikke spores, og udgåede krav tæller ikke med.
        </p>
      </div>
    </div>`;
  }

  private _renderList(r: Readiness, list: (typeof LISTS)[number]) {
    const items = r.items.filter((i) => i.kind === list.kind);
    const expanded = this._expanded.has(list.kind);
    const shown = expanded ? items : items.slice(0, SHOWN);
    const id = `list-${list.kind}`;
    const heading = list.kind === 'not_reviewed' ? `${list.heading} i ${plural(r.months, 'måned', 'måneder')}` : list.heading;
    return html`<section class="list card" aria-labelledby=${id}>
      <h3 id=${id}>${heading} <span class="count ${items.length ? 'some' : ''}">${formatNumber(items.length)}</span></h3>
      ${this._renderListIntro(r, list.kind, items.length)}
      ${items.length
        ? html`<ul class="items" id="${id}-items">
              ${shown.map((i) => this._renderItem(i))}
            </ul>
            ${items.length > SHOWN
              ? html`<p>
                  <button class="button small" type="button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls="${id}-items" @click=${() => this._toggle(list.kind)}>
                    ${expanded ? 'Vis færre' : `Vis alle ${formatNumber(items.length)}`}
                  </button>
                </p>`
              : nothing}`
        : html`<p class="muted">${list.empty}</p>`}
    </section>`;
  }

  private _renderListIntro(r: Readiness, kind: ReadinessItemKind, count: number) {
    const code = encodeURIComponent(this.code);
    switch (kind) {
      case 'suspect_link':
      case 'broken_link':
        return count ? html`<p><a href="/gennemgang?solution=${code}">Gennemgå links i ${this.code} i gennemgangskøen</a></p>` : nothing;
      case 'untraced':
        return html`<p class="small muted">Krav markeret som ikke-lovbestemte er ikke med her.</p>`;
      case 'change_request': {
        const classes = Object.entries(r.openChangeRequestsByClass);
        if (!classes.length) return nothing;
        return html`<div class="by-class table-wrap">
          <table>
            <caption>
              Åbne ændringsforslag efter klasse
            </caption>
            <thead>
              <tr>
                <th scope="col">Klasse</th>
                <th scope="col" class="num">Åbne</th>
              </tr>
            </thead>
            <tbody>
              ${classes.map(
                ([cls, n]) => html`<tr>
                  <th scope="row"><a href="/aendringsforslag?solution=${code}&class=${encodeURIComponent(cls)}&open=1">${CLASS_LABELS[cls as ChangeClass] ?? cls}</a></th>
                  <td class="num">${formatNumber(n)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`;
      }
      case 'not_reviewed':
        return html`<div class="months">
          <label for="months">Ikke gennemgået i</label>
          <select id="months" @change=${this._onMonths}>
            ${MONTH_CHOICES.map((m) => html`<option value=${m} ?selected=${m === this._months}>${plural(m, 'måned', 'måneder')}</option>`)}
          </select>
        </div>`;
      default:
        return nothing;
    }
  }

  private _renderItem(i: ReadinessItem) {
    const href = i.kind === 'change_request' ? `/aendringsforslag/${encodeURIComponent(i.humanId)}` : `/krav/${encodeURIComponent(i.humanId)}`;
    return html`<li>
      <a href=${href}><span class="id">${i.humanId}</span> ${i.title}</a>
      <span class="why">${i.why}</span>
    </li>`;
  }

  private _toggle(kind: ReadinessItemKind) {
    const next = new Set(this._expanded);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    this._expanded = next;
  }

  private _onMonths(e: Event) {
    this._months = Number((e.target as HTMLSelectElement).value);
    this._load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-solution-readiness': SbSolutionReadiness;
  }
}
