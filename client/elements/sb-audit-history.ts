// The audit trail of one object, folded away under a heading: who did what, when and why, and what changed.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { literal, html as staticHtml } from 'lit/static-html.js';
import { getAuditTrail, type AuditEntityType, type AuditEntry } from '../api/audit.js';
import { CLASS_LABELS, statusOptions } from '../api/change-requests.js';
import { LINK_STATUS_LABELS } from '../api/links.js';
import { KIND_LABELS, STATUS_LABELS, TENDER_LABELS, labelOf } from '../api/requirements.js';
import { listSolutions } from '../api/solutions.js';
import { ROLE_LABELS } from '../api/users.js';
import { formatDate, formatDateTime, formatNumber } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { base } from '../styles/shared.js';
import './sb-error-alert.js';
import './sb-loading.js';

const PAGE = 50;

const FIELD_LABELS: Record<string, string> = {
  title: 'Titel',
  address: 'Adresse',
  description: 'Beskrivelse',
  text: 'Tekst',
  status: 'Status',
  class: 'Klasse',
  kind: 'Type',
  proposer: 'Forslagsstiller',
  estimate_hours: 'Estimat (timer)',
  estimateHours: 'Estimat (timer)',
  estimate_dkk: 'Estimat (kr.)',
  estimateDkk: 'Estimat (kr.)',
  deadline: 'Frist',
  priority: 'Prioritet',
  displayName: 'Navn',
  active: 'Aktiv',
  roles: 'Roller',
  passwordChanged: 'Adgangskode',
  tenderCategory: 'Udbudskategori',
  tender_category: 'Udbudskategori',
  nonLegal: 'Ikke lovbestemt',
  non_legal: 'Ikke lovbestemt',
  version: 'Version',
  requirementVersions: 'Kravversioner',
  provisionKey: 'Bestemmelse',
  provision: 'Bestemmelse',
  requirement: 'Krav',
  source: 'Retskilde',
  rationale: 'Begrundelse',
  url: 'Adresse',
  name: 'Navn',
  supplier: 'Leverandør',
  retenderDate: 'Genudbud',
  lastSteeringMeeting: 'Sidste styregruppemøde',
  decisionLeadDays: 'Beslutningsfrist (dage)',
};

/** Bookkeeping fields every row carries; they change with every edit and say nothing. */
const IGNORED = new Set([
  'id',
  'updated_at',
  'updatedAt',
  'created_at',
  'createdAt',
  'created_by',
  'createdBy',
  'solution_id',
  'human_id',
  'humanId',
  'source_version_id',
  'sourceVersionId',
  'last_reviewed_at',
  'lastReviewedAt',
  'solution',
  'solutionName',
  'confirmedVersionId',
  'versionId',
]);

const MAX_CHANGES = 8;
const MAX_VALUE = 140;

let solutionCodes: Promise<Map<number, string>> | null = null;
/** Older role grants name the solution by its id; the codes are read once per page load. */
function solutionCodesById(): Promise<Map<number, string>> {
  solutionCodes ??= listSolutions()
    .then((r) => new Map(r.items.map((s) => [s.id, s.code])))
    .catch(() => new Map());
  return solutionCodes;
}

interface Change {
  field: string;
  before?: string;
  after?: string;
}

@customElement('sb-audit-history')
export class SbAuditHistory extends LitElement {
  static override styles = [
    base,
    css`
      :host([heading-level='4']) {
        margin-top: var(--sb-space-3);
      }
      :host([heading-level='4']) h4 {
        font-size: var(--sb-font-size-sm);
        margin: 0;
      }
      .toggle {
        display: inline-flex;
        align-items: center;
        gap: var(--sb-space-2);
        background: none;
        border: none;
        padding: var(--sb-space-1) 0;
        font: inherit;
        font-weight: inherit;
        color: inherit;
        cursor: pointer;
      }
      .toggle:hover .title {
        text-decoration: underline;
        text-underline-offset: 0.15em;
      }
      .chevron {
        display: inline-block;
        transition: transform 0.15s;
        color: var(--sb-color-primary);
      }
      [aria-expanded='true'] .chevron {
        transform: rotate(90deg);
      }
      .count {
        font-weight: 400;
        color: var(--sb-color-text-muted);
        font-size: var(--sb-font-size-md);
      }
      .panel {
        margin-top: var(--sb-space-3);
      }
      td.when {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      td.actor {
        white-space: nowrap;
      }
      .changes {
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: var(--sb-font-size-sm);
      }
      .changes li + li {
        margin-top: 2px;
      }
      .field-name {
        font-weight: 600;
      }
      .before {
        color: var(--sb-color-del);
        text-decoration: line-through;
      }
      .after {
        color: var(--sb-color-ins);
        font-weight: 600;
      }
      .after.set {
        color: inherit;
        font-weight: 400;
      }
      .more {
        margin-top: var(--sb-space-3);
      }
    `,
  ];

