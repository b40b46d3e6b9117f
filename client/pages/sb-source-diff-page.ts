// Forskel: what changed between any two versions of a source, provision by provision, side by side or as one
// text with word highlights, with a substantive-only filter and keyboard jumps between changes.
import { diffWords } from 'diff';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { getSourceTimeline, getVersionDiff, type ProvisionChange, type SourceTimeline, type VersionDiff } from '../api/sources.js';
import { formatDate, formatNumber, plural, sourceName } from '../app/format.js';
import { Resource } from '../app/resource.js';
import '../elements/sb-change-badge.js';
import { renderWordDiff, wordDiffStyles, type DiffPart } from '../elements/sb-word-diff.js';
import { base, statTiles } from '../styles/shared.js';
import { PageElement } from './page-element.js';

type Mode = 'side' | 'inline';

/** Above this many changes, off-screen ones are left unrendered until scrolled to. */
const MANY = 40;

/** Remembered across visits: the user's choice to turn the single-letter shortcuts off (WCAG 2.1.4). */
const SHORTCUTS_KEY = 'sporbar.diff.shortcuts';

/** A change as shown, with its place in the full list, so its id stays the same whatever the filter. */
interface Shown {
  index: number;
  change: ProvisionChange;
}

/** Typing in these must never trigger a shortcut. */
function isTextEntry(el: EventTarget | undefined): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
}

