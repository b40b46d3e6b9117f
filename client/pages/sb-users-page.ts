// Brugere (admin): every user with their roles per solution, and creating a new one.
import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { ApiError } from '../api/http.js';
import { listSolutions, type SolutionSummary } from '../api/solutions.js';
import { createUser, listUsers, userHref, type RoleGrant, type UserSummary } from '../api/users.js';
import { fieldError } from '../app/form-errors.js';
import { Resource, toApiError } from '../app/resource.js';
import { grantText } from '../elements/sb-role-editor.js';
import '../elements/sb-badge.js';
import '../elements/sb-role-editor.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const FIELDS: [string, string][] = [
  ['username', 'Brugernavn'],
  ['displayName', 'Navn'],
  ['password', 'Adgangskode'],
  ['roles', 'Roller'],
];

@customElement('sb-users-page')
export class SbUsersPage extends PageElement {
  static override styles = [
    base,
    css`
      .create {
        margin-bottom: var(--sb-space-5);
        max-width: 52rem;
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
      .roles {
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: var(--sb-font-size-sm);
      }
      .username {
        font-family: var(--sb-font-mono);
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .name a {
        font-weight: 600;
      }
      tr.inactive .name a {
        color: var(--sb-color-text-muted);
      }
      .summary:focus,
      .flash:focus {
        outline: none;
      }
      .summary ul {
        margin: var(--sb-space-2) 0 0;
        padding-left: var(--sb-space-5);
      }
    `,
  ];

  private _users = new Resource<UserSummary[]>(this);
  private _solutions = new Resource<SolutionSummary[]>(this);

