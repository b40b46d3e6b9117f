// Faggruppemøder: a solution's meetings with date, status and budget frame; the project manager starts a new one.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatAmount, listSessions, sessionHref, type SessionList, type SessionStatus } from '../api/sessions.js';
import { formatDate } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { SolutionList } from '../app/solution-list.js';
import { UrlFilters } from '../app/url-filters.js';
import '../elements/sb-badge.js';
import { largeType, largeTypePreferred, scalableControls } from '../elements/sb-session-styles.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const STATUS_TONES: Record<SessionStatus, 'info' | 'warning' | 'success'> = { forberedelse: 'info', afholdt: 'warning', afsluttet: 'success' };

@customElement('sb-sessions-page')
export class SbSessionsPage extends PageElement {
  static override styles = [
    base,
    scalableControls,
    largeType,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3);
        align-items: end;
        margin-bottom: var(--sb-space-4);
      }
      .filters .field {
        margin: 0;
        min-width: 18rem;
      }
      td.date {
        white-space: nowrap;
      }
      .title-cell a {
        font-weight: 600;
      }
    `,
  ];

  /** The URL's query: `solution` filters by solution code. */
  @property({ attribute: false }) query = new URLSearchParams();
  /** Follows the meeting pages' "Stor skrift". */
  @property({ type: Boolean, reflect: true }) large = largeTypePreferred();

  private _filters = new UrlFilters(this, {
    path: '/moeder',
    query: () => this.query,
    read: (q) => ({ solution: q.get('solution') ?? '' }),
    write: (f) => [['solution', f.solution]],
    load: () => this._load(),
  });
  private _sessions = new Resource<SessionList>(this);
  private _solutions = new SolutionList(this);

  override updated(): void {
    const name = this._solutions.nameOf(this._filters.value.solution);
    this.setTitle(name ? `Faggruppemøder – ${name}` : 'Faggruppemøder');
  }

  private _load() {
    const solution = this._filters.value.solution;
    this._sessions.load(async () => (await listSessions(solution)).items);
  }

  override render() {
    const code = this._filters.value.solution;
    const draft = this._filters.draft.solution;
    const name = this._solutions.nameOf(code);
    const canCreate = this.may('session.manage', code || null);
    return html`<div class="page-header">
        <div>
          ${name ? html`<span class="eyebrow">${name}</span>` : nothing}
          <h1 tabindex="-1">Faggruppemøder</h1>
          <p class="lead">Faggruppen prioriterer ændringsforslagene inden for budgetrammen og giver projektlederen et oplæg med prioritering.</p>
        </div>
        ${canCreate ? html`<a class="button primary" href=${code ? `/moeder/ny?solution=${encodeURIComponent(code)}` : '/moeder/ny'}>+ Nyt faggruppemøde</a>` : nothing}
      </div>
      <form class="filters" role="search" aria-label="Filtrér møder" @submit=${(e: Event) => this._filters.submit(e)}>
        <div class="field">
          <label for="solution">Løsning</label>
          <select id="solution" @change=${this._filters.input('solution')}>
            <option value="" ?selected=${!draft}>Alle løsninger</option>
            ${(this._solutions.value ?? []).map((s) => html`<option value=${s.code} ?selected=${s.code === draft}>${s.name} (${s.code})</option>`)}
          </select>
        </div>
        <button class="button" type="submit">Vis</button>
      </form>
      ${this._renderList()}`;
  }

  private _renderList() {
    const state = this._sessions.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const list = this._sessions.value;
    if (!list) return html`<sb-loading label="Henter møder…"></sb-loading>`;
    if (!list.length) return html`<div class="empty"><p>Der er ingen faggruppemøder${this._filters.value.solution ? ' for løsningen' : ''} endnu.</p></div>`;
    // The supplier is not shown the budget frames (the server leaves them out).
    const showBudget = list.some((s) => s.budget.amount !== null);
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Faggruppemøder</caption>
        <thead>
          <tr>
            <th scope="col">Dato</th>
            <th scope="col">Møde</th>
            <th scope="col">Løsning</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Punkter</th>
            ${showBudget ? html`<th scope="col" class="num">Budgetramme</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (s) => html`<tr>
              <td class="date">${formatDate(s.date)}</td>
              <td class="title-cell"><a href=${sessionHref(s.id)}>${s.title}</a></td>
              <td>${s.solution}</td>
              <td><sb-badge tone=${STATUS_TONES[s.status as SessionStatus] ?? 'neutral'}>${s.statusLabel}</sb-badge></td>
              <td class="num">${s.itemCount}</td>
              ${showBudget ? html`<td class="num">${s.budget.amount === null ? '–' : formatAmount(s.budget.amount, s.budget.unit)}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-sessions-page': SbSessionsPage;
  }
}
