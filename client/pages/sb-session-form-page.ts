// Nyt faggruppemøde: solution, title, date, the period the budget frame covers, the frame, and the participants
// with their role at the meeting (the project manager as chair, faggruppe members, KL), picked from the people
// who may assess in the solution or typed by username.
import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import {
  BUDGET_UNITS,
  PARTICIPANT_ROLES,
  PARTICIPANT_ROLE_LABELS,
  agendaBuilderHref,
  createSession,
  mayTakePart,
  type BudgetUnit,
  type ParticipantRole,
} from '../api/sessions.js';
import { listSolutionMembers, listSolutions, type SolutionMember, type SolutionSummary } from '../api/solutions.js';
import { ROLE_LABELS } from '../api/users.js';
import { readNumberField } from '../app/number.js';
import { Resource, toApiError } from '../app/resource.js';
import { largeType, largeTypePreferred, scalableControls } from '../elements/sb-session-styles.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

interface ParticipantRow {
  key: number;
  username: string;
  role: ParticipantRole;
  /** The username was typed (or »Anden bruger« chosen): the row keeps its text field even if the name is on the list. */
  typed: boolean;
}

/** The pick-list's choice for typing a username; no username can look like this. */
const OTHER_USER = '*anden*';

const FIELD_NAMES: Record<string, string> = {
  solution: 'Løsning',
  title: 'Titel',
  date: 'Mødedato',
  periodEnd: 'Perioden slutter',
  budgetAmount: 'Budgetramme',
  budgetUnit: 'Enhed',
  participants: 'Deltagere',
};

/** "participants.2.username" → "Deltager 3: brugernavn", so the summary names the row. */
function fieldName(field: string): string {
  const m = /^participants\.(\d+)\.(username|role)$/.exec(field);
  if (m) return `Deltager ${Number(m[1]) + 1}: ${m[2] === 'role' ? 'rolle' : 'brugernavn'}`;
  return FIELD_NAMES[field] ?? field;
}

/** "Fatima Faggruppe (faggruppe), Faggruppemedlem": the name people know, the username the server takes, the roles. */
function memberLabel(m: SolutionMember): string {
  return `${m.displayName} (${m.username}), ${m.roles.map((r) => ROLE_LABELS[r]).join(' og ')}`;
}

@customElement('sb-session-form-page')
export class SbSessionFormPage extends PageElement {
  static override styles = [
    base,
    scalableControls,
    largeType,
    css`
      form.card {
        max-width: 56rem;
      }
      .dates {
        display: grid;
        grid-template-columns: 1fr 1fr minmax(7rem, 0.8fr) minmax(8rem, 0.7fr);
        gap: 0 var(--sb-space-4);
        align-items: start;
      }
      @media (max-width: 44rem) {
        .dates {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
      @media (max-width: 30rem) {
        .dates {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .participants {
        list-style: none;
        margin: 0 0 var(--sb-space-3);
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--sb-space-2);
      }
      .participants li {
        display: grid;
        grid-template-columns: 2rem minmax(10rem, 2fr) minmax(10rem, 1.5fr) auto;
        gap: var(--sb-space-3);
        align-items: end;
      }
      .participants .field {
        margin: 0;
      }
      /* On a phone each participant is a small block: person, role, then the remove button. */
      @media (max-width: 40rem) {
        .participants li {
          grid-template-columns: 2rem minmax(0, 1fr);
          align-items: start;
          padding-bottom: var(--sb-space-3);
          border-bottom: 1px solid var(--sb-color-border);
        }
        .participants li > :not(.n) {
          grid-column: 2;
        }
        .participants li > button {
          justify-self: start;
        }
      }
      .participants .n {
        font-weight: 700;
        color: var(--sb-color-text-muted);
        padding-bottom: var(--sb-space-2);
      }
      .summary ul {
        margin: var(--sb-space-2) 0 0;
        padding-left: var(--sb-space-5);
      }
    `,
  ];

  /** The solution from `?solution=`. */
  @property() solution = '';
  @property({ type: Boolean, reflect: true }) large = largeTypePreferred();