  @state() private _creating = false;
  @state() private _username = '';
  @state() private _displayName = '';
  @state() private _password = '';
  @state() private _roles: RoleGrant[] = [];
  @state() private _error: ApiError | null = null;
  @state() private _busy = false;
  @state() private _flash = '';
  @query('.summary') private _summary?: HTMLElement;
  @query('.flash') private _flashEl?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setTitle('Brugere');
    if (this.may('users.manage')) this._load();
  }

  private _load() {
    this._users.load(async () => (await listUsers()).items);
    this._solutions.load(async () => (await listSolutions()).items);
  }

  override render() {
    const allowed = this.may('users.manage');
    return html`<div class="page-header">
        <div>
          <span class="eyebrow">Administration</span>
          <h1 tabindex="-1">Brugere</h1>
          <p class="lead">Brugere og deres roller. En rolle gælder i én løsning eller i alle løsninger.</p>
        </div>
        ${allowed
          ? html`<button class="button primary" type="button" aria-expanded=${this._creating ? 'true' : 'false'} aria-controls="create-panel" @click=${this._toggleCreate}>
              ${this._creating ? 'Luk' : '+ Opret bruger'}
            </button>`
          : nothing}
      </div>
      ${allowed
        ? html`${this._flash ? html`<div class="alert success flash" role="status" tabindex="-1"><p>${this._flash}</p></div>` : nothing}
            <div id="create-panel" ?hidden=${!this._creating}>${this._creating ? this._renderCreate() : nothing}</div>
            ${this._renderList()}`
        : html`<div class="alert warning" role="alert"><p>Kun administratorer kan se og rette brugere.</p></div>`}`;
  }

  private _renderList() {
    const state = this._users.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const users = this._users.value;
    if (!users) return html`<sb-loading label="Henter brugere…"></sb-loading>`;
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Brugere</caption>
        <thead>
          <tr>
            <th scope="col">Bruger</th>
            <th scope="col">Roller</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          ${users.map(
            (u) => html`<tr class=${u.active ? '' : 'inactive'}>
              <td class="name">
                <a href=${userHref(u.username)}>${u.displayName}</a>
                <div class="username">${u.username}</div>
              </td>
              <td>
                ${u.roles.length
                  ? html`<ul class="roles">
                      ${u.roles.map((g) => html`<li>${grantText(g)}</li>`)}
                    </ul>`
                  : html`<span class="muted">Ingen roller</span>`}
              </td>
              <td>
                ${u.active ? html`<sb-badge tone="success">Aktiv</sb-badge>` : html`<sb-badge tone="neutral">Deaktiveret</sb-badge>`}
                ${u.demo ? html`<sb-badge tone="warning">Demobruger</sb-badge>` : nothing}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _renderCreate() {
    const username = fieldError(this._error, 'username', 'username-hint');
    const displayName = fieldError(this._error, 'displayName', 'displayName-hint');
    const password = fieldError(this._error, 'password', 'password-hint');
    const rolesError = this._error?.fields.filter((f) => f.field.startsWith('roles')).map((f) => f.message).join('; ') ?? '';
    return html`${this._renderSummary()}
      <form class="card create" aria-labelledby="create-heading" @submit=${this._onCreate} novalidate>
        <h2 id="create-heading">Opret bruger</h2>
        <div class="two">
          <div class="field">
            <label for="username">Brugernavn</label>
            <span class="hint" id="username-hint">Små bogstaver, cifre, punktum, bindestreg eller understreg.</span>
            <input id="username" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" aria-invalid=${username.invalid} aria-describedby=${username.describedBy} .value=${this._username} @input=${(e: Event) => (this._username = (e.target as HTMLInputElement).value)} />
            ${username.message}
          </div>
          <div class="field">
            <label for="displayName">Navn</label>
            <span class="hint" id="displayName-hint">Som det vises i Sporbar.</span>
            <input id="displayName" type="text" aria-invalid=${displayName.invalid} aria-describedby=${displayName.describedBy} .value=${this._displayName} @input=${(e: Event) => (this._displayName = (e.target as HTMLInputElement).value)} />
            ${displayName.message}
          </div>
        </div>
        <div class="field">
          <label for="password">Adgangskode</label>
          <span class="hint" id="password-hint">Mindst 8 tegn. Giv den til brugeren ad en sikker vej.</span>
          <input id="password" type="password" autocomplete="new-password" aria-invalid=${password.invalid} aria-describedby=${password.describedBy} .value=${this._password} @input=${(e: Event) => (this._password = (e.target as HTMLInputElement).value)} />
          ${password.message}
        </div>
        <fieldset>
          <legend>Roller</legend>
          <sb-role-editor .roles=${this._roles} .solutions=${this._solutions.value ?? []} .error=${rolesError} @sb-roles-change=${(e: CustomEvent<RoleGrant[]>) => (this._roles = e.detail)}></sb-role-editor>
        </fieldset>
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${this._busy}>${this._busy ? 'Opretter…' : 'Opret bruger'}</button>
          <button class="button" type="button" @click=${this._toggleCreate}>Annullér</button>
        </div>
      </form>`;
  }

  private _renderSummary() {
    const err = this._error;
    if (!err) return nothing;
    const known = FIELDS.filter(([f]) => err.fields.some((x) => x.field === f || x.field.startsWith(`${f}.`)));
    return html`<div class="alert error summary" role="alert" tabindex="-1">
      <p class="alert-title">Brugeren blev ikke oprettet</p>
      <p>${err.message}</p>
      ${known.length
        ? html`<ul>
            ${known.map(([f, name]) => html`<li>${name}: ${err.fields.filter((x) => x.field === f || x.field.startsWith(`${f}.`)).map((x) => x.message).join('; ')}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  private async _toggleCreate() {
    this._creating = !this._creating;
    this._error = null;
    this._flash = '';
    if (this._creating) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#username')?.focus();
    }
  }

  private async _onCreate(e: Event) {
    e.preventDefault();
    if (this._busy) return;
    this._busy = true;
    this._error = null;
    try {
      const created = await createUser({ username: this._username.trim(), displayName: this._displayName.trim(), password: this._password, roles: this._roles });
      this._creating = false;
      this._username = '';
      this._displayName = '';
      this._password = '';
      this._roles = [];
      this._users.set((await listUsers()).items);
      this._flash = `Brugeren ${created.username} er oprettet.`;
      await this.updateComplete;
      this._flashEl?.focus();
    } catch (err) {
      this._error = toApiError(err);
      this._password = '';
      await this.updateComplete;
      this._summary?.focus();
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-users-page': SbUsersPage;
  }
}