@customElement('sb-source-diff-page')
export class SbSourceDiffPage extends PageElement {
  static override styles = [
    base,
    wordDiffStyles,
    statTiles,
    css`
      .compare {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3) var(--sb-space-4);
        align-items: end;
      }
      .compare .field {
        margin: 0;
        flex: 0 1 auto;
        min-width: 0;
        max-width: 100%;
      }
      /* As wide as the chosen version's name, standing and date, so none of it is cut off (a phone: the screen). */
      .compare select {
        field-sizing: content;
        width: auto;
        max-width: 100%;
      }
      .compare-error {
        margin: var(--sb-space-2) 0 0;
      }
      .stats {
        --sb-stat-min: 8rem;
        margin: var(--sb-space-5) 0 0;
      }
      .stats .emphasis {
        border-color: var(--sb-color-warning);
        box-shadow: inset 4px 0 0 var(--sb-color-warning);
      }
      .toolbar {
        position: sticky;
        top: 0;
        z-index: 2;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sb-space-3) var(--sb-space-5);
        margin: var(--sb-space-5) 0 var(--sb-space-4);
        padding: var(--sb-space-3) var(--sb-space-4);
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        box-shadow: var(--sb-shadow);
      }
      .toolbar fieldset {
        margin: 0;
        display: flex;
        align-items: center;
        gap: var(--sb-space-1);
      }
      .toolbar legend {
        float: left;
        margin: 0 var(--sb-space-2) 0 0;
        font-size: var(--sb-font-size-sm);
      }
      .segmented {
        display: inline-flex;
        border: 1px solid var(--sb-color-primary);
        border-radius: var(--sb-radius);
        overflow: hidden;
      }
      .segmented label {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-1);
        padding: var(--sb-space-1) var(--sb-space-3);
        font-size: var(--sb-font-size-sm);
        font-weight: 600;
        color: var(--sb-color-primary);
        cursor: pointer;
      }
      .segmented label + label {
        border-left: 1px solid var(--sb-color-primary);
      }
      .segmented label:has(input:checked) {
        background: var(--sb-color-primary);
        color: var(--sb-color-on-primary);
      }
      .segmented label:has(input:focus-visible) {
        outline: var(--sb-focus-ring);
        outline-offset: -3px;
      }
      .segmented input {
        position: absolute;
        opacity: 0;
        width: 1px;
        height: 1px;
      }
      .toggle {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sb-space-2);
        font-size: var(--sb-font-size-sm);
        font-weight: 600;
        cursor: pointer;
      }
      .toggle input {
        width: 1.1rem;
        height: 1.1rem;
        margin: 0;
        accent-color: var(--sb-color-primary);
      }
      .jump {
        margin-left: auto;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sb-space-2);
      }
      .position {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        min-width: min(8.5rem, 100%);
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .shortcut-hint {
        flex-basis: 100%;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-4);
        align-items: center;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
      }
      kbd {
        font-family: var(--sb-font-mono);
        font-size: 0.85em;
        padding: 0 0.35em;
        border: 1px solid var(--sb-color-border-strong);
        border-bottom-width: 2px;
        border-radius: 4px;
        background: var(--sb-color-surface-sunken);
        color: var(--sb-color-text);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-4);
      }
      .changes {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sb-space-4);
      }
      .changes.many .change {
        /* Off-screen changes skip layout and paint, so a large act's diff (hundreds of changes) stays quick to scroll. */
        content-visibility: auto;
        contain-intrinsic-size: auto 14rem;
      }
      .change {
        background: var(--sb-color-surface);
        border: 1px solid var(--sb-color-border);
        border-left: 6px solid var(--sb-color-border-strong);
        border-radius: var(--sb-radius-lg);
        padding: var(--sb-space-4) var(--sb-space-5);
        scroll-margin-top: 9rem;
      }
      .change.k-changed {
        border-left-color: var(--sb-color-warning);
      }
      .change.k-added {
        border-left-color: var(--sb-color-success);
      }
      .change.k-removed {
        border-left-color: var(--sb-color-danger);
      }
      .change.k-renumbered {
        border-left-color: var(--sb-color-primary);
      }
      .change.formal {
        border-left-style: dashed;
      }
      .change.current {
        box-shadow: 0 0 0 3px var(--sb-focus-color);
      }
      .change-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--sb-space-2) var(--sb-space-4);
        margin-bottom: var(--sb-space-3);
      }
      .change-head h3 {
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sb-space-2);
        scroll-margin-top: 9rem;
      }
      .change-head h3:focus-visible {
        outline-offset: 4px;
      }
      .badges {
        display: inline-flex;
        gap: var(--sb-space-2);
      }
      .arrow {
        color: var(--sb-color-text-muted);
      }
      .columns {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: var(--sb-space-4);
      }
      @media (max-width: 48rem) {
        .columns {
          grid-template-columns: 1fr;
        }
      }
      .col-label {
        margin: 0 0 var(--sb-space-1);
        font-size: var(--sb-font-size-sm);
        font-weight: 650;
        color: var(--sb-color-text-muted);
      }
      .law {
        margin: 0;
        padding: var(--sb-space-3) var(--sb-space-4);
        background: var(--sb-color-surface-sunken);
        border-radius: var(--sb-radius);
        font-family: Georgia, 'Times New Roman', serif;
        font-size: 1.0625rem;
        line-height: 1.65;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .law.absent {
        font-family: var(--sb-font-family);
        font-size: var(--sb-font-size-sm);
        font-style: italic;
        color: var(--sb-color-text-muted);
        background: repeating-linear-gradient(-45deg, var(--sb-color-surface-sunken), var(--sb-color-surface-sunken) 6px, var(--sb-color-surface) 6px, var(--sb-color-surface) 12px);
      }
      .change-foot {
        margin: var(--sb-space-3) 0 0;
        font-size: var(--sb-font-size-sm);
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-2) var(--sb-space-5);
        align-items: baseline;
      }
      .note {
        color: var(--sb-color-text-muted);
      }
      @media print {
        .toolbar,
        .compare-card {
          display: none;
        }
        .change {
          content-visibility: visible;
          break-inside: avoid;
        }
      }
    `,
  ];

  @property({ type: Number }) sourceId = 0;
  /** The two versions, from `?fra=` and `?til=`; when missing, the newest version against the one before it. */
  @property({ type: Number }) fromId?: number;
  @property({ type: Number }) toId?: number;

