// The chair prepares the agenda: open change requests of the solution as candidates (lovvedligehold with a
// deadline first, and marked), filtered by class and status; add, remove and reorder; print the agenda.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CHANGE_CLASSES, CLASS_LABELS, changeRequestHref, statusOptions, type ChangeClass } from '../api/change-requests.js';
import {
  addAgendaItems,
  formatAmount,
  getCandidates,
  getSession,
  removeAgendaItem,
  reorderAgenda,
  sessionHref,
  sessionUrls,
  type Candidate,
  type SessionItem,
  type SessionView,
} from '../api/sessions.js';
import type { ApiError } from '../api/http.js';
import { formatDate } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import '../elements/sb-badge.js';
import { changeClassBadge } from '../elements/sb-change-request-badges.js';
import { largeType, largeTypePreferred, scalableControls } from '../elements/sb-session-styles.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

@customElement('sb-session-agenda-page')
export class SbSessionAgendaPage extends PageElement {
  static override styles = [
    base,
    scalableControls,
    largeType,
    css`
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: var(--sb-space-6);
        align-items: start;
      }
      @media (max-width: 64rem) {
        .columns {
          grid-template-columns: 1fr;
        }
      }
      ol.agenda,
      ul.candidates {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--sb-space-2);
      }
      .entry {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: var(--sb-space-1) var(--sb-space-3);
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-left: 6px solid var(--sb-color-border-strong);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-3) var(--sb-space-4);
      }
      .entry.legal {
        border-left-color: var(--sb-color-danger);
      }
      .pos {
        font-weight: 750;
        font-size: var(--sb-font-size-lg);
        font-variant-numeric: tabular-nums;
      }
      .title {
        font-weight: 650;
        margin: 0;
      }
      .hid {
        font-family: var(--sb-font-mono);
        color: var(--sb-color-text-muted);
        font-size: 0.9em;
        margin-right: var(--sb-space-2);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-1) var(--sb-space-3);
        align-items: center;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin: var(--sb-space-1) 0 0;
      }
      .actions {
        grid-column: 2;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
        margin-top: var(--sb-space-2);
      }
      .candidates .entry {
        grid-template-columns: auto minmax(0, 1fr);
        align-items: start;
      }
      .candidates input[type='checkbox'] {
        width: 1.3em;
        height: 1.3em;
        margin: 0.2em 0 0;
        accent-color: var(--sb-color-primary);
      }
      .candidates label {
        cursor: pointer;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3);
        align-items: end;
        margin-bottom: var(--sb-space-3);
      }
      .filters .field {
        margin: 0;
        flex: 1 1 10rem;
      }
      .total {
        margin: var(--sb-space-3) 0 0;
        font-weight: 600;
      }
      .add-bar {
        position: sticky;
        bottom: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3);
        align-items: center;
        padding: var(--sb-space-3) 0;
        background: var(--sb-color-bg);
      }
    `,
  ];

  @property({ type: Number }) sessionId = -1;
  @property({ type: Boolean, reflect: true }) large = largeTypePreferred();

  @state() private _class: ChangeClass | '' = '';
  @state() private _status = '';
  @state() private _chosen = new Set<string>();
  @state() private _busy = false;
  @state() private _error: ApiError | null = null;
  @state() private _notice = '';

