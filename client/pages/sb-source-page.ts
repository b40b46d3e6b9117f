// Retskilde: a source's version timeline, and the provisions of the chosen version as a chapter tree.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { getSourceTimeline, getVersion, withdrawVersion, type SourceTimeline, type TimelineVersion, type VersionWithProvisions } from '../api/sources.js';
import { formatDate, formatNumber, sourceName } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { versionStandingBadge } from '../elements/sb-badge.js';
import type { SbReasonDialog } from '../elements/sb-reason-dialog.js';
import '../elements/sb-reason-dialog.js';
import '../elements/sb-provision-tree.js';
import '../elements/sb-version-instructions.js';
import { sourceKindName } from '../../server/text/vocabulary.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

@customElement('sb-source-page')
export class SbSourcePage extends PageElement {
  static override styles = [
    base,
    css`
      .timeline {
        list-style: none;
        margin: 0;
        padding: 0 0 0 var(--sb-space-5);
        position: relative;
      }
      .timeline::before {
        content: '';
        position: absolute;
        left: 0.45rem;
        top: 0.5rem;
        bottom: 0.5rem;
        width: 2px;
        background: var(--sb-color-border);
      }
      .timeline li {
        position: relative;
        margin-bottom: var(--sb-space-3);
      }
      .timeline li::before {
        content: '';
        position: absolute;
        left: calc(-1 * var(--sb-space-5) + 0.15rem);
        top: 1.3rem;
        width: 0.75rem;
        height: 0.75rem;
        border-radius: 50%;
        background: var(--sb-color-surface);
        border: 2px solid var(--sb-color-border-strong);
      }
      .timeline li.selected::before {
        background: var(--sb-color-primary);
        border-color: var(--sb-color-primary);
      }
      .version {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--sb-space-2) var(--sb-space-4);
        padding: var(--sb-space-3) var(--sb-space-4);
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
      }
      li.selected .version {
        border-color: var(--sb-color-primary);
        box-shadow: inset 4px 0 0 var(--sb-color-primary);
      }
      .version-name {
        font-weight: 650;
      }
      .version-meta {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .version-actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sb-space-1) var(--sb-space-4);
        font-size: var(--sb-font-size-sm);
      }
      .compare {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--sb-space-3) var(--sb-space-4);
        margin-bottom: var(--sb-space-4);
        padding: var(--sb-space-3) var(--sb-space-4);
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
      }
      .compare .field {
        margin: 0;
        flex: 1 1 14rem;
        max-width: 22rem;
      }
      .compare legend {
        /* A floated legend is laid out as ordinary content, not on the fieldset's border. */
        float: left;
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  @property({ type: Number }) sourceId = 0;
  /** The version whose provisions are shown; the newest when not given. */
  @property({ type: Number }) versionId?: number;

  @state() private _compareFrom = 0;
  @state() private _compareTo = 0;
  @state() private _compareError = '';

  private _timeline = new Resource<SourceTimeline>(this);
  private _version = new Resource<VersionWithProvisions>(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sourceId') && this.sourceId) this._loadTimeline();
    else if (changed.has('versionId')) this._loadVersion();
  }

  /** The version the withdraw dialog is about. */
  @state() private _withdrawing: TimelineVersion | null = null;
  @state() private _withdrawBusy = false;
  @state() private _withdrawError = '';
  @state() private _withdrawn = '';
  @query('#withdraw-dialog') private _withdrawDialog?: SbReasonDialog;

  private async _openWithdraw(v: TimelineVersion) {
    this._withdrawing = v;
    this._withdrawError = '';
    await this.updateComplete;
    await this._withdrawDialog?.open();
  }

  private async _onWithdrawConfirmed(e: CustomEvent<{ reason: string }>) {
    const v = this._withdrawing;
    if (!v) return;
    this._withdrawBusy = true;
    try {
      const result = await withdrawVersion(v.id, e.detail.reason);
      this._withdrawDialog?.close();
      const links = result.links.restored + result.links.reconfirmed;
      this._withdrawn = `${v.shortName} er tilbagekaldt. ${links === 1 ? '1 sporingslink' : `${formatNumber(links)} sporingslinks`} har fået deres tilstand fra før versionen.${
        result.changeRequests.length ? ` Lovvedligeholdsforslag fra versionen: ${result.changeRequests.join(', ')}.` : ''
      }`;
      this._withdrawing = null;
      this.versionId = undefined;
      await this._loadTimeline();
    } catch (err) {
      this._withdrawError = (err as Error).message;
    } finally {
      this._withdrawBusy = false;
    }
  }

  private async _loadTimeline() {
    const t = await this._timeline.load(() => getSourceTimeline(this.sourceId));
    if (t) {
      this.setTitle(sourceName(t));
      // Compare the newest version with the one before it until the user picks another pair.
      const newest = t.versions.filter((v) => !v.withdrawn && !v.supersededByVersionId).at(-1);
      this._compareTo = newest?.id ?? 0;
      this._compareFrom = newest?.previousVersionId ?? 0;
      this._loadVersion();
    }
  }

  private get _selectedId(): number | undefined {
    const versions = this._timeline.value?.versions ?? [];
    return this.versionId && versions.some((v) => v.id === this.versionId) ? this.versionId : (versions.filter((v) => !v.withdrawn && !v.supersededByVersionId).at(-1) ?? versions.at(-1))?.id;
  }

  private _loadVersion() {
    const id = this._selectedId;
    if (id && this._version.value?.version.id !== id) this._version.load(() => getVersion(id));
  }

  override render() {
    const t = this._timeline.value;
    const state = this._timeline.state;
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/kilder">Retskilder</a></li>
          <li><span aria-current="page">${t ? sourceName(t) : 'Retskilde'}</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <h1 tabindex="-1">${t ? sourceName(t) : state.status === 'error' ? 'Retskilde' : 'Henter retskilde…'}</h1>
          ${t?.popularTitle ? html`<p class="lead">${t.title}</p>` : nothing}
          ${t ? html`<p class="source-kind"><span class="visually-hidden">Art: </span><sb-badge tone="neutral">${sourceKindName(t.kind)}</sb-badge></p>` : nothing}
        </div>
        ${this.may('source.import') ? html`<a class="button" href="/kilder/importer">+ Registrér ny version</a>` : nothing}
      </div>
      ${this._withdrawn ? html`<div class="alert success" role="status"><p>${this._withdrawn}</p></div>` : nothing}
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._loadTimeline}></sb-error-alert>`
        : !t
          ? html`<sb-loading label="Henter retskilde…"></sb-loading>`
          : html`${this._renderTimeline(t)} ${this._renderProvisions()}`}
      <sb-reason-dialog
        id="withdraw-dialog"
        heading=${this._withdrawing ? `Tilbagekald ${this._withdrawing.shortName}` : 'Tilbagekald version'}
        description="Versionen bliver stående i historikken, markeret som tilbagekaldt. Sporingslinkene får den tilstand, de havde før den blev registreret. Begrundelsen gemmes i revisionssporet."
        confirmLabel="Tilbagekald version"
        reasonLabel="Hvorfor tilbagekaldes versionen?"
        .busy=${this._withdrawBusy}
        .error=${this._withdrawError}
        @sb-confirm=${this._onWithdrawConfirmed}
        @sb-cancel=${() => (this._withdrawing = null)}
      ></sb-reason-dialog>`;
  }

  private _renderTimeline(t: SourceTimeline) {
    const selected = this._selectedId;
    const newestFirst = [...t.versions].reverse();
    const newestId = newestFirst.find((v) => !v.withdrawn && !v.supersededByVersionId)?.id;
    return html`<section aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versioner <span class="muted">(${t.versions.length})</span></h2>
      ${t.versions.length === 0
        ? html`<div class="empty"><p>Retskilden har ingen registrerede versioner.</p></div>`
        : html`${t.versions.length > 1 ? this._renderCompare(newestFirst) : nothing}
            <ol class="timeline" reversed>
            ${newestFirst.map((v) => this._renderVersion(t, v, v.id === selected, v.id === newestId))}
          </ol>`}
    </section>`;
  }

  private _renderVersion(t: SourceTimeline, v: TimelineVersion, selected: boolean, newest: boolean) {
    return html`<li class=${selected ? 'selected' : ''}>
      <div class="version">
        <div>
          <div class="version-name">
            ${v.shortName} ${versionStandingBadge(v)}
            ${v.kind === 'projiceret' && v.supersededByVersionId ? html`<sb-badge tone="neutral">Projiceret, afløst</sb-badge>` : nothing}
          </div>
          <div class="version-meta">
            I kraft fra ${formatDate(v.inForceFrom)}${v.dateSigned ? ` · underskrevet ${formatDate(v.dateSigned)}` : ''} · ${formatNumber(v.provisionCount)} bestemmelser
          </div>
          ${v.kind === 'projiceret'
            ? html`<div class="version-meta">
                ${v.amendingAct} anvendt på den gældende tekst, før den officielle lovbekendtgørelse${v.supersededByVersionId ? ' – nu afløst af den officielle' : ''}
              </div>`
            : nothing}
          ${v.withdrawn
            ? html`<div class="version-meta">Tilbagekaldt ${formatDate(v.withdrawn.at.slice(0, 10))} af ${v.withdrawn.by ?? 'ukendt'}: ${v.withdrawn.reason}</div>`
            : nothing}
        </div>
        <div class="version-actions">
          ${v.previousVersionId
            ? html`<a href="/kilder/${t.id}/forskel?fra=${v.previousVersionId}&til=${v.id}">Ændringer<span class="visually-hidden"> i ${v.shortName} fra forrige version</span></a>
                <a href="/versioner/${v.id}/konsekvens">Konsekvens<span class="visually-hidden"> af ${v.shortName} for kravene</span></a>`
            : nothing}
          ${v.eli ? html`<a href=${v.eli} rel="external noopener" target="_blank">Retsinformation<span class="visually-hidden"> (${v.shortName}, åbner i nyt vindue)</span> ↗</a>` : nothing}
          ${selected
            ? html`<span class="muted">Vises nedenfor</span>`
            : html`<a href="/kilder/${t.id}?version=${v.id}">Vis bestemmelser<span class="visually-hidden"> i ${v.shortName}</span></a>`}
          ${newest && this.may('source.import')
            ? html`<button class="button small danger" type="button" @click=${() => this._openWithdraw(v)}>
                Tilbagekald<span class="visually-hidden"> ${v.shortName}</span>
              </button>`
            : nothing}
        </div>
      </div>
    </li>`;
  }

  /** Any two versions can be compared; the form goes to the diff page for the chosen pair. */
  private _renderCompare(newestFirst: TimelineVersion[]) {
    const options = (selected: number) =>
      newestFirst.map((v) => html`<option value=${String(v.id)} ?selected=${v.id === selected}>${v.shortName} (${formatDate(v.inForceFrom)})</option>`);
    return html`<form @submit=${this._onCompare} novalidate>
      <fieldset class="compare">
        <legend>Sammenlign to versioner</legend>
        <div class="field">
          <label for="compare-from">Fra</label>
          <select id="compare-from" @change=${(e: Event) => (this._compareFrom = Number((e.target as HTMLSelectElement).value))}>
            ${options(this._compareFrom)}
          </select>
        </div>
        <div class="field">
          <label for="compare-to">Til</label>
          <select id="compare-to" @change=${(e: Event) => (this._compareTo = Number((e.target as HTMLSelectElement).value))}>
            ${options(this._compareTo)}
          </select>
        </div>
        <button class="button" type="submit">Sammenlign</button>
        ${this._compareError ? html`<p class="field-error" role="alert">${this._compareError}</p>` : nothing}
      </fieldset>
    </form>`;
  }

  private _onCompare(e: Event) {
    e.preventDefault();
    if (!this._compareFrom || this._compareFrom === this._compareTo) {
      this._compareError = 'Vælg to forskellige versioner';
      return;
    }
    this._compareError = '';
    this.go(`/kilder/${this.sourceId}/forskel?fra=${this._compareFrom}&til=${this._compareTo}`);
  }

  private _renderProvisions() {
    const state = this._version.state;
    const v = this._version.value;
    return html`<section class="section" aria-labelledby="provisions-heading">
      <h2 id="provisions-heading">Bestemmelser${v ? html` i ${v.version.shortName}` : nothing}</h2>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._loadVersion}></sb-error-alert>`
        : state.status === 'loading' || !v
          ? html`<sb-loading label="Henter bestemmelser…"></sb-loading>`
          : html`${v.version.kind === 'projiceret' ? this._renderInstructions(v) : nothing}
              <sb-provision-tree .provisions=${v.provisions} .sourceId=${this.sourceId} .versionId=${v.version.id}></sb-provision-tree>`}
    </section>`;
  }

  /** A projection's instructions that could not be applied; applied by hand where the projection can still change (the newest, in force). */
  private _renderInstructions(v: VersionWithProvisions) {
    const newest = this._timeline.value?.versions.filter((t) => !t.withdrawn && !t.supersededByVersionId).at(-1);
    const canApply = this.may('source.import') && newest?.id === v.version.id;
    return html`<sb-version-instructions
      .versionId=${v.version.id}
      .provisions=${v.provisions}
      ?canApply=${canApply}
      @sb-version-changed=${() => this._refreshVersion(v.version.id)}
    ></sb-version-instructions>`;
  }

  /** The version read again in place (no loading state, so the list and its message stay where the user is). */
  private async _refreshVersion(id: number) {
    try {
      this._version.set(await getVersion(id));
    } catch {
      this._version.load(() => getVersion(id));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-source-page': SbSourcePage;
  }
}
