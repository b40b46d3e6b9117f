// Badges for a change request's class and status, so every page shows them the same way.
import { html } from 'lit';
import { CLASS_LABELS, isChangeClass, isClosedStatus } from '../api/change-requests.js';
import type { BadgeTone } from './sb-badge.js';
import './sb-badge.js';

/** Open requests are "info", done ones "success", rejected ones "neutral". */
export function changeStatusBadge(cls: string, status: string, label: string) {
  const tone: BadgeTone = status === 'afvist' ? 'neutral' : isClosedStatus(cls, status) ? 'success' : 'info';
  return html`<sb-badge tone=${tone}>${label}</sb-badge>`;
}

export function changeClassBadge(cls: string) {
  return html`<sb-badge tone="neutral">${isChangeClass(cls) ? CLASS_LABELS[cls] : cls}</sb-badge>`;
}
