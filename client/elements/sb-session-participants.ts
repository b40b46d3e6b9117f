// Who is at the meeting and how far each has come with the assessments: counts only, never values, so no one
// anchors on another's view before the chair reveals them.
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SessionParticipant } from '../api/sessions.js';
import { plural } from '../app/format.js';
import { base } from '../styles/shared.js';

@customElement('sb-session-participants')
export class SbSessionParticipants extends LitElement {
  static override styles = [
    base,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: var(--sb-space-2);
      }
      li {
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-2) var(--sb-space-3);
      }
      li.done {
        border-color: var(--sb-color-success);
        background: var(--sb-color-success-soft);
      }
      .name {
        font-weight: 650;
        display: block;
      }
      .role {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      .progress {
        display: block;
        font-size: var(--sb-font-size-sm);
        font-weight: 600;
        margin-top: var(--sb-space-1);
      }
      .done .progress {
        color: var(--sb-color-success);
      }
      .bar {
        height: 0.4rem;
        margin-top: var(--sb-space-1);
        background: var(--sb-color-surface-sunken);
        border-radius: 999px;
        overflow: hidden;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--sb-color-success);
      }
      .summary {
        margin: var(--sb-space-2) 0 0;
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) participants: SessionParticipant[] = [];
  /** Items on the agenda. */
  @property({ type: Number }) itemCount = 0;

  override render() {
    const n = this.itemCount;
    const done = this.participants.filter((p) => n > 0 && p.assessedCount >= n).length;
    // The chair leads the meeting and may or may not assess; the others are expected to.
    const expected = this.participants.filter((p) => p.role !== 'formand');
    const expectedDone = expected.filter((p) => n > 0 && p.assessedCount >= n).length;
    return html`<ul>
        ${this.participants.map((p) => {
          const complete = n > 0 && p.assessedCount >= n;
          return html`<li class=${complete ? 'done' : ''} data-username=${p.username}>
            <span class="name">${p.displayName}</span>
            <span class="role">${p.roleLabel}</span>
            <span class="progress">
              ${complete ? `✓ Har vurderet ${n === 1 ? 'punktet' : `alle ${n} punkter`}` : p.assessedCount === 0 ? 'Har ikke vurderet endnu' : `${p.assessedCount} af ${plural(n, 'punkt', 'punkter')} vurderet`}
            </span>
            <div class="bar" aria-hidden="true"><span style="width: ${n ? Math.min(100, (100 * p.assessedCount) / n).toFixed(0) : 0}%"></span></div>
          </li>`;
        })}
      </ul>
      <p class="summary" role="status">${expectedDone} af ${plural(expected.length, 'deltager', 'deltagere')} har vurderet alle punkter${done > expectedDone ? ' (formanden også)' : ''}.</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-session-participants': SbSessionParticipants;
  }
}
