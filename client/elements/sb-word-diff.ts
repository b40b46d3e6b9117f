// A word diff: added words in <ins>, removed in <del>; underline and strike-through, not only colour,
// and spoken cues for screen readers, which do not announce <ins>/<del> by themselves.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base } from '../styles/shared.js';

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** Which text to show: both merged (inline), or only the old or the new side (for side-by-side columns). */
export type DiffSide = 'both' | 'old' | 'new';

/** The look of <ins> and <del>, for elements that render word diffs with renderWordDiff in their own shadow root. */
export const wordDiffStyles = css`
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
  /* A replaced word: keep the struck-out and the new word apart. */
  del + ins,
  ins + del {
    margin-left: 0.2em;
  }
`;

/** Does the diff change anything on that side? */
export function hasChanges(parts: DiffPart[], side: DiffSide = 'both'): boolean {
  return parts.some((p) => (side !== 'new' && p.removed) || (side !== 'old' && p.added));
}

/**
 * The parts as text with <ins>/<del>. On one side only, the other side's words are left out, so the old
 * column reads as the old text with its deletions struck through, and the new one with its insertions marked.
 */
export function renderWordDiff(parts: DiffPart[], side: DiffSide = 'both') {
  return parts.map((p) =>
    p.added
      ? side === 'old'
        ? nothing
        : html`<ins><span class="visually-hidden">[tilføjet: </span>${p.value}<span class="visually-hidden">]</span></ins>`
      : p.removed
        ? side === 'new'
          ? nothing
          : html`<del><span class="visually-hidden">[fjernet: </span>${p.value}<span class="visually-hidden">]</span></del>`
        : p.value,
  );
}

@customElement('sb-word-diff')
export class SbWordDiff extends LitElement {
  static override styles = [
    base,
    wordDiffStyles,
    css`
      :host {
        display: block;
      }
      .diff {
        white-space: pre-wrap;
        line-height: 1.7;
      }
      .unchanged {
        color: var(--sb-color-text-muted);
        font-style: italic;
      }
    `,
  ];

  @property({ attribute: false }) parts: DiffPart[] = [];
  /** `old` or `new` shows one side of the diff, for a column of a side-by-side view. */
  @property() side: DiffSide = 'both';

  override render() {
    if (this.side === 'both' && !hasChanges(this.parts)) {
      return html`<div class="diff">${this.parts.map((p) => p.value).join('')}</div>
        <p class="unchanged small">Uændret</p>`;
    }
    return html`<div class="diff">${renderWordDiff(this.parts, this.side)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-word-diff': SbWordDiff;
  }
}
