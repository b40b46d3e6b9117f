// A word diff: added words in <ins>, removed in <del>; underline and strike-through, not only colour,
// and spoken cues for screen readers, which do not announce <ins>/<del> by themselves.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles/shared.js';

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

@customElement('sb-word-diff')
export class SbWordDiff extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .diff {
        white-space: pre-wrap;
        line-height: 1.7;
      }
      ins {
        background: var(--sb-color-ins-bg);
        color: var(--sb-color-ins);
        text-decoration: underline;
        text-decoration-thickness: 2px;
        border-radius: 2px;
        padding: 0 1px;
      }
      del {
        background: var(--sb-color-del-bg);
        color: var(--sb-color-del);
        text-decoration: line-through;
        text-decoration-thickness: 2px;
        border-radius: 2px;
        padding: 0 1px;
      }
      .unchanged {
        color: var(--sb-color-text-muted);
        font-style: italic;
      }
    `,
  ];

  @property({ attribute: false }) parts: DiffPart[] = [];

  override render() {
    if (!this.parts.some((p) => p.added || p.removed)) {
      return html`<div class="diff">${this.parts.map((p) => p.value).join('')}</div>
        <p class="unchanged small">Uændret</p>`;
    }
    return html`<div class="diff">${this.parts.map((p) =>
      p.added
        ? html`<ins><span class="visually-hidden">[tilføjet: </span>${p.value}<span class="visually-hidden">]</span></ins>`
        : p.removed
          ? html`<del><span class="visually-hidden">[fjernet: </span>${p.value}<span class="visually-hidden">]</span></del>`
          : p.value,
    )}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-word-diff': SbWordDiff;
  }
}
