// The meeting room's look: "Stor skrift" for the projector (type tokens scaled on the page, inherited by every
// element inside it) and controls that grow with the type instead of clipping it.
import { css } from 'lit';

const STORAGE_KEY = 'sporbar.storSkrift';

/** Whether this browser last chose large type for the meeting pages. */
export function largeTypePreferred(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberLargeType(on: boolean): void {
  try {
    if (on) localStorage.setItem(STORAGE_KEY, '1');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // A browser that refuses storage still gets large type for this visit.
  }
}

/** For a page element: with the `large` attribute its text and every element inside it grow. */
export const largeType = css`
  :host([large]) {
    --sb-font-size-xs: 1rem;
    --sb-font-size-sm: 1.125rem;
    --sb-font-size-md: 1.375rem;
    --sb-font-size-lg: 1.5rem;
    --sb-font-size-xl: 1.875rem;
    --sb-font-size-2xl: 2.5rem;
    font-size: 1.375rem;
  }
`;

/** For any shadow root inside a session page: form controls sized in em, so they follow the type. */
export const scalableControls = css`
  input:not([type='checkbox']):not([type='radio']):not([type='file']),
  select {
    height: auto;
    min-height: 2.5em;
  }
  input[type='number'] {
    font: inherit;
    color: inherit;
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border-strong);
    border-radius: var(--sb-radius);
    padding: var(--sb-space-2) var(--sb-space-3);
    width: 100%;
  }
  input[type='number']:focus-visible {
    outline: var(--sb-focus-ring);
    outline-offset: 0;
    border-color: var(--sb-color-primary);
  }
  .button {
    min-height: 2.5em;
  }
  .button.small {
    min-height: 2em;
  }
  .choice input {
    width: 1.1em;
    height: 1.1em;
  }
`;
