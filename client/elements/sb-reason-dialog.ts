// A modal that asks why before a destructive step (removing a trace link); the reason goes to the audit trail.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { base } from '../styles/shared.js';

/**
 * @slot - Optional fields the step needs besides the reason (e.g. the provisions a lovudredning concerns).
 * @fires sb-confirm - The user confirmed; `detail.reason` is the trimmed reason.
 * @fires sb-cancel - The user closed the dialog without confirming.
 */
@customElement('sb-reason-dialog')
export class SbReasonDialog extends LitElement {
  static override styles = [
    base,
    css`
      dialog {
        border: none;
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-5);
        width: min(36rem, calc(100vw - 2rem));
        box-shadow: 0 10px 40px rgb(16 41 75 / 30%);
        color: var(--sb-color-text);
      }
      dialog::backdrop {
        background: rgb(16 41 75 / 45%);
      }
      h2 {
        font-size: var(--sb-font-size-xl);
      }
    `,
  ];

  @property() heading = 'Angiv en begrundelse';
  @property() description = '';
  @property() confirmLabel = 'Bekræft';
  @property() reasonLabel = 'Begrundelse';
  /** 'danger' for a destructive step (the default), 'primary' for a step forward such as an approval. */
  @property() confirmTone: 'danger' | 'primary' = 'danger';
  /** Set by the owner while the confirmed action runs, so the button cannot be pressed twice. */
  @property({ type: Boolean }) busy = false;
  /** A message from the server to show inside the dialog. */
  @property() error = '';

  @state() private _reason = '';
  @state() private _missing = false;
  @query('dialog') private _dialog!: HTMLDialogElement;
  @query('textarea') private _textarea!: HTMLTextAreaElement;

  /** Opens the dialog empty and moves focus to the reason field. */
  async open(): Promise<void> {
    this._reason = '';
    this._missing = false;
    this.error = '';
    await this.updateComplete;
    this._dialog.showModal();
    this._textarea.focus();
  }

  close(): void {
    this._dialog?.close();
  }

  override render() {
    const errorText = this._missing ? 'Skriv en begrundelse' : this.error;
    return html`<dialog aria-labelledby="heading" @cancel=${this._onCancel}>
      <form @submit=${this._onSubmit} novalidate>
        <h2 id="heading">${this.heading}</h2>
        ${this.description ? html`<p>${this.description}</p>` : nothing}
        <slot></slot>
        <div class="field">
          <label for="reason">${this.reasonLabel}</label>
          <textarea
            id="reason"
            rows="3"
            required
            aria-invalid=${errorText ? 'true' : 'false'}
            aria-describedby=${errorText ? 'reason-error' : nothing}
            .value=${this._reason}
            @input=${(e: Event) => (this._reason = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${errorText ? html`<p class="field-error" id="reason-error">${errorText}</p>` : nothing}
        </div>
        <div class="form-actions">
          <button class="button ${this.confirmTone}" type="submit" ?disabled=${this.busy}>${this.busy ? 'Arbejder…' : this.confirmLabel}</button>
          <button class="button" type="button" @click=${this._onCancel}>Annullér</button>
        </div>
      </form>
    </dialog>`;
  }

  private _onSubmit(e: Event) {
    e.preventDefault();
    const reason = this._reason.trim();
    this._missing = !reason;
    if (!reason) {
      this._textarea.focus();
      return;
    }
    this.dispatchEvent(new CustomEvent('sb-confirm', { detail: { reason }, bubbles: true, composed: true }));
  }

  private _onCancel(e: Event) {
    e.preventDefault();
    this.close();
    this.dispatchEvent(new CustomEvent('sb-cancel', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-reason-dialog': SbReasonDialog;
  }
}
