// The Baselines tab of a solution: its frozen snapshots with who took them, taking a new one, and comparing any
// two states (the compared pair lives in the URL: ?fane=baselines&fra=ID&til=now).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { compareBaselines, createBaseline, listBaselines, type Baseline, type BaselineComparison } from '../api/baselines.js';
import type { ApiError } from '../api/http.js';
import { may, type Me } from '../api/session.js';
import { formatDateTime, formatNumber } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import { navigate } from '../app/router.js';
import '../elements/sb-baseline-diff.js';
import '../elements/sb-error-alert.js';
import '../elements/sb-loading.js';
import { base } from '../styles/shared.js';

@customElement('sb-solution-baselines')
export class SbSolutionBaselines extends LitElement {
  static override styles = [
    base,
    css`
      .layout {
        display: grid;
        grid-template-columns: 2fr minmax(16rem, 1fr);
        gap: var(--sb-space-5);
        align-items: start;
      }
      @media (max-width: 60rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      .description {
        display: block;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .compare-form {
        display: grid;
        grid-template-columns: 1fr 1fr auto;
        gap: var(--sb-space-3);
        align-items: end;
      }
      .compare-form .field {
        margin: 0;
      }
      @media (max-width: 40rem) {
        .compare-form {
          grid-template-columns: 1fr;
        }
      }
      .result:focus {
        outline: none;
      }
    `,
  ];

  @property() code = '';
  @property({ attribute: false }) user: Me | null = null;
  /** The page's query: `fra` and `til` (a baseline id or "now") pick the comparison. */
  @property({ attribute: false }) query = new URLSearchParams();

  @state() private _name = '';
  @state() private _description = '';
  @state() private _saving = false;
  @state() private _createError: ApiError | null = null;
  @state() private _created: Baseline | null = null;
  @state() private _from = '';
  @state() private _to = 'now';
  @state() private _sameSides = false;

