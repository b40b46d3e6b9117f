// Konsekvens: what a new version of a source means for each solution's requirements, the provisions several
// solutions share, and one action that drafts a lovvedligehold change request per affected solution.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { statusLabel } from '../api/change-requests.js';
import { ApiError } from '../api/http.js';
import {
  draftLovvedligehold,
  getVersionImpact,
  impactCsvHref,
  type ImpactProvision,
  type ImpactSolution,
  type LovvedligeholdDrafts,
  type VersionImpact,
} from '../api/impact.js';
import { formatDate, formatNumber, plural, sourceName } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import { linkStatusBadge } from '../elements/sb-badge.js';
import '../elements/sb-change-badge.js';
import { shortLabel } from '../elements/sb-provision-tree.js';
import { base, statTiles } from '../styles/shared.js';
import { PageElement } from './page-element.js';

/** "nr. 1", "nr. 1 og nr. 2", "nr. 1, nr. 2 og nr. 3". */
const listing = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`);

@customElement('sb-impact-page')
export class SbImpactPage extends PageElement {
  static override styles = [
    base,
    statTiles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3);
      }
      .stats {
        margin: 0 0 var(--sb-space-5);
      }
      .drafts:focus {
        outline: none;
      }
      .drafts ul {
        margin: var(--sb-space-2) 0 var(--sb-space-3);
        padding-left: var(--sb-space-5);
      }
      .solution-header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--sb-space-2) var(--sb-space-4);
        margin-bottom: var(--sb-space-3);
      }
      .solution-header h2 {
        margin: 0;
      }
      .code {
        font-family: var(--sb-font-mono);
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        font-weight: 600;
      }
      table.impact {
        table-layout: fixed;
      }
      table.impact .c-provision {
        width: 13rem;
      }
      table.impact .c-change {
        width: 10rem;
      }
      td.provision {
        font-weight: 650;
      }
      .parts {
        display: block;
        margin-top: var(--sb-space-1);
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        font-weight: 400;
        white-space: normal;
      }
      .reqs {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sb-space-2);
      }
      .reqs li {
        display: grid;
        grid-template-columns: 6.5rem minmax(0, 1fr) auto;
        gap: var(--sb-space-3);
        align-items: baseline;
      }
      .reqs .id {
        font-family: var(--sb-font-mono);
        font-size: var(--sb-font-size-sm);
      }
      .shared-solutions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2);
      }
      .pill {
        display: inline-block;
        padding: 0 var(--sb-space-2);
        border: 1px solid var(--sb-color-border-strong);
        border-radius: var(--sb-radius);
        font-family: var(--sb-font-mono);
        font-size: var(--sb-font-size-sm);
      }
      .print-only {
        display: none;
      }
      @media print {
        .actions,
        .breadcrumbs,
        .no-print {
          display: none !important;
        }
        .print-only {
          display: block;
        }
        .table-wrap,
        .card {
          box-shadow: none;
          overflow: visible;
        }
        section {
          break-inside: auto;
        }
        tr,
        .solution-header {
          break-inside: avoid;
        }
        h2 {
          break-after: avoid;
        }
        a {
          color: inherit;
          text-decoration: none;
        }
      }
    `,
  ];

  @property({ type: Number }) versionId = 0;

  @state() private _drafting = false;
  @state() private _drafts: LovvedligeholdDrafts | null = null;
  @state() private _draftError: ApiError | null = null;

  private _impact = new Resource<VersionImpact>(this);

  @query('.drafts') private _draftsEl?: HTMLElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('versionId') && this.versionId) this._load();
  }

  private async _load() {
    const impact = await this._impact.load(() => getVersionImpact(this.versionId));
    if (impact) this.setTitle(`Konsekvens af ${impact.version.shortName}`);
  }

  override render() {
    const i = this._impact.value;
    const state = this._impact.state;
    const name = i ? sourceName(i.source) : '';
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/kilder">Retskilder</a></li>
          ${i ? html`<li><a href="/kilder/${i.source.id}?version=${i.version.id}">${name}</a></li>` : nothing}
          <li><span aria-current="page">Konsekvens</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          ${i ? html`<span class="eyebrow">${name}</span>` : nothing}
          <h1 tabindex="-1">${i ? `Konsekvens af ${i.version.shortName}` : state.status === 'error' ? 'Konsekvens' : 'Henter konsekvens…'}</h1>
          ${i
            ? html`<p class="lead">
                I kraft fra ${formatDate(i.version.inForceFrom)}${i.previous ? html` · sammenlignet med ${i.previous.shortName} (i kraft ${formatDate(i.previous.inForceFrom)})` : nothing}
              </p>`
            : nothing}
        </div>
        ${i ? this._renderActions(i) : nothing}
      </div>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`
        : !i
          ? html`<sb-loading label="Beregner konsekvens for løsningernes krav…"></sb-loading>`
          : this._renderImpact(i)}`;
  }

  private _renderActions(i: VersionImpact) {
    // Drafting again creates nothing new: the button is there while a solution still lacks its request.
    const canDraft = this.may('source.import') && i.solutions.some((s) => !s.lovvedligehold) && !this._drafts;
    return html`<div class="actions">
      ${i.previous
        ? html`<a class="button" href="/kilder/${i.source.id}/forskel?fra=${i.previous.id}&til=${i.version.id}">Se forskellen</a>`
        : nothing}
      <a class="button" href=${impactCsvHref(i.version.id)} download>Hent CSV</a>
      <button class="button" type="button" @click=${() => window.print()}>Udskriv</button>
      ${canDraft
        ? html`<button class="button primary" type="button" ?disabled=${this._drafting} @click=${this._onDraft}>
            ${this._drafting ? 'Opretter udkast…' : 'Opret lovvedligehold-udkast'}
          </button>`
        : nothing}
    </div>`;
  }

  private _renderImpact(i: VersionImpact) {
    if (!i.previous) {
      return html`<div class="empty">
        <p>${i.version.shortName} er den første registrerede version af ${sourceName(i.source).toLowerCase()}; der er ingen tidligere version at sammenligne med.</p>
      </div>`;
    }
    const requirements = new Set(i.solutions.flatMap((s) => s.provisions.flatMap((p) => p.requirements.map((r) => r.humanId))));
    const provisions = new Set(i.solutions.flatMap((s) => s.provisions.map((p) => p.key)));
    return html`<p class="print-only small">Udskrevet ${formatDate(new Date().toISOString())} fra Sporbar.</p>
      <dl class="stats" aria-label="Overblik">
        <div><dt>Berørte løsninger</dt><dd>${formatNumber(i.solutions.length)}</dd></div>
        <div><dt>Berørte krav</dt><dd>${formatNumber(requirements.size)}</dd></div>
        <div><dt>Bestemmelser med krav</dt><dd>${formatNumber(provisions.size)}</dd></div>
        ${i.stats
          ? html`<div><dt>Indholdsmæssige ændringer</dt><dd>${formatNumber(i.stats.substantive)}</dd></div>`
          : nothing}
      </dl>
      ${this._renderDrafts()}
      ${i.solutions.length === 0
        ? html`<div class="empty">
            <p>Ingen krav i nogen løsning sporer til bestemmelser, som ${i.version.shortName} ændrer.</p>
            ${i.stats?.substantive ? html`<p>Versionen har ${plural(i.stats.substantive, 'indholdsmæssig ændring', 'indholdsmæssige ændringer')}; se dem under «Se forskellen».</p>` : nothing}
          </div>`
        : html`${this._renderCrossSolution(i)} ${i.solutions.map((s) => this._renderSolution(i, s))}`}`;
  }

  private _renderDrafts() {
    if (this._draftError) {
      return html`<div class="drafts" tabindex="-1"><sb-error-alert .error=${this._draftError} heading="Udkastene blev ikke oprettet"></sb-error-alert></div>`;
    }
    const d = this._drafts;
    if (!d) return nothing;
    const link = (humanId: string) => html`<a href="/aendringsforslag/${encodeURIComponent(humanId)}">${humanId}</a>`;
    return html`<div class="alert success drafts no-print" role="status" tabindex="-1">
      <p class="alert-title">
        ${d.created.length
          ? `${plural(d.created.length, 'udkast', 'udkast')} til lovvedligehold er oprettet`
          : 'Der var allerede udkast til lovvedligehold for alle berørte løsninger'}
      </p>
      ${d.created.length
        ? html`<ul>
            ${d.created.map((cr) => html`<li>${link(cr.humanId)} · ${cr.title} · frist ${formatDate(cr.deadline)}</li>`)}
          </ul>`
        : nothing}
      ${d.existing.length ? html`<p>Fandtes allerede: ${d.existing.map((h, n) => html`${n ? ', ' : ''}${link(h)}`)}.</p>` : nothing}
    </div>`;
  }

  private _renderCrossSolution(i: VersionImpact) {
    const names = new Map(i.solutions.map((s) => [s.code, s.name]));
    return html`<section class="section" aria-labelledby="cross-heading">
      <h2 id="cross-heading">På tværs af løsninger <span class="muted">(${formatNumber(i.crossSolution.length)})</span></h2>
      ${i.crossSolution.length === 0
        ? html`<p class="muted">Ingen af de ændrede bestemmelser spores fra mere end én løsning.</p>`
        : html`<p class="muted">Disse bestemmelser spores fra flere løsninger; ændringen bør vurderes ens i dem alle.</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Bestemmelser, som flere løsninger sporer til">
              <table class="impact">
                <caption class="visually-hidden">Bestemmelser, som flere løsninger sporer til</caption>
                <colgroup>
                  <col class="c-provision" />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">Bestemmelse</th>
                    <th scope="col">Løsninger</th>
                  </tr>
                </thead>
                <tbody>
                  ${i.crossSolution.map(
                    (c) => html`<tr>
                      <td class="provision">${this._provisionLink(i, c.key, c.label)}</td>
                      <td>
                        <span class="shared-solutions">
                          ${c.solutions.map((code) => html`<span><span class="pill">${code}</span> ${names.get(code) ?? ''}</span>`)}
                        </span>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
    </section>`;
  }

  private _renderSolution(i: VersionImpact, s: ImpactSolution) {
    const headingId = `solution-${s.code}`;
    const requirements = new Set(s.provisions.flatMap((p) => p.requirements.map((r) => r.humanId)));
    const open = s.provisions.some((p) => p.requirements.some((r) => r.linkStatus !== 'current'));
    return html`<section class="section" aria-labelledby=${headingId}>
      <div class="solution-header">
        <h2 id=${headingId}>${s.name} <span class="code">(${s.code})</span></h2>
        <span class="small muted"
          >${plural(s.provisions.length, 'bestemmelse', 'bestemmelser')} · ${plural(requirements.size, 'krav', 'krav')}${s.lovvedligehold
            ? html` · Ændringsforslag
                <a href="/aendringsforslag/${encodeURIComponent(s.lovvedligehold.humanId)}">${s.lovvedligehold.humanId}</a>
                (${statusLabel('lovvedligehold', s.lovvedligehold.status).toLowerCase()})`
            : nothing}${open && this.may('link.review', s.code)
            ? html`<span class="no-print">
                · <a href="/gennemgang?solution=${encodeURIComponent(s.code)}">Gennemgå links<span class="visually-hidden"> i ${s.name}</span></a></span
              >`
            : nothing}</span
        >
      </div>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Ændrede bestemmelser i ${s.name}">
        <table class="impact">
          <caption class="visually-hidden">Ændrede bestemmelser og berørte krav i ${s.name}</caption>
          <colgroup>
            <col class="c-provision" />
            <col class="c-change" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Bestemmelse</th>
              <th scope="col">Ændring</th>
              <th scope="col">Berørte krav</th>
            </tr>
          </thead>
          <tbody>
            ${s.provisions.map((p) => this._renderProvisionRow(i, p))}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private _renderProvisionRow(i: VersionImpact, p: ImpactProvision) {
    // Only worth saying when the words changed further down than the linked provision itself.
    const parts = p.changedParts.filter((c) => c.label !== p.label).map((c) => shortLabel(c.label, p.label).toLowerCase());
    return html`<tr>
      <td class="provision">
        ${p.change === 'removed' ? this._provisionLink(i, p.key, p.label, i.previous?.id) : this._provisionLink(i, p.key, p.label)}
        ${p.previousLabel ? html`<span class="parts">Før: ${p.previousLabel}</span>` : nothing}
        ${parts.length ? html`<span class="parts">Ændret i ${listing(parts)}</span>` : nothing}
      </td>
      <td><sb-change-badge kind=${p.change}></sb-change-badge></td>
      <td>
        <ul class="reqs">
          ${p.requirements.map(
            (r) => html`<li>
              <span class="id">${r.humanId}</span>
              <a href="/krav/${encodeURIComponent(r.humanId)}">${r.title}</a>
              <span><span class="visually-hidden">Sporingslink: </span>${linkStatusBadge(r.linkStatus)}</span>
            </li>`,
          )}
        </ul>
      </td>
    </tr>`;
  }

  private _provisionLink(i: VersionImpact, key: string, label: string, versionId = i.version.id) {
    return html`<a href="/kilder/${i.source.id}/bestemmelser/${encodeURIComponent(key)}?version=${versionId}"
      ><span class="visually-hidden">${sourceName(i.source)} </span>${label}</a
    >`;
  }

  private async _onDraft() {
    if (this._drafting) return;
    this._drafting = true;
    this._draftError = null;
    try {
      this._drafts = await draftLovvedligehold(this.versionId);
      // Each solution's section names its new request.
      void this._load();
    } catch (err) {
      this._draftError = toApiError(err);
    } finally {
      this._drafting = false;
    }
    await this.updateComplete;
    this._draftsEl?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-impact-page': SbImpactPage;
  }
}
