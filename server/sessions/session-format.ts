// Danish wording of dates, amounts and ranking values, shared by the printable agenda and the decision record.
import { formatDate as danishDate, formatDateTime as danishDateTime } from '../text/danish.js';
import { CATEGORY_NAMES, formatNumber, type BudgetUnit, type Category, type RankedItem } from './ranking.js';

/** `2027-03-01` as "1. marts 2027"; a dash where there is none. */
export const formatDate = (iso: string | null): string => (iso ? danishDate(iso) : '–');
export const formatDateTime = (iso: string | null): string => (iso ? danishDateTime(iso) : '–');
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
