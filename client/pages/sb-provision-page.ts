// Bestemmelse: one provision's text, the versions that contain it, and every requirement, in every solution, that traces to it.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getProvisionPage, PROVISION_LINK_PAGE, type ProvisionPage } from '../api/sources.js';
import { toApiError } from '../app/resource.js';
import { formatDate, sourceName } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { linkStatusBadge, requirementStatusBadge, versionStandingBadge } from '../elements/sb-badge.js';
import { shortLabel } from '../elements/sb-provision-tree.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

type Link = ProvisionPage['links'][number];
type HistoryEntry = ProvisionPage['history'][number];

@customElement('sb-provision-page')
export class SbProvisionPage extends PageElement {
  static override styles = [
    base,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 20rem;
        gap: var(--sb-space-5);
        align-items: start;
      }
      @media (max-width: 60rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      .law-text {
        font-family: Georgia, 'Times New Roman', serif;
        font-size: 1.0625rem;
        line-height: 1.65;
      }
      .law-text p {
        margin: 0 0 var(--sb-space-3);
      }
      .law-text ol {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .law-text li {
        margin: 0 0 var(--sb-space-2);
      }
      .law-text .depth-2 {
        padding-left: var(--sb-space-5);
      }
      .law-text .depth-3 {
        padding-left: calc(2 * var(--sb-space-5));
      }
      .law-text .depth-4 {
        padding-left: calc(3 * var(--sb-space-5));
      }
      .law-text .label {
        font-family: var(--sb-font-family);
        font-weight: 700;
        margin-right: var(--sb-space-2);
        white-space: nowrap;
      }
      .repealed {
        color: var(--sb-color-text-muted);
        font-style: italic;
      }
      .history {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .history li {
        padding: var(--sb-space-2) 0;
        border-bottom: 1px solid var(--sb-color-border);
        font-size: var(--sb-font-size-sm);
      }
      .history li:last-child {
        border-bottom: none;
      }
      .history .current {
        font-weight: 700;
      }
      .link-filter {
        max-width: 32rem;
        margin-bottom: var(--sb-space-4);
      }
      .solution-group + .solution-group {
        margin-top: var(--sb-space-5);
      }
      .solution-group h3 {
        display: flex;
        align-items: baseline;
        gap: var(--sb-space-2);
      }
      .reqs {
        list-style: none;
        margin: 0;
        padding: 0;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
      }
      .reqs li {
        padding: var(--sb-space-3) var(--sb-space-4);
        display: grid;
        grid-template-columns: 6.5rem minmax(0, 1fr) auto;
        gap: var(--sb-space-1) var(--sb-space-3);
        align-items: baseline;
      }
      .reqs li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .reqs .id {
        font-family: var(--sb-font-mono);
        font-size: var(--sb-font-size-sm);
      }
      .reqs .badges {
        display: flex;
        gap: var(--sb-space-2);
      }
      .reqs .detail {
        grid-column: 2 / -1;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
    `,
  ];

  @property({ type: Number }) sourceId = 0;
  @property() provisionKey = '';
  /** The version to read the provision in; the newest when not given. */
  @property({ type: Number }) versionId?: number;

  private _page = new Resource<ProvisionPage>(this);
  /** The solution whose links are listed; '' for all. */
  @state() private _solution = '';
  /** The links shown so far: the first page, and every "Vis flere" after it. */
  @state() private _links: Link[] = [];
  @state() private _moreError = '';
  @state() private _loadingMore = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('sourceId') || changed.has('provisionKey') || changed.has('versionId')) && this.sourceId && this.provisionKey) {
      this._solution = '';
      this._load();
    }
  }

  private async _load() {
    const p = await this._page.load(() => getProvisionPage(this.sourceId, this.provisionKey, { version: this.versionId, solution: this._solution || undefined }));
    if (!p) return;
    this._links = p.links;
    this._moreError = '';
    this.setTitle(`${sourceName(p.source)} ${p.provision.label}`);
  }

  private _onSolution(event: Event) {
    this._solution = (event.target as HTMLSelectElement).value;
    this._load();
  }

  private async _showMore() {
    this._loadingMore = true;
    this._moreError = '';
    try {
      const next = await getProvisionPage(this.sourceId, this.provisionKey, { version: this.versionId, solution: this._solution || undefined, linkOffset: this._links.length });
      this._links = [...this._links, ...next.links];
    } catch (err) {
      this._moreError = toApiError(err).message;
    } finally {
      this._loadingMore = false;
    }
  }

  override render() {
    const p = this._page.value;
    const state = this._page.state;
    const name = p ? sourceName(p.source) : '';
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/kilder">Retskilder</a></li>
          ${p ? html`<li><a href="/kilder/${p.source.id}?version=${p.version.id}">${name}</a></li>` : nothing}
          <li><span aria-current="page">${p ? p.provision.label : this.provisionKey}</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          ${p ? html`<span class="eyebrow">${name} · ${p.version.shortName}</span>` : nothing}
          <h1 tabindex="-1">${p ? p.provision.label : state.status === 'error' ? 'Bestemmelse' : 'Henter bestemmelse…'}</h1>
          ${p?.provision.chapter ? html`<p class="lead">${p.provision.chapter}</p>` : nothing}
        </div>
      </div>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`
        : !p
          ? html`<sb-loading label="Henter bestemmelse…"></sb-loading>`
          : html`<div class="layout">
                <section class="card" aria-labelledby="text-heading">
                  <h2 id="text-heading">Tekst</h2>
                  ${p.provision.repealed ? html`<p class="alert warning">Bestemmelsen er ophævet i ${p.version.shortName}.</p>` : nothing}
                  ${this._renderText(p)}
                </section>
                <aside class="card" aria-labelledby="history-heading">
                  <h2 id="history-heading">Versioner</h2>
                  ${this._renderHistory(p)}
                </aside>
              </div>
              ${this._renderLinks(p)}`}`;
  }

  private _renderText(p: ProvisionPage) {
    const depthOf = new Map<string, number>([[p.provision.key, 0]]);
    const labelOf = new Map<string, string>([[p.provision.key, p.provision.label]]);
    for (const s of p.subtree) {
      depthOf.set(s.key, (depthOf.get(s.parentKey ?? '') ?? 0) + 1);
      labelOf.set(s.key, s.label);
    }
    return html`<div class="law-text">
      ${p.provision.text ? html`<p class=${p.provision.repealed ? 'repealed' : ''}>${p.provision.text}</p>` : nothing}
      ${p.subtree.length
        ? html`<ol>
            ${p.subtree.map(
              (s) => html`<li class="depth-${Math.min(depthOf.get(s.key) ?? 1, 4)}">
                <a class="label" href="/kilder/${p.source.id}/bestemmelser/${encodeURIComponent(s.key)}?version=${p.version.id}"
                  >${shortLabel(s.label, labelOf.get(s.parentKey ?? ''))}</a
                ><span class=${s.repealed ? 'repealed' : ''}>${s.text}</span>
              </li>`,
            )}
          </ol>`
        : nothing}
      ${!p.provision.text && !p.subtree.length ? html`<p class="muted">(ingen tekst)</p>` : nothing}
    </div>`;
  }

  private _renderHistory(p: ProvisionPage) {
    const changedFrom = (h: HistoryEntry, i: number) => {
      const prev = p.history.slice(0, i).reverse().find((x) => x.present);
      return h.present && prev && prev.fingerprint !== h.fingerprint;
    };
    return html`<ol class="history">
      ${p.history.map((h, i) => {
        const current = h.versionId === p.version.id;
        const status = !h.present
          ? 'Findes ikke'
          : h.repealed
            ? 'Ophævet'
            : i === 0
              ? 'Findes'
              : !p.history[i - 1]?.present
                ? 'Indsat'
                : changedFrom(h, i)
                  ? 'Ændret'
                  : 'Uændret';
        return html`<li class=${current ? 'current' : ''}>
          ${h.present && !current
            ? html`<a href="/kilder/${p.source.id}/bestemmelser/${encodeURIComponent(p.provision.key)}?version=${h.versionId}">${h.shortName}</a>`
            : html`<span aria-current=${current ? 'true' : 'false'}>${h.shortName}</span>`}
          ${versionStandingBadge(h)}
          <div class="muted">I kraft ${formatDate(h.inForceFrom)} · ${status}${current ? ' · vises' : ''}</div>
        </li>`;
      })}
    </ol>`;
  }

  private _renderLinks(p: ProvisionPage) {
    const groups = new Map<string, { name: string; links: Link[] }>();
    for (const l of this._links) {
      const g = groups.get(l.solution.code) ?? { name: l.solution.name, links: [] };
      g.links.push(l);
      groups.set(l.solution.code, g);
    }
    const labelOf = new Map(p.subtree.map((s) => [s.key, s.label]));
    const all = p.linkSolutions.reduce((n, s) => n + s.links, 0);
    const count = (n: number) => n.toLocaleString('da-DK');
    return html`<section class="section" aria-labelledby="links-heading">
      <h2 id="links-heading">Krav der sporer hertil <span class="muted">(${all})</span></h2>
      ${p.linkSolutions.length > 1
        ? html`<div class="field link-filter">
            <label for="link-solution">Vis krav fra</label>
            <select id="link-solution" .value=${this._solution} @change=${this._onSolution}>
              <option value="">Alle løsninger (${count(all)})</option>
              ${p.linkSolutions.map(
                (s) => html`<option value=${s.code} ?selected=${s.code === this._solution}>${s.name} (${s.code}): ${count(s.links)}${s.open ? `, ${count(s.open)} åbne` : ''}</option>`,
              )}
            </select>
          </div>`
        : nothing}
      ${all === 0
        ? html`<div class="empty"><p>Ingen krav sporer til ${p.provision.label} eller bestemmelser under den.</p></div>`
        : html`${p.linkTotal > this._links.length || this._solution
              ? html`<p class="muted" role="status">Viser ${count(this._links.length)} af ${count(p.linkTotal)} krav${this._solution ? ` fra ${this._solution}` : ''}.</p>`
              : nothing}
            ${[...groups].map(
              ([code, g]) => html`<div class="solution-group">
                <h3>${g.name} <span class="muted small">(${code})</span></h3>
                <ul class="reqs">
                  ${g.links.map(
                    (l) => html`<li>
                      <span class="id">${l.requirement.humanId}</span>
                      <a href="/krav/${encodeURIComponent(l.requirement.humanId)}">${l.requirement.title}</a>
                      <span class="badges"
                        ><span class="visually-hidden">Kravstatus:</span> ${requirementStatusBadge(l.requirement.status)}
                        <span class="visually-hidden">Sporingslink:</span> ${linkStatusBadge(l.status)}</span
                      >
                      ${!l.direct || l.rationale
                        ? html`<span class="detail">${!l.direct ? html`Via ${labelOf.get(l.provisionKey) ?? l.provisionKey}. ` : nothing}${l.rationale}</span>`
                        : nothing}
                    </li>`,
                  )}
                </ul>
              </div>`,
            )}
            ${this._moreError ? html`<p class="alert error" role="alert">Kunne ikke hente flere: ${this._moreError}</p>` : nothing}
            ${p.linkTotal > this._links.length
              ? html`<p>
                  <button type="button" class="button" ?disabled=${this._loadingMore} @click=${this._showMore}>
                    ${this._loadingMore ? 'Henter…' : `Vis ${count(Math.min(PROVISION_LINK_PAGE, p.linkTotal - this._links.length))} flere`}
                  </button>
                </p>`
              : nothing}`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-provision-page': SbProvisionPage;
  }
}
