// Edits a user's roles: each a role in one solution or in all of them.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SolutionSummary } from '../api/solutions.js';
import { ROLES, ROLE_LABELS, type Role, type RoleGrant } from '../api/users.js';
import { base } from '../styles/shared.js';

/**
 * @fires sb-roles-change - The roles changed; `detail` is the new list.
 */
@customElement('sb-role-editor')
export class SbRoleEditor extends LitElement {
  static override styles = [
    base,
    css`
      .rows {
        list-style: none;
        margin: 0 0 var(--sb-space-3);
        padding: 0;
        display: grid;
        gap: var(--sb-space-2);
      }
      .grant {
        display: grid;
        grid-template-columns: 1fr 1fr auto;
        gap: var(--sb-space-3);
        align-items: end;
        margin: 0;
        padding: var(--sb-space-3);
        background: var(--sb-color-surface-sunken);
        border-radius: var(--sb-radius);
      }
      .grant .field {
        margin: 0;
      }
      @media (max-width: 40rem) {
        .grant {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @property({ attribute: false }) roles: RoleGrant[] = [];
  @property({ attribute: false }) solutions: SolutionSummary[] = [];
  /** The server's message about the roles, if it rejected them. */
  @property() error = '';

  override render() {
    return html`${this.roles.length
        ? html`<ul class="rows">
            ${this.roles.map((g, i) => this._renderGrant(g, i))}
          </ul>`
        : html`<p class="muted small">Ingen roller: brugeren kan logge ind, men ikke se noget.</p>`}
      ${this.error ? html`<p class="field-error" id="roles-error">${this.error}</p>` : ''}
      <button class="button small" type="button" @click=${this._add}>+ Tilføj rolle</button>`;
  }

  private _renderGrant(g: RoleGrant, i: number) {
    const n = i + 1;
    return html`<li>
      <fieldset class="grant">
        <legend class="visually-hidden">Rolle ${n}</legend>
        <div class="field">
          <label for="role-${i}">Rolle</label>
          <select id="role-${i}" @change=${(e: Event) => this._set(i, { role: (e.target as HTMLSelectElement).value as Role })}>
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === g.role}>${ROLE_LABELS[r]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="solution-${i}">Løsning</label>
          <select id="solution-${i}" @change=${(e: Event) => this._set(i, { solution: (e.target as HTMLSelectElement).value || null })}>
            <option value="" ?selected=${g.solution === null}>Alle løsninger</option>
            ${this.solutions.map((s) => html`<option value=${s.code} ?selected=${s.code === g.solution}>${s.name} (${s.code})</option>`)}
          </select>
        </div>
        <button class="button small danger" type="button" @click=${() => this._remove(i)}>Fjern<span class="visually-hidden"> rolle ${n}</span></button>
      </fieldset>
    </li>`;
  }

  private _emit(roles: RoleGrant[]) {
    this.roles = roles;
    this.dispatchEvent(new CustomEvent<RoleGrant[]>('sb-roles-change', { detail: roles, bubbles: true, composed: true }));
  }

  private _set(i: number, change: Partial<RoleGrant>) {
    this._emit(this.roles.map((g, j) => (j === i ? { ...g, ...change } : g)));
  }

  private async _add() {
    this._emit([...this.roles, { role: 'laeser', solution: null }]);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLSelectElement>(`#role-${this.roles.length - 1}`)?.focus();
  }

  private async _remove(i: number) {
    this._emit(this.roles.filter((_, j) => j !== i));
    await this.updateComplete;
    const next = this.renderRoot.querySelector<HTMLElement>(`#role-${Math.min(i, this.roles.length - 1)}`) ?? this.renderRoot.querySelector<HTMLElement>('button');
    next?.focus();
  }
}

/** "Projektleder (KY)", "Kravredaktør (alle løsninger)". */
export function grantText(g: { role: string; solution: string | null }): string {
  return `${ROLE_LABELS[g.role as Role] ?? g.role} (${g.solution ?? 'alle løsninger'})`;
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-role-editor': SbRoleEditor;
  }
  interface HTMLElementEventMap {
    'sb-roles-change': CustomEvent<RoleGrant[]>;
  }
}
