// The page for an address the client does not know.
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PageElement } from './page-element.js';

@customElement('sb-not-found-page')
export class SbNotFoundPage extends PageElement {
  @property() path = '';

  override render() {
    return html`<h1 tabindex="-1">Siden findes ikke</h1>
      <p>Der er ingen side på adressen <code>${this.path}</code>.</p>
      <p><a href="/">Gå til forsiden</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-not-found-page': SbNotFoundPage;
  }
}
