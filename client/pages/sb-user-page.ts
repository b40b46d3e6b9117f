// Én bruger (admin): name and roles, a new password, deactivation, and the user's audit trail.
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { listSolutions, type SolutionSummary } from '../api/solutions.js';
import { listUsers, updateUser, type RoleGrant, type UserSummary } from '../api/users.js';
import { Resource, toApiError } from '../app/resource.js';
import type { SbAuditHistory } from '../elements/sb-audit-history.js';
import '../elements/sb-audit-history.js';
import '../elements/sb-badge.js';
import '../elements/sb-role-editor.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

type Part = 'profile' | 'password' | 'access';

@customElement('sb-user-page')
export class SbUserPage extends PageElement {
  static override styles = [
    base,
    css`
      .card + .card,
      .card + sb-audit-history {
        margin-top: var(--sb-space-5);
      }
      form.card,
      section.card {
        max-width: 52rem;
      }
      .password-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--sb-space-3);
        align-items: start;
      }
      .password-row .field {
        flex: 1 1 12rem;
      }
      .password-row .button {
        margin-top: 1.85rem;
      }
      .flash:focus,
      .summary:focus {
        outline: none;
      }
      sb-audit-history {
        margin-top: var(--sb-space-6);
      }
    `,
  ];

  @property() username = '';

  private _user = new Resource<UserSummary>(this);
  private _solutions = new Resource<SolutionSummary[]>(this);

