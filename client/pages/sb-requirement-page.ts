// Kravdetalje: one requirement, the provisions it traces to, adding and removing trace links, and its history.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { createLink, deleteLink } from '../api/links.js';
import { announceReviewChanged } from '../api/review.js';
import { ApiError } from '../api/http.js';
import {
  KIND_LABELS,
  TENDER_LABELS,
  getRequirement,
  labelOf,
  requirementDiff,
  requirementVersions,
  type RequirementDetail,
  type RequirementDiff,
  type RequirementVersion,
  type TraceLink,
} from '../api/requirements.js';
import { listSources, type ProvisionHit, type SourceSummary } from '../api/sources.js';
import { formatDate, formatDateTime, plural, sourceName } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import { linkStatusBadge, requirementStatusBadge } from '../elements/sb-badge.js';
import { provisionId, type SbProvisionSearch } from '../elements/sb-provision-search.js';
import type { SbReasonDialog } from '../elements/sb-reason-dialog.js';
import '../elements/sb-provision-search.js';
import '../elements/sb-reason-dialog.js';
import '../elements/sb-word-diff.js';
import '../elements/sb-audit-history.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

/** Provision texts longer than this start folded, so one long § does not push the rest off screen. */
const LONG_TEXT = 420;

@customElement('sb-requirement-page')
export class SbRequirementPage extends PageElement {
  static override styles = [
    base,
    css`
      .requirement-text {
        font-size: var(--sb-font-size-lg);
        white-space: pre-wrap;
        margin: 0;
        max-width: 60rem;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3) var(--sb-space-6);
        margin: var(--sb-space-5) 0 0;
        padding-top: var(--sb-space-4);
        border-top: 1px solid var(--sb-color-border);
      }
      .facts dt {
        font-size: var(--sb-font-size-sm);
        font-weight: 600;
        color: var(--sb-color-text-muted);
      }
      .facts dd {
        margin: 0;
      }
      .links {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sb-space-3);
      }
      .link-head {
        display: flex;
        justify-content: space-between;
        align-items: flex-start;
        gap: var(--sb-space-3);
      }
      .link-head h3 {
        margin: 0;
      }
      .provision-text {
        margin: var(--sb-space-3) 0;
        padding: var(--sb-space-3) var(--sb-space-4);
        background: var(--sb-color-surface-sunken);
        border-left: 4px solid var(--sb-color-border-strong);
        border-radius: 0 var(--sb-radius) var(--sb-radius) 0;
        white-space: pre-wrap;
      }
      .provision-text.folded {
        display: -webkit-box;
        -webkit-line-clamp: 4;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .link-card.suspect {
        border-left: 6px solid var(--sb-color-warning);
      }
      .link-card.broken {
        border-left: 6px solid var(--sb-color-danger);
      }
      .link-meta {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--sb-space-1) var(--sb-space-4);
        margin: 0 0 var(--sb-space-3);
        font-size: var(--sb-font-size-sm);
      }
      .link-meta dt {
        font-weight: 600;
        color: var(--sb-color-text-muted);
      }
      .link-meta dd {
        margin: 0;
      }
      .add-panel {
        margin-top: var(--sb-space-4);
      }
      .selected {
        margin: var(--sb-space-4) 0;
      }
      .diff-form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3);
        align-items: end;
        margin-bottom: var(--sb-space-4);
      }
      .diff-form .field {
        margin: 0;
        min-width: 12rem;
      }
      .diff-legend {
        display: flex;
        gap: var(--sb-space-4);
        font-size: var(--sb-font-size-sm);
        margin-bottom: var(--sb-space-3);
      }
      .diff-legend ins,
      .diff-legend del {
        padding: 0 4px;
        border-radius: 2px;
        text-decoration-thickness: 2px;
      }
      .diff-legend ins {
        background: var(--sb-color-ins-bg);
        color: var(--sb-color-ins);
      }
      .diff-legend del {
        background: var(--sb-color-del-bg);
        color: var(--sb-color-del);
      }
      .diff-block + .diff-block {
        margin-top: var(--sb-space-4);
      }
      .diff-block h4 {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin-bottom: var(--sb-space-1);
      }
      td.version {
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .flash:focus {
        outline: none;
      }
    `,
  ];

  @property() humanId = '';

  private _requirement = new Resource<RequirementDetail>(this);
  private _versions = new Resource<RequirementVersion[]>(this);
  private _diff = new Resource<RequirementDiff>(this);
  private _sources = new Resource<SourceSummary[]>(this);

