// Where a change request is in its class's lifecycle: the steps taken, the current one, and those still to come.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LifecycleStep, StepState } from '../app/lifecycle.js';
import { base } from '../styles/shared.js';

/** What each step's state is called for a screen reader, since the dots say it only by shape and colour. */
const STATE_TEXT: Record<StepState, string> = {
  done: 'gennemført',
  current: 'nuværende trin',
  upcoming: 'kommende trin',
  rejected: 'afvist',
};

@customElement('sb-lifecycle-stepper')
export class SbLifecycleStepper extends LitElement {
  static override styles = [
    base,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3) 0;
        counter-reset: step;
      }
      li {
        flex: 1 1 9rem;
        position: relative;
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
        gap: var(--sb-space-2);
        padding: 0 var(--sb-space-2);
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        counter-increment: step;
      }
      /* The line to the previous step. */
      li + li::before {
        content: '';
        position: absolute;
        top: 1rem;
        right: calc(50% + 1.25rem);
        left: calc(-50% + 1.25rem);
        border-top: 3px solid var(--sb-color-border);
      }
      li.done + li::before,
      li.done + li.current::before,
      li.done + li.rejected::before {
        border-top-color: var(--sb-color-success);
      }
      .dot {
        width: 2rem;
        height: 2rem;
        border-radius: 50%;
        display: grid;
        place-items: center;
        font-weight: 700;
        border: 2px solid var(--sb-color-border-strong);
        background: var(--sb-color-surface);
        color: var(--sb-color-text-muted);
      }
      .dot::before {
        content: counter(step);
      }
      li.done .dot {
        background: var(--sb-color-success);
        border-color: var(--sb-color-success);
        color: #fff;
      }
      li.done .dot::before {
        content: '✓';
      }
      li.current .dot {
        background: var(--sb-color-primary);
        border-color: var(--sb-color-primary);
        color: #fff;
        box-shadow: 0 0 0 4px var(--sb-color-primary-soft);
      }
      li.rejected .dot {
        background: var(--sb-color-danger);
        border-color: var(--sb-color-danger);
        color: #fff;
      }
      li.rejected .dot::before {
        content: '✕';
      }
      li.current,
      li.rejected {
        color: var(--sb-color-text);
        font-weight: 700;
      }
      li.done {
        color: var(--sb-color-text);
      }
      li.upcoming .label {
        font-style: italic;
      }
      /* On a phone the steps stand in a column, joined by a vertical line, instead of wrapping off the card. */
      @media (max-width: 40rem) {
        ol {
          flex-direction: column;
          gap: var(--sb-space-3);
        }
        li {
          flex: none;
          flex-direction: row;
          text-align: left;
          padding: 0;
          gap: var(--sb-space-3);
        }
        li + li::before {
          top: calc(-1 * var(--sb-space-3));
          height: var(--sb-space-3);
          left: calc(1rem - 1.5px);
          right: auto;
          border-top: 0;
          border-left: 3px solid var(--sb-color-border);
        }
        li.done + li::before,
        li.done + li.current::before,
        li.done + li.rejected::before {
          border-left-color: var(--sb-color-success);
        }
        .dot {
          flex: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) steps: LifecycleStep[] = [];
  /** The list's accessible name. */
  @property() label = 'Livscyklus';

  override render() {
    return html`<ol aria-label=${this.label}>
      ${this.steps.map(
        (s) => html`<li class=${s.state} aria-current=${s.here ? 'step' : nothing}>
          <span class="dot" aria-hidden="true"></span>
          <span class="label">${s.label}<span class="visually-hidden"> (${STATE_TEXT[s.state]})</span></span>
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-lifecycle-stepper': SbLifecycleStepper;
  }
}
