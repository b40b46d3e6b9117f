// Lovforslag: the bills lovovervågning follows, and, for those who register sources, the form to register one.
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { BILL_STATUSES, createBill, listBills, type BillSummary, type NewBill } from '../api/bills.js';
import type { ApiError } from '../api/http.js';
import { fieldError } from '../app/form-errors.js';
import { formatDate } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import { PageElement } from './page-element.js';

@customElement('sb-bills-page')
export class SbBillsPage extends PageElement {
  private _bills = new Resource<BillSummary[]>(this);
  @state() private _error: ApiError | null = null;
  @state() private _busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this._load();
  }

  private _load() {
    this._bills.load(async () => (await listBills()).items);
  }

  override render() {
    return html`<div class="page-header">
        <div>
          <h1 tabindex="-1">Lovforslag</h1>
          <p class="lead">Lovforslag i høring og i Folketinget, holdt op mod kravene: hvad de ville ændre, uden at ændre et eneste sporingslink.</p>
        </div>
      </div>
      ${this._renderList()} ${this.may('source.import') ? this._renderForm() : nothing}`;
  }

  private _renderList() {
    const state = this._bills.state;
    if (state.status === 'error') return html`<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    if (state.status !== 'ready') return html`<sb-loading label="Henter lovforslag…"></sb-loading>`;
    if (!state.value.length) return html`<div class="empty"><p>Der er endnu ingen lovforslag.</p></div>`;
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Lovforslag</caption>
        <thead>
          <tr>
            <th scope="col">Nummer</th>
            <th scope="col">Titel</th>
            <th scope="col">Status</th>
            <th scope="col">Registreret</th>
          </tr>
        </thead>
        <tbody>
          ${state.value.map(
            (b) => html`<tr>
              <td><a href="/lovforslag/${b.id}">${b.number} (${b.session})</a></td>
              <td>${b.title}</td>
              <td>${b.status}${b.adoptedAct ? html`<div class="small muted">${b.adoptedAct}</div>` : nothing}</td>
              <td>${formatDate(b.createdAt.slice(0, 10))}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _renderForm() {
    const number = fieldError(this._error, 'number');
    const session = fieldError(this._error, 'session');
    const content = fieldError(this._error, 'content');
    return html`<section class="section" aria-labelledby="new-bill">
      <h2 id="new-bill">Registrér et lovforslag</h2>
      ${this._error ? html`<div class="alert error" role="alert"><p class="alert-title">Lovforslaget blev ikke registreret</p><p>${this._error.message}</p></div>` : nothing}
      <form class="card" @submit=${this._onSubmit} novalidate aria-busy=${this._busy ? 'true' : 'false'}>
        <div class="field">
          <label for="bill-number">Nummer</label>
          <input id="bill-number" name="number" type="text" placeholder="L 42" required aria-invalid=${number.invalid} aria-describedby=${number.describedBy} />
          ${number.message}
        </div>
        <div class="field">
          <label for="bill-session">Folketingsår</label>
          <input id="bill-session" name="session" type="text" placeholder="2010-11" required aria-invalid=${session.invalid} aria-describedby=${session.describedBy} />
          ${session.message}
        </div>
        <div class="field">
          <label for="bill-status">Status</label>
          <select id="bill-status" name="status">
            ${BILL_STATUSES.filter((s) => s !== 'vedtaget').map((s) => html`<option value=${s}>${s}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="bill-file">Fil (LexDania-XML)</label>
          <input id="bill-file" name="file" type="file" accept=".xml,application/xml,text/xml" />
        </div>
        <div class="field">
          <label for="bill-content">Eller indsæt lovforslagets XML</label>
          <textarea id="bill-content" name="content" rows="6" aria-invalid=${content.invalid} aria-describedby=${content.describedBy}></textarea>
          ${content.message}
        </div>
        <div class="form-actions">
          <button class="button primary" type="submit" ?disabled=${this._busy}>${this._busy ? 'Registrerer…' : 'Registrér lovforslag'}</button>
        </div>
      </form>
    </section>`;
  }

  private async _onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get('file');
    const pasted = String(data.get('content') ?? '');
    this._busy = true;
    this._error = null;
    try {
      const hasFile = file instanceof File && file.size > 0;
      const bill: NewBill = {
        number: String(data.get('number') ?? '').trim(),
        session: String(data.get('session') ?? '').trim(),
        status: String(data.get('status')) as NewBill['status'],
        content: hasFile ? await file.text() : pasted,
        ...(hasFile ? { filename: file.name } : {}),
      };
      const created = await createBill(bill);
      this.go(`/lovforslag/${created.id}`);
    } catch (err) {
      this._error = toApiError(err);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-bills-page': SbBillsPage;
  }
}
