// Registrér ændringsforslag: solution, class (with what it means and who decides), the proposal, its deadline
// and estimate, and the requirements and provisions it concerns.
import { css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  CHANGE_CLASSES,
  CHANGE_REQUEST_NUMBERS,
  CLASS_EXPLANATIONS,
  CLASS_LABELS,
  changeRequestHref,
  createChangeRequest,
  type ChangeClass,
} from '../api/change-requests.js';
import { ApiError, type FieldError } from '../api/http.js';
import { listSolutions, type SolutionSummary } from '../api/solutions.js';
import { listSources, type ProvisionHit, type SourceSummary } from '../api/sources.js';
import { FormErrors, errorSummaryStyles, type SummaryField } from '../app/form-errors.js';
import { sourceName } from '../app/format.js';
import { readNumberFields } from '../app/number.js';
import { Resource } from '../app/resource.js';
import type { PickedRequirement } from '../elements/sb-requirement-picker.js';
import { provisionId } from '../elements/sb-provision-search.js';
import '../elements/sb-provision-search.js';
import '../elements/sb-requirement-picker.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

interface Draft {
  solution: string;
  class: ChangeClass | '';
  title: string;
  description: string;
  proposer: string;
  deadline: string;
  estimateHours: string;
  estimateDkk: string;
  priority: string;
}

/** The form's fields in screen order, for the error summary. */
const FIELDS: SummaryField[] = [
  ['solution', 'Løsning'],
  ['class', 'Klasse'],
  ['title', 'Titel'],
  ['description', 'Beskrivelse'],
  ['proposer', 'Forslagsstiller'],
  ['deadline', 'Frist'],
  ['estimateHours', 'Estimat i timer'],
  ['estimateDkk', 'Estimat i kroner'],
  ['priority', 'Prioritet'],
  ['requirements', 'Berørte krav'],
  ['provisions', 'Berørte bestemmelser'],
];


@customElement('sb-change-request-form-page')
export class SbChangeRequestFormPage extends PageElement {
  static override styles = [
    base,
    errorSummaryStyles,
    css`
      form.card {
        max-width: 56rem;
      }
      .classes {
        display: grid;
        gap: var(--sb-space-2);
      }
      .class-option {
        display: flex;
        gap: var(--sb-space-3);
        padding: var(--sb-space-3) var(--sb-space-4);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius);
        cursor: pointer;
      }
      .class-option:hover {
        border-color: var(--sb-color-primary);
      }
      .class-option:has(input:checked) {
        border-color: var(--sb-color-primary);
        background: var(--sb-color-primary-soft);
        box-shadow: inset 4px 0 0 var(--sb-color-primary);
      }
      .class-option input {
        width: 1.15rem;
        height: 1.15rem;
        margin-top: 0.2rem;
        flex: none;
        accent-color: var(--sb-color-primary);
      }
      .class-name {
        font-weight: 700;
      }
      .class-text {
        display: block;
        font-size: var(--sb-font-size-sm);
        margin-top: 2px;
      }
      .class-decides {
        display: block;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .three {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0 var(--sb-space-4);
      }
      @media (max-width: 40rem) {
        .three {
          grid-template-columns: 1fr;
        }
      }
      textarea#description {
        min-height: 9rem;
      }
      fieldset.group {
        border-top: 1px solid var(--sb-color-border);
        padding-top: var(--sb-space-4);
        margin-top: var(--sb-space-5);
      }
      fieldset.group > legend {
        font-size: var(--sb-font-size-lg);
        float: left;
        width: 100%;
        margin-bottom: var(--sb-space-1);
      }
      fieldset.group > legend + * {
        clear: both;
      }
      .required {
        color: var(--sb-color-danger);
        font-weight: 700;
      }
      .provisions {
        list-style: none;
        margin: 0 0 var(--sb-space-3);
        padding: 0;
        display: grid;
        gap: var(--sb-space-2);
      }
      .provisions li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--sb-space-3);
        padding: var(--sb-space-2) var(--sb-space-3);
        border: 1px solid var(--sb-color-border);
        border-left: 4px solid var(--sb-color-primary);
        border-radius: var(--sb-radius);
      }
    `,
  ];

