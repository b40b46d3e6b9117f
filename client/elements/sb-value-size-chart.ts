// The ranked items as points of value against size: job size (the estimate) across, cost of delay up, each
// point labelled with its change request's id. Above and below the cut line differ in shape as well as colour,
// and the same numbers are in a table for those who do not read the picture.
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BudgetUnit, RankedItem } from '../api/sessions.js';
import { plural } from '../app/format.js';
import { base } from '../styles/shared.js';

const W = 760;
const H = 440;
const M = { left: 64, right: 24, top: 28, bottom: 64 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const LABEL_SIZE = 13;
/** Roughly how wide a label's characters are at LABEL_SIZE, for keeping labels apart. */
const CHAR_W = 7.6;

const numberFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });

/** Round tick steps (1, 2, 5 × 10ⁿ) covering 0..max with about `count` ticks. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step * 0.999; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

interface Placed {
  item: RankedItem;
  cx: number;
  cy: number;
  label: { x: number; y: number; anchor: 'start' | 'end' | 'middle' };
}

/** Puts each label beside its point where it covers no other label or point: right, left, above, below, then further out. */
function placeLabels(points: { item: RankedItem; cx: number; cy: number }[]): Placed[] {
  const taken: Box[] = points.map((p) => ({ x: p.cx - 8, y: p.cy - 8, w: 16, h: 16 }));
  const out: Placed[] = [];
  for (const p of points) {
    const w = p.item.humanId.length * CHAR_W;
    const h = LABEL_SIZE + 2;
    const candidates: Placed['label'][] = [];
    for (const d of [0, 1, 2, 3]) {
      const off = 11 + d * 14;
      candidates.push(
        { x: p.cx + off, y: p.cy + 4, anchor: 'start' },
        { x: p.cx - off, y: p.cy + 4, anchor: 'end' },
        { x: p.cx, y: p.cy - off + 2, anchor: 'middle' },
        { x: p.cx, y: p.cy + off + 10, anchor: 'middle' },
        { x: p.cx + off, y: p.cy - off + 4, anchor: 'start' },
        { x: p.cx + off, y: p.cy + off + 4, anchor: 'start' },
      );
    }
    const boxOf = (l: Placed['label']): Box => ({ x: l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2, y: l.y - LABEL_SIZE, w, h });
    const inside = (b: Box) => b.x >= 0 && b.x + b.w <= W && b.y >= 0 && b.y + b.h <= H - M.bottom + 20;
    const label = candidates.find((l) => inside(boxOf(l)) && !taken.some((t) => overlaps(t, boxOf(l)))) ?? candidates[0];
    taken.push(boxOf(label));
    out.push({ ...p, label });
  }
  return out;
}

@customElement('sb-value-size-chart')
export class SbValueSizeChart extends LitElement {
  static override styles = [
    base,
    css`
      figure {
        margin: 0;
      }
      svg {
        display: block;
        width: 100%;
        max-width: 62rem;
        height: auto;
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
      }
      .grid line {
        stroke: #dde3ea;
      }
      .axis line,
      .axis path {
        stroke: var(--sb-color-border-strong);
      }
      text {
        fill: var(--sb-color-text);
        font-family: var(--sb-font-family);
      }
      .tick {
        font-size: 12px;
        fill: var(--sb-color-text-muted);
      }
      .axis-label {
        font-size: 13px;
        font-weight: 600;
      }
      .point-label {
        font-size: ${LABEL_SIZE}px;
        font-weight: 650;
        paint-order: stroke;
        stroke: #fff;
        stroke-width: 3px;
      }
      .above {
        fill: var(--sb-color-primary);
        stroke: #fff;
        stroke-width: 1.5;
      }
      .below {
        fill: #b34700;
        stroke: #fff;
        stroke-width: 1.5;
      }
      .corner {
        font-size: 12px;
        fill: var(--sb-color-text-muted);
        font-style: italic;
      }
      figcaption {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-5);
        align-items: center;
        margin-top: var(--sb-space-2);
        font-size: var(--sb-font-size-sm);
      }
      .key {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-2);
      }
      .key svg {
        width: 1.1em;
        height: 1.1em;
        border: none;
        background: none;
        display: inline;
      }
      details {
        margin-top: var(--sb-space-3);
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        color: var(--sb-color-primary);
      }
      .unplaced {
        margin: var(--sb-space-2) 0 0;
        font-size: var(--sb-font-size-sm);
      }
    `,
  ];

  @property({ attribute: false }) items: RankedItem[] = [];
  @property() unit: BudgetUnit = 'timer';

  private _marker(above: boolean, x: number, y: number, size = 7) {
    return above
      ? svg`<circle class="above" cx=${x} cy=${y} r=${size}></circle>`
      : svg`<path class="below" d="M ${x} ${y - size - 1.5} L ${x + size + 1.5} ${y} L ${x} ${y + size + 1.5} L ${x - size - 1.5} ${y} Z"></path>`;
  }

