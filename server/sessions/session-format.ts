// Danish wording of dates, amounts and ranking values, shared by the printable agenda and the decision record.
import { CATEGORY_NAMES, formatNumber, type BudgetUnit, type Category, type RankedItem } from './ranking.js';

const dateFormat = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });

/** `2027-03-01` as "1. marts 2027". */
export const formatDate = (iso: string | null): string => (iso ? dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '–');
export const formatDateTime = (iso: string | null): string => (iso ? dateTimeFormat.format(new Date(iso)) : '–');
export const formatAmount = (amount: number | null, unit: BudgetUnit): string =>
  amount === null ? 'ikke estimeret' : unit === 'timer' ? `${formatNumber(amount)} timer` : `${formatNumber(amount)} kr.`;
export const formatScore = (n: number | null): string => (n === null ? '–' : formatNumber(n));
export const categoryName = (c: Category): string => CATEGORY_NAMES[c];

/** Why an item stands away from where the rules put it: the chair's move, the legal rule, or the chair's reason to let it fall. */
export function movementNotes(i: RankedItem): string[] {
  const out: string[] = [];
  if (i.override) out.push(`Flyttet af formanden til plads ${i.override.position}: ${i.override.reason}`);
  if (i.movedBy === 'lovkrav') out.push(`Flyttet op over skærelinjen: lovvedligehold med frist ${formatDate(i.deadline)} i perioden`);
  if (i.mustByLaw && i.belowCutReason) out.push(`Må stå under skærelinjen efter formandens begrundelse: ${i.belowCutReason}`);
  return out;
}
