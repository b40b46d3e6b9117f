// A version's provisions as a tree grouped by chapter. Chapters start collapsed and render their
// provisions only when opened, because a large act (retsplejeloven) has some 20,000 of them.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Provision } from '../api/sources.js';
import { formatNumber, plural } from '../app/format.js';
import { base } from '../styles/shared.js';

interface ChapterGroup {
  chapter: string | null;
  /** Top-level provisions (a §, or a range placeholder) in document order. */
  roots: Provision[];
  count: number;
}

const FILTER_LIMIT = 100;
/** Above this many provisions, "unfold all" would stall the page, so it is not offered. */
const UNFOLD_ALL_LIMIT = 3000;

/** "§ 6, stk. 2, nr. 1" under "§ 6, stk. 2" → "Nr. 1": the part a nested list needs to show. */
export function shortLabel(label: string, parentLabel: string | undefined): string {
  if (!parentLabel || !label.startsWith(`${parentLabel}, `)) return label;
  const rest = label.slice(parentLabel.length + 2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

@customElement('sb-provision-tree')
export class SbProvisionTree extends LitElement {
  static override styles = [
    base,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sb-space-3);
        align-items: end;
      }
      #filter-hint {
        margin: var(--sb-space-1) 0 var(--sb-space-4);
      }
      .toolbar .field {
        margin: 0;
        flex: 1 1 20rem;
      }
      .chapters {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--sb-color-border);
        border-radius: var(--sb-radius-lg);
        background: var(--sb-color-surface);
        overflow: hidden;
      }
      .chapters > li + li {
        border-top: 1px solid var(--sb-color-border);
      }
      .chapter-heading {
        margin: 0;
        font-size: var(--sb-font-size-md);
      }
      .chapter-toggle {
        display: flex;
        width: 100%;
        align-items: baseline;
        gap: var(--sb-space-3);
        padding: var(--sb-space-3) var(--sb-space-4);
        background: none;
        border: none;
        font: inherit;
        font-weight: 650;
        text-align: left;
        color: var(--sb-color-text);
        cursor: pointer;
      }
      .chapter-toggle:hover {
        background: var(--sb-color-primary-soft);
      }
      .chapter-toggle:focus-visible {
        outline-offset: -3px;
      }
      .chevron {
        display: inline-block;
        width: 1em;
        transition: transform 0.15s;
        color: var(--sb-color-primary);
      }
      [aria-expanded='true'] .chevron {
        transform: rotate(90deg);
      }
      .count {
        margin-left: auto;
        font-weight: 400;
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        white-space: nowrap;
      }
      .chapter-body {
        padding: 0 var(--sb-space-4) var(--sb-space-4) calc(var(--sb-space-4) + 1.75rem);
      }
      ul.provisions {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.provisions ul.provisions {
        padding-left: var(--sb-space-5);
        border-left: 2px solid var(--sb-color-border);
        margin: var(--sb-space-1) 0 var(--sb-space-2);
      }
      .node {
        padding: var(--sb-space-1) 0;
      }
      .node a {
        font-weight: 650;
        margin-right: var(--sb-space-2);
        white-space: nowrap;
      }
      .repealed {
        color: var(--sb-color-text-muted);
        font-style: italic;
      }
      .filter-results li {
        padding: var(--sb-space-2) 0;
        border-bottom: 1px solid var(--sb-color-border);
      }
    `,
  ];

  @property({ attribute: false }) provisions: Provision[] = [];
  @property({ type: Number }) sourceId = 0;
  @property({ type: Number }) versionId = 0;

  @state() private _expanded = new Set<number>();
  @state() private _filter = '';

  private _groups: ChapterGroup[] = [];
  private _children = new Map<string, Provision[]>();
  private _byKey = new Map<string, Provision>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('provisions')) {
      this._index();
      // A short act has no chapters worth folding away.
      this._expanded = new Set(this._groups.length === 1 ? [0] : []);
    }
  }

  private _index() {
    this._children = new Map();
    this._byKey = new Map();
    this._groups = [];
    for (const p of this.provisions) {
      this._byKey.set(p.key, p);
      if (p.parentKey) {
        const list = this._children.get(p.parentKey);
        if (list) list.push(p);
        else this._children.set(p.parentKey, [p]);
      }
      const isRoot = !p.parentKey || !this._byKey.has(p.parentKey);
      let group = this._groups[this._groups.length - 1];
      // Only a § starts a new chapter group; its stk. and nr. stay with it whatever they say.
      if (!group || (isRoot && group.chapter !== p.chapter)) {
        group = { chapter: p.chapter, roots: [], count: 0 };
        this._groups.push(group);
      }
      group.count++;
      if (isRoot) group.roots.push(p);
    }
  }

  override render() {
    if (!this.provisions.length) return html`<div class="empty"><p>Versionen har ingen bestemmelser.</p></div>`;
    const allOpen = this._expanded.size === this._groups.length;
    return html`<div class="toolbar">
        <div class="field">
          <label for="filter">Find i denne version</label>
          <input
            id="filter"
            type="search"
            autocomplete="off"
            aria-describedby="filter-hint"
            .value=${this._filter}
            @input=${(e: Event) => (this._filter = (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this._filter.trim() || this._groups.length <= 1 || (!allOpen && this.provisions.length > UNFOLD_ALL_LIMIT)
          ? nothing
          : html`<button class="button small" type="button" @click=${this._toggleAll}>${allOpen ? 'Fold alle kapitler sammen' : 'Fold alle kapitler ud'}</button>`}
      </div>
      <p class="hint" id="filter-hint">
        Skriv en paragraf (fx «§ 6») eller ord. Versionen har ${plural(this.provisions.length, 'bestemmelse', 'bestemmelser')} i
        ${plural(this._groups.length, 'kapitel', 'kapitler')}.
      </p>
      ${this._filter.trim() ? this._renderFiltered() : this._renderChapters()}`;
  }

  private _renderChapters() {
    return html`<ul class="chapters">
      ${this._groups.map((g, i) => {
        const open = this._expanded.has(i);
        const bodyId = `chapter-${i}`;
        return html`<li>
          <h3 class="chapter-heading">
            <button class="chapter-toggle" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${bodyId} @click=${() => this._toggle(i)}>
              <span class="chevron" aria-hidden="true">▸</span>
              <span>${g.chapter ?? 'Bestemmelser uden kapitel'}</span>
              <span class="count">${formatNumber(g.roots.length)} §§</span>
            </button>
          </h3>
          <div class="chapter-body" id=${bodyId} ?hidden=${!open}>
            ${open ? html`<ul class="provisions">${g.roots.map((p) => this._renderNode(p, undefined))}</ul>` : nothing}
          </div>
        </li>`;
      })}
    </ul>`;
  }

  private _renderNode(p: Provision, parent: Provision | undefined): unknown {
    const children = this._children.get(p.key);
    const short = shortLabel(p.label, parent?.label);
    const hiddenPrefix = short !== p.label ? p.label.slice(0, p.label.length - short.length) : '';
    return html`<li class="node">
      <a href=${this._href(p)}>${hiddenPrefix ? html`<span class="visually-hidden">${hiddenPrefix}</span>` : nothing}${short}</a>
      <span class=${p.repealed ? 'repealed' : ''}>${p.text}</span>
      ${children ? html`<ul class="provisions">${children.map((c) => this._renderNode(c, p))}</ul>` : nothing}
    </li>`;
  }

  private _renderFiltered() {
    const q = this._filter.trim().toLowerCase();
    const label = q.replace(/\s+/g, ' ');
    // The provision the user named comes first, then what lies under it, then mentions in the text.
    const exact: Provision[] = [];
    const under: Provision[] = [];
    const mentions: Provision[] = [];
    for (const p of this.provisions) {
      const l = p.label.toLowerCase();
      if (l === label) exact.push(p);
      else if (l.startsWith(`${label},`)) under.push(p);
      else if (mentions.length <= FILTER_LIMIT && p.text.toLowerCase().includes(q)) mentions.push(p);
    }
    const matches = [...exact, ...under, ...mentions];
    const shown = matches.slice(0, FILTER_LIMIT);
    return html`<p role="status" class="small muted">
        ${matches.length > FILTER_LIMIT
          ? `Mere end ${FILTER_LIMIT} bestemmelser matcher; de første ${FILTER_LIMIT} vises. Skriv mere for at indsnævre.`
          : matches.length
            ? `${plural(matches.length, 'bestemmelse', 'bestemmelser')} matcher.`
            : 'Ingen bestemmelser matcher.'}
      </p>
      ${shown.length
        ? html`<ul class="provisions filter-results">
            ${shown.map(
              (p) => html`<li>
                <a href=${this._href(p)}>${p.label}</a>
                <span class="small muted">${p.chapter ?? ''}</span>
                <div class=${p.repealed ? 'repealed' : ''}>${p.text}</div>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }

  private _href(p: Provision) {
    return `/kilder/${this.sourceId}/bestemmelser/${encodeURIComponent(p.key)}?version=${this.versionId}`;
  }

  private _toggle(i: number) {
    const next = new Set(this._expanded);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    this._expanded = next;
  }

  private _toggleAll() {
    this._expanded = this._expanded.size === this._groups.length ? new Set() : new Set(this._groups.map((_, i) => i));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-provision-tree': SbProvisionTree;
  }
}
