// A virtualised traceability grid: requirements as rows, provisions as columns grouped by source, only the rows and
// columns in view in the DOM; sticky headers, and arrow-key navigation with a roving tabindex (ARIA grid pattern).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MatrixProvision, MatrixRequirement } from '../api/matrix.js';
import { base } from '../styles/shared.js';

/** Geometry in CSS pixels; the arithmetic of what is in view depends on these being fixed. */
const ROW_H = 36;
const COL_W = 40;
const HEAD_W = 320;
const GROUP_H = 34;
const LABEL_H = 150;
const HEAD_H = GROUP_H + LABEL_H;
/** Rows and columns rendered beyond the edges, so a quick scroll does not show blank space. */
const OVERSCAN_ROWS = 6;
const OVERSCAN_COLS = 4;

export const LINK_SYMBOLS: Record<string, { symbol: string; label: string }> = {
  current: { symbol: '●', label: 'aktuel' },
  suspect: { symbol: '!', label: 'mistænkt' },
  broken: { symbol: '✕', label: 'brudt' },
};

interface Group {
  sourceId: number;
  name: string;
  /** Position of its first column among the shown columns. */
  start: number;
  count: number;
}

/** A position in the grid: row -1 is the provisions' header, column -1 the requirements' header. */
interface Position {
  r: number;
  c: number;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * @fires sb-rows-rendered - The first requirement rows are in the DOM (once per element), for a first-paint mark.
 */
@customElement('sb-virtual-matrix')
export class SbVirtualMatrix extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .viewport {
        position: relative;
        overflow: auto;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        font-size: var(--sb-font-size-sm);
      }
      .head {
        position: sticky;
        top: 0;
        z-index: 3;
        background: var(--sb-color-surface-sunken);
      }
      .head [role='row'] {
        position: relative;
      }
      .corner {
        position: sticky;
        left: 0;
        z-index: 1;
        width: ${HEAD_W}px;
        display: flex;
        align-items: flex-end;
        height: 100%;
        padding: var(--sb-space-1) var(--sb-space-3);
        background: var(--sb-color-surface-sunken);
        border-right: 2px solid var(--sb-color-border-strong);
        border-bottom: 1px solid var(--sb-color-border);
        font-weight: 650;
        color: var(--sb-color-text-muted);
      }
      .group {
        position: absolute;
        top: 0;
        height: 100%;
        border-left: 2px solid var(--sb-color-border-strong);
        border-bottom: 1px solid var(--sb-color-border);
        /* clip, not hidden: hidden would make the group a scroll container and keep its name from sticking. */
        overflow: clip;
      }
      .group a {
        position: sticky;
        left: ${HEAD_W + 4}px;
        display: inline-block;
        max-width: 100%;
        padding: var(--sb-space-1) var(--sb-space-2);
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
        font-weight: 650;
      }
      .label {
        position: absolute;
        top: 0;
        width: ${COL_W}px;
        height: 100%;
        display: flex;
        justify-content: center;
        border-left: 1px solid var(--sb-color-border);
        border-bottom: 2px solid var(--sb-color-border-strong);
      }
      .label.first {
        border-left: 2px solid var(--sb-color-border-strong);
      }
      .label a {
        font-size: var(--sb-font-size-xs);
        writing-mode: vertical-rl;
        transform: rotate(180deg);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        max-height: ${LABEL_H - 8}px;
        padding: var(--sb-space-1) 0;
        text-decoration: none;
        font-variant-numeric: tabular-nums;
      }
      .label a:hover {
        text-decoration: underline;
      }
      .body {
        position: relative;
      }
      .body [role='row'] {
        position: absolute;
        left: 0;
        height: ${ROW_H}px;
      }
      .body [role='row']:hover .cell,
      .body [role='row']:hover .rowhead {
        background-color: var(--sb-color-primary-soft);
      }
      .rowhead {
        position: sticky;
        left: 0;
        z-index: 1;
        display: flex;
        align-items: center;
        width: ${HEAD_W}px;
        height: ${ROW_H}px;
        padding: 0 var(--sb-space-3);
        background: var(--sb-color-surface);
        border-right: 2px solid var(--sb-color-border-strong);
        border-bottom: 1px solid var(--sb-color-border);
      }
      .rowhead a {
        display: block;
        min-width: 0;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
        text-decoration: none;
      }
      .rowhead a:hover .title {
        text-decoration: underline;
      }
      .id {
        font-family: var(--sb-font-mono);
        font-weight: 650;
        margin-right: var(--sb-space-2);
      }
      .title {
        color: var(--sb-color-text);
      }
      .retired .title {
        color: var(--sb-color-text-muted);
        text-decoration: line-through;
      }
      .cell {
        position: absolute;
        top: 0;
        width: ${COL_W}px;
        height: ${ROW_H}px;
        display: flex;
        align-items: center;
        justify-content: center;
        border-left: 1px solid var(--sb-color-border);
        border-bottom: 1px solid var(--sb-color-border);
        font-weight: 800;
        cursor: default;
      }
      .cell.first {
        border-left: 2px solid var(--sb-color-border-strong);
      }
      .cell.current {
        color: var(--sb-color-success);
      }
      .cell.suspect {
        color: var(--sb-color-warning);
        background: var(--sb-color-warning-soft);
      }
      .cell.broken {
        color: var(--sb-color-danger);
        background: var(--sb-color-danger-soft);
      }
      .cell:focus-visible,
      .rowhead a:focus-visible,
      .label a:focus-visible {
        outline: var(--sb-focus-ring);
        outline-offset: -3px;
      }
      .active-row .rowhead,
      .label.active-col {
        box-shadow: inset 4px 0 0 var(--sb-color-primary);
      }
      .label.active-col {
        box-shadow: inset 0 -4px 0 var(--sb-color-primary);
      }
      @media (forced-colors: active) {
        .cell.suspect,
        .cell.broken {
          border: 2px solid CanvasText;
        }
      }
    `,
  ];

  @property({ attribute: false }) requirements: MatrixRequirement[] = [];
  @property({ attribute: false }) provisions: MatrixProvision[] = [];
  /** The requirements shown, as indices into `requirements`, in order. */
  @property({ attribute: false }) rows: number[] = [];
  /** The provisions shown, as indices into `provisions`, in order (grouped by source). */
  @property({ attribute: false }) columns: number[] = [];
  /** The link status of a requirement (index) at a provision (index), or undefined where it does not trace. */
  @property({ attribute: false }) statusAt: (requirement: number, provision: number) => string | undefined = () => undefined;
  /** The grid's accessible name. */
  @property() label = 'Sporbarhedsmatrix';

  @state() private _top = 0;
  @state() private _left = 0;
  // Until the viewport is measured, assume the window: the first paint then already holds the rows in view.
  @state() private _width = Math.max(320, window.innerWidth - 64);
  @state() private _height = Math.max(288, window.innerHeight * 0.7);
  @state() private _active: Position = { r: 0, c: 0 };
  /** Off for the first paint, which then holds only what is in view; on from the next frame. */
  @state() private _overscan = false;

  @query('.viewport') private _viewport!: HTMLElement;

  private _groups: Group[] = [];
  private _resize?: ResizeObserver;
  private _observed?: HTMLElement;
  private _announcedRows = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this._resize = new ResizeObserver(([entry]) => {
      const box = entry.contentRect;
      if (Math.abs(box.width - this._width) > 1 || Math.abs(box.height - this._height) > 1) {
        this._width = box.width;
        this._height = box.height;
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize?.disconnect();
    this._observed = undefined;
  }


  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('columns') || changed.has('provisions')) this._groups = this._groupColumns();
    if (!this.hasUpdated && !this.columns.length) this._active = { r: 0, c: -1 };
    if ((changed.has('rows') || changed.has('columns')) && this.hasUpdated) {
      // Other rows or columns (a filter): start again from the top left corner.
      this._active = { r: 0, c: this.columns.length ? 0 : -1 };
      this._top = 0;
      this._left = 0;
      this._viewport?.scrollTo({ top: 0, left: 0 });
    }
  }

  protected override updated(): void {
    // The viewport comes and goes with the rows (none: nothing rendered); measure whichever is there.
    if (this._viewport && this._viewport !== this._observed) {
      if (this._observed) this._resize?.unobserve(this._observed);
      this._resize?.observe(this._viewport);
      this._observed = this._viewport;
    }
    if (!this._announcedRows && this.rows.length) {
      this._announcedRows = true;
      this.dispatchEvent(new CustomEvent('sb-rows-rendered', { bubbles: true, composed: true }));
      requestAnimationFrame(() => (this._overscan = true));
    }
  }

  private _groupColumns(): Group[] {
    const groups: Group[] = [];
    this.columns.forEach((p, i) => {
      const [sourceId, , , name] = this.provisions[p];
      const last = groups[groups.length - 1];
      if (last && last.sourceId === sourceId) last.count++;
      else groups.push({ sourceId, name: capitalise(name), start: i, count: 1 });
    });
    return groups;
  }

  /** The rows and columns in view (plus overscan), and always the active one, so focus never falls out of the DOM. */
  private _range() {
    const bodyHeight = Math.max(0, this._height - HEAD_H);
    const [extraRows, extraCols] = this._overscan ? [OVERSCAN_ROWS, OVERSCAN_COLS] : [0, 0];
    const firstRow = Math.max(0, Math.floor(this._top / ROW_H) - extraRows);
    const lastRow = Math.min(this.rows.length - 1, Math.ceil((this._top + bodyHeight) / ROW_H) + extraRows);
    const firstCol = Math.max(0, Math.floor(this._left / COL_W) - extraCols);
    const lastCol = Math.min(this.columns.length - 1, Math.ceil((this._left + this._width - HEAD_W) / COL_W) + extraCols);
    const span = (from: number, to: number, extra: number) => {
      const out: number[] = [];
      for (let i = from; i <= to; i++) out.push(i);
      if (extra >= 0 && (extra < from || extra > to)) out.push(extra), out.sort((a, b) => a - b);
      return out;
    };
    return { rows: span(firstRow, lastRow, this._active.r), cols: span(firstCol, lastCol, this._active.c), firstCol, lastCol };
  }

  override render() {
    if (!this.rows.length) return nothing;
    const range = this._range();
    const width = HEAD_W + this.columns.length * COL_W;
    // As tall and wide as the content, up to the page's allowance; a small solution gets a small grid.
    const height = HEAD_H + this.rows.length * ROW_H + 2;
    return html`<div
      class="viewport"
      style="height:min(var(--sb-matrix-height, 70vh), ${height}px);min-height:min(18rem, ${height}px);max-width:${width + 2}px"
      role="grid"
      aria-label=${this.label}
      aria-rowcount=${this.rows.length + 2}
      aria-colcount=${this.columns.length + 1}
      @scroll=${this._onScroll}
      @keydown=${this._onKeyDown}
      @focusin=${this._onFocusIn}
    >
      <div class="head" role="rowgroup" style="width:${width}px;height:${HEAD_H}px">
        <div role="row" aria-rowindex="1" style="height:${GROUP_H}px">
          <div class="corner" role="columnheader" aria-colindex="1">Retskilde</div>
          ${this._groups
            .filter((g) => g.start <= range.lastCol && g.start + g.count - 1 >= range.firstCol)
            .map(
              (g) => html`<div
                class="group"
                role="columnheader"
                aria-colindex=${g.start + 2}
                aria-colspan=${g.count}
                style="left:${HEAD_W + g.start * COL_W}px;width:${g.count * COL_W}px"
              >
                <a href="/kilder/${g.sourceId}" tabindex="-1" title=${g.name}>${g.name}</a>
              </div>`,
            )}
        </div>
        <div role="row" aria-rowindex="2" style="height:${LABEL_H}px">
          <div class="corner" role="columnheader" aria-colindex="1">Krav</div>
          ${repeat(
            range.cols,
            (c) => c,
            (c) => this._renderColumnHeader(c),
          )}
        </div>
      </div>
      <div class="body" role="rowgroup" style="width:${width}px;height:${this.rows.length * ROW_H}px">
        ${repeat(
          range.rows,
          (r) => this.rows[r],
          (r) => this._renderRow(r, range.cols, width),
        )}
      </div>
    </div>`;
  }

  private _isActive(r: number, c: number) {
    return this._active.r === r && this._active.c === c;
  }

  private _renderColumnHeader(c: number) {
    const [sourceId, key, label, source] = this.provisions[this.columns[c]];
    const first = c === 0 || this.provisions[this.columns[c - 1]][0] !== sourceId;
    return html`<div
      class="label ${first ? 'first' : ''} ${this._active.c === c ? 'active-col' : ''}"
      role="columnheader"
      aria-colindex=${c + 2}
      style="left:${HEAD_W + c * COL_W}px"
    >
      <a href="/kilder/${sourceId}/bestemmelser/${encodeURIComponent(key)}" data-r="-1" data-c=${c} tabindex=${this._isActive(-1, c) ? 0 : -1} title="${label}, ${source}"
        >${label}<span class="visually-hidden">, ${source}</span></a
      >
    </div>`;
  }

  private _renderRow(r: number, cols: number[], width: number) {
    const index = this.rows[r];
    const [humanId, title, status] = this.requirements[index];
    return html`<div
      role="row"
      aria-rowindex=${r + 3}
      class="${this._active.r === r ? 'active-row' : ''} ${status === 'udgaaet' ? 'retired' : ''}"
      style="top:${r * ROW_H}px;width:${width}px"
    >
      <div class="rowhead" role="rowheader" aria-colindex="1">
        <a href="/krav/${encodeURIComponent(humanId)}" data-r=${r} data-c="-1" tabindex=${this._isActive(r, -1) ? 0 : -1} title="${humanId} ${title}"
          ><span class="id">${humanId}</span> <span class="title">${title}</span></a
        >
      </div>
      ${cols.map((c) => this._renderCell(r, index, c))}
    </div>`;
  }

  /**
   * A cell. Its position is read back from the row's aria-rowindex and its own aria-colindex, so it needs no more
   * bindings than it shows: a 3,000-row grid re-renders some 600 of these per scroll step. A linked cell always says
   * requirement, provision and status; an empty one says so when it is the active cell, the one focus lands on.
   */
  private _renderCell(r: number, index: number, c: number) {
    const p = this.columns[c];
    const linkStatus = this.statusAt(index, p);
    const active = this._isActive(r, c);
    const first = c === 0 || this.provisions[this.columns[c - 1]][0] !== this.provisions[p][0];
    const style = `left:${HEAD_W + c * COL_W}px`;
    if (!linkStatus && !active) {
      return html`<div class="cell ${first ? 'first' : ''}" role="gridcell" aria-colindex=${c + 2} tabindex="-1" style=${style}></div>`;
    }
    const shown = linkStatus ? LINK_SYMBOLS[linkStatus] : undefined;
    return html`<div
      class="cell ${linkStatus ?? ''} ${first ? 'first' : ''}"
      role="gridcell"
      aria-colindex=${c + 2}
      aria-label=${this._cellLabel(index, p, shown?.label ?? 'ikke sporet')}
      tabindex=${active ? 0 : -1}
      style=${style}
    >
      ${shown ? html`<span aria-hidden="true">${shown.symbol}</span>` : nothing}
    </div>`;
  }

  private _cellLabel(requirement: number, provision: number, status: string) {
    const [humanId, title] = this.requirements[requirement];
    const [, , label, source] = this.provisions[provision];
    return `${humanId} ${title} – ${label}, ${source}: ${status}`;
  }

  private _onScroll() {
    const v = this._viewport;
    // Only re-render when the rendered range would change.
    const row = (y: number) => Math.floor(y / ROW_H);
    const col = (x: number) => Math.floor(x / COL_W);
    if (row(v.scrollTop) !== row(this._top) || row(v.scrollTop + this._height) !== row(this._top + this._height)) this._top = v.scrollTop;
    if (col(v.scrollLeft) !== col(this._left) || col(v.scrollLeft + this._width) !== col(this._left + this._width)) this._left = v.scrollLeft;
  }

  /** The grid position of an event's target: header links carry it in data-r/data-c, cells in their ARIA indices. */
  private _positionOf(event: Event): Position | null {
    for (const node of event.composedPath()) {
      if (node === this._viewport || !(node instanceof HTMLElement)) break;
      if (node.dataset.r !== undefined) return { r: Number(node.dataset.r), c: Number(node.dataset.c) };
      if (node.getAttribute('role') === 'gridcell') {
        return { r: Number(node.parentElement!.getAttribute('aria-rowindex')) - 3, c: Number(node.getAttribute('aria-colindex')) - 2 };
      }
    }
    return null;
  }

  /** The element focus goes to for a position: a header's link, or the cell itself. */
  private _target({ r, c }: Position) {
    if (r < 0 || c < 0) return this.renderRoot.querySelector<HTMLElement>(`a[data-r="${r}"][data-c="${c}"]`);
    return this.renderRoot.querySelector<HTMLElement>(`.body [aria-rowindex="${r + 3}"] > [aria-colindex="${c + 2}"]`);
  }

  private _onFocusIn(event: FocusEvent) {
    const at = this._positionOf(event);
    if (at && !this._isActive(at.r, at.c)) this._active = at;
  }

  private _onKeyDown(event: KeyboardEvent) {
    const at = this._positionOf(event) ?? this._active;
    const pageRows = Math.max(1, Math.floor((this._height - HEAD_H) / ROW_H) - 1);
    const lastRow = this.rows.length - 1;
    const lastCol = this.columns.length - 1;
    let { r, c } = at;
    switch (event.key) {
      case 'ArrowUp':
        r = Math.max(c < 0 ? 0 : -1, r - 1);
        break;
      case 'ArrowDown':
        r = Math.min(lastRow, r + 1);
        break;
      case 'ArrowLeft':
        c = Math.max(r < 0 ? 0 : -1, c - 1);
        break;
      case 'ArrowRight':
        c = Math.min(lastCol, c + 1);
        break;
      case 'PageUp':
        r = Math.max(c < 0 ? 0 : -1, r - pageRows);
        break;
      case 'PageDown':
        r = Math.min(lastRow, Math.max(0, r + pageRows));
        break;
      case 'Home':
        if (event.ctrlKey) r = 0;
        c = r < 0 ? 0 : -1;
        break;
      case 'End':
        if (event.ctrlKey) r = lastRow;
        c = lastCol;
        break;
      case 'Enter':
        // A cell opens its requirement, as its row header does.
        if (r >= 0 && c >= 0) {
          event.preventDefault();
          this.renderRoot.querySelector<HTMLAnchorElement>(`a[data-r="${r}"][data-c="-1"]`)?.click();
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    if (c < 0 && r < 0) c = 0;
    void this._moveTo({ r, c });
  }

  private async _moveTo(to: Position) {
    this._active = to;
    this._scrollIntoView(to);
    await this.updateComplete;
    this._target(to)?.focus({ preventScroll: true });
  }

  /** Scrolls so the position is clear of the sticky headers, and renders that range at once rather than on the scroll event. */
  private _scrollIntoView({ r, c }: Position) {
    const v = this._viewport;
    const bodyHeight = v.clientHeight - HEAD_H;
    const bodyWidth = v.clientWidth - HEAD_W;
    let top = v.scrollTop;
    let left = v.scrollLeft;
    if (r >= 0) {
      if (r * ROW_H < top) top = r * ROW_H;
      else if ((r + 1) * ROW_H > top + bodyHeight) top = (r + 1) * ROW_H - bodyHeight;
    }
    if (c >= 0) {
      if (c * COL_W < left) left = c * COL_W;
      else if ((c + 1) * COL_W > left + bodyWidth) left = (c + 1) * COL_W - bodyWidth;
    }
    if (top !== v.scrollTop || left !== v.scrollLeft) {
      v.scrollTo({ top, left });
      this._top = v.scrollTop;
      this._left = v.scrollLeft;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-virtual-matrix': SbVirtualMatrix;
  }
  interface HTMLElementEventMap {
    'sb-rows-rendered': CustomEvent<void>;
  }
}
