// How a provision changed between two versions (ændret, tilføjet, ophævet, omnummereret), as a label whose
// word and sign carry the meaning and whose colour only repeats it.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

export type ChangeKind = 'changed' | 'added' | 'removed' | 'renumbered' | 'formal';

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  changed: 'Ændret',
  added: 'Tilføjet',
  removed: 'Ophævet',
  renumbered: 'Omnummereret',
  formal: 'Kun form',
};

const SIGNS: Record<ChangeKind, string> = { changed: '±', added: '+', removed: '−', renumbered: '↷', formal: '≈' };

@customElement('sb-change-badge')
export class SbChangeBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      vertical-align: middle;
    }
    span {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      padding: 0.05rem 0.55rem;
      border-radius: var(--sb-radius);
      border: 1px solid currentColor;
      font-size: var(--sb-font-size-xs);
      font-weight: 650;
      line-height: 1.5;
      white-space: nowrap;
    }
    .sign {
      border: none;
      padding: 0;
      font-weight: 800;
    }
    .changed {
      color: var(--sb-color-warning);
      background: var(--sb-color-warning-soft);
    }
    .added {
      color: var(--sb-color-success);
      background: var(--sb-color-success-soft);
    }
    .removed {
      color: var(--sb-color-danger);
      background: var(--sb-color-danger-soft);
    }
    .renumbered {
      color: var(--sb-color-primary);
      background: var(--sb-color-primary-soft);
    }
    .formal {
      color: var(--sb-color-neutral);
      background: var(--sb-color-neutral-soft);
      border-style: dashed;
    }
  `;

  @property({ reflect: true }) kind: ChangeKind = 'changed';

  override render() {
    return html`<span class=${this.kind}><span class="sign" aria-hidden="true">${SIGNS[this.kind]}</span>${CHANGE_KIND_LABELS[this.kind] ?? this.kind}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-change-badge': SbChangeBadge;
  }
}
