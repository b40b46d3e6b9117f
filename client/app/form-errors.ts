// How a form shows what was refused: each field's message beside it, wired to the field with aria-invalid and
// aria-describedby, and a summary above the form that takes focus and links to the fields.
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ApiError } from '../api/http.js';
import { toApiError } from './resource.js';

/** The summary's focus ring (it takes focus after a failed save) and the spacing of its list of fields. */
export const errorSummaryStyles = css`
  .summary:focus {
    outline: var(--sb-focus-ring);
  }
  .summary ul {
    margin: var(--sb-space-2) 0 0;
    padding-left: var(--sb-space-5);
  }
`;

/**
 * A field's aria attributes and its message element (`FIELD-error`), so every field reports an error the same
 * way; `hintId` is the field's hint, which stays in its description.
 */
export function fieldError(error: ApiError | null, field: string, hintId?: string) {
  const message = error?.fieldMessage(field);
  return {
    invalid: message ? 'true' : 'false',
    describedBy: [hintId, message ? `${field}-error` : ''].filter(Boolean).join(' ') || nothing,
    message: message ? html`<p class="field-error" id="${field}-error">${message}</p>` : nothing,
  };
}

/** A field in the summary, in screen order: the request field, its label, and the element's id if not the same. */
export type SummaryField = readonly [field: string, name: string, id?: string];

/** The error of a form's last save (the server's 400 with `fields`, a 409, or the browser's own checks). */
export class FormErrors implements ReactiveController {
  private _error: ApiError | null = null;

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    host.addController(this);
  }

  // Nothing to set up; declared so the host takes it as a controller (one that only asks it to render again).
  hostConnected(): void {}

  get error(): ApiError | null {
    return this._error;
  }

  set error(error: ApiError | null) {
    this._error = error;
    this.host.requestUpdate();
  }

  field(field: string, hintId?: string) {
    return fieldError(this._error, field, hintId);
  }

  /** Shows a failed save and moves focus to the summary, so it is read out and its links to the fields come next. */
  async show(err: unknown): Promise<void> {
    this.error = toApiError(err);
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  /**
   * The summary: what was not saved, the server's message, and a link to each field it named. `target` finds the
   * element to focus where a field is not simply `#id` (a radio group, an input inside another element).
   */
  summary(title: string, fields: readonly SummaryField[], target?: (field: string) => HTMLElement | null | undefined) {
    const err = this._error;
    if (!err) return nothing;
    const known = fields.filter(([field]) => err.fieldMessage(field));
    const focus = (e: Event, field: string, id: string) => {
      // Fragment links cannot reach into a shadow root, so focus the field ourselves.
      e.preventDefault();
      (target ? target(field) : this.host.renderRoot.querySelector<HTMLElement>(`#${id}`))?.focus();
    };
    return html`<div class="alert error summary" role="alert" tabindex="-1">
      <p class="alert-title">${title}</p>
      <p>${err.message}</p>
      ${known.length
        ? html`<ul>
            ${known.map(([field, name, id = field]) => html`<li><a href="#${id}" @click=${(e: Event) => focus(e, field, id)}>${name}: ${err.fieldMessage(field)}</a></li>`)}
          </ul>`
        : nothing}
    </div>`;
  }
}
