// A small status label; the tone adds colour, and the text (plus a shape for the warning tones) carries the meaning.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LINK_STATUS_LABELS, type LinkStatus } from '../api/links.js';
import { STATUS_LABELS, labelOf } from '../api/requirements.js';

export type BadgeTone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

/**
 * @slot - The label text.
 */
@customElement('sb-badge')
export class SbBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      vertical-align: middle;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      font-size: var(--sb-font-size-xs);
      font-weight: 650;
      line-height: 1.5;
      white-space: nowrap;
      border: 1px solid currentColor;
    }
    .badge.success {
      color: var(--sb-color-success);
      background: var(--sb-color-success-soft);
    }
    .badge.warning {
      color: var(--sb-color-warning);
      background: var(--sb-color-warning-soft);
    }
    .badge.danger {
      color: var(--sb-color-danger);
      background: var(--sb-color-danger-soft);
    }
    .badge.neutral {
      color: var(--sb-color-neutral);
      background: var(--sb-color-neutral-soft);
    }
    .badge.info {
      color: var(--sb-color-primary);
      background: var(--sb-color-primary-soft);
    }
    .icon {
      font-size: 0.9em;
    }
  `;

  @property({ reflect: true }) tone: BadgeTone = 'neutral';

  override render() {
    const icon = this.tone === 'warning' ? '▲' : this.tone === 'danger' ? '✕' : this.tone === 'success' ? '✓' : '';
    return html`<span class="badge ${this.tone}">${icon ? html`<span class="icon" aria-hidden="true">${icon}</span>` : nothing}<slot></slot></span>`;
  }
}

const LINK_TONES: Record<LinkStatus, BadgeTone> = { current: 'success', suspect: 'warning', broken: 'danger' };

/** A trace link's status as a badge: aktuel, mistænkt or brudt. */
export function linkStatusBadge(status: string) {
  const tone = LINK_TONES[status as LinkStatus] ?? 'neutral';
  return html`<sb-badge tone=${tone}>${labelOf(LINK_STATUS_LABELS, status)}</sb-badge>`;
}

const REQUIREMENT_TONES: Record<string, BadgeTone> = { udkast: 'info', godkendt: 'success', udgaaet: 'neutral' };

/** A requirement's status as a badge: udkast, godkendt or udgået. */
export function requirementStatusBadge(status: string) {
  return html`<sb-badge tone=${REQUIREMENT_TONES[status] ?? 'neutral'}>${labelOf(STATUS_LABELS, status)}</sb-badge>`;
}

/** The server says where each version stands today (server/sources/version-standing.ts); the tone follows. */
const STANDING_TONES: Record<string, BadgeTone> = { gaeldende: 'success', historisk: 'neutral', fremtidig: 'info', projiceret: 'warning', trukket_tilbage: 'danger' };

/** A version's standing as a badge: Gældende, Historisk, Fremtidig, Projiceret or Trukket tilbage. */
export function versionStandingBadge(v: { standing: string; standingLabel: string }) {
  return html`<sb-badge tone=${STANDING_TONES[v.standing] ?? 'neutral'}>${v.standingLabel}</sb-badge>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-badge': SbBadge;
  }
}
