// Opret/rediger krav: one form for both. An edit names the version it started from, so a colleague's
// save in the meantime is refused (409) instead of silently overwritten.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  KIND_LABELS,
  REQUIREMENT_KINDS,
  REQUIREMENT_STATUSES,
  STATUS_LABELS,
  TENDER_CATEGORIES,
  TENDER_LABELS,
  createRequirement,
  getRequirement,
  updateRequirement,
  type RequirementDetail,
  type RequirementDraft,
} from '../api/requirements.js';
import { listSolutions, type SolutionSummary } from '../api/solutions.js';
import { FormErrors, errorSummaryStyles, type SummaryField } from '../app/form-errors.js';
import { Resource } from '../app/resource.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const EMPTY_DRAFT: RequirementDraft = { title: '', text: '', kind: 'regel', status: 'udkast', tenderCategory: null, nonLegal: false, reason: '' };

/** The form's fields in screen order, so the error summary lists them the way the user meets them. */
const FIELDS: SummaryField[] = [
  ['solution', 'Løsning'],
  ['title', 'Titel'],
  ['text', 'Kravtekst'],
  ['kind', 'Type'],
  ['status', 'Status'],
  ['tenderCategory', 'Udbudskategori', 'tender'],
  ['nonLegal', 'Ikke lovbestemt'],
  ['reason', 'Begrundelse'],
];

function draftOf(r: RequirementDetail): RequirementDraft {
  return {
    title: r.title,
    text: r.text,
    kind: r.kind as RequirementDraft['kind'],
    status: r.status as RequirementDraft['status'],
    tenderCategory: (r.tenderCategory ?? null) as RequirementDraft['tenderCategory'],
    nonLegal: r.nonLegal,
    reason: '',
  };
}

@customElement('sb-requirement-form-page')
export class SbRequirementFormPage extends PageElement {
  static override styles = [
    base,
    errorSummaryStyles,
    css`
      form.card {
        max-width: 52rem;
      }
      .two {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0 var(--sb-space-4);
      }
      @media (max-width: 40rem) {
        .two {
          grid-template-columns: 1fr;
        }
      }
      textarea#text {
        min-height: 12rem;
      }
      details {
        margin-top: var(--sb-space-3);
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      .unsaved {
        white-space: pre-wrap;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        padding: var(--sb-space-3);
        margin-top: var(--sb-space-2);
      }
    `,
  ];

  /** Set when editing; empty when creating. */
  @property() humanId = '';
  /** The solution a new requirement belongs to, from `?solution=`. */
  @property() solution = '';

  @state() private _draft: RequirementDraft = { ...EMPTY_DRAFT };
  @state() private _solutionCode = '';
  @state() private _saving = false;
  /** What the user had typed when a save was refused as a conflict, kept so nothing is lost on reload. */
  @state() private _unsaved: RequirementDraft | null = null;
  /** The version this edit started from. */
  private _version = 0;

  private _requirement = new Resource<RequirementDetail>(this);
  private _solutions = new Resource<SolutionSummary[]>(this);
  private _errors = new FormErrors(this);

  private get _editing() {
    return Boolean(this.humanId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('humanId') && this.humanId) this._loadRequirement();
    if (changed.has('solution') && !this.humanId) {
      this._solutionCode = this.solution;
      if (!this._solutions.value) this._solutions.load(async () => (await listSolutions()).items);
    }
  }

  override updated(): void {
    this.setTitle(this._editing ? `Rediger ${this.humanId}` : 'Opret krav');
  }

  private async _loadRequirement() {
    const r = await this._requirement.load(() => getRequirement(this.humanId));
    if (r) {
      this._draft = draftOf(r);
      this._version = r.version;
    }
  }

