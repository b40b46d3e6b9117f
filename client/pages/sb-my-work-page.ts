// Mit arbejde: what waits for the user in each of their roles, and the deadlines that are overdue or close.
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import {
  CLASS_LABELS,
  changeRequestHref,
  getDeadlines,
  getMyWork,
  isChangeClass,
  statusLabel,
  type DeadlineItem,
  type Deadlines,
  type MyWork,
  type MyWorkSection,
} from '../api/change-requests.js';
import { ROLE_LABELS } from '../api/users.js';
import { formatDate, formatDateTime, formatNumber, plural } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { labelOf } from '../api/requirements.js';
import { changeStatusBadge } from '../elements/sb-change-request-badges.js';
import { decisionByText } from '../elements/sb-deadline.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const DEADLINE_DAYS = 60;

/** What each role's list is for, in a sentence under its heading. */
const SECTION_HINTS: Record<string, string> = {
  kravredaktoer: 'Lovvedligehold, hvor faggruppen har afsluttet lovudredningen, og kravene nu skal opdateres.',
  faggruppe: 'Lovvedligehold, der venter på lovudredning, forslag, der venter på faggruppens anbefaling, og møder, der venter på din vurdering.',
  styregruppe: 'Forslag, som faggruppen har sendt til styregruppen, og genudbud, der skal godkendes.',
  projektleder: 'Forslag, hvor næste skridt er dit: estimér, aftal, igangsæt, før videre eller genoptag; og møder, du skal forberede eller afslutte.',
  leverandoer: 'Forslag, der venter på dit estimat, og ændringer, der skal igangsættes eller udføres.',
};

type WorkItem = MyWorkSection['items'][number];