  @property({ attribute: 'entity-type' }) entityType: AuditEntityType = 'requirement';
  @property({ attribute: 'entity-id' }) entityId = '';
  @property() heading = 'Historik';
  /** The heading's level in the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel: 2 | 3 | 4 = 2;
  @property({ type: Boolean, reflect: true }) open = false;
  /** Read the trail only when first opened (for the many small objects of a page, such as its trace links). */
  @property({ type: Boolean }) lazy = false;
  /** Optional labels for values the element cannot know, e.g. a change request's statuses in its own class. */
  @property({ attribute: false }) valueLabel?: (field: string, value: unknown) => string | undefined;

  @state() private _entries: AuditEntry[] = [];
  @state() private _more = false;
  @state() private _codes = new Map<number, string>();
  private _page = new Resource<AuditEntry[]>(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('entityType') || changed.has('entityId')) && this.entityId) {
      this._entries = [];
      if (!this.lazy || this.open) this.reload();
      else this._page.state = { status: 'idle' };
    }
    if (changed.has('open') && this.open && this._page.state.status === 'idle' && this.entityId) this.reload();
  }

  /** Reads the trail again from the newest entry, e.g. after the page changed the object. */
  async reload(): Promise<void> {
    if (this.entityType === 'user') this._codes = await solutionCodesById();
    const items = await this._page.load(async () => (await getAuditTrail(this.entityType, this.entityId, PAGE + 1, 0)).items);
    if (!items) return;
    this._more = items.length > PAGE;
    this._entries = items.slice(0, PAGE);
  }

  private async _loadOlder() {
    const items = await this._page.load(async () => (await getAuditTrail(this.entityType, this.entityId, PAGE + 1, this._entries.length)).items);
    if (!items) return;
    this._more = items.length > PAGE;
    this._entries = [...this._entries, ...items.slice(0, PAGE)];
  }

  override render() {
    const count = this._page.state.status !== 'idle' && (this._page.state.status === 'ready' || this._entries.length) ? html` <span class="count">(${formatNumber(this._entries.length)}${this._more ? '+' : ''})</span>` : nothing;
    const button = html`<button class="toggle" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="audit-panel" @click=${this._toggle}>
      <span class="chevron" aria-hidden="true">▸</span><span class="title">${this.heading}</span>${count}
    </button>`;
    const tag = this.headingLevel === 4 ? literal`h4` : this.headingLevel === 3 ? literal`h3` : literal`h2`;
    return html`<section aria-labelledby="audit-heading">
      ${staticHtml`<${tag} id="audit-heading">${button}</${tag}>`}
      <div id="audit-panel" class="panel" ?hidden=${!this.open}>${this.open ? this._renderPanel() : nothing}</div>
    </section>`;
  }

  private _toggle() {
    this.open = !this.open;
  }

  private _renderPanel() {
    const state = this._page.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} heading="Historikken kunne ikke hentes" retry @sb-retry=${this.reload}></sb-error-alert>`;
    if (!this._entries.length && state.status !== 'ready') return html`<sb-loading label="Henter historik…"></sb-loading>`;
    if (!this._entries.length) return html`<p class="muted">Der er ingen registrerede hændelser.</p>`;
    return html`<p class="hint">Revisionsspor: hvem ændrede hvad, hvornår og hvorfor. Nyeste først.</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">${this.heading}, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Hvem</th>
              <th scope="col">Handling</th>
              <th scope="col">Begrundelse</th>
              <th scope="col">Ændringer</th>
            </tr>
          </thead>
          <tbody>
            ${this._entries.map((e) => this._renderEntry(e))}
          </tbody>
        </table>
      </div>
      ${this._more
        ? html`<p class="more"><button class="button small" type="button" ?disabled=${state.status === 'loading'} @click=${this._loadOlder}>Vis ældre hændelser</button></p>`
        : nothing}`;
  }

  private _renderEntry(e: AuditEntry) {
    const changes = this._changes(e);
    const detail = this._detail(e);
    return html`<tr>
      <td class="when">${formatDateTime(e.at)}</td>
      <td class="actor">${e.actorName}</td>
      <td>${e.actionLabel}</td>
      <td>${e.reason || detail || html`<span class="muted">–</span>`}</td>
      <td>
        ${changes.length
          ? html`<ul class="changes">
              ${changes.map(
                (c) => html`<li>
                  <span class="field-name">${c.field}:</span>
                  ${c.before !== undefined ? html`<span class="before"><span class="visually-hidden">før </span>${c.before}</span>` : nothing}
                  ${c.before !== undefined && c.after !== undefined ? html`<span aria-hidden="true">→</span>` : nothing}
                  ${c.after !== undefined ? html`<span class="after ${c.before === undefined ? 'set' : ''}"><span class="visually-hidden">${c.before !== undefined ? 'efter ' : ''}</span>${c.after}</span>` : nothing}
                </li>`,
              )}
            </ul>`
          : html`<span class="muted">–</span>`}
      </td>
    </tr>`;
  }

  /** A comment's text or an attachment's title, which say more than the empty reason column would. */
  private _detail(e: AuditEntry): string {
    const after = e.after as Record<string, unknown> | null;
    if (e.action === 'change_request.comment' && typeof after?.text === 'string') return truncate(after.text);
    if (e.action === 'change_request.attach' && typeof after?.title === 'string') return after.title;
    return '';
  }

  /** The fields an entry changed: before → after for an edit, the values set for a creation. */
  private _changes(e: AuditEntry): Change[] {
    if (e.action === 'change_request.comment' || e.action === 'change_request.attach' || e.action.startsWith('auth.')) return [];
    const before = isRecord(e.before) ? e.before : null;
    const after = isRecord(e.after) ? e.after : null;
    const out: Change[] = [];
    if (before && after) {
      for (const [key, value] of Object.entries(after)) {
        if (IGNORED.has(key) || value === undefined) continue;
        if (!(key in before)) {
          // A field only the after-state names (the versions a step produced, a password reset).
          if (value !== null && value !== false && !(Array.isArray(value) && !value.length)) out.push({ field: this._field(key), after: this._value(key, value) });
          continue;
        }
        if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
        const old = before[key];
        if (typeof old === 'string' && typeof value === 'string' && (old.length > MAX_VALUE || value.length > MAX_VALUE)) {
          const [from, to] = aroundChange(old, value);
          out.push({ field: this._field(key), before: from, after: to });
          continue;
        }
        const from = this._value(key, old);
        const to = this._value(key, value);
        // Role lists name solutions by id before and by code after; the same roles read the same.
        if (from !== to) out.push({ field: this._field(key), before: from, after: to });
      }
    } else if (after) {
      for (const [key, value] of Object.entries(after)) {
        if (IGNORED.has(key) || value === null || value === undefined || value === '' || value === false || (Array.isArray(value) && !value.length)) continue;
        out.push({ field: this._field(key), after: this._value(key, value) });
      }
    } else if (before) {
      for (const [key, value] of Object.entries(before)) {
        if (IGNORED.has(key) || value === null || value === undefined) continue;
        out.push({ field: this._field(key), before: this._value(key, value) });
      }
    }
    return out.slice(0, MAX_CHANGES);
  }

  private _field(key: string): string {
    return FIELD_LABELS[key] ?? key;
  }

  private _value(key: string, value: unknown): string {
    const custom = this.valueLabel?.(key, value);
    if (custom !== undefined) return custom;
    if (value === null || value === undefined || value === '') return '–';
    if (key === 'passwordChanged') return value ? 'nulstillet' : 'uændret';
    if (typeof value === 'boolean') return value ? 'ja' : 'nej';
    if (typeof value === 'number') return key === 'non_legal' ? (value ? 'ja' : 'nej') : formatNumber(value);
    if (typeof value === 'string') {
      if (key === 'class') return labelOf(CLASS_LABELS, value);
      if (key === 'status') return this._statusLabel(value);
      if (key === 'kind') return labelOf(KIND_LABELS, value);
      if (key === 'tenderCategory' || key === 'tender_category') return labelOf(TENDER_LABELS, value);
      if (key === 'deadline' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
      return truncate(value);
    }
    if (Array.isArray(value)) {
      if (!value.length) return 'ingen';
      return truncate(value.map((v) => this._item(v)).join(', '));
    }
    return truncate(JSON.stringify(value));
  }

  /** One element of a list value: a role grant, a requirement version, or whatever it is. */
  private _item(v: unknown): string {
    if (!isRecord(v)) return String(v);
    if (typeof v.role === 'string') {
      const where = 'solution' in v ? v.solution : typeof v.solutionId === 'number' ? (this._codes.get(v.solutionId) ?? `løsning ${v.solutionId}`) : null;
      return `${labelOf(ROLE_LABELS, v.role)} (${where ?? 'alle løsninger'})`;
    }
    if (typeof v.humanId === 'string' && typeof v.version === 'number') return `${v.humanId} v${v.version}`;
    return JSON.stringify(v);
  }

  private _statusLabel(status: string): string {
    if (this.entityType === 'requirement') return labelOf(STATUS_LABELS, status);
    if (this.entityType === 'trace_link') return labelOf(LINK_STATUS_LABELS, status);
    return statusOptions('').find((s) => s.status === status)?.label ?? status;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Two long texts cut to the stretch where they start to differ, so an edit near the end is visible. */
function aroundChange(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const start = Math.max(0, i - 40);
  const cut = (s: string) => truncate((start > 0 ? '…' : '') + s.slice(start));
  return [cut(a), cut(b)];
}

function truncate(s: string): string {
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-audit-history': SbAuditHistory;
  }
}