  @state() private _displayName = '';
  @state() private _roles: RoleGrant[] = [];
  @state() private _password = '';
  @state() private _busy: Part | null = null;
  @state() private _error: { part: Part; error: ApiError } | null = null;
  @state() private _flash: { part: Part; text: string } | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('username') && this.username && this.may('users.manage')) this._load();
  }

  private async _load() {
    this._solutions.load(async () => (await listSolutions()).items);
    const user = await this._user.load(async () => {
      const found = (await listUsers()).items.find((u) => u.username === this.username);
      if (!found) throw new ApiError(404, 'not_found', `Brugeren ${this.username} findes ikke`);
      return found;
    });
    if (user) this._reset(user);
  }

  private _reset(user: UserSummary) {
    this._displayName = user.displayName;
    this._roles = user.roles.map((g) => ({ role: g.role as RoleGrant['role'], solution: g.solution }));
    this._password = '';
    this.setTitle(`${user.displayName} – Brugere`);
  }

  override render() {
    const u = this._user.value;
    const state = this._user.state;
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/admin/brugere">Brugere</a></li>
          <li><span aria-current="page">${this.username}</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <span class="eyebrow mono">${this.username}</span>
          <h1 tabindex="-1">${u ? u.displayName : state.status === 'error' ? `Brugeren ${this.username}` : 'Henter bruger…'}</h1>
        </div>
        ${u ? (u.active ? html`<sb-badge tone="success">Aktiv</sb-badge>` : html`<sb-badge tone="neutral">Deaktiveret</sb-badge>`) : nothing}
      </div>
      ${!this.may('users.manage')
        ? html`<div class="alert warning" role="alert"><p>Kun administratorer kan se og rette brugere.</p></div>`
        : state.status === 'error'
          ? html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`
          : !u
            ? html`<sb-loading label="Henter bruger…"></sb-loading>`
            : html`${this._renderProfile()} ${this._renderPassword()} ${this._renderAccess(u)}
                <sb-audit-history entity-type="user" entity-id=${u.username} heading="Historik"></sb-audit-history>`}`;
  }

  private _message(part: Part) {
    const flash = this._flash?.part === part ? this._flash.text : '';
    const error = this._error?.part === part ? this._error.error : null;
    return html`${flash ? html`<div class="alert success flash" role="status" tabindex="-1"><p>${flash}</p></div>` : nothing}
    ${error && !error.fields.length ? html`<div class="alert error summary" role="alert" tabindex="-1"><p>${error.message}</p></div>` : nothing}`;
  }

  private _fieldError(part: Part, field: string): string {
    const error = this._error?.part === part ? this._error.error : null;
    return error?.fields.filter((f) => f.field === field || f.field.startsWith(`${field}.`)).map((f) => f.message).join('; ') ?? '';
  }

  private _renderProfile() {
    const nameError = this._fieldError('profile', 'displayName');
    return html`<form class="card" aria-labelledby="profile-heading" @submit=${this._onSaveProfile} novalidate>
      <h2 id="profile-heading">Navn og roller</h2>
      ${this._message('profile')}
      <div class="field">
        <label for="displayName">Navn</label>
        <input
          id="displayName"
          type="text"
          aria-invalid=${nameError ? 'true' : 'false'}
          aria-describedby=${nameError ? 'displayName-error' : nothing}
          .value=${this._displayName}
          @input=${(e: Event) => (this._displayName = (e.target as HTMLInputElement).value)}
        />
        ${nameError ? html`<p class="field-error" id="displayName-error">${nameError}</p>` : nothing}
      </div>
      <fieldset>
        <legend>Roller</legend>
        <sb-role-editor
          .roles=${this._roles}
          .solutions=${this._solutions.value ?? []}
          .error=${this._fieldError('profile', 'roles')}
          @sb-roles-change=${(e: CustomEvent<RoleGrant[]>) => (this._roles = e.detail)}
        ></sb-role-editor>
      </fieldset>
      <div class="form-actions">
        <button class="button primary" type="submit" ?disabled=${this._busy === 'profile'}>${this._busy === 'profile' ? 'Gemmer…' : 'Gem navn og roller'}</button>
      </div>
    </form>`;
  }

  private _renderPassword() {
    const error = this._fieldError('password', 'password');
    return html`<form class="card" aria-labelledby="password-heading" @submit=${this._onResetPassword} novalidate>
      <h2 id="password-heading">Nulstil adgangskode</h2>
      ${this._message('password')}
      <p class="muted small">Brugeren logges ud alle steder og skal logge ind med den nye adgangskode.</p>
      <div class="password-row">
        <div class="field">
          <label for="password">Ny adgangskode</label>
          <span class="hint" id="password-hint">Mindst 8 tegn.</span>
          <input
            id="password"
            type="password"
            autocomplete="new-password"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="password-hint ${error ? 'password-error' : ''}"
            .value=${this._password}
            @input=${(e: Event) => (this._password = (e.target as HTMLInputElement).value)}
          />
          ${error ? html`<p class="field-error" id="password-error">${error}</p>` : nothing}
        </div>
        <button class="button" type="submit" ?disabled=${this._busy === 'password'}>${this._busy === 'password' ? 'Gemmer…' : 'Nulstil adgangskode'}</button>
      </div>
    </form>`;
  }

  private _renderAccess(u: UserSummary) {
    const self = u.username === this.user?.username;
    return html`<section class="card" aria-labelledby="access-heading">
      <h2 id="access-heading">Adgang</h2>
      ${this._message('access')}
      ${u.active
        ? html`<p>Brugeren kan logge ind. En deaktiveret bruger logges ud og kan ikke logge ind, før brugeren aktiveres igen; historikken bevares.</p>
            ${self
              ? html`<p class="muted">Du kan ikke deaktivere dig selv.</p>`
              : html`<button class="button danger" type="button" ?disabled=${this._busy === 'access'} @click=${() => this._setActive(false)}>Deaktivér bruger</button>`}`
        : html`<p>Brugeren er deaktiveret og kan ikke logge ind.</p>
            <button class="button primary" type="button" ?disabled=${this._busy === 'access'} @click=${() => this._setActive(true)}>Aktivér bruger</button>`}
    </section>`;
  }

  private async _save(part: Part, patch: Parameters<typeof updateUser>[1], done: string) {
    this._busy = part;
    this._error = null;
    this._flash = null;
    try {
      await updateUser(this.username, patch);
      const fresh = (await listUsers()).items.find((u) => u.username === this.username);
      if (fresh) {
        this._user.set(fresh);
        this._reset(fresh);
      }
      this._flash = { part, text: done };
      this.renderRoot.querySelector<SbAuditHistory>('sb-audit-history')?.reload();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.flash')?.focus();
    } catch (err) {
      this._error = { part, error: toApiError(err) };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.summary, [aria-invalid="true"]')?.focus();
    } finally {
      this._busy = null;
    }
  }

  private _onSaveProfile(e: Event) {
    e.preventDefault();
    if (!this._displayName.trim()) {
      this._error = { part: 'profile', error: new ApiError(0, 'invalid', 'Navnet mangler', [{ field: 'displayName', message: 'Skriv brugerens navn' }]) };
      this.renderRoot.querySelector<HTMLElement>('#displayName')?.focus();
      return;
    }
    this._save('profile', { displayName: this._displayName.trim(), roles: this._roles }, 'Navn og roller er gemt.');
  }

  private _onResetPassword(e: Event) {
    e.preventDefault();
    this._save('password', { password: this._password }, 'Adgangskoden er nulstillet.');
  }

  private _setActive(active: boolean) {
    this._save('access', { active }, active ? 'Brugeren er aktiveret.' : 'Brugeren er deaktiveret og logget ud.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-user-page': SbUserPage;
  }
}
