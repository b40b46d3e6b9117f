// Registrér ny version: upload a LexDania XML file (or paste the text) of a new version of a legal source.
import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { announceReviewChanged } from '../api/review.js';
import { importSource, listSources, type AmendingActResult, type ImportResult, type SourceSummary, type UploadProgress, type VersionImportResult } from '../api/sources.js';
import { formatBytes, formatDate, formatNumber, plural, sourceName } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import { SOURCE_KIND_NAMES, sourceKindName, sourceKindOfDocumentType, type SourceKindCode } from '../../server/text/vocabulary.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

type Mode = 'file' | 'text';

@customElement('sb-source-import-page')
export class SbSourceImportPage extends PageElement {
  static override styles = [
    base,
    css`
      form.card,
      .result {
        max-width: 52rem;
      }
      .modes {
        display: flex;
        gap: var(--sb-space-5);
        flex-wrap: wrap;
      }
      textarea#content {
        min-height: 16rem;
        font-family: var(--sb-font-mono);
        font-size: var(--sb-font-size-sm);
      }
      .two {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0 var(--sb-space-4);
      }
      @media (max-width: 40rem) {
        .two {
          grid-template-columns: 1fr;
        }
      }
      .progress {
        margin-top: var(--sb-space-4);
      }
      progress {
        width: 100%;
        height: 0.9rem;
        accent-color: var(--sb-color-primary);
      }
      .summary:focus,
      .result:focus {
        outline: none;
      }
      .result h2 {
        font-size: var(--sb-font-size-xl);
      }
    `,
  ];

  @state() private _mode: Mode = 'file';
  @state() private _file: File | null = null;
  @state() private _text = '';
  @state() private _inForceFrom = '';
  @state() private _sourceId = '';
  @state() private _popularTitle = '';
  @state() private _kind: SourceKindCode | '' = '';
  @state() private _title = '';
  @state() private _shortName = '';
  @state() private _progress: UploadProgress | null = null;
  @state() private _error: ApiError | null = null;
  @state() private _result: ImportResult | null = null;

  private _sources = new Resource<SourceSummary[]>(this);
  private _abort?: AbortController;

