// A projected version's instructions Sporbar could not apply, each with its text and the reason, and the form that
// applies one by hand (or corrects a provision of the projection) with a note.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { applyByHand, getVersionInstructions, type ManualChangeRecord, type UnappliedInstruction, type VersionInstructions } from '../api/instructions.js';
import { announceReviewChanged } from '../api/review.js';
import type { Provision } from '../api/sources.js';
import { FormErrors, errorSummaryStyles } from '../app/form-errors.js';
import { formatDate } from '../app/format.js';
import { Resource } from '../app/resource.js';
import { base } from '../styles/shared.js';
import './sb-badge.js';
import './sb-error-alert.js';
import './sb-loading.js';

/** The form open: for an instruction (its number), or for a correction without one ('correction'). */
type Editing = number | 'correction' | null;

const CHANGE_NAMES: Record<ManualChangeRecord['change'], string> = { changed: 'ændret', added: 'indsat', removed: 'ophævet' };

/** Labels compared as people type them: case, spacing and a final full stop do not matter. */
const labelKey = (label: string) => label.replace(/\s+/g, ' ').trim().replace(/\.$/, '').toLowerCase();

/**
 * @fires sb-version-changed - A change by hand was saved: the version's provisions read otherwise now.
 */
@customElement('sb-version-instructions')
export class SbVersionInstructions extends LitElement {
  static override styles = [
    base,
    errorSummaryStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li.instruction {
        margin-bottom: var(--sb-space-3);
      }
      blockquote {
        margin: 0 0 var(--sb-space-2);
        padding-left: var(--sb-space-3);
        border-left: 3px solid var(--sb-color-border-strong);
      }
      .meta {
        font-size: var(--sb-font-size-sm);
        color: var(--sb-color-text-muted);
        margin-bottom: var(--sb-space-2);
      }
      .by-hand {
        font-size: var(--sb-font-size-sm);
      }
      form {
        margin-top: var(--sb-space-3);
        padding-top: var(--sb-space-3);
        border-top: 1px solid var(--sb-color-border);
      }
      textarea.text {
        min-height: 8rem;
      }
    `,
  ];

  @property({ type: Number }) versionId = 0;
  /** The version's provisions: the labels the form offers and the texts it starts from. */
  @property({ attribute: false }) provisions: Provision[] = [];
  /** May the user apply instructions by hand here (the right to register versions, on a projection that can still change)? */
  @property({ type: Boolean }) canApply = false;

  @state() private _editing: Editing = null;
  @state() private _provision = '';
  @state() private _text = '';
  @state() private _repeal = false;
  @state() private _note = '';
  @state() private _busy = false;
  @state() private _saved = '';
  /** The text the form started from for the chosen provision, so someone else's change meanwhile is not overwritten. */
  private _expectedText: string | undefined;
  private _textTouched = false;

  private _instructions = new Resource<VersionInstructions>(this);
  private _errors = new FormErrors(this);
  @query('#mc-provision') private _provisionInput?: HTMLInputElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('versionId') && this.versionId) {
      this._editing = null;
      this._saved = '';
      this._load();
    }
  }

  private _load() {
    return this._instructions.load(() => getVersionInstructions(this.versionId));
  }

  private _find(label: string): Provision | undefined {
    const wanted = labelKey(label);
    return this.provisions.find((p) => labelKey(p.label) === wanted || p.key === label.trim());
  }

  private async _open(editing: Editing, label: string) {
    this._editing = editing;
    this._errors.error = null;
    this._saved = '';
    this._repeal = false;
    this._note = '';
    this._textTouched = false;
    this._choose(label);
    await this.updateComplete;
    this._provisionInput?.focus();
  }

  /** A provision chosen: its current projected text fills the text field, unless the user has written there. */
  private _choose(label: string) {
    this._provision = label;
    const found = this._find(label);
    this._expectedText = found?.text;
    if (!this._textTouched) this._text = found && !found.repealed ? found.text : '';
  }

  private async _close() {
    const editing = this._editing;
    this._editing = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-opens="${editing}"]`)?.focus();
  }

  override render() {
    const state = this._instructions.state;
    const value = this._instructions.value;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    if (!value) return html`<sb-loading label="Henter ændringer, der ikke kunne anvendes…"></sb-loading>`;
    const corrections = value.manual.filter((m) => m.number === null);
    if (!value.unapplied.length && !corrections.length && !this.canApply) return nothing;
    return html`<section class="section" aria-labelledby="unapplied-heading" id="ikke-anvendt">
      <h3 id="unapplied-heading">Ændringer, Sporbar ikke kunne anvende <span class="muted">(${value.unapplied.length})</span></h3>
      ${this._saved ? html`<div class="alert success" role="status" tabindex="-1" id="mc-saved"><p>${this._saved}</p></div>` : nothing}
      ${value.unapplied.length
        ? html`<p class="hint">
              ${value.version.amendingAct} indeholder ændringer, Sporbar ikke kunne forstå eller finde. De står her med deres tekst og grunden; anvend dem i
              hånden ved at skrive bestemmelsens nye tekst.
            </p>
            <ol>
              ${value.unapplied.map((u) => this._renderInstruction(u))}
            </ol>`
        : html`<p class="muted">Alle ændringer i ${value.version.amendingAct} er anvendt.</p>`}
      ${corrections.length
        ? html`<h4>Rettet i hånden</h4>
            <ul>
              ${corrections.map((c) => html`<li class="by-hand">${c.label} ${CHANGE_NAMES[c.change]} i hånden af ${c.byName}: ${c.note}</li>`)}
            </ul>`
        : nothing}
      ${this.canApply
        ? this._editing === 'correction'
          ? html`<div class="card">${this._renderForm(null)}</div>`
          : html`<p>
              <button class="button" type="button" data-opens="correction" aria-expanded="false" @click=${() => this._open('correction', '')}>
                Ret en bestemmelse i hånden
              </button>
            </p>`
        : nothing}
    </section>`;
  }

  private _renderInstruction(u: UnappliedInstruction) {
    const number = u.number ?? 0;
    const open = this._editing === number;
    return html`<li class="card instruction">
      <blockquote>${u.instruction}</blockquote>
      <p class="meta">
        ${u.appliedByHand ? nothing : html`Ikke anvendt: ${u.reason}. `}${u.inForceFrom ? `Træder i kraft ${formatDate(u.inForceFrom)}.` : 'Ikrafttræden fastsættes af ministeren.'}
      </p>
      ${u.appliedByHand
        ? html`<p class="by-hand">
            <sb-badge tone="success">Anvendt i hånden</sb-badge>
            ${u.appliedByHand.label} ${CHANGE_NAMES[u.appliedByHand.change]}, anvendt i hånden af ${u.appliedByHand.byName}: ${u.appliedByHand.note}
          </p>`
        : this.canApply
          ? html`<button
                class="button small"
                type="button"
                data-opens=${String(number)}
                aria-expanded=${open ? 'true' : 'false'}
                @click=${() => (open ? this._close() : this._open(number, u.label ?? ''))}
              >
                Anvend i hånden<span class="visually-hidden"> (ændring nr. ${number})</span>
              </button>
              ${open ? this._renderForm(u) : nothing}`
          : nothing}
    </li>`;
  }

  private _renderForm(u: UnappliedInstruction | null) {
    const provision = this._errors.field('provision', 'mc-provision-hint');
    const text = this._errors.field('text');
    const note = this._errors.field('note', 'mc-note-hint');
    const exists = this._find(this._provision);
    return html`<form @submit=${this._onSubmit} novalidate aria-label=${u ? `Anvend ændring nr. ${u.number} i hånden` : 'Ret en bestemmelse i hånden'}>
      ${this._errors.summary('Ændringen er ikke gemt', [
        ['provision', 'Bestemmelse', 'mc-provision'],
        ['text', 'Ny tekst', 'mc-text'],
        ['note', 'Note', 'mc-note'],
        ['instruction', 'Ændring', 'mc-provision'],
        ['id', 'Version', 'mc-provision'],
      ])}
      <div class="field">
        <label for="mc-provision">Bestemmelse</label>
        <span class="hint" id="mc-provision-hint">Fx «§ 11, stk. 3». En bestemmelse, den projicerede version ikke har, indsættes.</span>
        <input
          id="mc-provision"
          type="text"
          list="mc-provisions"
          autocomplete="off"
          aria-describedby=${provision.describedBy}
          aria-invalid=${provision.invalid}
          .value=${this._provision}
          @input=${(e: Event) => this._choose((e.target as HTMLInputElement).value)}
        />
        <datalist id="mc-provisions">${this.provisions.map((p) => html`<option value=${p.label}></option>`)}</datalist>
        ${provision.message}
        ${this._provision.trim() ? html`<p class="small muted">${exists ? (exists.repealed ? 'Bestemmelsen er ophævet; en ny tekst genindsætter den.' : 'Bestemmelsen findes; dens tekst ændres.') : 'Bestemmelsen findes ikke og indsættes.'}</p>` : nothing}
      </div>
      <div class="choice">
        <input id="mc-repeal" type="checkbox" .checked=${this._repeal} ?disabled=${!exists || exists.repealed} @change=${(e: Event) => (this._repeal = (e.target as HTMLInputElement).checked)} />
        <label for="mc-repeal">Ophæv bestemmelsen</label>
      </div>
      ${this._repeal
        ? nothing
        : html`<div class="field">
            <label for="mc-text">Ny tekst (projiceret)</label>
            <textarea
              id="mc-text"
              class="text"
              aria-describedby=${text.describedBy}
              aria-invalid=${text.invalid}
              .value=${this._text}
              @input=${(e: Event) => {
                this._text = (e.target as HTMLTextAreaElement).value;
                this._textTouched = true;
              }}
            ></textarea>
            ${text.message}
          </div>`}
      <div class="field">
        <label for="mc-note">Note</label>
        <span class="hint" id="mc-note-hint">Hvorfor, og hvad er gjort. Noten vises ved ændringen og på gennemgangen af de berørte krav.</span>
        <textarea
          id="mc-note"
          rows="3"
          aria-describedby=${note.describedBy}
          aria-invalid=${note.invalid}
          .value=${this._note}
          @input=${(e: Event) => (this._note = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${note.message}
      </div>
      <div class="form-actions">
        <button class="button primary" type="submit" ?disabled=${this._busy}>${this._busy ? 'Gemmer…' : 'Gem'}</button>
        <button class="button" type="button" @click=${this._close}>Annullér</button>
      </div>
    </form>`;
  }

  private async _onSubmit(e: Event) {
    e.preventDefault();
    if (this._busy || this._editing === null) return;
    const instruction = this._editing === 'correction' ? undefined : this._editing;
    this._busy = true;
    try {
      const result = await applyByHand(this.versionId, {
        instruction,
        provision: this._provision,
        text: this._repeal ? undefined : this._text,
        repeal: this._repeal,
        note: this._note,
        expectedText: this._find(this._provision) ? this._expectedText : undefined,
      });
      const { suspect, broken } = result.links;
      const flagged = suspect + broken;
      this._saved = `${result.change.label} er ${CHANGE_NAMES[result.change.change]} i hånden.${
        flagged ? ` ${flagged === 1 ? '1 sporingslink skal' : `${flagged} sporingslinks skal`} gennemgås.` : ' Ingen sporingslinks er berørt.'
      }`;
      this._editing = null;
      this._errors.error = null;
      if (flagged) announceReviewChanged();
      this.dispatchEvent(new CustomEvent('sb-version-changed', { bubbles: true, composed: true }));
      await this._load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#mc-saved')?.focus();
    } catch (err) {
      await this._errors.show(err);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-version-instructions': SbVersionInstructions;
  }
}
