// Lovforslag: registered as a what-if, commented per affected requirement, and adopted as the amending act.
import { api, call } from './http.js';

export const listBills = () => call(api.bills.$get());
export const getBill = (id: number) => call(api.bills[':id'].$get({ param: { id: String(id) } }));

export interface NewBill {
  number: string;
  session: string;
  status: 'fremsat' | '1. behandling' | 'vedtaget' | 'bortfaldet';
  content: string;
  filename?: string;
}
export const createBill = (bill: NewBill) => call(api.bills.$post({ json: bill }));

export const setBillStatus = (id: number, version: number, status: NewBill['status']) =>
  call(api.bills[':id'].$patch({ param: { id: String(id) }, json: { version, status } }));

export const commentOnBill = (id: number, requirement: string, text: string) =>
  call(api.bills[':id'].comments.$post({ param: { id: String(id) }, json: { requirement, text } }));

export const adoptBill = (id: number, shortName: string, inForceFrom?: string) =>
  call(api.bills[':id'].adopt.$post({ param: { id: String(id) }, json: { shortName, ...(inForceFrom ? { inForceFrom } : {}) } }));

/** A plain link target (the browser downloads it); through the typed client so a renamed route breaks the type check. */
export const hoeringssvarHref = (id: number) => `/api${api.bills[':id']['hoeringssvar.docx'].$path({ param: { id: String(id) } })}`;

export type BillSummary = Awaited<ReturnType<typeof listBills>>['items'][number];
export type BillWhatIf = Awaited<ReturnType<typeof getBill>>;
export type BillAct = BillWhatIf['acts'][number];
export const BILL_STATUSES = ['fremsat', '1. behandling', 'vedtaget', 'bortfaldet'] as const;
