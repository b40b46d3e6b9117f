// Danish wording of dates, numbers and counts for everything the server writes for people (documents, drafted
// texts, explanations, messages). Plain Intl, no Node: the client and the shared ranking import it too.

const longDate = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
const numberFormat = new Intl.NumberFormat('da-DK');

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (`2012-01-02`, or the date part of a timestamp read in Danish time) as a date object at noon UTC,
 * so no time zone moves it to another day; null when it is not a date.
 */
function calendarDate(iso: string): Date | null {
  const date = CALENDAR_DATE.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  if (CALENDAR_DATE.test(iso)) return date;
  // A timestamp: the day it is in Copenhagen.
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(date).split('-');
  return new Date(`${y}-${m}-${d}T12:00:00Z`);
}

/** `2012-01-02` as "2. januar 2012"; an empty string when there is no date, the text itself when it is none. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = calendarDate(iso);
  return date ? longDate.format(date) : iso;
}

/** `2012-01-02` as "02.01.2012", for table columns and CSV, where the long form is too wide. */
export function formatDateNumeric(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = calendarDate(iso);
  if (!date) return iso;
  const [y, m, d] = date.toISOString().slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** A timestamp as "3. december 2026 kl. 18.16", in Danish time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** A count with its noun in the right number: "1 retskilde", "2 retskilder", "0 krav". */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
