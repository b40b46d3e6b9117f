// The shared look of pages and elements (type, links, buttons, forms, tables, alerts), adopted by every
// shadow root because document styles do not reach inside one; values come from tokens.css.
import { css } from 'lit';

export const base = css`
  :host {
    display: block;
    color: var(--sb-color-text);
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--sb-focus-ring);
    outline-offset: var(--sb-focus-offset);
  }
  [hidden] {
    display: none !important;
  }
  h1,
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin: 0 0 var(--sb-space-3);
    font-weight: 650;
  }
  h1 {
    font-size: var(--sb-font-size-2xl);
  }
  h1:focus {
    /* Focus is moved here on navigation for screen readers; a ring on a heading would only confuse sighted users. */
    outline: none;
  }
  h2 {
    font-size: var(--sb-font-size-xl);
  }
  h3 {
    font-size: var(--sb-font-size-lg);
  }
  p {
    margin: 0 0 var(--sb-space-3);
  }
  a {
    color: var(--sb-color-primary);
    text-underline-offset: 0.15em;
  }
  a:hover {
    color: var(--sb-color-primary-hover);
    text-decoration-thickness: 2px;
  }
  code,
  .mono {
    font-family: var(--sb-font-mono);
    font-size: 0.95em;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--sb-color-text-muted);
  }
  .small {
    font-size: var(--sb-font-size-sm);
  }
  .prewrap {
    white-space: pre-wrap;
  }

  /* Page furniture */
  .page-header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--sb-space-3) var(--sb-space-5);
    margin-bottom: var(--sb-space-5);
  }
  .page-header h1 {
    margin: 0;
  }
  .eyebrow {
    display: block;
    font-size: var(--sb-font-size-sm);
    font-weight: 600;
    color: var(--sb-color-text-muted);
    margin-bottom: var(--sb-space-1);
    letter-spacing: 0.02em;
  }
  .lead {
    font-size: var(--sb-font-size-lg);
    color: var(--sb-color-text-muted);
    margin: var(--sb-space-2) 0 0;
    max-width: 60rem;
  }
  .breadcrumbs ol {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: var(--sb-space-2);
    margin: 0 0 var(--sb-space-3);
    padding: 0;
    font-size: var(--sb-font-size-sm);
  }
  .breadcrumbs li + li::before {
    content: '›';
    margin-right: var(--sb-space-2);
    color: var(--sb-color-text-muted);
  }
  .card {
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius-lg);
    box-shadow: var(--sb-shadow);
    padding: var(--sb-space-5);
  }
  .section {
    margin-top: var(--sb-space-6);
  }
  .section-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--sb-space-3);
    margin-bottom: var(--sb-space-3);
  }
  .section-header h2 {
    margin: 0;
  }
  .stack > * + * {
    margin-top: var(--sb-space-4);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sb-space-3);
    align-items: center;
  }

  /* Buttons: a <button> or an <a class="button"> look the same. */
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--sb-space-2);
    min-height: 2.5rem;
    padding: var(--sb-space-2) var(--sb-space-4);
    border: 1px solid var(--sb-color-primary);
    border-radius: var(--sb-radius);
    background: var(--sb-color-surface);
    color: var(--sb-color-primary);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    text-decoration: none;
    cursor: pointer;
    white-space: nowrap;
  }
  /* On a phone a long label wraps inside its button rather than pushing the page sideways. */
  @media (max-width: 30rem) {
    .button {
      white-space: normal;
      text-align: center;
    }
  }
  .button:hover {
    background: var(--sb-color-primary-soft);
    color: var(--sb-color-primary-hover);
  }
  .button.primary {
    background: var(--sb-color-primary);
    color: var(--sb-color-on-primary);
  }
  .button.primary:hover {
    background: var(--sb-color-primary-hover);
    border-color: var(--sb-color-primary-hover);
  }
  .button.danger {
    border-color: var(--sb-color-danger);
    color: var(--sb-color-danger);
  }
  .button.danger:hover {
    background: var(--sb-color-danger-soft);
  }
  .button.small {
    min-height: 2rem;
    padding: var(--sb-space-1) var(--sb-space-3);
    font-size: var(--sb-font-size-sm);
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .link-button {
    background: none;
    border: none;
    padding: 0;
    font: inherit;
    color: var(--sb-color-primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  /* Forms */
  form {
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--sb-space-1);
    margin-bottom: var(--sb-space-4);
  }
  .field > label,
  .label,
  legend {
    font-weight: 600;
  }
  .hint {
    font-size: var(--sb-font-size-sm);
    color: var(--sb-color-text-muted);
  }
  input[type='text'],
  input[type='password'],
  input[type='search'],
  input[type='date'],
  input[type='file'],
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border-strong);
    border-radius: var(--sb-radius);
    padding: var(--sb-space-2) var(--sb-space-3);
    min-height: 2.5rem;
    width: 100%;
  }
  input:not([type='file']),
  select {
    height: 2.5rem;
  }
  input[type='file'] {
    padding: var(--sb-space-2);
  }
  textarea {
    min-height: 8rem;
    resize: vertical;
    line-height: var(--sb-line-height);
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: var(--sb-focus-ring);
    outline-offset: 0;
    border-color: var(--sb-color-primary);
  }
  [aria-invalid='true'] {
    border-color: var(--sb-color-danger) !important;
    border-width: 2px !important;
  }
  .field-error {
    color: var(--sb-color-danger);
    font-weight: 600;
    font-size: var(--sb-font-size-sm);
    margin: 0;
  }
  .field-error::before {
    content: '⚠ ';
  }
  fieldset {
    border: none;
    margin: 0 0 var(--sb-space-4);
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: var(--sb-space-2);
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--sb-space-2);
    margin-bottom: var(--sb-space-2);
  }
  .choice input {
    width: 1.15rem;
    height: 1.15rem;
    margin: 0.2rem 0 0;
    flex: none;
    accent-color: var(--sb-color-primary);
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sb-space-3);
    align-items: center;
    margin-top: var(--sb-space-5);
  }

  /* Tables */
  .table-wrap {
    /* Positioned, so it also holds the visually hidden texts in its cells; else they stick out and widen the page. */
    position: relative;
    overflow-x: auto;
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius-lg);
    box-shadow: var(--sb-shadow);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--sb-font-size-md);
  }
  caption {
    text-align: left;
    padding: var(--sb-space-3) var(--sb-space-4);
    font-weight: 600;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: var(--sb-space-3) var(--sb-space-4);
    border-bottom: 1px solid var(--sb-color-border);
  }
  thead th {
    font-size: var(--sb-font-size-sm);
    color: var(--sb-color-text-muted);
    background: var(--sb-color-surface-sunken);
    font-weight: 650;
    white-space: nowrap;
  }
  tbody tr:last-child > * {
    border-bottom: none;
  }
  tbody tr:hover {
    background: #f8fafc;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }

  /* Alerts */
  .alert {
    border-radius: var(--sb-radius);
    border: 1px solid;
    border-left-width: 6px;
    padding: var(--sb-space-3) var(--sb-space-4);
    margin-bottom: var(--sb-space-4);
  }
  .alert > :last-child {
    margin-bottom: 0;
  }
  .alert.error {
    background: var(--sb-color-danger-soft);
    border-color: var(--sb-color-danger);
  }
  .alert.success {
    background: var(--sb-color-success-soft);
    border-color: var(--sb-color-success);
  }
  .alert.warning {
    background: var(--sb-color-warning-soft);
    border-color: var(--sb-color-warning);
  }
  .alert.info {
    background: var(--sb-color-primary-soft);
    border-color: var(--sb-color-primary);
  }
  .alert-title {
    font-weight: 700;
    margin: 0 0 var(--sb-space-1);
  }
  .empty {
    padding: var(--sb-space-6) var(--sb-space-4);
    text-align: center;
    color: var(--sb-color-text-muted);
    background: var(--sb-color-surface);
    border: 1px dashed var(--sb-color-border-strong);
    border-radius: var(--sb-radius-lg);
  }
  .empty p:last-child {
    margin-bottom: 0;
  }

  /* Description lists as attribute grids */
  dl.attributes {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--sb-space-2) var(--sb-space-5);
    margin: 0;
  }
  dl.attributes dt {
    font-weight: 600;
    color: var(--sb-color-text-muted);
  }
  dl.attributes dd {
    margin: 0;
  }
`;

