// The Eksport tab of a solution: the requirement specification with its traceability appendix, now or as a
// baseline froze it, in the formats tender work and other requirement tools use; large files show their progress.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { listBaselines, type Baseline } from '../api/baselines.js';
import { downloadExport, exportHref, saveBlob, type ExportFormat } from '../api/exchange.js';
import type { ApiError } from '../api/http.js';
import { formatBytes, formatNumber } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import '../elements/sb-error-alert.js';
import { base } from '../styles/shared.js';

const FORMATS: { format: ExportFormat; name: string; what: string }[] = [
  { format: 'xlsx', name: 'XLSX', what: 'Regneark: ét krav pr. række med lovgrundlag, et sporbarhedsark (krav × bestemmelse) og et ark med retskilder og ELI-links.' },
  { format: 'docx', name: 'DOCX', what: 'Word-dokument til udbudsmaterialet: kravene efter type, hvert med lovgrundlag, og et sporbarhedsbilag.' },
  { format: 'html', name: 'HTML', what: 'Samme dokument som én selvstændig HTML-fil, der kan åbnes i enhver browser.' },
  { format: 'reqif', name: 'ReqIF', what: 'ReqIF 1.2 til andre kravværktøjer (DOORS, Polarion m.fl.): krav og bestemmelser som objekter, sporing som relationer.' },
  { format: 'reqifz', name: 'ReqIFz', what: 'Den samme ReqIF-fil pakket som zip.' },
];

interface Download {
  format: ExportFormat;
  received: number;
  abort: AbortController;
}

@customElement('sb-solution-export')
export class SbSolutionExport extends LitElement {
  static override styles = [
    base,
    css`
      .state {
        max-width: 32rem;
      }
      .formats {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
        gap: var(--sb-space-3);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .format {
        display: flex;
        flex-direction: column;
        gap: var(--sb-space-2);
        height: 100%;
      }
      .format h3 {
        margin: 0;
      }
      .format p {
        flex: 1;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin: 0;
      }
      .progress {
        margin-top: var(--sb-space-4);
        max-width: 32rem;
      }
      progress {
        width: 100%;
        height: 0.9rem;
        accent-color: var(--sb-color-primary);
      }
    `,
  ];

  @property() code = '';

  @state() private _baseline = '';
  @state() private _download: Download | null = null;
  @state() private _done: { filename: string; bytes: number; requirements: number; links: number } | null = null;
  @state() private _error: ApiError | null = null;
  private _baselines = new Resource<Baseline[]>(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code')) this._baselines.load(async () => (await listBaselines(this.code)).items);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._download?.abort.abort();
  }

  override render() {
    const busy = this._download !== null;
    return html`<section aria-labelledby="export-heading">
      <h2 id="export-heading">Eksport af kravspecifikationen</h2>
      <p class="lead">Hele kravspecifikationen med sporbarhedsbilag, som den står nu eller som en baseline frøs den.</p>
      <div class="field state section">
        <label for="export-baseline">Tilstand</label>
        <select id="export-baseline" ?disabled=${busy} @change=${(e: Event) => (this._baseline = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this._baseline}>Nu (kravene som de står)</option>
          ${(this._baselines.value ?? []).map((b) => html`<option value=${b.name} ?selected=${b.name === this._baseline}>Baseline: ${b.name}</option>`)}
        </select>
      </div>
      <ul class="formats">
        ${FORMATS.map(
          (f) => html`<li>
            <div class="card format">
              <h3>${f.name}</h3>
              <p>${f.what}</p>
              <div>
                <button class="button ${f.format === 'xlsx' ? 'primary' : ''}" type="button" ?disabled=${busy} @click=${() => this._fetch(f.format)}>
                  Hent ${f.name}
                </button>
              </div>
            </div>
          </li>`,
        )}
      </ul>
      ${this._renderStatus()}
      <p class="small muted section">
        Store løsninger tager nogle sekunder: filen dannes, mens den sendes, og fremdriften vises undervejs. Virker hentningen ikke i din browser, kan du
        bruge den direkte adresse, fx <a href=${exportHref(this.code, 'xlsx', this._baseline || undefined)} download rel="external">XLSX-filen</a>.
      </p>
    </section>`;
  }

  private _renderStatus() {
    const d = this._download;
    if (d) {
      const name = FORMATS.find((f) => f.format === d.format)!.name;
      const label = d.received ? `Danner ${name}-filen… ${formatBytes(d.received)} modtaget` : `Danner ${name}-filen…`;
      return html`<div class="progress">
        <label for="export-progress" class="small">${label}</label>
        <progress id="export-progress"></progress>
        <span class="visually-hidden" role="status">Danner ${name}-filen…</span>
        <p><button class="button small" type="button" @click=${() => d.abort.abort()}>Afbryd</button></p>
      </div>`;
    }
    if (this._error) return html`<div class="section"><sb-error-alert .error=${this._error} heading="Eksporten mislykkedes"></sb-error-alert></div>`;
    if (this._done) {
      const x = this._done;
      return html`<div class="alert success section" role="status">
        <p class="alert-title">${x.filename} er hentet</p>
        <p>${formatNumber(x.requirements)} krav og ${formatNumber(x.links)} sporingslinks, ${formatBytes(x.bytes)}.</p>
      </div>`;
    }
    return nothing;
  }

  private async _fetch(format: ExportFormat) {
    if (this._download) return;
    this._error = null;
    this._done = null;
    const download: Download = { format, received: 0, abort: new AbortController() };
    this._download = download;
    let lastShown = 0;
    try {
      const file = await downloadExport(
        this.code,
        format,
        this._baseline || undefined,
        (received) => {
          // A byte count per chunk would re-render hundreds of times a second; a few times a second reads as progress.
          const now = performance.now();
          if (now - lastShown < 150) return;
          lastShown = now;
          this._download = { ...download, received };
        },
        download.abort.signal,
      );
      saveBlob(file.blob, file.filename);
      this._done = { filename: file.filename, bytes: file.blob.size, requirements: file.requirements, links: file.links };
    } catch (err) {
      this._error = toApiError(err);
    } finally {
      this._download = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-solution-export': SbSolutionExport;
  }
}
