// What changed between two states of a solution (baseline ↔ baseline or baseline ↔ now): requirements added,
// removed and changed word by word, links added, removed and re-statused, and law versions that moved on.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BaselineComparison, ChangedRequirement, ComparedLink } from '../api/baselines.js';
import { LINK_STATUS_LABELS } from '../api/links.js';
import { KIND_LABELS, STATUS_LABELS, TENDER_LABELS, labelOf } from '../api/requirements.js';
import { formatDateTime, formatNumber } from '../app/format.js';
import { base, countTiles } from '../styles/shared.js';
import './sb-word-diff.js';

const linkStatus = (s: string) => labelOf(LINK_STATUS_LABELS, s);

function attributeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(intet)';
  if (field === 'nonLegal') return value ? 'Ja' : 'Nej';
  if (field === 'kind') return labelOf(KIND_LABELS, String(value));
  if (field === 'status') return labelOf(STATUS_LABELS, String(value));
  if (field === 'tenderCategory') return labelOf(TENDER_LABELS, String(value));
  return String(value);
}

const requirementHref = (humanId: string) => `/krav/${encodeURIComponent(humanId)}`;

@customElement('sb-baseline-diff')
export class SbBaselineDiff extends LitElement {
  static override styles = [
    base,
    countTiles,
    css`
      .tiles {
        --sb-tile-min: 9rem;
      }
      .change {
        margin-bottom: var(--sb-space-4);
      }
      .change h4 {
        margin-bottom: var(--sb-space-2);
      }
      .id {
        font-family: var(--sb-font-mono);
        margin-right: var(--sb-space-2);
      }
      .diff-label {
        font-weight: 650;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin: var(--sb-space-2) 0 var(--sb-space-1);
      }
      ul.plain {
        margin: 0;
        padding-left: var(--sb-space-5);
      }
    `,
  ];

  @property({ attribute: false }) comparison?: BaselineComparison;

