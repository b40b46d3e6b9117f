// A deadline with the days left to it; overdue and close deadlines say so in words and a shape, not colour alone.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDate, plural } from '../app/format.js';
import './sb-badge.js';

/** Deadlines closer than this many days are flagged as due soon. */
export const DUE_SOON_DAYS = 30;

const DAY_MS = 86_400_000;

/** Whole days from today to an ISO date, counted on UTC calendar days as the server counts them. */
export function daysUntil(date: string, today = new Date().toISOString().slice(0, 10)): number {
  return Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS);
}

/** "om 12 dage", "i dag", "overskredet med 3 dage". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return 'i dag';
  if (daysLeft < 0) return `overskredet med ${plural(-daysLeft, 'dag', 'dage')}`;
  return `${plural(daysLeft, 'dag', 'dage')} tilbage`;
}

/** The latest decision date of an open request, flagged "(overskredet)" once it has passed — the same on every screen. */
export function decisionByText(decisionBy: string, closed = false, today = new Date().toISOString().slice(0, 10)) {
  return html`${formatDate(decisionBy)}${!closed && decisionBy < today ? html` <strong>(overskredet)</strong>` : nothing}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

@customElement('sb-deadline')
export class SbDeadline extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
    }
    .muted {
      color: var(--sb-color-text-muted);
    }
    .date {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
  `;

  /** ISO date (YYYY-MM-DD), or empty for no deadline. */
  @property() deadline: string | null = null;
  /** Days left as the server counted them; computed from today when not given. */
  @property({ attribute: false }) daysLeft: number | null = null;
  /** Closed requests show the date only: the deadline no longer runs. */
  @property({ type: Boolean }) closed = false;

  override render() {
    if (!this.deadline) return html`<span class="muted">Ingen frist</span>`;
    const days = this.daysLeft ?? daysUntil(this.deadline);
    const tone = days < 0 ? 'danger' : days <= DUE_SOON_DAYS ? 'warning' : 'neutral';
    return html`<span class="date">${formatDate(this.deadline)}</span>
      ${this.closed ? nothing : html`<sb-badge tone=${tone}>${capitalise(daysLeftText(days))}</sb-badge>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-deadline': SbDeadline;
  }
}