  override render() {
    const placeable = this.items.filter((i) => i.jobSize !== null && i.costOfDelay !== null);
    const unplaced = this.items.filter((i) => i.jobSize === null || i.costOfDelay === null);
    const sizeLabel = this.unit === 'timer' ? 'Jobstørrelse (estimat i timer)' : 'Jobstørrelse (estimat i 1.000 kr.)';
    const xTicks = niceTicks(Math.max(1, ...placeable.map((i) => i.jobSize!)) * 1.05);
    const yTicks = niceTicks(Math.max(1, ...placeable.map((i) => i.costOfDelay!)) * 1.05);
    const xMax = xTicks[xTicks.length - 1];
    const yMax = yTicks[yTicks.length - 1];
    const sx = (v: number) => M.left + (v / xMax) * PLOT_W;
    const sy = (v: number) => M.top + PLOT_H - (v / yMax) * PLOT_H;
    // Larger values first, so the points people talk about get the best label places.
    const points = placeable
      .map((item) => ({ item, cx: sx(item.jobSize!), cy: sy(item.costOfDelay!) }))
      .sort((a, b) => a.cy - b.cy || a.cx - b.cx);
    const placed = placeLabels(points);
    const above = placeable.filter((i) => i.aboveCut).length;
    return html`<figure>
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">Værdi mod størrelse</title>
        <desc id="chart-desc">
          Spredningsdiagram med ${plural(placeable.length, 'punkt', 'punkter')}: jobstørrelse vandret, cost of delay lodret. ${above} over skærelinjen vist som cirkler,
          ${placeable.length - above} under vist som ruder. Tallene står i tabellen under diagrammet.
        </desc>
        <g class="grid">
          ${xTicks.map((t) => svg`<line x1=${sx(t)} x2=${sx(t)} y1=${M.top} y2=${M.top + PLOT_H}></line>`)}
          ${yTicks.map((t) => svg`<line x1=${M.left} x2=${M.left + PLOT_W} y1=${sy(t)} y2=${sy(t)}></line>`)}
        </g>
        <g class="axis">
          <path d="M ${M.left} ${M.top} V ${M.top + PLOT_H} H ${M.left + PLOT_W}" fill="none"></path>
          ${xTicks.map((t) => svg`<text class="tick" x=${sx(t)} y=${M.top + PLOT_H + 18} text-anchor="middle">${numberFormat.format(t)}</text>`)}
          ${yTicks.map((t) => svg`<text class="tick" x=${M.left - 8} y=${sy(t) + 4} text-anchor="end">${numberFormat.format(t)}</text>`)}
          <text class="axis-label" x=${M.left + PLOT_W / 2} y=${H - 18} text-anchor="middle">${sizeLabel} →</text>
          <text class="axis-label" transform="translate(18 ${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">Cost of delay (værdi + tid + risiko) →</text>
        </g>
        <text class="corner" x=${M.left + 10} y=${M.top + 14}>↖ høj værdi, lille opgave: gør først</text>
        ${placed.map((p) => svg`<g>${this._marker(p.item.aboveCut, p.cx, p.cy)}<text class="point-label" x=${p.label.x} y=${p.label.y} text-anchor=${p.label.anchor}>${p.item.humanId}</text></g>`)}
      </svg>
      <figcaption>
        <span class="key"><svg viewBox="-9 -9 18 18" aria-hidden="true">${this._marker(true, 0, 0, 6)}</svg>Over skærelinjen (cirkel)</span>
        <span class="key"><svg viewBox="-9 -9 18 18" aria-hidden="true">${this._marker(false, 0, 0, 5.5)}</svg>Under skærelinjen (rude)</span>
      </figcaption>
      ${unplaced.length
        ? html`<p class="unplaced">Kan ikke placeres i diagrammet: ${unplaced.map((i) => `${i.humanId} (${i.jobSize === null ? 'mangler estimat' : 'ikke vurderet'})`).join(', ')}.</p>`
        : nothing}
      <details>
        <summary>Vis diagrammets tal som tabel</summary>
        ${this._renderTable(sizeLabel)}
      </details>
    </figure>`;
  }

  private _renderTable(sizeLabel: string) {
    const fmt = (n: number | null) => (n === null ? '–' : numberFormat.format(n));
    return html`<div class="table-wrap">
      <table>
        <caption>Værdi mod størrelse i tal</caption>
        <thead>
          <tr>
            <th scope="col">Plads</th>
            <th scope="col">Ændringsforslag</th>
            <th scope="col" class="num">${sizeLabel}</th>
            <th scope="col" class="num">Cost of delay</th>
            <th scope="col" class="num">WSJF</th>
            <th scope="col">Skærelinjen</th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (i) => html`<tr>
              <td class="num">${i.position}</td>
              <th scope="row">${i.humanId} <span class="muted">${i.title}</span></th>
              <td class="num">${fmt(i.jobSize)}</td>
              <td class="num">${fmt(i.costOfDelay)}</td>
              <td class="num">${fmt(i.wsjf)}</td>
              <td>${i.aboveCut ? 'Over linjen' : 'Under linjen'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-value-size-chart': SbValueSizeChart;
  }
}