  private _session = new Resource<SessionView>(this);
  private _candidates = new Resource<Candidate[]>(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionId')) {
      this._session.load(() => getSession(this.sessionId));
      this._loadCandidates();
    }
  }

  override updated(): void {
    const v = this._session.value;
    this.setTitle(v ? `Dagsorden – ${v.title}` : 'Dagsorden');
  }

  private _loadCandidates() {
    this._candidates.load(async () => (await getCandidates(this.sessionId, { class: this._class, status: this._status })).items);
  }

  override render() {
    const state = this._session.state;
    const v = this._session.value;
    const crumbs = html`<nav class="breadcrumbs" aria-label="Brødkrumme">
      <ol>
        <li><a href="/moeder">Faggruppemøder</a></li>
        ${v ? html`<li><a href=${sessionHref(v.id)}>${v.title}</a></li>` : nothing}
        <li><span aria-current="page">Dagsorden</span></li>
      </ol>
    </nav>`;
    if (state.status === 'error') return html`${crumbs}<h1 tabindex="-1">Dagsorden</h1><sb-error-alert .error=${state.error}></sb-error-alert>`;
    if (!v) return html`${crumbs}<h1 tabindex="-1">Dagsorden</h1><sb-loading label="Henter mødet…"></sb-loading>`;
    const editable = v.you.canManage && v.status === 'forberedelse';
    return html`${crumbs}
      <div class="page-header">
        <div>
          <span class="eyebrow">${v.solution.name} · ${v.title} · ${formatDate(v.date)}</span>
          <h1 tabindex="-1">Dagsorden</h1>
        </div>
        <div class="row">
          <a href=${sessionUrls(v.id).agendaHtml} target="_blank" rel="noopener">Udskriv dagsorden (åbner i nyt vindue)</a>
          <a class="button primary" href=${sessionHref(v.id)}>Til mødet</a>
        </div>
      </div>
      <div role="status">${this._notice ? html`<div class="alert success"><p>${this._notice}</p></div>` : nothing}</div>
      ${this._error ? html`<sb-error-alert .error=${this._error} heading="Dagsordenen blev ikke ændret"></sb-error-alert>` : nothing}
      ${editable ? nothing : html`<div class="alert info"><p>Dagsordenen kan kun ændres af formanden, mens mødet er under forberedelse.</p></div>`}
      <div class="columns">
        <section aria-labelledby="agenda-heading">
          <h2 id="agenda-heading" tabindex="-1">På dagsordenen (${v.items.length})</h2>
          ${this._renderAgenda(v, editable)}
        </section>
        ${editable
          ? html`<section aria-labelledby="candidates-heading">
              <h2 id="candidates-heading">Forslag til dagsordenen</h2>
              ${this._renderCandidates(v)}
            </section>`
          : nothing}
      </div>`;
  }

  private _renderAgenda(v: SessionView, editable: boolean) {
    if (!v.items.length) return html`<div class="empty"><p>Dagsordenen er tom. Vælg ændringsforslag blandt forslagene.</p></div>`;
    const total = v.items.reduce((sum, i) => sum + (i.estimate ?? 0), 0);
    const n = v.items.length;
    return html`<ol class="agenda">
        ${v.items.map(
          (item, i) => html`<li class="entry ${item.mustByLaw ? 'legal' : ''}" data-item=${item.id}>
            <span class="pos" aria-hidden="true">${i + 1}.</span>
            <div>
              <p class="title"><a href=${changeRequestHref(item.changeRequest.humanId)}><span class="hid">${item.changeRequest.humanId}</span>${item.changeRequest.title}</a></p>
              ${this._meta(item.changeRequest.class, item.mustByLaw, item.changeRequest.deadline, item.estimate, v)}
            </div>
            ${editable
              ? html`<div class="actions">
                  <button class="button small" type="button" data-dir="up" aria-label="Flyt op: ${item.changeRequest.humanId}" ?disabled=${this._busy || i === 0} @click=${() => this._move(v, item, -1)}>▲ Flyt op</button>
                  <button class="button small" type="button" data-dir="down" aria-label="Flyt ned: ${item.changeRequest.humanId}" ?disabled=${this._busy || i === n - 1} @click=${() => this._move(v, item, 1)}>▼ Flyt ned</button>
                  <button class="button small danger" type="button" aria-label="Fjern fra dagsordenen: ${item.changeRequest.humanId}" ?disabled=${this._busy} @click=${() => this._remove(item)}>Fjern</button>
                </div>`
              : nothing}
          </li>`,
        )}
      </ol>
      <p class="total">Estimat i alt: ${formatAmount(total, v.budget.unit)}${v.budget.amount === null ? '' : ` · budgetramme ${formatAmount(v.budget.amount, v.budget.unit)}`}</p>`;
  }

  private _meta(cls: string, mustByLaw: boolean, deadline: string | null, estimate: number | null, v: SessionView) {
    return html`<p class="meta">
      ${changeClassBadge(cls)} ${mustByLaw ? html`<sb-badge tone="danger">Must efter lovkrav</sb-badge>` : nothing}
      ${deadline ? html`<span>Frist: ${formatDate(deadline)}</span>` : nothing}
      <span>Estimat: ${estimate === null ? 'mangler' : formatAmount(estimate, v.budget.unit)}</span>
    </p>`;
  }

  private _renderCandidates(v: SessionView) {
    const state = this._candidates.state;
    const list = this._candidates.value;
    const statuses = statusOptions(this._class);
    return html`<form class="filters" role="search" aria-label="Filtrér forslag" @submit=${this._onFilter}>
        <div class="field">
          <label for="class">Klasse</label>
          <select id="class" @change=${(e: Event) => ((this._class = (e.target as HTMLSelectElement).value as ChangeClass | ''), (this._status = ''))}>
            <option value="" ?selected=${!this._class}>Alle klasser</option>
            ${CHANGE_CLASSES.filter((c) => c !== 'genudbud').map((c) => html`<option value=${c} ?selected=${c === this._class}>${CLASS_LABELS[c]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status">Status</label>
          <select id="status" @change=${(e: Event) => (this._status = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._status}>Alle åbne</option>
            ${statuses.map((s) => html`<option value=${s.status} ?selected=${s.status === this._status}>${s.label}</option>`)}
          </select>
        </div>
        <button class="button" type="submit">Filtrér</button>
      </form>
      <p class="hint">Lovvedligehold med frist står først, tidligste frist øverst. Med frist inden for perioden (til ${formatDate(v.periodEnd)}) er de Must efter lovkrav.</p>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._loadCandidates}></sb-error-alert>`
        : !list
          ? html`<sb-loading label="Henter forslag…"></sb-loading>`
          : !list.length
            ? html`<div class="empty"><p>Ingen åbne ændringsforslag${this._class || this._status ? ' matcher filtrene' : ' kan sættes på dagsordenen'}.</p></div>`
            : html`<form @submit=${this._onAdd}>
                <ul class="candidates" aria-label="Forslag">
                  ${list.map((c) => {
                    const id = `c-${c.humanId}`;
                    return html`<li class="entry ${c.class === 'lovvedligehold' && c.deadline ? 'legal' : ''}">
                      <input id=${id} type="checkbox" .checked=${this._chosen.has(c.humanId)} @change=${(e: Event) => this._choose(c.humanId, (e.target as HTMLInputElement).checked)} />
                      <div>
                        <label class="title" for=${id}><span class="hid">${c.humanId}</span>${c.title}</label>
                        ${this._meta(c.class, c.mustByLaw, c.deadline, c.estimate, v)}
                        <p class="meta"><span>Status: ${c.statusLabel}</span></p>
                      </div>
                    </li>`;
                  })}
                </ul>
                <div class="add-bar">
                  <button class="button primary" type="submit" ?disabled=${this._busy || !this._chosen.size}>Sæt valgte på dagsordenen (${this._chosen.size})</button>
                  <button class="button" type="button" @click=${() => (this._chosen = new Set(list.map((c) => c.humanId)))}>Vælg alle viste</button>
                </div>
              </form>`}`;
  }

  private _choose(humanId: string, on: boolean) {
    const next = new Set(this._chosen);
    if (on) next.add(humanId);
    else next.delete(humanId);
    this._chosen = next;
  }

  private _onFilter(e: Event) {
    e.preventDefault();
    this._loadCandidates();
  }

  private async _change(action: () => Promise<SessionView>, notice: string): Promise<boolean> {
    this._busy = true;
    this._error = null;
    try {
      this._session.set(await action());
      this._notice = notice;
      return true;
    } catch (err) {
      this._error = toApiError(err);
      this._notice = '';
      return false;
    } finally {
      this._busy = false;
    }
  }

  private async _onAdd(e: Event) {
    e.preventDefault();
    const chosen = [...this._chosen];
    if (!chosen.length) return;
    const ok = await this._change(() => addAgendaItems(this.sessionId, chosen), `${chosen.length === 1 ? '1 ændringsforslag er' : `${chosen.length} ændringsforslag er`} sat på dagsordenen.`);
    if (ok) {
      this._chosen = new Set();
      this._loadCandidates();
    }
  }

  private async _move(v: SessionView, item: SessionItem, by: -1 | 1) {
    const order = v.items.map((i) => i.id);
    const from = order.indexOf(item.id);
    order.splice(from, 1);
    order.splice(from + by, 0, item.id);
    const ok = await this._change(() => reorderAgenda(this.sessionId, order), `${item.changeRequest.humanId} er nu punkt ${from + by + 1}.`);
    if (!ok) return;
    await this.updateComplete;
    // Keep the keyboard on the item that moved: the same button if it can move further, else the other one.
    const row = this.renderRoot.querySelector(`li[data-item="${item.id}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`button[data-dir="${by < 0 ? 'up' : 'down'}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`button[data-dir="${by < 0 ? 'down' : 'up'}"]`);
    (same && !same.disabled ? same : other)?.focus();
  }

  private async _remove(item: SessionItem) {
    const ok = await this._change(() => removeAgendaItem(this.sessionId, item.id), `${item.changeRequest.humanId} er taget af dagsordenen.`);
    if (!ok) return;
    this._loadCandidates();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#agenda-heading')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-session-agenda-page': SbSessionAgendaPage;
  }
}
