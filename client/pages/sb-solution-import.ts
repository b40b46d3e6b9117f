// The Import tab of a solution: upload a spreadsheet (XLSX, CSV) or another tool's ReqIF file, see what it holds,
// map its columns to Sporbar's fields, read every row's problems, and only then import, with progress.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  IMPORT_EXTENSIONS,
  commitImport,
  refreshPreview,
  uploadForPreview,
  type CommitProgress,
  type ImportDefaults,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type UploadProgress,
} from '../api/exchange.js';
import { ApiError } from '../api/http.js';
import { KIND_LABELS, REQUIREMENT_KINDS, REQUIREMENT_STATUSES, STATUS_LABELS, TENDER_CATEGORIES, TENDER_LABELS, labelOf } from '../api/requirements.js';
import { may, type Me } from '../api/session.js';
import { formatBytes, formatNumber, plural } from '../app/format.js';
import { toApiError } from '../app/resource.js';
import { base, countTiles } from '../styles/shared.js';

/** A select's value for "the several columns the suggestion named, first non-empty wins" (ReqIF types name text differently). */
const SEVERAL = '\u0000flere';

/** What the import does with a previewed row, in words; an invalid row is skipped, or stops the whole import. */
function actionText(r: ImportPreview['rows'][number], skipInvalid: boolean): string {
  if (!r.valid) return skipInvalid ? '✕ Fejl: springes over' : '✕ Fejl: stopper importen';
  if (!r.action) return '–';
  if (r.action === 'create') return 'Nyt krav';
  return r.action === 'update' ? `Opdaterer ${r.humanId}` : `Uændret (${r.humanId})`;
}

/** The columns of the row table: header, and width where the screen is wide enough for a table. */
const ROW_COLUMNS = [
  ['Række', '4.5rem'],
  ['Id', '8.5rem'],
  ['Titel', '15%'],
  ['Tekst', 'auto'],
  ['Type', '7.5rem'],
  ['Status', '6rem'],
  ['Lovgrundlag', '9rem'],
  ['Hvad sker der', '8.5rem'],
] as const;

const FORMAT_NAMES: Record<string, string> = { csv: 'CSV', xlsx: 'XLSX', reqif: 'ReqIF', reqifz: 'ReqIFz' };

@customElement('sb-solution-import')
export class SbSolutionImport extends LitElement {
  static override styles = [
    base,
    countTiles,
    css`
      .upload,
      .step,
      .result {
        margin-top: var(--sb-space-5);
      }
      .upload {
        max-width: 40rem;
      }
      progress {
        width: 100%;
        height: 0.9rem;
        accent-color: var(--sb-color-primary);
      }
      .progress {
        margin-top: var(--sb-space-3);
      }
      .tiles .bad {
        background: var(--sb-color-danger-soft);
      }
      .mapping {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 0 var(--sb-space-4);
      }
      .samples {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        max-width: 28rem;
      }
      .severity-error {
        color: var(--sb-color-danger);
        font-weight: 650;
      }
      .severity-warning {
        color: var(--sb-color-warning);
        font-weight: 650;
      }
      .step:focus,
      .result:focus {
        outline: none;
      }
      .id {
        font-family: var(--sb-font-mono);
        font-weight: 650;
      }
      td.text {
        font-size: var(--sb-font-size-sm);
      }
      /* The preview's tables fit their width: columns that wrap, and on a narrow screen one block per row. */
      .fits {
        container: fits / inline-size;
      }
      .fits table.fixed {
        table-layout: fixed;
      }
      .fits table.fixed th,
      .fits table.fixed td {
        padding-inline: var(--sb-space-2);
      }
      .fits th,
      .fits td {
        white-space: normal;
        overflow-wrap: anywhere;
      }
      @container fits (max-width: 60rem) {
        .fits table,
        .fits tbody,
        .fits tr,
        .fits tbody > tr > * {
          display: block;
        }
        .fits colgroup,
        .fits thead {
          display: none;
        }
        .fits tbody tr {
          padding: var(--sb-space-2) 0;
          border-bottom: 1px solid var(--sb-color-border);
        }
        .fits tbody > tr > * {
          display: grid;
          grid-template-columns: 7.5rem minmax(0, 1fr);
          gap: var(--sb-space-3);
          padding: var(--sb-space-1) var(--sb-space-4);
          border: none;
          text-align: left;
        }
        .fits tbody > tr > ::before {
          content: attr(data-label);
          font-size: var(--sb-font-size-sm);
          font-weight: 650;
          color: var(--sb-color-text-muted);
        }
      }
    `,
  ];

