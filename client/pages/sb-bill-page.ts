// One lovforslag as a what-if: the provisions it would change, old and proposed text side by side, the requirements
// of each solution the user may read that trace to them with a comment field each, the høringssvar draft, and, for
// those who register sources, the status and the "Vedtaget" action that registers it as the amending act.
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { BILL_STATUSES, adoptBill, commentOnBill, getBill, hoeringssvarHref, setBillStatus, type BillAct, type BillWhatIf, type NewBill } from '../api/bills.js';
import type { ApiError } from '../api/http.js';
import { fieldError } from '../app/form-errors.js';
import { formatDate, sourceName } from '../app/format.js';
import { Resource, toApiError } from '../app/resource.js';
import { base } from '../styles/shared.js';
import { PageElement } from './page-element.js';

const CHANGE_NAMES: Record<string, string> = { changed: 'Ændres', added: 'Indsættes', removed: 'Ophæves', renumbered: 'Omnummereres' };

@customElement('sb-bill-page')
export class SbBillPage extends PageElement {
  static override styles = [
    base,
    css`
      .text {
        white-space: pre-wrap;
        font-size: var(--sb-font-size-sm);
      }
      .comments {
        margin: var(--sb-space-2) 0;
      }
    `,
  ];

  @property({ type: Number }) billId = -1;
  private _bill = new Resource<BillWhatIf>(this);
  @state() private _error: ApiError | null = null;
  @state() private _message = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('billId')) this._load();
  }

  private _load() {
    this._bill.load(async () => {
      const bill = await getBill(this.billId);
      this.setTitle(`${bill.bill.number} ${bill.bill.title}`);
      return bill;
    });
  }

  override render() {
    const state = this._bill.state;
    const crumbs = html`<nav class="breadcrumbs" aria-label="Brødkrumme">
      <ol>
        <li><a href="/lovforslag">Lovforslag</a></li>
        <li><span aria-current="page">${this._bill.value?.bill.number ?? 'Lovforslag'}</span></li>
      </ol>
    </nav>`;
    if (state.status === 'error') return html`${crumbs}<sb-error-alert .error=${state.error} retry @sb-retry=${this._load}></sb-error-alert>`;
    const w = this._bill.value;
    if (!w) return html`${crumbs}<sb-loading label="Beregner lovforslagets konsekvenser…"></sb-loading>`;
    const b = w.bill;
    return html`${crumbs}
      <div class="page-header">
        <div>
          <h1 tabindex="-1">${b.number} (${b.session}): ${b.title}</h1>
          <p class="lead">Status: ${b.status}${b.adoptedAct ? html`, vedtaget som ${b.adoptedAct}` : nothing}. Hvad-nu-hvis: ingen sporingslinks ændres, før lovforslaget er vedtaget.</p>
        </div>
        <a class="button" href=${hoeringssvarHref(b.id)} download>Hent udkast til høringssvar (DOCX)</a>
      </div>
      ${this._error ? html`<div class="alert error" role="alert"><p>${this._error.message}</p></div>` : nothing}
      ${this._message ? html`<div class="alert success" role="status"><p>${this._message}</p></div>` : nothing}
      ${w.act.inForce.length ? html`<p>Ikrafttræden: ${w.act.inForce.map((r) => r.text).join(' ')}</p>` : nothing}
      ${w.acts.map((a) => this._renderAct(a))}
      ${w.notRegistered.length
        ? html`<section class="section" aria-labelledby="not-registered">
            <h2 id="not-registered">Love, Sporbar ikke har registreret</h2>
            <ul>
              ${w.notRegistered.map((n) => html`<li>${n.section}: ${n.act}${n.cites ? ` (${n.cites})` : ''}</li>`)}
            </ul>
          </section>`
        : nothing}
      ${this.may('source.import') && b.status !== 'vedtaget' ? this._renderActions(w) : nothing}`;
  }

  private _renderAct(a: BillAct) {
    const id = `act-${a.source.id}`;
    return html`<section class="section" aria-labelledby=${id}>
      <h2 id=${id}>${a.section}: ${sourceName(a.source)}</h2>
      <p class="muted">Anvendt på ${a.base.shortName}, i kraft fra ${formatDate(a.base.inForceFrom)}.</p>
      <h3>Bestemmelser, lovforslaget ændrer</h3>
      <div class="table-wrap" tabindex="0" role="region" aria-label="Ændrede bestemmelser i ${sourceName(a.source)}">
        <table>
          <caption class="visually-hidden">Ændrede bestemmelser i ${sourceName(a.source)}</caption>
          <thead>
            <tr>
              <th scope="col">Bestemmelse</th>
              <th scope="col">Gældende tekst</th>
              <th scope="col">Foreslået tekst</th>
            </tr>
          </thead>
          <tbody>
            ${a.provisions.map(
              (p) => html`<tr>
                <th scope="row">${p.label}<div class="small muted">${CHANGE_NAMES[p.change] ?? p.change}</div></th>
                <td class="text">${p.old ?? '–'}</td>
                <td class="text">${p.proposed ?? '–'}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${a.unapplied.length
        ? html`<h3>Ændringer, Sporbar ikke kunne anvende</h3>
            <ul>
              ${a.unapplied.map((u) => html`<li>${u.number}. ${u.instruction} <span class="muted">(${u.reason})</span></li>`)}
            </ul>`
        : nothing}
      <h3>Berørte krav</h3>
      ${a.solutions.length ? nothing : html`<p class="muted">Ingen krav, du kan se, sporer til de ændrede bestemmelser.</p>`}
      ${a.solutions.map(
        (s) => html`<h4>${s.name} (${s.code})</h4>
          <ul>
            ${s.requirements.map(
              (r) => html`<li>
                <a href="/krav/${encodeURIComponent(r.humanId)}">${r.humanId}</a> ${r.title}
                <span class="small muted">sporer til ${r.provisions.join(', ')}</span>
                ${r.comments.length
                  ? html`<ul class="comments">
                      ${r.comments.map((c) => html`<li><strong>${c.by}:</strong> ${c.text}</li>`)}
                    </ul>`
                  : nothing}
                ${this.may('change_request.comment', s.code)
                  ? html`<form class="field" @submit=${(e: SubmitEvent) => this._onComment(e, r.humanId)}>
                      <label for="comment-${a.source.id}-${r.id}">Kommentar til ${r.humanId}</label>
                      <textarea id="comment-${a.source.id}-${r.id}" name="text" rows="2" required></textarea>
                      <button class="button" type="submit">Gem kommentar</button>
                    </form>`
                  : nothing}
              </li>`,
            )}
          </ul>`,
      )}
    </section>`;
  }

  private _renderActions(w: BillWhatIf) {
    const shortName = fieldError(this._error, 'shortName');
    const inForce = fieldError(this._error, 'inForceFrom');
    return html`<section class="section" aria-labelledby="bill-actions">
      <h2 id="bill-actions">Lovforslagets gang</h2>
      <form class="card" @submit=${this._onStatus}>
        <div class="field">
          <label for="bill-status">Status</label>
          <select id="bill-status" name="status">
            ${BILL_STATUSES.filter((s) => s !== 'vedtaget').map((s) => html`<option value=${s} ?selected=${s === w.bill.status}>${s}</option>`)}
          </select>
        </div>
        <button class="button" type="submit">Gem status</button>
      </form>
      <form class="card" @submit=${this._onAdopt}>
        <h3>Vedtaget</h3>
        <p>Registrér lovforslaget som den ændringslov, det blev: ændringerne anvendes på den gældende lov, og sporingslinks til de ændrede bestemmelser markeres til gennemgang.</p>
        <div class="field">
          <label for="adopt-shortName">Lovens kortnavn</label>
          <input id="adopt-shortName" name="shortName" type="text" placeholder="LOV nr 1599 af 22/12/2010" required aria-invalid=${shortName.invalid} aria-describedby=${shortName.describedBy} />
          ${shortName.message}
        </div>
        <div class="field">
          <label for="adopt-inForceFrom">I kraft fra (hvis ministeren fastsætter det)</label>
          <input id="adopt-inForceFrom" name="inForceFrom" type="date" aria-invalid=${inForce.invalid} aria-describedby=${inForce.describedBy} />
          ${inForce.message}
        </div>
        <button class="button primary" type="submit">Vedtaget</button>
      </form>
    </section>`;
  }

  private async _run(action: () => Promise<string>) {
    this._error = null;
    this._message = '';
    try {
      this._message = await action();
      this._load();
    } catch (err) {
      this._error = toApiError(err);
    }
  }

  private async _onComment(e: SubmitEvent, humanId: string) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '');
    await this._run(async () => {
      await commentOnBill(this.billId, humanId, text);
      form.reset();
      return `Kommentaren til ${humanId} er gemt.`;
    });
  }

  private async _onStatus(e: SubmitEvent) {
    e.preventDefault();
    const status = String(new FormData(e.target as HTMLFormElement).get('status')) as NewBill['status'];
    const version = this._bill.value!.bill.version;
    await this._run(async () => {
      await setBillStatus(this.billId, version, status);
      return `Status er nu ${status}.`;
    });
  }

  private async _onAdopt(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const shortName = String(data.get('shortName') ?? '').trim();
    const inForceFrom = String(data.get('inForceFrom') ?? '') || undefined;
    await this._run(async () => {
      const result = await adoptBill(this.billId, shortName, inForceFrom);
      return `${result.bill.number} er registreret som ${shortName} og anvendt på ${result.amended.length} lov(e); sporingslinks til de ændrede bestemmelser er markeret til gennemgang.`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-bill-page': SbBillPage;
  }
}