  @state() private _solutionCode = '';
  @state() private _title = '';
  @state() private _date = '';
  @state() private _periodEnd = '';
  @state() private _budget = '';
  @state() private _unit: BudgetUnit = 'timer';
  @state() private _rows: ParticipantRow[] = [];
  @state() private _error: ApiError | null = null;
  @state() private _saving = false;

  private _nextKey = 1;
  private _solutions = new Resource<SolutionSummary[]>(this);
  /** The people of the chosen solution, offered as participants. */
  private _members = new Resource<{ solution: string; members: SolutionMember[] }>(this);

  @query('.summary') private _summary?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    this._solutions.load(async () => (await listSolutions()).items);
  }

  protected override firstUpdated(): void {
    this._chooseSolution(this.solution);
    const me = this.user;
    this._rows = [
      ...(me && this.may('session.manage', this.solution || null) ? [{ key: this._nextKey++, username: me.username, role: 'formand' as const, typed: false }] : []),
      { key: this._nextKey++, username: '', role: 'faggruppe', typed: false },
    ];
  }

  override updated(): void {
    this.setTitle('Nyt faggruppemøde');
  }

  override render() {
    const manageable = (this._solutions.value ?? []).filter((s) => this.may('session.manage', s.code));
    const backHref = this._solutionCode ? `/moeder?solution=${encodeURIComponent(this._solutionCode)}` : '/moeder';
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/moeder">Faggruppemøder</a></li>
          <li><span aria-current="page">Nyt faggruppemøde</span></li>
        </ol>
      </nav>
      <div class="page-header"><h1 tabindex="-1">Nyt faggruppemøde</h1></div>
      ${this.may('session.manage')
        ? this._renderForm(manageable, backHref)
        : html`<div class="alert warning" role="alert"><p>Kun projektledere og administratorer kan oprette faggruppemøder.</p></div>`}`;
  }

  private _renderForm(manageable: SolutionSummary[], backHref: string) {
    return html`${this._renderSummary()}
      <form class="card" @submit=${this._onSubmit} novalidate>
        ${this._field('solution', 'Løsning', html`<select id="solution" aria-invalid=${this._invalid('solution')} aria-describedby=${this._describedBy('solution')} @change=${(e: Event) => this._chooseSolution((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._solutionCode}>Vælg løsning</option>
            ${manageable.map((s) => html`<option value=${s.code} ?selected=${s.code === this._solutionCode}>${s.name} (${s.code})</option>`)}
          </select>`)}
        ${this._field('title', 'Titel', html`<input id="title" type="text" maxlength="200" placeholder="fx Faggruppemøde december 2026" aria-invalid=${this._invalid('title')} aria-describedby=${this._describedBy('title')} .value=${this._title} @input=${(e: Event) => (this._title = (e.target as HTMLInputElement).value)} />`)}
        <div class="dates">
          ${this._field('date', 'Mødedato', html`<input id="date" type="date" aria-invalid=${this._invalid('date')} aria-describedby=${this._describedBy('date')} .value=${this._date} @input=${(e: Event) => (this._date = (e.target as HTMLInputElement).value)} />`)}
          ${this._field(
            'periodEnd',
            'Perioden slutter',
            html`<input id="periodEnd" type="date" aria-invalid=${this._invalid('periodEnd')} aria-describedby=${this._describedBy('periodEnd', 'periodEnd-hint')} .value=${this._periodEnd} @input=${(e: Event) => (this._periodEnd = (e.target as HTMLInputElement).value)} />`,
            html`<span class="hint" id="periodEnd-hint">Lovvedligehold med frist til og med denne dato er Must efter lovkrav.</span>`,
          )}
          ${this._field('budgetAmount', 'Budgetramme', html`<input id="budgetAmount" type="text" inputmode="decimal" aria-invalid=${this._invalid('budgetAmount')} aria-describedby=${this._describedBy('budgetAmount')} .value=${this._budget} @input=${(e: Event) => (this._budget = (e.target as HTMLInputElement).value)} />`)}
            ${this._field('budgetUnit', 'Enhed', html`<select id="budgetUnit" @change=${(e: Event) => (this._unit = (e.target as HTMLSelectElement).value as BudgetUnit)}>
                ${BUDGET_UNITS.map((u) => html`<option value=${u} ?selected=${u === this._unit}>${u === 'timer' ? 'Timer' : 'Kroner'}</option>`)}
              </select>`)}
        </div>
        ${this._renderParticipants()}
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${this._saving}>${this._saving ? 'Opretter…' : 'Opret møde'}</button>
          <a href=${backHref}>Annullér</a>
        </div>
      </form>`;
  }

  private _chooseSolution(code: string) {
    this._solutionCode = code;
    if (code) this._members.load(async () => ({ solution: code, members: (await listSolutionMembers(code)).items }));
  }

  private _invalid(field: string) {
    return this._error?.fieldMessage(field) ? 'true' : 'false';
  }

  private _describedBy(field: string, hint?: string) {
    const ids = [hint, this._error?.fieldMessage(field) ? `${field.replace(/\./g, '-')}-error` : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  private _errorFor(field: string) {
    const message = this._error?.fieldMessage(field);
    return message ? html`<p class="field-error" id="${field.replace(/\./g, '-')}-error">${message}</p>` : nothing;
  }

  private _field(field: string, label: string, control: unknown, hint: unknown = nothing) {
    return html`<div class="field">
      <label for=${field}>${label}</label>
      ${control} ${hint} ${this._errorFor(field)}
    </div>`;
  }

  /** Who may take part in the chosen solution's sessions, once loaded; null while there is no list to pick from. */
  private _pickable(): SolutionMember[] | null {
    const loaded = this._members.value;
    if (!this._solutionCode || loaded?.solution !== this._solutionCode) return null;
    const members = loaded.members.filter(mayTakePart);
    return members.length ? members : null;
  }

  private _participantsHint(pickable: SolutionMember[] | null) {
    const intro = 'Formanden er løsningens projektleder. Deltagerne skal være faggruppemedlemmer eller projektledere i løsningen; KL-repræsentanten vurderer som de andre.';
    if (pickable) return `${intro} Vælg hver deltager på listen, eller vælg »Anden bruger« og skriv brugernavnet.`;
    if (this._solutionCode && this._members.state.status === 'error') return `${intro} Løsningens brugere kunne ikke hentes; skriv brugernavnene.`;
    if (!this._solutionCode) return `${intro} Vælg løsningen for at vælge deltagerne på en liste.`;
    return intro;
  }

  private _renderParticipants() {
    const pickable = this._pickable();
    return html`<fieldset aria-describedby="participants-hint${this._error?.fieldMessage('participants') ? ' participants-error' : ''}">
      <legend>Deltagere</legend>
      <p class="hint" id="participants-hint">${this._participantsHint(pickable)}</p>
      ${this._errorFor('participants')}
      <ol class="participants">
        ${this._rows.map(
          (row, i) => html`<li>
            <span class="n" aria-hidden="true">${i + 1}.</span>
            ${this._renderPerson(row, i, pickable)}
            <div class="field">
              <label for="participants.${i}.role">Deltager ${i + 1}: rolle</label>
              <select
                id="participants.${i}.role"
                aria-invalid=${this._invalid(`participants.${i}.role`)}
                aria-describedby=${this._describedBy(`participants.${i}.role`)}
                @change=${(e: Event) => this._setRow(row.key, { role: (e.target as HTMLSelectElement).value as ParticipantRole })}
              >
                ${PARTICIPANT_ROLES.map((r) => html`<option value=${r} ?selected=${r === row.role}>${PARTICIPANT_ROLE_LABELS[r]}</option>`)}
              </select>
              ${this._errorFor(`participants.${i}.role`)}
            </div>
            <button class="button small danger" type="button" @click=${() => this._removeRow(row.key)}>Fjern deltager ${i + 1}</button>
          </li>`,
        )}
      </ol>
      <button class="button" id="add-participant" type="button" @click=${this._addRow}>+ Tilføj deltager</button>
    </fieldset>`;
  }

  /**
   * The person of one row: a native select of the solution's people (plus »Anden bruger«, which shows a text field
   * for the username after it), or only the text field while there is no list. The field the server's errors name
   * (participants.N.username) is whichever control holds the username.
   */
  private _renderPerson(row: ParticipantRow, i: number, pickable: SolutionMember[] | null) {
    const field = `participants.${i}.username`;
    const usernameInput = html`<label for=${field}>Deltager ${i + 1}: brugernavn</label>
      <input
        id=${field}
        type="text"
        autocomplete="off"
        aria-invalid=${this._invalid(field)}
        aria-describedby=${this._describedBy(field)}
        .value=${row.username}
        @input=${(e: Event) => this._setRow(row.key, { username: (e.target as HTMLInputElement).value, typed: true })}
      />`;
    if (!pickable) return html`<div class="field">${usernameInput} ${this._errorFor(field)}</div>`;
    // A username typed earlier, or kept from another solution, that is not on this list stays typed.
    const typed = row.typed || (row.username !== '' && !pickable.some((m) => m.username === row.username));
    const selectId = typed ? `participants.${i}.person` : field;
    return html`<div class="field">
      <label for=${selectId}>Deltager ${i + 1}: person</label>
      <select
        id=${selectId}
        aria-invalid=${typed ? 'false' : this._invalid(field)}
        aria-describedby=${typed ? nothing : this._describedBy(field)}
        @change=${(e: Event) => this._pickPerson(row.key, (e.target as HTMLSelectElement).value)}
      >
        <option value="" .selected=${!typed && row.username === ''}>Vælg deltager</option>
        ${pickable.map((m) => html`<option value=${m.username} .selected=${!typed && m.username === row.username}>${memberLabel(m)}</option>`)}
        <option value=${OTHER_USER} .selected=${typed}>Anden bruger (skriv brugernavnet)</option>
      </select>
      ${typed ? usernameInput : nothing} ${this._errorFor(field)}
    </div>`;
  }

  private _pickPerson(key: number, value: string) {
    this._setRow(key, value === OTHER_USER ? { typed: true, username: '' } : { typed: false, username: value });
  }

  private _setRow(key: number, change: Partial<ParticipantRow>) {
    this._rows = this._rows.map((r) => (r.key === key ? { ...r, ...change } : r));
  }

  private async _addRow() {
    this._rows = [...this._rows, { key: this._nextKey++, username: '', role: 'faggruppe', typed: false }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[id="participants.${this._rows.length - 1}.username"]`)?.focus();
  }

  private async _removeRow(key: number) {
    this._rows = this._rows.filter((r) => r.key !== key);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#add-participant')?.focus();
  }

  private _renderSummary() {
    const e = this._error;
    if (!e) return nothing;
    return html`<div class="alert error summary" role="alert" tabindex="-1">
      <p class="alert-title">Mødet blev ikke oprettet</p>
      <p>${e.message}</p>
      ${e.fields.length
        ? html`<ul>
            ${e.fields.map((f) => html`<li>${fieldName(f.field)}: ${f.message}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  private async _onSubmit(e: Event) {
    e.preventDefault();
    const read = readNumberField(this._budget, { min: 0 });
    const budget = read.value ?? Number.NaN;
    const local: { field: string; message: string }[] = [];
    if (!this._solutionCode) local.push({ field: 'solution', message: 'Vælg løsningen' });
    if (read.message !== undefined || read.value === null) local.push({ field: 'budgetAmount', message: read.message ?? 'Skriv budgetrammen som et tal' });
    this._rows.forEach((r, i) => {
      if (!r.username.trim()) local.push({ field: `participants.${i}.username`, message: 'Vælg deltageren eller skriv brugernavnet, eller fjern deltageren' });
    });
    if (local.length) {
      this._error = new ApiError(400, 'invalid', 'Udfyld de markerede felter', local);
      await this.updateComplete;
      this._summary?.focus();
      return;
    }
    this._saving = true;
    try {
      const session = await createSession({
        solution: this._solutionCode,
        title: this._title,
        date: this._date,
        periodEnd: this._periodEnd,
        budgetAmount: budget,
        budgetUnit: this._unit,
        participants: this._rows.map((r) => ({ username: r.username.trim(), role: r.role })),
      });
      this.go(agendaBuilderHref(session.id));
    } catch (err) {
      this._error = toApiError(err);
      await this.updateComplete;
      this._summary?.focus();
    } finally {
      this._saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-session-form-page': SbSessionFormPage;
  }
}