  @query('.summary') private _summaryEl?: HTMLElement;
  @query('.result') private _resultEl?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    this._sources.load(async () => (await listSources()).items);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._abort?.abort();
  }

  override render() {
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/kilder">Retskilder</a></li>
          <li><span aria-current="page">Registrér ny version</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <h1 tabindex="-1">Registrér ny version</h1>
          <p class="lead">Indlæs en ny version af en lov eller bekendtgørelse. Sporbar deler den op i bestemmelser, så kravene kan spores til den.</p>
        </div>
      </div>
      ${!this.may('source.import')
        ? html`<div class="alert warning" role="alert"><p>Kun lovovervågning, kravredaktion og administratorer kan registrere nye versioner.</p></div>`
        : this._result
          ? this._result.kind === 'amending-act'
            ? this._renderAmendingAct(this._result)
            : this._renderResult(this._result)
          : this._renderForm()}`;
  }

  private _field(field: string) {
    const message = this._error?.fieldMessage(field);
    return {
      invalid: message ? 'true' : 'false',
      describedBy: message ? `${field}-error` : undefined,
      message: message ? html`<p class="field-error" id="${field}-error">${message}</p>` : nothing,
    };
  }

  private _renderForm() {
    const busy = this._progress !== null;
    const file = this._field('file');
    const content = this._field('content');
    const inForce = this._field('inForceFrom');
    const title = this._field('title');
    const shortName = this._field('shortName');
    return html`${this._error
        ? html`<div class="alert error summary" role="alert" tabindex="-1">
            <p class="alert-title">Versionen blev ikke registreret</p>
            <p>${this._error.message}</p>
          </div>`
        : nothing}
      <form class="card" @submit=${this._onSubmit} novalidate aria-busy=${busy ? 'true' : 'false'}>
        <fieldset>
          <legend>Hvordan vil du indlæse teksten?</legend>
          <div class="modes">
            <label class="choice"
              ><input type="radio" name="mode" value="file" .checked=${this._mode === 'file'} @change=${() => (this._mode = 'file')} /> Upload fil
              (LexDania-XML)</label
            >
            <label class="choice"
              ><input type="radio" name="mode" value="text" .checked=${this._mode === 'text'} @change=${() => (this._mode = 'text')} /> Indsæt tekst</label
            >
          </div>
        </fieldset>
        ${this._mode === 'file'
          ? html`<div class="field">
              <label for="file">Fil</label>
              <span class="hint" id="file-hint">XML fra Retsinformation (LexDania), fx «LBK-2011-920.xml». Højst 20 MB.</span>
              <input
                id="file"
                type="file"
                accept=".xml,application/xml,text/xml,.txt,text/plain"
                aria-describedby="file-hint ${file.describedBy ?? ''}"
                aria-invalid=${file.invalid}
                @change=${(e: Event) => (this._file = (e.target as HTMLInputElement).files?.[0] ?? null)}
              />
              ${this._file ? html`<span class="hint">Valgt: ${this._file.name} (${formatBytes(this._file.size)})</span>` : nothing} ${file.message}
            </div>`
          : html`<div class="field">
                <label for="content">Lovtekst</label>
                <span class="hint" id="content-hint">Indsæt LexDania-XML eller lovteksten som ren tekst med §§ og stk.</span>
                <textarea
                  id="content"
                  aria-describedby="content-hint ${content.describedBy ?? ''}"
                  aria-invalid=${content.invalid}
                  .value=${this._text}
                  @input=${(e: Event) => (this._text = (e.target as HTMLTextAreaElement).value)}
                ></textarea>
                ${content.message}
              </div>
              <div class="two">
                <div class="field">
                  <label for="title">Titel (hvis teksten ikke selv har en)</label>
                  <input id="title" type="text" aria-invalid=${title.invalid} aria-describedby=${title.describedBy ?? nothing} .value=${this._title} @input=${(e: Event) => (this._title = (e.target as HTMLInputElement).value)} />
                  ${title.message}
                </div>
                <div class="field">
                  <label for="shortName">Kortnavn</label>
                  <input
                    id="shortName"
                    type="text"
                    placeholder="LBK nr 920 af 22/08/2011"
                    aria-invalid=${shortName.invalid}
                    aria-describedby=${shortName.describedBy ?? nothing}
                    .value=${this._shortName}
                    @input=${(e: Event) => (this._shortName = (e.target as HTMLInputElement).value)}
                  />
                  ${shortName.message}
                </div>
              </div>`}
        <div class="two">
          <div class="field">
            <label for="inForceFrom">I kraft fra</label>
            <span class="hint" id="inForceFrom-hint">Tom: dokumentets underskriftsdato.</span>
            <input
              id="inForceFrom"
              type="date"
              aria-describedby="inForceFrom-hint ${inForce.describedBy ?? ''}"
              aria-invalid=${inForce.invalid}
              .value=${this._inForceFrom}
              @input=${(e: Event) => (this._inForceFrom = (e.target as HTMLInputElement).value)}
            />
            ${inForce.message}
          </div>
          <div class="field">
            <label for="sourceId">Retskilde</label>
            <span class="hint" id="sourceId-hint">Tom: findes ud fra dokumentets titel.</span>
            <select id="sourceId" aria-describedby="sourceId-hint" @change=${(e: Event) => (this._sourceId = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this._sourceId}>Find ud fra titlen</option>
              ${(this._sources.value ?? []).map((s) => html`<option value=${String(s.id)} ?selected=${String(s.id) === this._sourceId}>${sourceName(s)}</option>`)}
            </select>
          </div>
        </div>
        <div class="two">
          <div class="field">
            <label for="popularTitle">Populærtitel (valgfri)</label>
            <span class="hint" id="popularTitle-hint">Det navn, folk bruger, fx «sygedagpengeloven».</span>
            <input
              id="popularTitle"
              type="text"
              aria-describedby="popularTitle-hint"
              .value=${this._popularTitle}
              @input=${(e: Event) => (this._popularTitle = (e.target as HTMLInputElement).value)}
            />
          </div>
          ${this._sourceId ? nothing : this._renderKind()}
        </div>
        ${this._progress ? this._renderProgress(this._progress) : nothing}
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${busy}>${busy ? 'Registrerer…' : 'Registrér version'}</button>
          ${busy ? html`<button class="button" type="button" @click=${() => this._abort?.abort()}>Afbryd</button>` : html`<a class="button" href="/kilder">Annullér</a>`}
        </div>
      </form>`;
  }

  /** The kind of a source registered anew; the default follows the document type, read here from the file's name (LBK-…, BEK-…). */
  private _renderKind() {
    const kind = this._field('kind');
    const guessed = this._mode === 'file' ? sourceKindOfDocumentType(this._file?.name.split(/[-_ ]/, 1)[0]) : null;
    return html`<div class="field">
      <label for="kind">Art</label>
      <span class="hint" id="kind-hint">Bruges, når retskilden er ny. LBK giver lovbekendtgørelse, LOV lov, BEK bekendtgørelse.</span>
      <select
        id="kind"
        aria-describedby="kind-hint ${kind.describedBy ?? ''}"
        aria-invalid=${kind.invalid}
        @change=${(e: Event) => (this._kind = (e.target as HTMLSelectElement).value as SourceKindCode | '')}
      >
        <option value="" ?selected=${!this._kind}>Ud fra dokumenttypen${guessed ? ` (${sourceKindName(guessed).toLowerCase()})` : ''}</option>
        ${Object.entries(SOURCE_KIND_NAMES).map(([code, name]) => html`<option value=${code} ?selected=${code === this._kind}>${name}</option>`)}
      </select>
      ${kind.message}
    </div>`;
  }

  private _renderProgress(p: UploadProgress) {
    const percent = p.total ? Math.round((p.loaded / p.total) * 100) : undefined;
    const label = p.processing
      ? 'Filen er sendt. Serveren læser dokumentet og gemmer bestemmelserne…'
      : percent !== undefined
        ? `Sender ${formatBytes(p.loaded)} af ${formatBytes(p.total)} (${percent} %)`
        : 'Sender…';
    return html`<div class="progress">
      <label for="progress" class="small">${label}</label>
      ${p.processing || percent === undefined
        ? html`<progress id="progress"></progress>`
        : html`<progress id="progress" max="100" .value=${percent}></progress>`}
      <span class="visually-hidden" role="status">${p.processing ? label : ''}</span>
    </div>`;
  }

  /** An amending act: per act it changes, the projected version, what it did to the links, and what could not be applied. */
  private _renderAmendingAct(r: AmendingActResult) {
    return html`<section class="card result" tabindex="-1" aria-labelledby="result-heading">
      <div class="alert success" role="status">
        <p class="alert-title">Ændringsloven er registreret</p>
        <p>${r.act.shortName} er anvendt på ${plural(r.amended.length, 'lov', 'love')}, Sporbar kender. Hver får en projiceret version med ændringerne.</p>
      </div>
      <h2 id="result-heading">${r.act.shortName}</h2>
      <p class="lead">${r.act.title}</p>
      ${r.amended.map(
        (a) => html`<section class="section" aria-labelledby="amended-${a.version.id}">
          <h3 id="amended-${a.version.id}">${sourceName(a.source)} <span class="muted">(${a.section})</span></h3>
          <dl class="attributes">
            <dt>Projiceret version</dt>
            <dd><a href="/kilder/${a.source.id}?version=${a.version.id}">${a.version.shortName}</a></dd>
            <dt>I kraft fra</dt>
            <dd>${formatDate(a.version.inForceFrom)}</dd>
            <dt>Ændringer</dt>
            <dd>${plural(a.applied, 'ændring anvendt', 'ændringer anvendt')}${a.unapplied.length ? `, ${plural(a.unapplied.length, 'kunne ikke anvendes', 'kunne ikke anvendes')}` : ''}</dd>
            ${a.links ? html`<dt>Sporingslinks</dt><dd>${this._describeLinks(a.links)}</dd>` : nothing}
          </dl>
          ${a.unapplied.length
            ? html`<div class="alert warning"><p class="alert-title">Ændringer, Sporbar ikke kunne anvende</p>
                <ul>${a.unapplied.map((u) => html`<li><strong>${u.instruction}</strong> – ${u.reason}</li>`)}</ul>
                <p><a href="/kilder/${a.source.id}?version=${a.version.id}">Anvend dem i hånden<span class="visually-hidden"> i ${a.version.shortName}</span></a></p></div>`
            : nothing}
          <div class="form-actions">
            <a class="button primary" href="/versioner/${a.version.id}/konsekvens">Se konsekvens for kravene</a>
            ${a.previousVersionId ? html`<a class="button" href="/kilder/${a.source.id}/forskel?fra=${a.previousVersionId}&til=${a.version.id}">Se ændringerne</a>` : nothing}
          </div>
        </section>`,
      )}
      ${r.notRegistered.length
        ? html`<div class="alert info section"><p class="alert-title">Love, Sporbar ikke kender</p>
            <ul>${r.notRegistered.map((n) => html`<li>${n.section}: ${n.act}${n.cites ? ` (${n.cites})` : ''}</li>`)}</ul></div>`
        : nothing}
      <div class="form-actions">
        <a class="button" href="/gennemgang">Gå til gennemgang</a>
        <button class="button" type="button" @click=${this._again}>Registrér endnu en version</button>
      </div>
    </section>`;
  }

  private _renderResult(r: VersionImportResult) {
    const href = `/kilder/${r.source.id}?version=${r.version.id}`;
    return html`<section class="card result" tabindex="-1" aria-labelledby="result-heading">
      <div class="alert success" role="status">
        <p class="alert-title">Versionen er registreret</p>
        <p>${r.createdSource ? 'Retskilden var ny og er oprettet.' : `Versionen er føjet til ${sourceName(r.source)}.`}</p>
      </div>
      <h2 id="result-heading">${r.version.shortName}</h2>
      <dl class="attributes">
        <dt>Retskilde</dt>
        <dd>${r.source.popularTitle ? html`${sourceName(r.source)} – ` : nothing}${r.source.title}</dd>
        <dt>Art</dt>
        <dd>${sourceKindName(r.source.kind)}</dd>
        <dt>I kraft fra</dt>
        <dd>${formatDate(r.version.inForceFrom)}</dd>
        <dt>Bestemmelser</dt>
        <dd>${formatNumber(r.version.provisionCount)}</dd>
        <dt>Forrige version</dt>
        <dd>${r.previousVersionId ? html`<a href="/kilder/${r.source.id}?version=${r.previousVersionId}">Se forrige version</a>` : 'Ingen (første version)'}</dd>
        ${r.changes
          ? html`<dt>Ændringer</dt>
              <dd>${this._describeChanges(r.changes)}</dd>`
          : nothing}
        ${r.links
          ? html`<dt>Sporingslinks</dt>
              <dd>${this._describeLinks(r.links)}</dd>`
          : nothing}
      </dl>
      ${r.links && (r.links.suspect || r.links.broken)
        ? html`<div class="alert warning section">
            <p class="alert-title">Krav skal gennemgås</p>
            <p>
              Bestemmelser, som krav sporer til, er ændret eller fjernet. De berørte sporingslinks er markeret som mistænkte eller brudte og
              skal gennemgås.
            </p>
            <p><a href="/gennemgang">Gå til gennemgang af ${plural(r.links.suspect + r.links.broken, 'link', 'links')}</a></p>
          </div>`
        : nothing}
      <div class="form-actions">
        ${r.previousVersionId
          ? html`<a class="button primary" href="/versioner/${r.version.id}/konsekvens">Se konsekvens for kravene</a>
              <a class="button" href="/kilder/${r.source.id}/forskel?fra=${r.previousVersionId}&til=${r.version.id}">Se ændringerne</a>`
          : nothing}
        <a class="button ${r.previousVersionId ? '' : 'primary'}" href=${href}>Se den nye version</a>
        <button class="button" type="button" @click=${this._again}>Registrér endnu en version</button>
      </div>
    </section>`;
  }

  private _describeChanges(c: NonNullable<VersionImportResult['changes']>) {
    const parts = [plural(c.changed, 'ændret', 'ændrede'), plural(c.added, 'ny', 'nye'), plural(c.removed, 'fjernet', 'fjernede')];
    if (c.renumbered) parts.push(plural(c.renumbered, 'omnummereret', 'omnummererede'));
    // "substantive" counts every kind of change whose words (not just spacing or numbering) differ.
    return `${parts.join(', ')}; ${plural(c.unchanged, 'uændret', 'uændrede')}. ${formatNumber(c.substantive)} af ændringerne er indholdsmæssige.`;
  }

  private _describeLinks(l: NonNullable<VersionImportResult['links']>) {
    if (!l.checked) return 'Ingen krav sporer til retskilden.';
    const parts = [plural(l.checked, 'kontrolleret', 'kontrollerede'), plural(l.suspect, 'mistænkt', 'mistænkte'), plural(l.broken, 'brudt', 'brudte')];
    if (l.moved) parts.push(`${formatNumber(l.moved)} flyttet med bestemmelsen`);
    if (l.unchanged) parts.push(`${formatNumber(l.unchanged)} uændrede bekræftet mod den nye version`);
    return `${parts.join(', ')}.`;
  }

  private async _onSubmit(e: Event) {
    e.preventDefault();
    if (this._progress) return;
    this._error = null;
    const content: { file: File } | { text: string } | null =
      this._mode === 'file' ? (this._file ? { file: this._file } : null) : this._text.trim() ? { text: this._text } : null;
    if (!content) {
      const field = this._mode === 'file' ? 'file' : 'content';
      this._error = new ApiError(400, 'invalid', this._mode === 'file' ? 'Vælg en fil.' : 'Indsæt teksten.', [
        { field, message: this._mode === 'file' ? 'Vælg den fil, der skal registreres' : 'Indsæt lovteksten eller LexDania-XML' },
      ]);
      await this.updateComplete;
      this._summaryEl?.focus();
      return;
    }
    this._abort = new AbortController();
    this._progress = { loaded: 0, total: 'file' in content ? content.file.size : this._text.length, processing: false };
    try {
      this._result = await importSource(
        content,
        {
          sourceId: this._sourceId ? Number(this._sourceId) : undefined,
          kind: this._sourceId ? undefined : this._kind || undefined,
          inForceFrom: this._inForceFrom || undefined,
          popularTitle: this._popularTitle.trim() || undefined,
          title: this._mode === 'text' ? this._title.trim() || undefined : undefined,
          shortName: this._mode === 'text' ? this._shortName.trim() || undefined : undefined,
        },
        (p) => (this._progress = p),
        this._abort.signal,
      );
      const r = this._result;
      this.setTitle(`${r.kind === 'amending-act' ? r.act.shortName : r.version.shortName} registreret`);
      const moved = (r.kind === 'amending-act' ? r.amended.map((a) => a.links) : [r.links]).some((l) => l && (l.suspect || l.broken || l.moved));
      if (moved) announceReviewChanged();
      await this.updateComplete;
      this._resultEl?.focus();
    } catch (err) {
      this._error = toApiError(err);
      await this.updateComplete;
      this._summaryEl?.focus();
    } finally {
      this._progress = null;
    }
  }

  private _again() {
    this._result = null;
    this._file = null;
    this._text = '';
    this._inForceFrom = '';
    this._popularTitle = '';
    this._kind = '';
    this._title = '';
    this._shortName = '';
    this._sources.load(async () => (await listSources()).items);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-source-import-page': SbSourceImportPage;
  }
}
