// The loading state: a quiet spinner with text, announced politely to screen readers.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('sb-loading')
export class SbLoading extends LitElement {
  static override styles = css`
    :host {
      display: block;
      padding: var(--sb-space-5) 0;
      color: var(--sb-color-text-muted);
    }
    div {
      display: flex;
      align-items: center;
      gap: var(--sb-space-3);
    }
    .spinner {
      width: 1.25rem;
      height: 1.25rem;
      border-radius: 50%;
      border: 3px solid var(--sb-color-border);
      border-top-color: var(--sb-color-primary);
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  `;

  /** What is being loaded, e.g. "Henter krav…". */
  @property() label = 'Henter…';

  override render() {
    return html`<div role="status"><span class="spinner" aria-hidden="true"></span>${this.label}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-loading': SbLoading;
  }
}