  @state() private _mode: Mode = 'side';
  @state() private _substantiveOnly = true;
  @state() private _shortcuts = localStorage.getItem(SHORTCUTS_KEY) !== 'off';
  /** Position in the shown list of the change last jumped to; -1 before the first jump. */
  @state() private _current = -1;
  @state() private _draftFrom = 0;
  @state() private _draftTo = 0;
  @state() private _compareError = '';

  private _timeline = new Resource<SourceTimeline>(this);
  private _diff = new Resource<VersionDiff>(this);
  /** Word diffs the server leaves out (changes of form only), computed once each. */
  private _formalWords = new WeakMap<ProvisionChange, DiffPart[]>();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sourceId') && this.sourceId) this._loadTimeline();
    else if ((changed.has('fromId') || changed.has('toId')) && this._timeline.value) this._loadDiff();
  }

  private async _loadTimeline() {
    const t = await this._timeline.load(() => getSourceTimeline(this.sourceId));
    if (!t) return;
    this.setTitle(`Forskel – ${sourceName(t)}`);
    this._loadDiff();
  }

  /** The pair to compare: the URL's, or by default the newest version against its predecessor. */
  private get _pair(): { from: number; to: number } | null {
    const versions = this._timeline.value?.versions ?? [];
    if (this.fromId && this.toId) return { from: this.fromId, to: this.toId };
    const newest = versions[versions.length - 1];
    if (!newest?.previousVersionId) return null;
    return { from: newest.previousVersionId, to: newest.id };
  }

  private _loadDiff() {
    const pair = this._pair;
    if (!pair) return;
    this._draftFrom = pair.from;
    this._draftTo = pair.to;
    this._current = -1;
    if (pair.from === pair.to) return;
    this._diff.load(() => getVersionDiff(this.sourceId, pair.from, pair.to));
  }

  override render() {
    const t = this._timeline.value;
    const name = t ? sourceName(t) : 'Retskilde';
    return html`<nav class="breadcrumbs" aria-label="Brødkrumme">
        <ol>
          <li><a href="/kilder">Retskilder</a></li>
          <li><a href="/kilder/${this.sourceId}">${name}</a></li>
          <li><span aria-current="page">Forskel mellem versioner</span></li>
        </ol>
      </nav>
      <div class="page-header">
        <div>
          <span class="eyebrow">${name}</span>
          <h1 tabindex="-1">Forskel mellem versioner</h1>
          ${this._renderLead()}
        </div>
        ${this._renderImpactLink()}
      </div>
      ${this._timeline.state.status === 'error'
        ? html`<sb-error-alert .error=${this._timeline.state.error} retry @sb-retry=${this._loadTimeline}></sb-error-alert>`
        : !t
          ? html`<sb-loading label="Henter versioner…"></sb-loading>`
          : html`${this._renderCompareForm(t)} ${this._renderDiff()}`}`;
  }

  private _renderLead() {
    const d = this._diff.value;
    if (!d) return nothing;
    return html`<p class="lead">
      Fra <strong>${d.from.shortName}</strong> (i kraft ${formatDate(d.from.inForceFrom)}) til <strong>${d.to.shortName}</strong> (i kraft
      ${formatDate(d.to.inForceFrom)})
    </p>`;
  }

  private _renderImpactLink() {
    const d = this._diff.value;
    const to = d && this._timeline.value?.versions.find((v) => v.id === d.to.id);
    // The impact page compares a version with the one just before it, so only offer it for that pair.
    if (!d || !to || to.previousVersionId !== d.from.id) return nothing;
    return html`<a class="button" href="/versioner/${to.id}/konsekvens">Konsekvens for kravene<span class="visually-hidden"> af ${to.shortName}</span></a>`;
  }

  private _renderCompareForm(t: SourceTimeline) {
    const newestFirst = [...t.versions].reverse();
    if (t.versions.length < 2) {
      return html`<div class="empty"><p>Retskilden har kun én version; der er intet at sammenligne med.</p></div>`;
    }
    const option = (selected: number) => (v: SourceTimeline['versions'][number]) =>
      html`<option value=${String(v.id)} ?selected=${v.id === selected}>${v.shortName} · ${v.standingLabel} · i kraft ${formatDate(v.inForceFrom)}</option>`;
    return html`<section class="card compare-card" aria-labelledby="compare-heading">
      <h2 id="compare-heading" class="visually-hidden">Vælg versioner</h2>
      <form class="compare" @submit=${this._onCompare} novalidate>
        <div class="field">
          <label for="from">Fra version</label>
          <select id="from" @change=${(e: Event) => (this._draftFrom = Number((e.target as HTMLSelectElement).value))}>
            ${newestFirst.map(option(this._draftFrom))}
          </select>
        </div>
        <div class="field">
          <label for="to">Til version</label>
          <select id="to" @change=${(e: Event) => (this._draftTo = Number((e.target as HTMLSelectElement).value))}>
            ${newestFirst.map(option(this._draftTo))}
          </select>
        </div>
        <button class="button primary" type="submit">Sammenlign</button>
      </form>
      ${this._compareError ? html`<p class="field-error compare-error" role="alert">${this._compareError}</p>` : nothing}
    </section>`;
  }

  private _onCompare(e: Event) {
    e.preventDefault();
    if (this._draftFrom === this._draftTo) {
      this._compareError = 'Vælg to forskellige versioner';
      return;
    }
    this._compareError = '';
    this.go(`/kilder/${this.sourceId}/forskel?fra=${this._draftFrom}&til=${this._draftTo}`);
  }

  private get _shown(): Shown[] {
    const d = this._diff.value;
    if (!d) return [];
    const all = d.changes.map((change, index) => ({ index, change }));
    return this._substantiveOnly ? all.filter((s) => s.change.substantive) : all;
  }

  private _renderDiff() {
    const pair = this._pair;
    if (!pair) return nothing;
    if (pair.from === pair.to) return html`<div class="empty"><p>Vælg to forskellige versioner at sammenligne.</p></div>`;
    const state = this._diff.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._loadDiff} heading="Forskellen kunne ikke beregnes"></sb-error-alert>`;
    const d = this._diff.value;
    if (!d || state.status === 'loading') return html`<sb-loading label="Sammenligner versionerne bestemmelse for bestemmelse…"></sb-loading>`;
    const shown = this._shown;
    const formal = d.changes.length - d.changes.filter((c) => c.substantive).length;
    return html`${this._renderStats(d)} ${this._renderToolbar(shown.length)}
      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">
          ${this._substantiveOnly ? 'Indholdsmæssige ændringer' : 'Alle ændringer'} <span class="muted">(${formatNumber(shown.length)})</span>
        </h2>
        <p class="small muted">
          ${this._substantiveOnly && formal
            ? `${plural(formal, 'ændring', 'ændringer')} af ren form (orddeling, mellemrum, opstilling) er skjult.`
            : !this._substantiveOnly && formal
              ? `Heraf ${plural(formal, 'ændring', 'ændringer')} af ren form, markeret «kun form».`
              : 'Alle ændringer er indholdsmæssige.'}
        </p>
        ${shown.length === 0
          ? html`<div class="empty">
              <p>${d.changes.length === 0 ? 'De to versioner har samme tekst.' : 'Ingen indholdsmæssige ændringer mellem de to versioner.'}</p>
              ${d.changes.length ? html`<p>Slå «Kun indholdsmæssige ændringer» fra for at se ændringerne af ren form.</p>` : nothing}
            </div>`
          : html`<ol class="changes ${shown.length > MANY ? 'many' : ''}" @focusin=${this._onFocusIn}>
              ${repeat(
                shown,
                (s) => s.index,
                (s, i) => this._renderChange(d, s, i),
              )}
            </ol>`}
      </section>`;
  }

  private _renderStats(d: VersionDiff) {
    const s = d.stats;
    const stat = (label: string, n: number, emphasis = false) => html`<div class=${emphasis ? 'emphasis' : ''}><dt>${label}</dt><dd>${formatNumber(n)}</dd></div>`;
    return html`<dl class="stats" aria-label="Overblik over ændringerne">
      ${stat('Indholdsmæssige ændringer', s.substantive, s.substantive > 0)} ${stat('Ændret', s.changed)} ${stat('Tilføjet', s.added)}
      ${stat('Ophævet', s.removed)} ${stat('Omnummereret', s.renumbered)} ${stat('Uændret', s.unchanged)}
    </dl>`;
  }

  private _renderToolbar(count: number) {
    const position = this._current >= 0 ? `Ændring ${formatNumber(this._current + 1)} af ${formatNumber(count)}` : `${plural(count, 'ændring', 'ændringer')}`;
    return html`<div class="toolbar" role="group" aria-label="Visning og navigation">
      <fieldset>
        <legend>Visning</legend>
        <span class="segmented">
          <label><input type="radio" name="mode" value="side" .checked=${this._mode === 'side'} @change=${() => (this._mode = 'side')} />Side om side</label>
          <label><input type="radio" name="mode" value="inline" .checked=${this._mode === 'inline'} @change=${() => (this._mode = 'inline')} />Samlet tekst</label>
        </span>
      </fieldset>
      <label class="toggle"
        ><input type="checkbox" .checked=${this._substantiveOnly} @change=${this._onFilter} />Kun indholdsmæssige ændringer</label
      >
      <div class="jump">
        <span class="position" role="status">${position}</span>
        <button class="button small" type="button" ?disabled=${count === 0} @click=${() => this._jump(-1)}>
          <span aria-hidden="true">↑</span> Forrige<span class="visually-hidden"> ændring</span>
        </button>
        <button class="button small" type="button" ?disabled=${count === 0} @click=${() => this._jump(1)}>
          <span aria-hidden="true">↓</span> Næste<span class="visually-hidden"> ændring</span>
        </button>
      </div>
      <p class="shortcut-hint">
        <span class="legend" aria-hidden="true"><span><ins>tilføjet</ins> understreget</span><span><del>fjernet</del> gennemstreget</span></span>
        <label class="toggle"
          ><input type="checkbox" .checked=${this._shortcuts} @change=${this._onShortcuts} />Genvejstaster: <kbd>j</kbd>/<kbd>n</kbd> næste,
          <kbd>k</kbd>/<kbd>p</kbd> forrige</label
        >
      </p>
    </div>`;
  }

  private _renderChange(d: VersionDiff, s: Shown, position: number) {
    const current = position === this._current;
    const c = s.change;
    const kind = c.kind === 'unchanged' ? 'changed' : c.kind;
    const formal = !c.substantive;
    const headingId = `change-${s.index}`;
    return html`<li class="change k-${kind} ${formal ? 'formal' : ''} ${current ? 'current' : ''}" data-pos=${position}>
      <div class="change-head">
        <h3 id=${headingId} tabindex="-1">
          ${c.newLabel && c.newLabel !== c.label
            ? html`${c.label} <span class="arrow" aria-hidden="true">→</span><span class="visually-hidden"> bliver til </span> ${c.newLabel}`
            : c.label}
        </h3>
        <span class="badges">
          <sb-change-badge kind=${kind}></sb-change-badge>
          ${formal ? html`<sb-change-badge kind="formal"></sb-change-badge>` : nothing}
        </span>
      </div>
      ${this._mode === 'side' ? this._renderSideBySide(d, c) : this._renderInline(c)}
      <p class="change-foot">
        ${this._provisionLink(d, c)}
        ${c.kind === 'renumbered' && !c.substantive ? html`<span class="note">Teksten er uændret; kun nummeret er nyt.</span>` : nothing}
        ${formal && c.kind !== 'renumbered' ? html`<span class="note">Kun formelle forskelle, fx orddeling, mellemrum eller opstilling.</span>` : nothing}
      </p>
    </li>`;
  }

  /** The word diff to draw: the server's, or for a change of form only, one made here. */
  private _words(c: ProvisionChange): DiffPart[] {
    if (c.words) return c.words;
    if (c.old === undefined || c.new === undefined) return [];
    let parts = this._formalWords.get(c);
    if (!parts) {
      parts = diffWords(c.old, c.new).map((p) => ({ value: p.value, added: p.added || undefined, removed: p.removed || undefined }));
      this._formalWords.set(c, parts);
    }
    return parts;
  }

  private _renderSideBySide(d: VersionDiff, c: ProvisionChange) {
    const words = this._words(c);
    const column = (side: 'old' | 'new', label: string) => {
      const text = side === 'old' ? c.old : c.new;
      return html`<div>
        <p class="col-label">${side === 'old' ? 'Før' : 'Efter'} · ${label}</p>
        ${text === undefined
          ? html`<p class="law absent">${side === 'old' ? `Fandtes ikke i ${label}.` : `Findes ikke i ${label}.`}</p>`
          : html`<p class="law">${words.length ? renderWordDiff(words, side) : text}</p>`}
      </div>`;
    };
    return html`<div class="columns">${column('old', d.from.shortName)} ${column('new', d.to.shortName)}</div>`;
  }

  private _renderInline(c: ProvisionChange) {
    if (c.old === undefined && c.new !== undefined) return html`<p class="law">${renderWordDiff([{ value: c.new, added: true }])}</p>`;
    if (c.new === undefined && c.old !== undefined) return html`<p class="law">${renderWordDiff([{ value: c.old, removed: true }])}</p>`;
    const words = this._words(c);
    return html`<p class="law">${words.length ? renderWordDiff(words) : c.new}</p>`;
  }

  private _provisionLink(d: VersionDiff, c: ProvisionChange) {
    // A removed provision is read in the old version; everything else in the new one, under its new key.
    const inOld = c.kind === 'removed';
    const key = inOld ? c.key : (c.newKey ?? c.key);
    const label = inOld ? c.label : (c.newLabel ?? c.label);
    const version = inOld ? d.from : d.to;
    return html`<a href="/kilder/${this.sourceId}/bestemmelser/${encodeURIComponent(key)}?version=${version.id}"
      >Se ${label} i ${version.shortName}</a
    >`;
  }

  /** Tabbing into a change makes it the one Forrige/Næste count from. */
  private _onFocusIn(e: FocusEvent) {
    const li = (e.target as HTMLElement).closest<HTMLElement>('li.change');
    if (li?.dataset.pos) this._current = Number(li.dataset.pos);
  }

  private _onFilter(e: Event) {
    this._substantiveOnly = (e.target as HTMLInputElement).checked;
    this._current = -1;
  }

  private _onShortcuts(e: Event) {
    this._shortcuts = (e.target as HTMLInputElement).checked;
    localStorage.setItem(SHORTCUTS_KEY, this._shortcuts ? 'on' : 'off');
  }

  private _onKey = (e: KeyboardEvent) => {
    if (!this._shortcuts || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
    if (isTextEntry(e.composedPath()[0])) return;
    const key = e.key.toLowerCase();
    const step = key === 'j' || key === 'n' ? 1 : key === 'k' || key === 'p' ? -1 : 0;
    if (!step || !this._diff.value) return;
    e.preventDefault();
    this._jump(step);
  };

  /** Moves to the next or previous shown change and puts focus on its heading. */
  private async _jump(step: 1 | -1) {
    const shown = this._shown;
    if (!shown.length) return;
    const next = this._current < 0 ? (step > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, this._current + step));
    this._current = next;
    await this.updateComplete;
    const heading = this.renderRoot.querySelector<HTMLElement>(`#change-${shown[next]!.index}`);
    heading?.focus({ preventScroll: true });
    // Instantly: a smooth scroll across a long act leaves the changes in between unpainted for a while.
    heading?.closest('li')?.scrollIntoView({ block: 'start' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-source-diff-page': SbSourceDiffPage;
  }
}