  override render() {
    const c = this.comparison;
    if (!c) return nothing;
    const s = c.summary;
    const none = Object.values(s).every((n) => n === 0);
    return html`<h3 id="compare-heading">
        ${c.from.name} → ${c.to.name}
      </h3>
      <p class="small muted">
        Fra ${c.from.createdAt ? html`baselinen «${c.from.name}», taget ${formatDateTime(c.from.createdAt)}` : 'kravene, som de står nu'} til
        ${c.to.createdAt ? html`baselinen «${c.to.name}», taget ${formatDateTime(c.to.createdAt)}` : 'kravene, som de står nu'}.
      </p>
      <dl class="tiles" aria-label="Sammenfatning">
        <div><dt>Nye krav</dt><dd>${formatNumber(s.added)}</dd></div>
        <div><dt>Fjernede krav</dt><dd>${formatNumber(s.removed)}</dd></div>
        <div><dt>Ændrede krav</dt><dd>${formatNumber(s.changed)}</dd></div>
        <div><dt>Links tilføjet</dt><dd>${formatNumber(s.linksAdded)}</dd></div>
        <div><dt>Links fjernet</dt><dd>${formatNumber(s.linksRemoved)}</dd></div>
        <div><dt>Links med ny status</dt><dd>${formatNumber(s.linksChanged)}</dd></div>
        <div><dt>Lovversioner rykket</dt><dd>${formatNumber(s.lawVersionsMoved)}</dd></div>
      </dl>
      ${none ? html`<p class="alert info">De to tilstande er ens: ingen krav, links eller lovversioner er ændret.</p>` : nothing}
      ${c.requirements.changed.length
        ? html`<section class="section" aria-labelledby="changed-heading">
            <h4 id="changed-heading">Ændrede krav</h4>
            ${c.requirements.changed.map((r) => this._renderChanged(r))}
          </section>`
        : nothing}
      ${this._renderRequirementList('added', 'Nye krav', c.requirements.added)} ${this._renderRequirementList('removed', 'Fjernede krav', c.requirements.removed)}
      ${this._renderLinks('links-added', 'Sporingslinks tilføjet', c.links.added)} ${this._renderLinks('links-removed', 'Sporingslinks fjernet', c.links.removed)}
      ${c.links.changed.length
        ? html`<section class="section" aria-labelledby="links-changed-heading">
            <h4 id="links-changed-heading">Sporingslinks med ny status</h4>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Krav</th>
                    <th scope="col">Bestemmelse</th>
                    <th scope="col">Før</th>
                    <th scope="col">Nu</th>
                  </tr>
                </thead>
                <tbody>
                  ${c.links.changed.map(
                    (l) => html`<tr>
                      <td><a href=${requirementHref(l.humanId)}>${l.humanId}</a></td>
                      <td>${l.label}, ${l.source}</td>
                      <td>${linkStatus(l.from.status)} (${l.from.confirmedShortName})</td>
                      <td>${linkStatus(l.to.status)} (${l.to.confirmedShortName})</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`
        : nothing}
      ${c.lawVersions.length
        ? html`<section class="section" aria-labelledby="law-heading">
            <h4 id="law-heading">Lovversioner, der er rykket</h4>
            ${c.lawVersions.map(
              (v) => html`<div class="card change">
                <p>
                  <strong>${v.source}</strong>: ${v.from.shortName} → ${v.to.shortName}. Kravene læses nu op mod den nye version.
                </p>
                <ul class="plain">
                  ${v.links.map((l) => html`<li><a href=${requirementHref(l.humanId)}>${l.humanId}</a> – ${l.label} (${linkStatus(l.status)})</li>`)}
                </ul>
              </div>`,
            )}
          </section>`
        : nothing}`;
  }

  private _renderChanged(r: ChangedRequirement) {
    return html`<article class="card change" aria-labelledby="change-${r.humanId}">
      <h4 id="change-${r.humanId}">
        <a href=${requirementHref(r.humanId)}><span class="id">${r.humanId}</span> ${r.title}</a>
        <span class="small muted">version ${r.fromVersion} → ${r.toVersion}</span>
      </h4>
      ${r.titleChanged
        ? html`<p class="diff-label">Titel</p>
            <sb-word-diff class="title-diff" .parts=${r.titleWords}></sb-word-diff>`
        : nothing}
      ${r.textChanged
        ? html`<p class="diff-label">Tekst</p>
            <sb-word-diff class="text-diff" .parts=${r.textWords}></sb-word-diff>`
        : nothing}
      ${r.attributes.length
        ? html`<p class="diff-label">Egenskaber</p>
            <ul class="plain">
              ${r.attributes.map((a) => html`<li>${a.label}: ${attributeValue(a.field, a.from)} → ${attributeValue(a.field, a.to)}</li>`)}
            </ul>`
        : nothing}
    </article>`;
  }

  private _renderRequirementList(id: string, heading: string, items: { humanId: string; title: string; version: number }[]) {
    if (!items.length) return nothing;
    return html`<section class="section" aria-labelledby="${id}-heading">
      <h4 id="${id}-heading">${heading}</h4>
      <ul class="plain">
        ${items.map((r) => html`<li><a href=${requirementHref(r.humanId)}><span class="id">${r.humanId}</span> ${r.title}</a> (version ${r.version})</li>`)}
      </ul>
    </section>`;
  }

  private _renderLinks(id: string, heading: string, links: ComparedLink[]) {
    if (!links.length) return nothing;
    return html`<section class="section" aria-labelledby="${id}-heading">
      <h4 id="${id}-heading">${heading}</h4>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Krav</th>
              <th scope="col">Bestemmelse</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            ${links.map(
              (l) => html`<tr>
                <td><a href=${requirementHref(l.humanId)}>${l.humanId}</a></td>
                <td>${l.label}, ${l.source}</td>
                <td>${linkStatus(l.status)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-baseline-diff': SbBaselineDiff;
  }
}