  @state() private _adding = false;
  @state() private _selected: ProvisionHit | null = null;
  @state() private _rationale = '';
  @state() private _linkError: ApiError | null = null;
  @state() private _savingLink = false;
  @state() private _flash = '';
  @state() private _removing: TraceLink | null = null;
  @state() private _removeBusy = false;
  @state() private _removeError = '';
  @state() private _unfolded = new Set<number>();
  @state() private _diffFrom = 0;
  @state() private _diffTo = 0;

  @query('sb-reason-dialog') private _dialog!: SbReasonDialog;
  @query('sb-provision-search') private _search?: SbProvisionSearch;
  @query('.flash') private _flashEl?: HTMLElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('humanId') && this.humanId) this._loadAll();
  }

  private _loadAll() {
    this._requirement.load(() => getRequirement(this.humanId)).then((r) => r && this.setTitle(`${r.humanId} ${r.title}`));
    this._loadHistory();
  }

  private async _loadHistory() {
    const versions = await this._versions.load(async () => (await requirementVersions(this.humanId)).versions);
    if (versions && versions.length >= 2) {
      // Newest first: compare the latest change by default.
      this._diffTo = versions[0]!.version;
      this._diffFrom = versions[1]!.version;
      this._loadDiff();
    }
  }

  private _loadDiff() {
    if (!this._diffFrom || !this._diffTo) return;
    this._diff.load(() => requirementDiff(this.humanId, this._diffFrom, this._diffTo));
  }

  override render() {
    const state = this._requirement.state;
    const r = this._requirement.value;
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/krav">Krav</a></li>
          ${r ? html`<li><a href="/krav?solution=${encodeURIComponent(r.solution)}">${r.solutionName}</a></li>` : nothing}
          <li><span aria-current="page">${this.humanId}</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <span class="eyebrow mono">${this.humanId}</span>
          <h1 tabindex="-1">${r ? r.title : state.status === 'error' ? `Kravet ${this.humanId}` : 'Henter krav…'}</h1>
        </div>
        ${r && this.may('requirement.write', r.solution)
          ? html`<a class="button primary" href="/krav/${encodeURIComponent(r.humanId)}/rediger">Rediger<span class="visually-hidden"> ${r.humanId}</span></a>` : nothing}
      </div>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._loadAll}></sb-error-alert>`
        : !r
          ? html`<sb-loading label="Henter krav…"></sb-loading>`
          : html`${this._renderRequirement(r)} ${this._renderLinks(r)} ${this._renderChangeRequests(r)} ${this._renderHistory()}
              <sb-audit-history class="section" entity-type="requirement" entity-id=${r.humanId} heading="Revisionsspor"></sb-audit-history>`}
      <sb-reason-dialog
        heading="Fjern sporing"
        description=${this._removing ? `Fjern sporingen fra ${this.humanId} til ${this._sourceName(this._removing)} ${this._removing.provision.label}? Begrundelsen gemmes i revisionssporet.` : ''}
        confirmLabel="Fjern sporing"
        reasonLabel="Hvorfor fjernes sporingen?"
        .busy=${this._removeBusy}
        .error=${this._removeError}
        @sb-confirm=${this._onRemoveConfirmed}
        @sb-cancel=${this._onRemoveCancelled}
      ></sb-reason-dialog>`;
  }

  private _renderRequirement(r: RequirementDetail) {
    return html`<section class="card requirement" aria-labelledby="text-heading">
      <h2 id="text-heading" class="visually-hidden">Kravtekst</h2>
      <p class="requirement-text">${r.text}</p>
      <dl class="facts">
        <div><dt>Løsning</dt><dd>${r.solutionName} (${r.solution})</dd></div>
        <div><dt>Type</dt><dd>${labelOf(KIND_LABELS, r.kind)}</dd></div>
        <div><dt>Status</dt><dd>${requirementStatusBadge(r.status)}</dd></div>
        <div>
          <dt>Udbudskategori</dt>
          <dd>${r.tenderCategory ? labelOf(TENDER_LABELS, r.tenderCategory) : html`<span class="muted">Ingen</span>`}</dd>
        </div>
        <div><dt>Oprindelse</dt><dd>${r.nonLegal ? 'Ikke lovbestemt' : 'Lovbestemt'}</dd></div>
        <div><dt>Version</dt><dd>${r.version} · ${formatDateTime(r.updatedAt)}</dd></div>
      </dl>
    </section>`;
  }

  private _renderLinks(r: RequirementDetail) {
    const linked = new Set(r.links.map((l) => provisionId(l.source.id, l.provisionKey)));
    return html`<section class="section" aria-labelledby="links-heading">
      <div class="section-header">
        <h2 id="links-heading">Sporing til lovgivning <span class="muted">(${r.links.length})</span></h2>
        ${this.may('link.write', r.solution)
          ? html`<button class="button" type="button" aria-expanded=${this._adding ? 'true' : 'false'} aria-controls="add-panel" @click=${this._toggleAdd}>
              ${this._adding ? 'Luk' : '+ Tilføj sporing'}
            </button>`
          : nothing}
      </div>
      ${this._flash ? html`<div class="alert success flash" role="status" tabindex="-1"><p>${this._flash}</p></div>` : nothing}
      <div id="add-panel" class="card add-panel" ?hidden=${!this._adding}>${this._adding ? this._renderAddLink(linked) : nothing}</div>
      ${r.links.length === 0 && this._adding
        ? nothing
        : r.links.length === 0
        ? html`<div class="empty">
            <p>${r.nonLegal ? 'Kravet er markeret som ikke lovbestemt og har ingen sporing.' : 'Kravet sporer endnu ikke til nogen bestemmelse.'}</p>
            ${r.nonLegal ? nothing : html`<p>Brug «Tilføj sporing» for at finde den bestemmelse, kravet bygger på.</p>`}
          </div>`
        : html`<ul class="links">
            ${r.links.map((l) => this._renderLink(l))}
          </ul>`}
    </section>`;
  }

  private _sourceName(l: Pick<TraceLink, 'source'>) {
    return sourceName(l.source);
  }

  private _renderLink(l: TraceLink) {
    const href = `/kilder/${l.source.id}/bestemmelser/${encodeURIComponent(l.provisionKey)}`;
    const long = l.provision.text.length > LONG_TEXT;
    const unfolded = this._unfolded.has(l.id);
    const textId = `link-text-${l.id}`;
    return html`<li class="card link-card ${l.status}">
      <div class="link-head">
        <div>
          <span class="eyebrow">${this._sourceName(l)}</span>
          <h3><a href=${href}><span class="visually-hidden">${this._sourceName(l)} </span>${l.provision.label}</a></h3>
        </div>
        ${linkStatusBadge(l.status)}
      </div>
      ${l.provision.repealed ? html`<p class="alert warning small">Bestemmelsen er ophævet i den nyeste version.</p>` : nothing}
      <div id=${textId} class="provision-text ${long && !unfolded ? 'folded' : ''}">${l.provision.text || html`<span class="muted">(ingen tekst)</span>`}</div>
      ${long
        ? html`<p>
            <button class="link-button small" type="button" aria-expanded=${unfolded ? 'true' : 'false'} aria-controls=${textId} @click=${() => this._toggleText(l.id)}>
              ${unfolded ? 'Vis mindre' : 'Vis hele teksten'}
            </button>
          </p>`
        : nothing}
      <dl class="link-meta">
        <dt>Begrundelse</dt>
        <dd>${l.rationale || html`<span class="muted">Ingen begrundelse angivet</span>`}</dd>
        <dt>Bekræftet mod</dt>
        <dd>${l.confirmedVersion.shortName}</dd>
        ${l.statusNote ? html`<dt>Note</dt><dd>${l.statusNote}</dd>` : nothing}
      </dl>
      ${this.may('link.write', l.requirement.solution)
        ? html`<button class="button small danger" type="button" @click=${() => this._askRemove(l)}>
            Fjern sporing<span class="visually-hidden"> til ${this._sourceName(l)} ${l.provision.label}</span>
          </button>`
        : nothing}
      <sb-audit-history lazy entity-type="trace_link" entity-id=${String(l.id)} heading="Sporingens historik" heading-level="4"></sb-audit-history>
    </li>`;
  }

  private _renderAddLink(linked: Set<string>) {
    const sel = this._selected;
    const rationaleError = this._linkError?.fieldMessage('rationale');
    return html`<h3>Tilføj sporing</h3>
      <sb-provision-search
        .sources=${this._sources.value ?? []}
        .linked=${linked}
        .selected=${sel}
        @sb-provision-select=${(e: CustomEvent<ProvisionHit>) => {
          this._selected = e.detail;
          this._linkError = null;
        }}
      ></sb-provision-search>
      <form @submit=${this._onSaveLink} novalidate>
        <div class="selected">
          ${sel
            ? html`<p class="alert info" aria-live="polite">Valgt: <strong>${sourceName(sel.source)} ${sel.label}</strong> (${sel.shortName})</p>`
            : html`<p class="muted small" aria-live="polite">Søg og vælg den bestemmelse, kravet bygger på.</p>`}
        </div>
        <div class="field">
          <label for="rationale">Begrundelse for sporingen</label>
          <span class="hint" id="rationale-hint">Hvorfor følger kravet af bestemmelsen? Det hjælper den, der skal vurdere linket, når loven ændres.</span>
          <textarea
            id="rationale"
            rows="3"
            aria-describedby="rationale-hint ${rationaleError ? 'rationale-error' : ''}"
            aria-invalid=${rationaleError ? 'true' : 'false'}
            .value=${this._rationale}
            @input=${(e: Event) => (this._rationale = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${rationaleError ? html`<p class="field-error" id="rationale-error">${rationaleError}</p>` : nothing}
        </div>
        ${this._linkError && !rationaleError ? html`<sb-error-alert .error=${this._linkError} heading="Sporingen blev ikke gemt"></sb-error-alert>` : nothing}
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${this._savingLink}>${this._savingLink ? 'Gemmer…' : 'Gem sporing'}</button>
          <button class="button" type="button" @click=${this._toggleAdd}>Annullér</button>
        </div>
      </form>`;
  }

  private _renderChangeRequests(r: RequirementDetail) {
    return html`<section class="section" aria-labelledby="change-requests-heading">
      <div class="section-header">
        <h2 id="change-requests-heading">Ændringsforslag <span class="muted">(${r.changeRequests.length})</span></h2>
      </div>
      ${r.changeRequests.length === 0
        ? html`<p class="muted">Ingen ændringsforslag vedrører kravet.</p>`
        : html`<ul class="change-requests">
            ${r.changeRequests.map(
              (c) => html`<li>
                <a href="/aendringsforslag/${encodeURIComponent(c.humanId)}">${c.humanId} ${c.title}</a>
                <span class="muted small">· ${c.className} · ${c.statusLabel}${c.deadline ? ` · frist ${formatDate(c.deadline)}` : ''}</span>
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  private _renderHistory() {
    const state = this._versions.state;
    const versions = this._versions.value;
    return html`<section class="section" aria-labelledby="history-heading">
      <div class="section-header"><h2 id="history-heading">Historik</h2></div>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} heading="Historikken kunne ikke hentes"></sb-error-alert>`
        : !versions
          ? html`<sb-loading label="Henter historik…"></sb-loading>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label="Versioner af ${this.humanId}">
                <table>
                  <caption class="visually-hidden">Versioner af ${this.humanId}, nyeste først</caption>
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Dato</th>
                      <th scope="col">Af</th>
                      <th scope="col">Begrundelse</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${versions.map(
                      (v) => html`<tr>
                        <td class="version">${v.version}</td>
                        <td>${formatDateTime(v.createdAt)}</td>
                        <td>${v.author}</td>
                        <td>${v.reason || html`<span class="muted">–</span>`}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              ${versions.length >= 2 ? this._renderDiff(versions) : html`<p class="muted small section">Der er kun én version, så der er intet at sammenligne.</p>`}`}
    </section>`;
  }

  private _renderDiff(versions: RequirementVersion[]) {
    const option = (v: RequirementVersion, selected: number) =>
      html`<option value=${String(v.version)} ?selected=${v.version === selected}>Version ${v.version} (${formatDate(v.createdAt)})</option>`;
    const state = this._diff.state;
    return html`<div class="section">
      <h3 id="diff-heading">Sammenlign versioner</h3>
      <form class="diff-form" aria-labelledby="diff-heading" @submit=${this._onCompare}>
        <div class="field">
          <label for="diff-from">Fra version</label>
          <select id="diff-from" @change=${(e: Event) => (this._diffFrom = Number((e.target as HTMLSelectElement).value))}>
            ${versions.map((v) => option(v, this._diffFrom))}
          </select>
        </div>
        <div class="field">
          <label for="diff-to">Til version</label>
          <select id="diff-to" @change=${(e: Event) => (this._diffTo = Number((e.target as HTMLSelectElement).value))}>
            ${versions.map((v) => option(v, this._diffTo))}
          </select>
        </div>
        <button class="button" type="submit">Vis forskel</button>
      </form>
      ${state.status === 'error'
        ? html`<sb-error-alert .error=${state.error} heading="Forskellen kunne ikke vises"></sb-error-alert>`
        : state.status === 'loading' && !this._diff.value
          ? html`<sb-loading label="Beregner forskel…"></sb-loading>`
          : this._diff.value
            ? this._renderDiffResult(this._diff.value)
            : nothing}
    </div>`;
  }

  private _renderDiffResult(d: RequirementDiff) {
    return html`<div class="card" aria-live="polite">
      <p class="small muted">
        Fra version ${d.from.version} (${d.from.author}, ${formatDateTime(d.from.createdAt)}) til version ${d.to.version} (${d.to.author},
        ${formatDateTime(d.to.createdAt)})
      </p>
      <div class="diff-legend" aria-hidden="true">
        <span><ins>tilføjet</ins> understreget</span>
        <span><del>fjernet</del> gennemstreget</span>
      </div>
      <div class="diff-block">
        <h4>Titel</h4>
        <sb-word-diff .parts=${d.title}></sb-word-diff>
      </div>
      <div class="diff-block">
        <h4>Tekst</h4>
        <sb-word-diff .parts=${d.text}></sb-word-diff>
      </div>
      ${d.from.kind !== d.to.kind || d.from.status !== d.to.status || d.from.tenderCategory !== d.to.tenderCategory
        ? html`<div class="diff-block">
            <h4>Egenskaber</h4>
            <ul class="small">
              ${d.from.kind !== d.to.kind ? html`<li>Type: ${labelOf(KIND_LABELS, d.from.kind)} → ${labelOf(KIND_LABELS, d.to.kind)}</li>` : nothing}
              ${d.from.status !== d.to.status ? html`<li>Status: ${requirementStatusBadge(d.from.status)} → ${requirementStatusBadge(d.to.status)}</li>` : nothing}
              ${d.from.tenderCategory !== d.to.tenderCategory
                ? html`<li>Udbudskategori: ${labelOf(TENDER_LABELS, d.from.tenderCategory) || 'ingen'} → ${labelOf(TENDER_LABELS, d.to.tenderCategory) || 'ingen'}</li>`
                : nothing}
            </ul>
          </div>`
        : nothing}
    </div>`;
  }

  private _onCompare(e: Event) {
    e.preventDefault();
    this._loadDiff();
  }

  private _toggleAdd() {
    this._adding = !this._adding;
    this._flash = '';
    if (this._adding && !this._sources.value) this._sources.load(async () => (await listSources()).items);
    if (this._adding) {
      this.updateComplete.then(() => this._search?.shadowRoot?.querySelector<HTMLInputElement>('#q')?.focus());
    } else {
      this._selected = null;
      this._rationale = '';
      this._linkError = null;
    }
  }

  private _toggleText(id: number) {
    const next = new Set(this._unfolded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this._unfolded = next;
  }

  private async _onSaveLink(e: Event) {
    e.preventDefault();
    const sel = this._selected;
    if (!sel) {
      this._linkError = new ApiError(0, 'client', 'Vælg først en bestemmelse i søgeresultatet.');
      return;
    }
    this._savingLink = true;
    this._linkError = null;
    try {
      await createLink(this.humanId, sel.source.id, sel.key, this._rationale.trim());
      const name = `${sourceName(sel.source)} ${sel.label}`;
      this._adding = false;
      this._selected = null;
      this._rationale = '';
      this._search?.reset();
      const fresh = await getRequirement(this.humanId);
      this._requirement.set(fresh);
      this._flash = `Sporingen til ${name} er gemt.`;
      await this.updateComplete;
      this._flashEl?.focus();
    } catch (err) {
      this._linkError = toApiError(err);
    } finally {
      this._savingLink = false;
    }
  }

  private _askRemove(l: TraceLink) {
    this._removing = l;
    this._removeError = '';
    this._dialog.open();
  }

  private async _onRemoveConfirmed(e: CustomEvent<{ reason: string }>) {
    const link = this._removing;
    if (!link) return;
    this._removeBusy = true;
    try {
      await deleteLink(link.id, e.detail.reason);
      if (link.status !== 'current') announceReviewChanged();
      this._dialog.close();
      this._removing = null;
      this._requirement.set(await getRequirement(this.humanId));
      this._flash = `Sporingen til ${this._sourceName(link)} ${link.provision.label} er fjernet.`;
      await this.updateComplete;
      this._flashEl?.focus();
    } catch (err) {
      this._removeError = toApiError(err).message;
    } finally {
      this._removeBusy = false;
    }
  }

  private _onRemoveCancelled() {
    this._removing = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-requirement-page': SbRequirementPage;
  }
}
