// The search field in the header: Enter (or the button) opens the results page /sog?q=….
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { navigate } from '../app/router.js';

/**
 * @fires sb-navigate - To the results page, when a search is submitted (see navigate).
 */
@customElement('sb-search-box')
export class SbSearchBox extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      padding: var(--sb-space-2) 0;
    }
    form {
      display: flex;
      width: 100%;
      /* Narrower than the field's 16rem when the header is (a phone). */
      min-width: 0;
    }
    input {
      font: inherit;
      min-width: 0;
      width: 16rem;
      max-width: 100%;
      flex: 1;
      padding: var(--sb-space-1) var(--sb-space-3);
      min-height: 2.25rem;
      border: 1px solid var(--sb-color-on-header-muted);
      border-right: none;
      border-radius: var(--sb-radius) 0 0 var(--sb-radius);
      background: var(--sb-color-surface);
      color: var(--sb-color-text);
    }
    button {
      font: inherit;
      font-weight: 600;
      font-size: var(--sb-font-size-sm);
      padding: var(--sb-space-1) var(--sb-space-3);
      color: var(--sb-color-on-header);
      background: rgb(255 255 255 / 12%);
      border: 1px solid var(--sb-color-on-header-muted);
      border-radius: 0 var(--sb-radius) var(--sb-radius) 0;
      cursor: pointer;
    }
    button:hover {
      background: rgb(255 255 255 / 20%);
    }
    :focus-visible {
      outline: var(--sb-focus-ring);
      outline-color: var(--sb-focus-color-inverse);
      outline-offset: var(--sb-focus-offset);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `;

  /** The search shown in the field (the current one, on the results page). */
  @property() value = '';

  @query('input') private _input!: HTMLInputElement;

  override render() {
    return html`<form role="search" aria-label="Søg i Sporbar" @submit=${this._onSubmit}>
      <label class="visually-hidden" for="q">Søg efter krav, ændringsforslag, bestemmelser, møder og baselines</label>
      <input id="q" type="search" name="q" .value=${this.value} placeholder="Søg: ord, KY-0042 eller § 24, stk. 2" autocomplete="off" maxlength="200" />
      <button type="submit">Søg</button>
    </form>`;
  }

  private _onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const q = this._input.value.trim();
    if (!q) {
      this._input.focus();
      return;
    }
    navigate(this, `/sog?q=${encodeURIComponent(q)}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-search-box': SbSearchBox;
  }
}