  override render() {
    const r = this._requirement.value;
    const heading = this._editing ? `Rediger ${this.humanId}` : 'Opret krav';
    const backHref = this._editing ? `/krav/${encodeURIComponent(this.humanId)}` : this._solutionCode ? `/krav?solution=${encodeURIComponent(this._solutionCode)}` : '/krav';
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/krav">Krav</a></li>
          ${this._editing ? html`<li><a href=${backHref}>${this.humanId}</a></li>` : nothing}
          <li><span aria-current="page">${this._editing ? 'Rediger' : 'Opret krav'}</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          ${this._editing && r ? html`<span class="eyebrow">${r.solutionName} · version ${this._version}</span>` : nothing}
          <h1 tabindex="-1">${heading}</h1>
        </div>
      </div>
      ${!this.may('requirement.write', this._editing ? (r?.solution ?? null) : this._solutionCode || null)
        ? html`<div class="alert warning" role="alert"><p>Kun kravredaktion og administratorer kan oprette og rette krav.</p></div>`
        : this._editing && this._requirement.state.status === 'error'
        ? html`<sb-error-alert .error=${this._requirement.state.error} retry @sb-retry=${this._loadRequirement}></sb-error-alert>`
        : this._editing && !r
          ? html`<sb-loading label="Henter krav…"></sb-loading>`
          : this._renderForm(backHref)}`;
  }

  private _renderForm(backHref: string) {
    const d = this._draft;
    const set =
      <K extends keyof RequirementDraft>(key: K, read: (el: HTMLInputElement) => RequirementDraft[K]) =>
      (e: Event) => {
        this._draft = { ...this._draft, [key]: read(e.target as HTMLInputElement) };
      };
    const title = this._errors.field('title');
    const text = this._errors.field('text', 'text-hint');
    const kind = this._errors.field('kind');
    const status = this._errors.field('status');
    const tender = this._errors.field('tenderCategory');
    const reason = this._errors.field('reason', 'reason-hint');
    const solution = this._errors.field('solution');
    return html`${this._renderSummary()} ${this._unsaved ? this._renderUnsaved(this._unsaved) : nothing}
      <form class="card" @submit=${this._onSubmit} novalidate>
        ${this._editing
          ? nothing
          : html`<div class="field">
              <label for="solution">Løsning</label>
              <select id="solution" required aria-invalid=${solution.invalid} aria-describedby=${solution.describedBy} @change=${(e: Event) => (this._solutionCode = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this._solutionCode}>Vælg løsning</option>
                ${(this._solutions.value ?? []).map((s) => html`<option value=${s.code} ?selected=${s.code === this._solutionCode}>${s.name} (${s.code})</option>`)}
              </select>
              ${solution.message}
            </div>`}
        <div class="field">
          <label for="title">Titel</label>
          <input id="title" type="text" required maxlength="300" aria-invalid=${title.invalid} aria-describedby=${title.describedBy} .value=${d.title} @input=${set('title', (el) => el.value)} />
          ${title.message}
        </div>
        <div class="field">
          <label for="text">Kravtekst</label>
          <span class="hint" id="text-hint">Skriv kravet, så leverandøren kan læse det: hvad løsningen skal kunne, ikke hvordan.</span>
          <textarea id="text" required aria-invalid=${text.invalid} aria-describedby=${text.describedBy} .value=${d.text} @input=${set('text', (el) => el.value)}></textarea>
          ${text.message}
        </div>
        <div class="two">
          <div class="field">
            <label for="kind">Type</label>
            <select id="kind" aria-invalid=${kind.invalid} aria-describedby=${kind.describedBy} @change=${set('kind', (el) => el.value as RequirementDraft['kind'])}>
              ${REQUIREMENT_KINDS.map((k) => html`<option value=${k} ?selected=${k === d.kind}>${KIND_LABELS[k]}</option>`)}
            </select>
            ${kind.message}
          </div>
          <div class="field">
            <label for="status">Status</label>
            <select id="status" aria-invalid=${status.invalid} aria-describedby=${status.describedBy} @change=${set('status', (el) => el.value as RequirementDraft['status'])}>
              ${REQUIREMENT_STATUSES.map((s) => html`<option value=${s} ?selected=${s === d.status}>${STATUS_LABELS[s]}</option>`)}
            </select>
            ${status.message}
          </div>
          <div class="field">
            <label for="tender">Udbudskategori</label>
            <select
              id="tender"
              aria-invalid=${tender.invalid}
              aria-describedby=${tender.describedBy}
              @change=${set('tenderCategory', (el) => (el.value || null) as RequirementDraft['tenderCategory'])}
            >
              <option value="" ?selected=${!d.tenderCategory}>Ingen</option>
              ${TENDER_CATEGORIES.map((t) => html`<option value=${t} ?selected=${t === d.tenderCategory}>${TENDER_LABELS[t]}</option>`)}
            </select>
            ${tender.message}
          </div>
        </div>
        <div class="choice">
          <input id="nonLegal" type="checkbox" aria-describedby="nonLegal-hint" .checked=${d.nonLegal} @change=${set('nonLegal', (el) => el.checked)} />
          <div>
            <label for="nonLegal">Ikke lovbestemt</label>
            <div class="hint" id="nonLegal-hint">Kravet bygger ikke på lovgivning (fx et brugervenlighedskrav) og skal derfor ikke spores til en bestemmelse.</div>
          </div>
        </div>
        <div class="field section">
          <label for="reason">${this._editing ? 'Begrundelse for ændringen' : 'Begrundelse (valgfri)'}</label>
          <span class="hint" id="reason-hint">${this._editing ? 'Gemmes i kravets historik, fx «Tilpasset lovændring pr. 1. juli».' : 'Fx hvor kravet kommer fra. Gemmes i kravets historik.'}</span>
          <input
            id="reason"
            type="text"
            ?required=${this._editing}
            aria-invalid=${reason.invalid}
            aria-describedby=${reason.describedBy}
            .value=${d.reason}
            @input=${set('reason', (el) => el.value)}
          />
          ${reason.message}
        </div>
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${this._saving}>
            ${this._saving ? 'Gemmer…' : this._editing ? 'Gem ny version' : 'Opret krav'}
          </button>
          <a class="button" href=${backHref}>Annullér</a>
        </div>
      </form>`;
  }

  private _renderSummary() {
    const err = this._errors.error;
    if (err?.status === 409 && this._editing) {
      return html`<div class="alert warning summary" role="alert" tabindex="-1">
        <p class="alert-title">Kravet er ændret af en anden</p>
        <p>${err.message}</p>
        <p>Dine ændringer er ikke gemt. Hent den nyeste version, og indarbejd dine ændringer i den.</p>
        <p><button class="button small" type="button" @click=${this._reloadAfterConflict}>Hent nyeste version</button></p>
      </div>`;
    }
    return this._errors.summary(this._editing ? 'Ændringen blev ikke gemt' : 'Kravet blev ikke oprettet', FIELDS);
  }

  private _renderUnsaved(u: RequirementDraft) {
    return html`<details class="alert info" open>
      <summary>Dine ændringer, der ikke blev gemt</summary>
      <p class="small">Kopiér det, du vil beholde, ind i formularen nedenfor.</p>
      <div class="unsaved"><strong>${u.title}</strong>\n\n${u.text}</div>
    </details>`;
  }

  private async _onSubmit(e: Event) {
    e.preventDefault();
    if (this._saving) return;
    this._saving = true;
    this._errors.error = null;
    const draft = { ...this._draft, title: this._draft.title.trim(), text: this._draft.text.trim(), reason: this._draft.reason.trim() };
    try {
      const saved = this._editing
        ? await updateRequirement(this.humanId, this._version, draft)
        : await createRequirement(this._solutionCode, draft);
      this._unsaved = null;
      this.go(`/krav/${encodeURIComponent(saved.humanId)}`);
    } catch (err) {
      await this._errors.show(err);
    } finally {
      this._saving = false;
    }
  }

  private async _reloadAfterConflict() {
    this._unsaved = { ...this._draft };
    this._errors.error = null;
    await this._loadRequirement();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-requirement-form-page': SbRequirementFormPage;
  }
}