// Pieces a few pages share, adopted by those pages only (after `base`, so a page's own rules still win).

/** Key figures in `<dl class="stats">`: a bordered tile each, label over a large number; `--sb-stat-min` sets a tile's base width. */
export const statTiles = css`
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sb-space-3);
    margin: 0;
    padding: 0;
  }
  .stats div {
    flex: 1 1 var(--sb-stat-min, 10rem);
    padding: var(--sb-space-3) var(--sb-space-4);
    background: var(--sb-color-surface);
    border: 1px solid var(--sb-color-border);
    border-radius: var(--sb-radius);
  }
  .stats dt {
    font-size: var(--sb-font-size-sm);
    color: var(--sb-color-text-muted);
    font-weight: 600;
  }
  .stats dd {
    margin: 0;
    font-size: var(--sb-font-size-xl);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
`;

/** Counts in `<dl class="tiles">`: compact sunken tiles, number over label; `--sb-tile-min` sets a tile's least width. */
export const countTiles = css`
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(var(--sb-tile-min, 8rem), 1fr));
    gap: var(--sb-space-2);
    margin: 0 0 var(--sb-space-4);
  }
  .tiles div {
    display: flex;
    flex-direction: column-reverse;
    padding: var(--sb-space-2) var(--sb-space-3);
    border-radius: var(--sb-radius);
    background: var(--sb-color-surface-sunken);
  }
  .tiles dt {
    font-size: var(--sb-font-size-xs);
    color: var(--sb-color-text-muted);
  }
  .tiles dd {
    margin: 0;
    font-size: var(--sb-font-size-xl);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
`;

/** A solution's code as a small chip (`<span class="code">KY</span>`) on the solution pages. */
export const solutionCodeChip = css`
  .code {
    display: inline-block;
    font-family: var(--sb-font-mono);
    font-size: var(--sb-font-size-xs);
    font-weight: 700;
    padding: 0.1rem 0.45rem;
    border-radius: var(--sb-radius);
    background: var(--sb-color-neutral-soft);
    color: var(--sb-color-neutral);
    margin-bottom: var(--sb-space-1);
  }
`;

/** The id and title cells of the requirement and change-request lists. */
export const idTitleCells = css`
  td.id {
    white-space: nowrap;
    font-family: var(--sb-font-mono);
    font-size: var(--sb-font-size-sm);
  }
  .title-cell a {
    font-weight: 600;
  }
`;