  /** The solution to start with, from `?solution=`. */
  @property() solution = '';

  @state() private _draft: Draft = { solution: '', class: '', title: '', description: '', proposer: '', deadline: '', estimateHours: '', estimateDkk: '', priority: '' };
  @state() private _requirements: PickedRequirement[] = [];
  @state() private _provisions: ProvisionHit[] = [];
  @state() private _saving = false;

  private _solutions = new Resource<SolutionSummary[]>(this);
  private _sources = new Resource<SourceSummary[]>(this);
  private _errors = new FormErrors(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.setTitle('Registrér ændringsforslag');
    this._solutions.load(async () => (await listSolutions()).items);
    this._sources.load(async () => (await listSources()).items);
    this._draft = { ...this._draft, proposer: this.user?.displayName ?? '' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('solution')) this._draft = { ...this._draft, solution: this.solution };
  }

  /** Only the solutions the user may propose changes to. */
  private get _allowedSolutions(): SolutionSummary[] {
    return (this._solutions.value ?? []).filter((s) => this.may('change_request.create', s.code));
  }

  override render() {
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/aendringsforslag">Ændringsforslag</a></li>
          <li><span aria-current="page">Registrér</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <h1 tabindex="-1">Registrér ændringsforslag</h1>
          <p class="lead">Beskriv ændringen, og vælg den klasse i styringsmodellen, der passer. Klassen afgør, hvem der beslutter.</p>
        </div>
      </div>
      ${this.may('change_request.create')
        ? html`${this._renderSummary()} ${this._renderForm()}`
        : html`<div class="alert warning" role="alert"><p>Du har ikke rettighed til at registrere ændringsforslag. Projektledere, kravredaktører, faggruppemedlemmer, leverandører og kommuner kan.</p></div>`}`;
  }

  private _set(key: keyof Draft) {
    return (e: Event) => {
      this._draft = { ...this._draft, [key]: (e.target as HTMLInputElement).value };
    };
  }

  private _renderForm() {
    const d = this._draft;
    const solution = this._errors.field('solution');
    const title = this._errors.field('title');
    const description = this._errors.field('description', 'description-hint');
    const proposer = this._errors.field('proposer', 'proposer-hint');
    const deadline = this._errors.field('deadline', 'deadline-hint');
    const hours = this._errors.field('estimateHours');
    const dkk = this._errors.field('estimateDkk');
    const priority = this._errors.field('priority', 'priority-hint');
    const lovvedligehold = d.class === 'lovvedligehold';
    return html`<form class="card" @submit=${this._onSubmit} novalidate>
      <div class="field">
        <label for="solution">Løsning</label>
        <select id="solution" required aria-invalid=${solution.invalid} aria-describedby=${solution.describedBy} @change=${this._onSolution}>
          <option value="" ?selected=${!d.solution}>Vælg løsning</option>
          ${this._allowedSolutions.map((s) => html`<option value=${s.code} ?selected=${s.code === d.solution}>${s.name} (${s.code})</option>`)}
        </select>
        ${solution.message}
      </div>
      ${this._renderClasses()}
      <div class="field">
        <label for="title">Titel</label>
        <input id="title" type="text" required maxlength="300" aria-invalid=${title.invalid} aria-describedby=${title.describedBy} .value=${d.title} @input=${this._set('title')} />
        ${title.message}
      </div>
      <div class="field">
        <label for="description">Beskrivelse</label>
        <span class="hint" id="description-hint">Hvad skal ændres, og hvorfor? Hvem har behovet?</span>
        <textarea id="description" aria-invalid=${description.invalid} aria-describedby=${description.describedBy} .value=${d.description} @input=${this._set('description')}></textarea>
        ${description.message}
      </div>
      <div class="field">
        <label for="proposer">Forslagsstiller</label>
        <span class="hint" id="proposer-hint">Fx en kommune, lovovervågningen, leverandøren eller projektet.</span>
        <input id="proposer" type="text" required maxlength="200" aria-invalid=${proposer.invalid} aria-describedby=${proposer.describedBy} .value=${d.proposer} @input=${this._set('proposer')} />
        ${proposer.message}
      </div>
      <div class="field">
        <label for="deadline">Frist${lovvedligehold ? html` <span class="required">(skal udfyldes)</span>` : html` <span class="muted">(valgfri)</span>`}</label>
        <span class="hint" id="deadline-hint"
          >${lovvedligehold ? 'For lovvedligehold er fristen den dato, loven træder i kraft.' : 'Den dato, ændringen senest skal være gennemført.'}</span
        >
        <input
          id="deadline"
          type="date"
          ?required=${lovvedligehold}
          aria-required=${lovvedligehold ? 'true' : 'false'}
          aria-invalid=${deadline.invalid}
          aria-describedby=${deadline.describedBy}
          .value=${d.deadline}
          @change=${this._set('deadline')}
        />
        ${deadline.message}
      </div>
      <fieldset class="group">
        <legend>Estimat og prioritet <span class="muted small">(valgfrit)</span></legend>
        <div class="three">
          <div class="field">
            <label for="estimateHours">Estimat i timer</label>
            <input id="estimateHours" type="text" inputmode="decimal" aria-invalid=${hours.invalid} aria-describedby=${hours.describedBy} .value=${d.estimateHours} @input=${this._set('estimateHours')} />
            ${hours.message}
          </div>
          <div class="field">
            <label for="estimateDkk">Estimat i kroner</label>
            <input id="estimateDkk" type="text" inputmode="numeric" aria-invalid=${dkk.invalid} aria-describedby=${dkk.describedBy} .value=${d.estimateDkk} @input=${this._set('estimateDkk')} />
            ${dkk.message}
          </div>
          <div class="field">
            <label for="priority">Prioritet</label>
            <input id="priority" type="text" inputmode="numeric" aria-invalid=${priority.invalid} aria-describedby=${priority.describedBy} .value=${d.priority} @input=${this._set('priority')} />
            <span class="hint" id="priority-hint">1 er højest.</span>
            ${priority.message}
          </div>
        </div>
      </fieldset>
      <fieldset class="group">
        <legend>Berørte krav</legend>
        <sb-requirement-picker
          .solution=${d.solution}
          .selected=${this._requirements}
          @sb-requirements-change=${(e: CustomEvent<PickedRequirement[]>) => (this._requirements = e.detail)}
        ></sb-requirement-picker>
        ${this._errors.field('requirements').message}
      </fieldset>
      <fieldset class="group">
        <legend>Berørte bestemmelser</legend>
        ${this._renderProvisions()}
      </fieldset>
      <div class="form-actions">
        <button class="button primary" type="submit" ?disabled=${this._saving}>${this._saving ? 'Registrerer…' : 'Registrér ændringsforslag'}</button>
        <a class="button" href="/aendringsforslag">Annullér</a>
      </div>
    </form>`;
  }

  private _renderClasses() {
    const error = this._errors.field('class');
    return html`<fieldset aria-describedby=${error.describedBy}>
      <legend>Klasse</legend>
      <div class="classes">
        ${CHANGE_CLASSES.map((c) => {
          const explanation = CLASS_EXPLANATIONS[c];
          return html`<label class="class-option">
            <input type="radio" name="class" value=${c} .checked=${this._draft.class === c} aria-describedby="class-${c}-text" @change=${() => (this._draft = { ...this._draft, class: c })} />
            <span>
              <span class="class-name">${CLASS_LABELS[c]}</span>
              <!-- The explanation is the radio's description, not part of its name. -->
              <span class="class-text" id="class-${c}-text" aria-hidden="true">${explanation.meaning} <span class="class-decides">Beslutter: ${explanation.decides}</span></span>
            </span>
          </label>`;
        })}
      </div>
      ${error.message}
    </fieldset>`;
  }

  private _renderProvisions() {
    return html`${this._provisions.length
        ? html`<ul class="provisions" aria-label="Valgte bestemmelser" aria-live="polite">
            ${this._provisions.map(
              (p) => html`<li>
                <span><strong>${sourceName(p.source)} ${p.label}</strong> <span class="muted small">${p.shortName}</span></span>
                <button class="button small" type="button" @click=${() => this._removeProvision(p)}>Fjern<span class="visually-hidden"> ${sourceName(p.source)} ${p.label}</span></button>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted small" aria-live="polite">Ingen bestemmelser valgt. Søg og vælg de bestemmelser, ændringen vedrører.</p>`}
      ${this._errors.field('provisions').message}
      <sb-provision-search .sources=${this._sources.value ?? []} @sb-provision-select=${this._onProvision}></sb-provision-search>`;
  }

  private _onSolution(e: Event) {
    const code = (e.target as HTMLSelectElement).value;
    if (code !== this._draft.solution) this._requirements = [];
    this._draft = { ...this._draft, solution: code };
  }

  private _onProvision(e: CustomEvent<ProvisionHit>) {
    const hit = e.detail;
    const id = provisionId(hit.source.id, hit.key);
    if (!this._provisions.some((p) => provisionId(p.source.id, p.key) === id)) this._provisions = [...this._provisions, hit];
  }

  private _removeProvision(p: ProvisionHit) {
    this._provisions = this._provisions.filter((x) => x !== p);
  }

  private _renderSummary() {
    return this._errors.summary('Ændringsforslaget blev ikke registreret', FIELDS, (field) => this._fieldElement(field));
  }

  /** The radio group's first option, and the pickers' search inputs inside their own shadow roots. */
  private _fieldElement(field: string) {
    return field === 'class'
      ? this.renderRoot.querySelector<HTMLElement>('input[name="class"]')
      : field === 'requirements'
        ? this.renderRoot.querySelector('sb-requirement-picker')?.shadowRoot?.querySelector<HTMLElement>('input')
        : field === 'provisions'
          ? this.renderRoot.querySelector('sb-provision-search')?.shadowRoot?.querySelector<HTMLElement>('input')
          : this.renderRoot.querySelector<HTMLElement>(`#${field}`);
  }

  /** What the browser can tell before asking the server: a missing choice, or a number that is not one or is ambiguous. */
  private _localErrors(): FieldError[] {
    const d = this._draft;
    const errors: FieldError[] = [];
    if (!d.solution) errors.push({ field: 'solution', message: 'Vælg en løsning' });
    if (!d.class) errors.push({ field: 'class', message: 'Vælg en klasse' });
    errors.push(...readNumberFields(d, CHANGE_REQUEST_NUMBERS).errors);
    return errors;
  }

  private async _onSubmit(e: Event) {
    e.preventDefault();
    if (this._saving) return;
    const local = this._localErrors();
    if (local.length) {
      await this._errors.show(new ApiError(0, 'invalid', 'Ret felterne nedenfor.', local));
      return;
    }
    const d = this._draft;
    const numbers = readNumberFields(d, CHANGE_REQUEST_NUMBERS).values;
    this._saving = true;
    this._errors.error = null;
    try {
      const created = await createChangeRequest({
        solution: d.solution,
        class: d.class as ChangeClass,
        title: d.title.trim(),
        description: d.description.trim(),
        proposer: d.proposer.trim(),
        deadline: d.deadline || null,
        ...numbers,
        requirements: this._requirements.map((r) => r.humanId),
        provisions: this._provisions.map((p) => ({ sourceId: p.source.id, provisionKey: p.key })),
      });
      this.go(changeRequestHref(created.humanId));
    } catch (err) {
      await this._errors.show(err);
    } finally {
      this._saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-change-request-form-page': SbChangeRequestFormPage;
  }
}

