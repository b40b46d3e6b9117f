// Shows what went wrong, in the server's own words, with a way to try again.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiError } from '../api/http.js';
import { base } from '../styles/shared.js';

/**
 * @fires sb-retry - The user asked to try the failed action again.
 */
@customElement('sb-error-alert')
export class SbErrorAlert extends LitElement {
  static override styles = base;

  @property({ attribute: false }) error?: ApiError | Error;
  /** The headline above the server's message. */
  @property() heading = 'Noget gik galt';
  /** Offer a "Prøv igen" button that fires sb-retry. */
  @property({ type: Boolean }) retry = false;

  override render() {
    if (!this.error) return nothing;
    const notFound = 'status' in this.error && this.error.status === 404;
    return html`<div class="alert error" role="alert">
      <p class="alert-title">${notFound ? 'Findes ikke' : this.heading}</p>
      <p>${this.error.message}</p>
      ${this.retry && !notFound
        ? html`<p><button class="button small" type="button" @click=${this._retry}>Prøv igen</button></p>`
        : nothing}
    </div>`;
  }

  private _retry() {
    this.dispatchEvent(new CustomEvent('sb-retry', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-error-alert': SbErrorAlert;
  }
}