@customElement('sb-my-work-page')
export class SbMyWorkPage extends PageElement {
  static override styles = [
    base,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(18rem, 1fr);
        gap: var(--sb-space-5);
        align-items: start;
      }
      @media (max-width: 60rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      .work > section + section {
        margin-top: var(--sb-space-5);
      }
      .role {
        display: block;
        font-size: var(--sb-font-size-sm);
        font-weight: 600;
        color: var(--sb-color-text-muted);
        margin-bottom: var(--sb-space-1);
      }
      .items {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .items > li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--sb-space-2) var(--sb-space-4);
        padding: var(--sb-space-3) 0;
      }
      .items > li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .item-title {
        font-weight: 600;
      }
      .item-meta {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-1) var(--sb-space-3);
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin-top: 2px;
      }
      .item-side {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        gap: var(--sb-space-1);
        font-size: var(--sb-font-size-sm);
      }
      .item-next {
        font-size: var(--sb-font-size-sm);
        margin-top: 2px;
      }
      .review-link {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--sb-space-3);
        margin-bottom: var(--sb-space-3);
      }
      .big {
        font-size: var(--sb-font-size-2xl);
        font-weight: 750;
        line-height: 1;
      }
      .orienteringer {
        margin-top: var(--sb-space-4);
        padding-top: var(--sb-space-3);
        border-top: 1px solid var(--sb-color-border);
      }
      .orientering-text {
        margin: 2px 0 0;
      }
      .orienteringer h3 {
        font-size: var(--sb-font-size-md);
      }
      .deadlines h2 {
        font-size: var(--sb-font-size-lg);
      }
      .deadlines h3 {
        font-size: var(--sb-font-size-md);
        margin-top: var(--sb-space-4);
        display: flex;
        align-items: center;
        gap: var(--sb-space-2);
      }
      .deadlines h3.overdue {
        color: var(--sb-color-danger);
      }
      .deadline-list {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .deadline-list li {
        padding: var(--sb-space-2) 0;
        font-size: var(--sb-font-size-sm);
      }
      .deadline-list li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .deadline-list .overdue-item {
        border-left: 4px solid var(--sb-color-danger);
        padding-left: var(--sb-space-3);
      }
    `,
  ];

  private _work = new Resource<MyWork>(this);
  private _deadlines = new Resource<Deadlines>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.setTitle('Mit arbejde');
    this._load();
  }

  private _load() {
    this._work.load(getMyWork);
    this._deadlines.load(() => getDeadlines(DEADLINE_DAYS));
  }

  override render() {
    const roles = [...new Set(this.user?.roles.map((r) => r.roleName) ?? [])];
    return html`<div class="page-header">
        <div>
          <span class="eyebrow">${this.user?.displayName}${roles.length ? ` · ${roles.join(', ')}` : ''}</span>
          <h1 tabindex="-1">Mit arbejde</h1>
          <p class="lead">Det, der venter på dig i dine roller, og de frister, der nærmer sig.</p>
        </div>
        ${this.may('change_request.create') ? html`<a class="button primary" href="/aendringsforslag/ny">+ Registrér ændringsforslag</a>` : nothing}
      </div>
      <div class="layout">
        <div class="work">${this._renderWork()}</div>
        <aside class="card deadlines" aria-labelledby="deadlines-heading">${this._renderDeadlines()}</aside>
      </div>`;
  }

  private _renderWork() {
    const state = this._work.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const work = this._work.value;
    if (!work) return html`<sb-loading label="Henter dit arbejde…"></sb-loading>`;
    if (!work.sections.length) {
      return html`<div class="empty">
        <p>Dine roller har ingen arbejdsliste her.</p>
        <p><a href="/aendringsforslag?open=1">Se alle åbne ændringsforslag</a></p>
      </div>`;
    }
    return work.sections.map((s) => this._renderSection(s));
  }

  private _renderSection(s: MyWorkSection) {
    const id = `section-${s.role}`;
    const reviewLinks = 'reviewLinks' in s && typeof s.reviewLinks === 'number' ? s.reviewLinks : null;
    const orienteringer = 'orienteringer' in s && Array.isArray(s.orienteringer) ? s.orienteringer : null;
    return html`<section class="card" aria-labelledby=${id}>
      <span class="role">${labelOf(ROLE_LABELS, s.role)}</span>
      <h2 id=${id}>${s.title} <span class="muted">(${formatNumber(s.total + s.sessions.length)})</span></h2>
      ${SECTION_HINTS[s.role] ? html`<p class="muted small">${SECTION_HINTS[s.role]}</p>` : nothing}
      ${reviewLinks
        ? html`<div class="alert warning review-link">
            <span><span class="big">${formatNumber(reviewLinks)}</span> ${reviewLinks === 1 ? 'sporing skal' : 'sporinger skal'} gennemgås efter lovændringer.</span>
            <a class="button small" href="/gennemgang">Gå til gennemgang</a>
          </div>`
        : reviewLinks === 0
          ? html`<p class="small">Ingen sporinger venter på <a href="/gennemgang">gennemgang</a> efter lovændringer.</p>`
          : nothing}
      ${s.sessions.length ? this._renderSessions(s.role, s.sessions) : nothing}
      ${s.items.length
        ? html`<ul class="items" aria-label="Ændringsforslag">
            ${s.items.map((i) => this._renderItem(i))}
          </ul>
          ${s.total > s.items.length ? html`<p class="muted small">Viser ${formatNumber(s.items.length)} af ${formatNumber(s.total)}.</p>` : nothing}`
        : s.sessions.length
          ? nothing
          : html`<p class="muted">Intet venter lige nu.</p>`}
      ${orienteringer ? this._renderOrienteringer(s.role, orienteringer) : nothing}
    </section>`;
  }

  private _renderItem(i: WorkItem) {
    return html`<li>
      <div>
        <a class="item-title" href=${changeRequestHref(i.humanId)}>${i.title}</a>
        <div class="item-meta">
          <span class="mono">${i.humanId}</span>
          <span>${isChangeClass(i.class) ? CLASS_LABELS[i.class] : i.class}</span>
          ${i.deferred ? html`<span>Udskudt af faggruppen</span>` : nothing}
        </div>
        <div class="item-next">Næste skridt: ${i.actions.map((a) => a.label).join(' eller ')}</div>
      </div>
      <div class="item-side">
        ${changeStatusBadge(i.class, i.status, statusLabel(i.class, i.status))}
        ${i.deadline ? html`<sb-deadline .deadline=${i.deadline}></sb-deadline>` : nothing}
      </div>
    </li>`;
  }

  private _renderSessions(role: string, sessions: MyWorkSection['sessions']) {
    return html`<ul class="items" aria-label="Faggruppemøder">
      ${sessions.map(
        (m) => html`<li data-role=${role}>
          <div>
            <a class="item-title" href="/moeder/${m.id}">${m.title}</a>
            <div class="item-meta"><span>Faggruppemøde ${m.solution}</span><span>${formatDate(m.date)}</span></div>
            <div class="item-next">${m.todo}</div>
          </div>
        </li>`,
      )}
    </ul>`;
  }

  private _renderOrienteringer(role: string, items: { id: number; text: string; createdBy: string; createdAt: string; changeRequest: { humanId: string; title: string } }[]) {
    return html`<div class="orienteringer">
      <h3 id="orienteringer-${role}">Orienteringer siden sidste møde <span class="muted">(${formatNumber(items.length)})</span></h3>
      ${items.length
        ? html`<ul class="items" aria-labelledby="orienteringer-${role}">
            ${items.map(
              (o) => html`<li>
                <div>
                  <a class="item-title" href=${changeRequestHref(o.changeRequest.humanId)}>${o.changeRequest.humanId} ${o.changeRequest.title}</a>
                  <p class="small orientering-text">${o.text}</p>
                </div>
                <div class="item-side muted">${o.createdBy}, ${formatDateTime(o.createdAt)}</div>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted small">Ingen nye orienteringer.</p>`}
    </div>`;
  }

  private _renderDeadlines() {
    const state = this._deadlines.state;
    const heading = html`<h2 id="deadlines-heading">Frister</h2>`;
    if (state.status === 'error') return html`${heading}<sb-error-alert .error=${state.error} heading="Fristerne kunne ikke hentes"></sb-error-alert>`;
    const d = this._deadlines.value;
    if (!d) return html`${heading}<sb-loading label="Henter frister…"></sb-loading>`;
    return html`${heading}
      <p class="muted small">Åbne ændringsforslag med frist, i alle løsninger. I dag er ${formatDate(d.today)}.</p>
      <h3 class="overdue" id="overdue-heading">Overskredet (${formatNumber(d.overdue.length)})</h3>
      ${d.overdue.length ? this._renderDeadlineList(d.overdue, 'overdue-heading', true) : html`<p class="muted small">Ingen overskredne frister.</p>`}
      <h3 id="due-heading">Inden for ${plural(DEADLINE_DAYS, 'dag', 'dage')} (${formatNumber(d.dueSoon.length)})</h3>
      ${d.dueSoon.length ? this._renderDeadlineList(d.dueSoon, 'due-heading', false) : html`<p class="muted small">Ingen frister de næste ${DEADLINE_DAYS} dage.</p>`}`;
  }

  private _renderDeadlineList(items: DeadlineItem[], labelledBy: string, overdue: boolean) {
    return html`<ul class="deadline-list" aria-labelledby=${labelledBy}>
      ${items.map(
        (i) => html`<li class=${overdue ? 'overdue-item' : ''}>
          <a href=${changeRequestHref(i.humanId)}>${i.humanId} ${i.title}</a>
          <div><sb-deadline .deadline=${i.deadline} .daysLeft=${i.daysLeft}></sb-deadline></div>
          <div class="muted">Beslutning senest ${decisionByText(i.decisionBy, false, this._deadlines.value?.today)}</div>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-my-work-page': SbMyWorkPage;
  }
}
