// Log ind: shown in place of any page while there is no session, so the user lands where they were going.
import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { ApiError } from '../api/http.js';
import { login, type Me } from '../api/session.js';
import { toApiError } from '../app/resource.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

/**
 * @fires sb-logged-in - Login succeeded; `detail` is the user.
 */
@customElement('sb-login-page')
export class SbLoginPage extends PageElement {
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        justify-content: center;
        padding-top: var(--sb-space-6);
      }
      .card {
        width: min(26rem, 100%);
      }
      .summary:focus {
        outline: none;
      }
      button[type='submit'] {
        width: 100%;
      }
    `,
  ];

  /** Shown above the form when the session ran out mid-work. */
  @state() private _error: ApiError | null = null;
  @state() private _busy = false;
  @state() private _username = '';
  @state() private _password = '';
  @query('.summary') private _summary?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setTitle('Log ind');
  }

  override render() {
    const userError = this._error?.fieldMessage('username');
    const passError = this._error?.fieldMessage('password');
    return html`<form class="card" @submit=${this._onSubmit} novalidate>
      <h1 tabindex="-1">Log ind</h1>
      <p class="muted">Log ind for at se og redigere krav og sporing.</p>
      ${this._error
        ? html`<div class="alert error summary" role="alert" tabindex="-1"><p>${this._error.message}</p></div>`
        : nothing}
      <div class="field">
        <label for="username">Brugernavn</label>
        <input
          id="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          required
          aria-invalid=${userError ? 'true' : 'false'}
          aria-describedby=${userError ? 'username-error' : nothing}
          .value=${this._username}
          @input=${(e: Event) => (this._username = (e.target as HTMLInputElement).value)}
        />
        ${userError ? html`<p class="field-error" id="username-error">${userError}</p>` : nothing}
      </div>
      <div class="field">
        <label for="password">Adgangskode</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          required
          aria-invalid=${passError ? 'true' : 'false'}
          aria-describedby=${passError ? 'password-error' : nothing}
          .value=${this._password}
          @input=${(e: Event) => (this._password = (e.target as HTMLInputElement).value)}
        />
        ${passError ? html`<p class="field-error" id="password-error">${passError}</p>` : nothing}
      </div>
      <button class="button primary" type="submit" ?disabled=${this._busy}>${this._busy ? 'Logger ind…' : 'Log ind'}</button>
    </form>`;
  }

  private async _onSubmit(e: Event) {
    e.preventDefault();
    if (this._busy) return;
    this._busy = true;
    this._error = null;
    try {
      const me: Me = await login(this._username.trim(), this._password);
      this.dispatchEvent(new CustomEvent<Me>('sb-logged-in', { detail: me, bubbles: true, composed: true }));
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
    'sb-login-page': SbLoginPage;
  }
  interface HTMLElementEventMap {
    'sb-logged-in': CustomEvent<Me>;
  }
}
