// Retskilder: the legal sources Sporbar knows, with their newest version, and the way to register a new one.
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { listSources, type SourceSummary } from '../api/sources.js';
import { formatDate, formatNumber, sourceName } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { sourceKindName } from '../../server/text/vocabulary.js';
import { versionStandingBadge } from '../elements/sb-badge.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

@customElement('sb-sources-page')
export class SbSourcesPage extends PageElement {
  static override styles = [
    base,
    css`
      .source-name a {
        font-weight: 650;
      }
      .source-title {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin-top: 2px;
      }
    `,
  ];

  private _sources = new Resource<SourceSummary[]>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this._load();
  }

  private _load() {
    this._sources.load(async () => (await listSources()).items);
  }

  override render() {
    return html`<div class="page-header">
        <div>
          <h1 tabindex="-1">Retskilder</h1>
          <p class="lead">Love, bekendtgørelser og andre retskilder, som kravene sporer til, med alle registrerede versioner.</p>
        </div>
        <div class="form-actions">
          <a class="button" href="/lovforslag">Lovforslag</a>
          ${this.may('source.import') ? html`<a class="button primary" href="/kilder/importer">+ Registrér ny version</a>` : nothing}
        </div>
      </div>
      ${this._renderBody()}`;
  }

  private _renderBody() {
    const state = this._sources.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    if (state.status !== 'ready') return html`<sb-loading label="Henter retskilder…"></sb-loading>`;
    if (!state.value.length) {
      return html`<div class="empty">
        <p>Der er endnu ingen retskilder.</p>
        <p><a href="/kilder/importer">Registrér den første version</a> fra en LexDania-XML-fil eller indsat tekst.</p>
      </div>`;
    }
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Retskilder</caption>
        <thead>
          <tr>
            <th scope="col">Retskilde</th>
            <th scope="col">Art</th>
            <th scope="col">Version</th>
            <th scope="col" class="num">Versioner</th>
            <th scope="col" class="num">Sporingslinks</th>
          </tr>
        </thead>
        <tbody>
          ${state.value.map(
            (s) => html`<tr>
              <td class="source-name">
                <a href="/kilder/${s.id}">${sourceName(s)}</a>
                ${s.popularTitle ? html`<div class="source-title">${s.title}</div>` : ''}
              </td>
              <td>${sourceKindName(s.kind)}</td>
              <td>
                ${s.shownVersion
                  ? html`${s.shownVersion.shortName} ${versionStandingBadge(s.shownVersion)}<div class="small muted">i kraft ${formatDate(s.shownVersion.inForceFrom)}</div>`
                  : html`<span class="muted">Ingen</span>`}
              </td>
              <td class="num">${formatNumber(s.versionCount)}</td>
              <td class="num">${formatNumber(s.linkCount)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-sources-page': SbSourcesPage;
  }
}