  @property() code = '';
  @property({ attribute: false }) user: Me | null = null;

  @state() private _file: File | null = null;
  @state() private _upload: UploadProgress | null = null;
  @state() private _preview: ImportPreview | null = null;
  @state() private _mapping: ImportMapping | null = null;
  @state() private _defaults: ImportDefaults = { kind: 'proces', status: 'udkast', tenderCategory: null };
  @state() private _refreshing = false;
  @state() private _onlyValid = false;
  @state() private _commit: CommitProgress | null = null;
  @state() private _result: ImportResult | null = null;
  @state() private _error: ApiError | null = null;

  /** The columns the suggestion named per field, when several: offered again as one choice. */
  private _several: Partial<Record<ImportField, string[]>> = {};
  private _abort?: AbortController;
  private _refreshGeneration = 0;

  @query('#import-error') private _errorEl?: HTMLElement;
  @query('#preview-step') private _previewEl?: HTMLElement;
  @query('.result') private _resultEl?: HTMLElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code')) this._reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._abort?.abort();
  }

  override render() {
    if (!may(this.user, 'exchange.import', this.code)) {
      return html`<section aria-labelledby="import-heading">
        <h2 id="import-heading">Import af krav</h2>
        <p>Du har ikke rettighed til at importere krav i ${this.code}. Det kan kravredaktionen og administratorer.</p>
      </section>`;
    }
    return html`<section aria-labelledby="import-heading">
      <h2 id="import-heading">Import af krav</h2>
      <p class="lead">
        Indlæs krav fra et regneark (XLSX, CSV) eller fra et andet kravværktøj (ReqIF, ReqIFz). Du ser først, hvad filen indeholder, og hvordan den
        læses; intet gemmes, før du vælger «Importér».
      </p>
      ${this._error ? this._renderError(this._error) : nothing}
      ${this._result ? this._renderResult(this._result) : this._preview ? this._renderPreview(this._preview) : this._renderUpload()}
    </section>`;
  }

  private _renderError(error: ApiError) {
    return html`<div class="alert error" id="import-error" role="alert" tabindex="-1">
      <p class="alert-title">${this._preview ? 'Intet er importeret' : 'Filen kunne ikke læses'}</p>
      <p>${error.message}</p>
      ${error.fields.length
        ? html`<ul>
            ${error.fields.map((f) => html`<li>${f.field === 'file' ? 'Fil' : f.field}: ${f.message}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  private _renderUpload() {
    const p = this._upload;
    const percent = p && p.total ? Math.round((p.loaded / p.total) * 100) : undefined;
    return html`<form class="card upload" @submit=${this._onUpload} novalidate aria-busy=${p ? 'true' : 'false'}>
      <h3>1. Vælg fil</h3>
      <div class="field">
        <label for="import-file">Fil med krav</label>
        <span class="hint" id="import-file-hint">${IMPORT_EXTENSIONS.join(', ')}. Højst 50 MB. Regneark: én række pr. krav med overskrifter i første række.</span>
        <input
          id="import-file"
          type="file"
          accept=${IMPORT_EXTENSIONS.join(',')}
          aria-describedby="import-file-hint"
          ?disabled=${p !== null}
          @change=${(e: Event) => (this._file = (e.target as HTMLInputElement).files?.[0] ?? null)}
        />
        ${this._file ? html`<span class="hint">Valgt: ${this._file.name} (${formatBytes(this._file.size)})</span>` : nothing}
      </div>
      ${p ? this._renderUploadProgress(p, percent) : nothing}
      <div class="form-actions">
        <button class="button primary" type="submit" ?disabled=${p !== null}>${p ? 'Sender…' : 'Forhåndsvis'}</button>
        ${p ? html`<button class="button" type="button" @click=${() => this._abort?.abort()}>Afbryd</button>` : nothing}
      </div>
    </form>`;
  }

  /** Sending the file, then the server reading it (records handed over) and checking its rows, as the server reports. */
  private _renderUploadProgress(p: UploadProgress, percent: number | undefined) {
    const server = p.processing ? p.server : undefined;
    let label = `Sender ${formatBytes(p.loaded)} af ${formatBytes(p.total)}${percent !== undefined ? ` (${percent} %)` : ''}`;
    if (p.processing) label = 'Filen er sendt. Serveren læser den…';
    if (server?.phase === 'read' && server.total) label = `Serveren læser filen: ${formatNumber(server.done)} af ${plural(server.total, 'række', 'rækker')}`;
    if (server?.phase === 'check') label = `Serveren kontrollerer rækkerne: ${formatNumber(server.done)} af ${plural(server.total, 'række', 'rækker')}`;
    const determinate = server && server.total ? server : !p.processing && percent !== undefined ? { done: percent, total: 100 } : null;
    return html`<div class="progress">
      <label for="upload-progress" class="small">${label}</label>
      ${determinate ? html`<progress id="upload-progress" max=${determinate.total} .value=${determinate.done}></progress>` : html`<progress id="upload-progress"></progress>`}
      <span class="visually-hidden" role="status">${p.processing ? (server?.phase === 'check' ? 'Serveren kontrollerer rækkerne' : 'Serveren læser filen') : ''}</span>
    </div>`;
  }

  private _renderPreview(pv: ImportPreview) {
    const committing = this._commit !== null;
    return html`<div id="preview-step" class="step" tabindex="-1" aria-labelledby="preview-heading">
      <h3 id="preview-heading">2. Forhåndsvisning af ${pv.filename}</h3>
      <p>
        ${FORMAT_NAMES[pv.format] ?? pv.format}${pv.tool ? html`, skrevet af ${pv.tool}` : nothing}${pv.title ? html` – «${pv.title}»` : nothing}.
        <button class="link-button" type="button" ?disabled=${committing} @click=${this._reset}>Vælg en anden fil</button>
      </p>
      <dl class="tiles" aria-label="Optælling" aria-busy=${this._refreshing ? 'true' : 'false'}>
        <div><dt>Rækker med krav</dt><dd>${formatNumber(pv.summary.records)}</dd></div>
        <div><dt>Kan importeres</dt><dd>${formatNumber(pv.summary.valid)}</dd></div>
        <div class=${pv.summary.invalid ? 'bad' : ''}><dt>Med fejl</dt><dd>${formatNumber(pv.summary.invalid)}</dd></div>
        <div><dt>Advarsler</dt><dd>${formatNumber(pv.summary.warnings)}</dd></div>
        <div><dt>Sporingslinks</dt><dd>${formatNumber(pv.summary.links)}</dd></div>
        ${pv.summary.update || pv.summary.unchanged
          ? html`<div><dt>Nye krav</dt><dd>${formatNumber(pv.summary.create)}</dd></div>
              <div><dt>Opdateres</dt><dd>${formatNumber(pv.summary.update)}</dd></div>
              <div><dt>Uændrede</dt><dd>${formatNumber(pv.summary.unchanged)}</dd></div>`
          : nothing}
        ${pv.counts.relations ? html`<div><dt>Relationer i filen</dt><dd>${formatNumber(pv.counts.relations)}</dd></div>` : nothing}
      </dl>
      ${pv.warnings.length
        ? html`<div class="alert warning">
            <p class="alert-title">Om filen</p>
            <ul>
              ${pv.warnings.map((w) => html`<li>${w}</li>`)}
            </ul>
          </div>`
        : nothing}
      ${this._renderColumns(pv)} ${this._renderMapping(pv)} ${this._renderMessages(pv)} ${this._renderRows(pv)} ${this._renderCommit(pv)}
    </div>`;
  }

  private _renderColumns(pv: ImportPreview) {
    return html`<section class="section" aria-labelledby="columns-heading">
      <h4 id="columns-heading">Kolonner og attributter i filen</h4>
      <div class="table-wrap fits">
        <table>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">Type</th>
              <th scope="col" class="num">Udfyldt</th>
              <th scope="col">Eksempler</th>
            </tr>
          </thead>
          <tbody>
            ${pv.columns.map(
              (c) => html`<tr>
                <th scope="row" data-label="Navn">${c.name}</th>
                <td data-label="Type">${c.kinds.join(', ')}</td>
                <td class="num" data-label="Udfyldt">${formatNumber(c.filled)} af ${formatNumber(pv.summary.records)}</td>
                <td class="samples" data-label="Eksempler">${c.samples.join(' · ')}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private _renderMapping(pv: ImportPreview) {
    const mapping = this._mapping ?? pv.mapping;
    const fields = Object.entries(pv.fields) as [ImportField, string][];
    const columns = pv.columns.filter((c) => c.filled > 0);
    return html`<section class="section" aria-labelledby="mapping-heading">
      <h4 id="mapping-heading">3. Hvilken kolonne er hvad?</h4>
      <p class="small muted">Sporbar har foreslået en kobling ud fra navnene. Ret den, hvis filen kalder tingene noget andet; forhåndsvisningen læses igen med det samme.</p>
      <form class="card" @submit=${(e: Event) => e.preventDefault()} aria-busy=${this._refreshing ? 'true' : 'false'}>
        <fieldset>
          <legend>Sporbar-felt ← kolonne i filen</legend>
          <div class="mapping">
            ${fields.map(([field, label]) => {
              const chosen = mapping[field] ?? [];
              const value = chosen.length > 1 ? SEVERAL : (chosen[0] ?? '');
              const several = this._several[field];
              return html`<div class="field">
                <label for="map-${field}">${label}</label>
                <select id="map-${field}" ?disabled=${this._commit !== null} @change=${(e: Event) => this._onMap(field, (e.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${value === ''}>(ikke i filen)</option>
                  ${several ? html`<option value=${SEVERAL} ?selected=${value === SEVERAL}>Flere: ${several.join(', ')}</option>` : nothing}
                  ${columns.map((c) => html`<option value=${c.name} ?selected=${value === c.name}>${c.name}</option>`)}
                </select>
              </div>`;
            })}
          </div>
        </fieldset>
        <fieldset>
          <legend>Når en række ikke selv angiver det</legend>
          <div class="mapping">
            <div class="field">
              <label for="default-kind">Kravtype</label>
              <select id="default-kind" @change=${(e: Event) => this._onDefault({ kind: (e.target as HTMLSelectElement).value as ImportDefaults['kind'] })}>
                ${REQUIREMENT_KINDS.map((k) => html`<option value=${k} ?selected=${k === this._defaults.kind}>${KIND_LABELS[k]}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="default-status">Status</label>
              <select id="default-status" @change=${(e: Event) => this._onDefault({ status: (e.target as HTMLSelectElement).value as ImportDefaults['status'] })}>
                ${REQUIREMENT_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._defaults.status}>${STATUS_LABELS[s]}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="default-tender">Udbudskategori</label>
              <select
                id="default-tender"
                @change=${(e: Event) => this._onDefault({ tenderCategory: ((e.target as HTMLSelectElement).value || null) as ImportDefaults['tenderCategory'] })}
              >
                <option value="" ?selected=${!this._defaults.tenderCategory}>Ingen</option>
                ${TENDER_CATEGORIES.map((t) => html`<option value=${t} ?selected=${t === this._defaults.tenderCategory}>${TENDER_LABELS[t]}</option>`)}
              </select>
            </div>
          </div>
        </fieldset>
        <p class="small muted" role="status">${this._refreshing ? 'Læser filen igen med den nye kobling…' : ''}</p>
      </form>
    </section>`;
  }

  private _renderMessages(pv: ImportPreview) {
    const fieldName = (f: string) => (f === 'row' ? 'Rækken' : (pv.fields[f as ImportField] ?? f));
    return html`<section class="section" aria-labelledby="messages-heading">
      <h4 id="messages-heading">Fejl og advarsler pr. række</h4>
      ${pv.messages.length
        ? html`<div class="table-wrap fits">
              <table>
                <thead>
                  <tr>
                    <th scope="col" class="num">Række</th>
                    <th scope="col">Felt</th>
                    <th scope="col">Alvor</th>
                    <th scope="col">Besked</th>
                  </tr>
                </thead>
                <tbody>
                  ${pv.messages.map(
                    (m) => html`<tr class="message">
                      <td class="num" data-label="Række">${m.row}</td>
                      <td data-label="Felt">${fieldName(m.field)}</td>
                      <td class="severity-${m.severity}" data-label="Alvor">${m.severity === 'error' ? '✕ Fejl' : '▲ Advarsel'}</td>
                      <td data-label="Besked">${m.message}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${pv.messagesTruncated ? html`<p class="small muted">Kun de første ${formatNumber(pv.messages.length)} beskeder vises.</p>` : nothing}`
        : html`<p class="alert success">Alle rækker kan læses uden fejl.</p>`}
    </section>`;
  }

  private _renderRows(pv: ImportPreview) {
    return html`<section class="section" aria-labelledby="rows-heading">
      <h4 id="rows-heading">Sådan læses ${pv.rows.length < pv.summary.records ? `de første ${formatNumber(pv.rows.length)} rækker` : 'rækkerne'}</h4>
      <div class="table-wrap fits">
        <table class="fixed" aria-labelledby="rows-heading">
          <colgroup>
            ${ROW_COLUMNS.map(([, width]) => html`<col style=${`width: ${width}`} />`)}
          </colgroup>
          <thead>
            <tr>
              ${ROW_COLUMNS.map(([name]) => html`<th scope="col" class=${name === 'Række' ? 'num' : ''}>${name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${pv.rows.map((r) => {
              const cells = [
                r.row,
                r.externalId ?? '',
                r.title,
                r.text,
                labelOf(KIND_LABELS, r.kind),
                labelOf(STATUS_LABELS, r.status),
                r.links.map((l) => l.label).join('; '),
                actionText(r, this._onlyValid),
              ];
              return html`<tr>
                ${cells.map((cell, i) => {
                  const name = ROW_COLUMNS[i][0];
                  const cls = name === 'Række' ? 'num' : name === 'Tekst' ? 'text' : name === 'Hvad sker der' && !r.valid ? 'severity-error' : '';
                  return html`<td class=${cls} data-label=${name}>${cell}</td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private _renderCommit(pv: ImportPreview) {
    const c = this._commit;
    const invalid = pv.summary.invalid;
    // Only valid rows are ever imported; with an invalid row and no skipping the server would refuse them all.
    const count = pv.summary.valid;
    const blocked = invalid > 0 && !this._onlyValid;
    const invalidRows = [...new Set(pv.messages.filter((m) => m.severity === 'error').map((m) => m.row))];
    return html`<section class="section card" aria-labelledby="commit-heading">
      <h4 id="commit-heading">4. Importér</h4>
      ${invalid
        ? html`<div class="alert warning">
              <p>
                ${plural(invalid, 'række har', 'rækker har')} fejl (${invalidRows.length === 1 ? 'række' : 'rækkerne'} ${invalidRows.slice(0, 20).join(', ')}${invalidRows.length > 20 ? ' …' : ''}).
                Ret filen og upload den igen, eller importér kun de gyldige rækker. Uden det afvises hele importen, og intet gemmes.
              </p>
            </div>
            <label class="choice"
              ><input type="checkbox" .checked=${this._onlyValid} ?disabled=${c !== null} @change=${(e: Event) => (this._onlyValid = (e.target as HTMLInputElement).checked)} />
              Importér kun de ${formatNumber(pv.summary.valid)} gyldige rækker, og spring resten over</label
            >`
        : nothing}
      ${pv.summary.update || pv.summary.unchanged
        ? html`<p>
            ${plural(pv.summary.create, 'nyt krav oprettes', 'nye krav oprettes')} i ${this.code} (version 1).
            ${plural(pv.summary.update, 'krav, der kendes fra før, får', 'krav, der kendes fra før, får')} en ny version, hvor titel, tekst eller egenskaber er ændret, og de sporingslinks, filen
            tilføjer; links, filen ikke nævner, fjernes ikke. ${plural(pv.summary.unchanged, 'uændret krav røres', 'uændrede krav røres')} ikke. Alt gemmes samlet, eller intet.
          </p>`
        : html`<p>Kravene oprettes i ${this.code} som nye krav (version 1) med sporing til de bestemmelser, lovgrundlaget nævner. Alt gemmes samlet, eller intet.</p>`}
      ${c
        ? html`<div class="progress">
            <label for="commit-progress" class="small">${c.total ? `Importerer… ${formatNumber(c.done)} af ${plural(c.total, 'krav', 'krav')}` : 'Importerer…'}</label>
            ${c.total ? html`<progress id="commit-progress" max=${c.total} .value=${c.done}></progress>` : html`<progress id="commit-progress"></progress>`}
            <span class="visually-hidden" role="status">Importerer</span>
          </div>`
        : nothing}
      <div class="form-actions">
        <button
          class="button primary"
          type="button"
          ?disabled=${c !== null || this._refreshing || !count || blocked}
          aria-describedby=${blocked && count ? 'commit-blocked' : nothing}
          @click=${this._onCommit}
        >
          ${c ? 'Importerer…' : `Importér ${plural(count, 'krav', 'krav')}`}
        </button>
        ${blocked && count
          ? html`<span class="small muted" id="commit-blocked">Vælg at springe rækkerne med fejl over, eller ret filen og upload den igen.</span>`
          : nothing}
      </div>
    </section>`;
  }

  private _renderResult(r: ImportResult) {
    const code = encodeURIComponent(this.code);
    return html`<section class="result card" tabindex="-1" aria-labelledby="result-heading">
      <div class="alert success" role="status">
        <p class="alert-title" id="result-heading">
          ${r.updated || r.unchanged
            ? `${plural(r.created, 'nyt krav', 'nye krav')} og ${plural(r.updated, 'opdateret krav', 'opdaterede krav')} fra ${r.filename}`
            : `${plural(r.created, 'krav importeret', 'krav importeret')} fra ${r.filename}`}
        </p>
        <p>
          ${plural(r.links, 'sporingslink', 'sporingslinks')} oprettet.${r.unchanged ? ` ${plural(r.unchanged, 'krav var uændret', 'krav var uændrede')}.` : ''}
          ${r.skipped ? html`${plural(r.skipped, 'række', 'rækker')} sprunget over (${r.skippedRows.join(', ')}).` : nothing}
        </p>
      </div>
      <div class="table-wrap">
        <table>
          <caption>
            ${r.updated ? 'De nye og opdaterede krav' : 'De nye krav'}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">Række</th>
              <th scope="col">Krav</th>
              <th scope="col">Id i filen</th>
            </tr>
          </thead>
          <tbody>
            ${[...r.requirements, ...r.updatedRequirements].sort((a, b) => a.row - b.row).map(
              (x) => html`<tr>
                <td class="num">${x.row}</td>
                <td><a class="id" href="/krav/${encodeURIComponent(x.humanId)}">${x.humanId}</a></td>
                <td>${x.externalId ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="form-actions">
        <a class="button primary" href="/krav?solution=${code}">Se kravene</a>
        <a class="button" href="/loesninger/${code}/sporbarhed">Sporbarhedsmatrix</a>
        <button class="button" type="button" @click=${this._reset}>Importér en fil mere</button>
      </div>
    </section>`;
  }

  private _reset() {
    this._abort?.abort();
    this._file = null;
    this._upload = null;
    this._preview = null;
    this._mapping = null;
    this._several = {};
    this._defaults = { kind: 'proces', status: 'udkast', tenderCategory: null };
    this._onlyValid = false;
    this._commit = null;
    this._result = null;
    this._error = null;
  }

  private async _showError(err: unknown) {
    this._error = toApiError(err);
    await this.updateComplete;
    this._errorEl?.focus();
  }

  private async _onUpload(e: Event) {
    e.preventDefault();
    if (this._upload) return;
    this._error = null;
    if (!this._file) {
      await this._showError(new ApiError(400, 'invalid', 'Vælg en fil først.', [{ field: 'file', message: `Vælg en fil af typen ${IMPORT_EXTENSIONS.join(', ')}` }]));
      return;
    }
    this._abort = new AbortController();
    this._upload = { loaded: 0, total: this._file.size, processing: false };
    try {
      const preview = await uploadForPreview(this.code, this._file, (p) => (this._upload = p), this._abort.signal);
      this._preview = preview;
      this._mapping = preview.mapping;
      this._defaults = preview.defaults;
      this._several = Object.fromEntries(Object.entries(preview.suggestedMapping).filter(([, cols]) => cols.length > 1));
      await this.updateComplete;
      this._previewEl?.focus();
    } catch (err) {
      await this._showError(err);
    } finally {
      this._upload = null;
    }
  }

  private _onMap(field: ImportField, value: string) {
    const columns = value === '' ? [] : value === SEVERAL ? (this._several[field] ?? []) : [value];
    this._mapping = { ...(this._mapping ?? this._preview!.mapping), [field]: columns };
    void this._refresh();
  }

  private _onDefault(change: Partial<ImportDefaults>) {
    this._defaults = { ...this._defaults, ...change };
    void this._refresh();
  }

  /** Reads the file again through the current mapping; a later change wins over an earlier answer. */
  private async _refresh() {
    if (!this._preview || !this._mapping) return;
    const generation = ++this._refreshGeneration;
    this._refreshing = true;
    this._error = null;
    try {
      const preview = await refreshPreview(this.code, this._preview.token, this._mapping, this._defaults);
      if (generation === this._refreshGeneration) this._preview = preview;
    } catch (err) {
      if (generation === this._refreshGeneration) await this._showError(err);
    } finally {
      if (generation === this._refreshGeneration) this._refreshing = false;
    }
  }

  private async _onCommit() {
    const pv = this._preview;
    if (!pv || !this._mapping || this._commit) return;
    this._error = null;
    this._commit = { done: 0, total: 0 };
    try {
      const result = await commitImport(
        this.code,
        { token: pv.token, mapping: this._mapping, defaults: this._defaults, onlyValid: this._onlyValid },
        (p) => (this._commit = p),
      );
      this._result = result;
      this._commit = null;
      await this.updateComplete;
      this._resultEl?.focus();
    } catch (err) {
      this._commit = null;
      await this._showError(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-solution-import': SbSolutionImport;
  }
}