  private _baselines = new Resource<Baseline[]>(this);
  private _comparison = new Resource<BaselineComparison | null>(this);
  @query('#create-summary') private _createSummary?: HTMLElement;
  @query('.result') private _result?: HTMLElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code')) this._loadBaselines();
    if (changed.has('query') || changed.has('code')) {
      const from = this.query.get('fra') ?? '';
      const to = this.query.get('til') ?? 'now';
      if (from) {
        this._from = from;
        this._to = to;
      }
      this._comparison.load(async () => (from && from !== to ? compareBaselines(this.code, from, to) : null));
    }
  }

  private _loadBaselines() {
    this._baselines.load(async () => {
      const items = (await listBaselines(this.code)).items;
      if (!this._from && items.length) this._from = String(items[0].id);
      return items;
    });
  }

  override render() {
    const canCreate = may(this.user, 'baseline.create', this.code);
    return html`<section aria-labelledby="baselines-heading">
      <h2 id="baselines-heading">Baselines</h2>
      <p class="lead">Frosne, navngivne øjebliksbilleder af kravene og deres sporing, fx kravene som de blev udbudt. Senere tilstande kan sammenlignes med dem.</p>
      <div class="layout section">
        <div>${this._renderList()}</div>
        ${canCreate ? this._renderCreate() : html`<p class="small muted">Du har ikke rettighed til at oprette baselines i ${this.code}.</p>`}
      </div>
      ${this._renderCompare()}
    </section>`;
  }

  private _renderList() {
    const state = this._baselines.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._loadBaselines}></sb-error-alert>`;
    const items = this._baselines.value;
    if (!items) return html`<sb-loading label="Henter baselines…"></sb-loading>`;
    if (!items.length) return html`<div class="empty"><p>Løsningen har endnu ingen baselines.</p></div>`;
    return html`<div class="table-wrap">
      <table>
        <caption>
          Løsningens baselines, nyeste først
        </caption>
        <thead>
          <tr>
            <th scope="col">Navn</th>
            <th scope="col">Taget af</th>
            <th scope="col">Tidspunkt</th>
            <th scope="col" class="num">Krav</th>
            <th scope="col" class="num">Links</th>
            <th scope="col"><span class="visually-hidden">Handling</span></th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (b) => html`<tr>
              <th scope="row">${b.name}${b.description ? html`<span class="description">${b.description}</span>` : nothing}</th>
              <td>${b.createdByName}</td>
              <td>${formatDateTime(b.createdAt)}</td>
              <td class="num">${formatNumber(b.requirementCount)}</td>
              <td class="num">${formatNumber(b.linkCount)}</td>
              <td><a href=${this._compareHref(String(b.id), 'now')}>Sammenlign med nu<span class="visually-hidden"> (${b.name})</span></a></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _renderCreate() {
    const nameError = this._createError?.fieldMessage('name');
    return html`<form class="card" @submit=${this._onCreate} novalidate aria-labelledby="create-heading">
      <h3 id="create-heading">Opret baseline</h3>
      ${this._createError
        ? html`<div class="alert error" id="create-summary" role="alert" tabindex="-1">
            <p class="alert-title">Baselinen blev ikke oprettet</p>
            <p>${this._createError.message}</p>
          </div>`
        : nothing}
      ${this._created
        ? html`<div class="alert success" role="status">
            <p>Baselinen «${this._created.name}» er oprettet med ${formatNumber(this._created.requirementCount)} krav og ${formatNumber(this._created.linkCount)} links.</p>
          </div>`
        : nothing}
      <div class="field">
        <label for="baseline-name">Navn</label>
        <span class="hint" id="baseline-name-hint">Fx «Udbud 2019» eller «Genudbud 2027 udkast».</span>
        <input
          id="baseline-name"
          type="text"
          maxlength="120"
          aria-describedby="baseline-name-hint ${nameError ? 'baseline-name-error' : ''}"
          aria-invalid=${nameError ? 'true' : 'false'}
          .value=${this._name}
          @input=${(e: Event) => (this._name = (e.target as HTMLInputElement).value)}
        />
        ${nameError ? html`<p class="field-error" id="baseline-name-error">${nameError}</p>` : nothing}
      </div>
      <div class="field">
        <label for="baseline-description">Beskrivelse (valgfri)</label>
        <textarea id="baseline-description" maxlength="2000" .value=${this._description} @input=${(e: Event) => (this._description = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <button class="button primary" type="submit" ?disabled=${this._saving}>${this._saving ? 'Opretter…' : 'Opret baseline'}</button>
    </form>`;
  }

  private _renderCompare() {
    const items = this._baselines.value ?? [];
    if (!items.length) return nothing;
    const options = (selected: string) => html`${items.map((b) => html`<option value=${String(b.id)} ?selected=${String(b.id) === selected}>${b.name}</option>`)}
      <option value="now" ?selected=${selected === 'now'}>Nu (kravene som de står)</option>`;
    const state = this._comparison.state;
    return html`<section class="section" aria-labelledby="compare-form-heading">
      <h3 id="compare-form-heading">Sammenlign</h3>
      <form class="compare-form card" @submit=${this._onCompare}>
        <div class="field">
          <label for="compare-from">Fra</label>
          <select id="compare-from" @change=${(e: Event) => (this._from = (e.target as HTMLSelectElement).value)}>${options(this._from)}</select>
        </div>
        <div class="field">
          <label for="compare-to">Til</label>
          <select id="compare-to" @change=${(e: Event) => (this._to = (e.target as HTMLSelectElement).value)}>${options(this._to)}</select>
        </div>
        <button class="button primary" type="submit" aria-describedby=${this._sameSides ? 'compare-same' : nothing}>Sammenlign</button>
      </form>
      ${this._sameSides ? html`<p class="field-error" id="compare-same" role="alert">Vælg to forskellige tilstande at sammenligne.</p>` : nothing}
      <div class="result section" tabindex="-1" aria-live="polite" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${state.status === 'error'
          ? html`<sb-error-alert .error=${state.error} heading="Sammenligningen mislykkedes"></sb-error-alert>`
          : state.status === 'loading'
            ? html`<sb-loading label="Sammenligner…"></sb-loading>`
            : this._comparison.value
              ? html`<sb-baseline-diff .comparison=${this._comparison.value}></sb-baseline-diff>`
              : nothing}
      </div>
    </section>`;
  }

  private _compareHref(from: string, to: string) {
    return `/loesninger/${encodeURIComponent(this.code)}?fane=baselines&fra=${encodeURIComponent(from)}&til=${encodeURIComponent(to)}`;
  }

  private async _onCompare(e: Event) {
    e.preventDefault();
    this._sameSides = this._from === this._to;
    if (this._sameSides) return;
    navigate(this, this._compareHref(this._from, this._to));
    await this.updateComplete;
    this._result?.focus();
  }

  private async _onCreate(e: Event) {
    e.preventDefault();
    if (this._saving) return;
    this._saving = true;
    this._createError = null;
    this._created = null;
    try {
      this._created = await createBaseline(this.code, this._name.trim(), this._description.trim());
      this._name = '';
      this._description = '';
      this._loadBaselines();
    } catch (err) {
      this._createError = toApiError(err);
      await this.updateComplete;
      this._createSummary?.focus();
    } finally {
      this._saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-solution-baselines': SbSolutionBaselines;
  }
}
