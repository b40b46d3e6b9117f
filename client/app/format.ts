// Danish formatting of dates and numbers, in one place so every page writes them the same way.

const dateFormat = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Copenhagen' });
const dateTimeFormat = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Copenhagen',
});

/** "22. aug. 2011" from an ISO date or timestamp; an empty string when there is none. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  // A bare YYYY-MM-DD is a calendar date: read it at noon so no time zone can move it to another day.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

// Numbers and counts read as the server writes them ("1.234,5"; "1 krav" / "3 krav", "1 version" / "2 versioner").
export { formatNumber, plural } from '../../server/text/danish.js';

/** A byte count as people read it: "2,6 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('da-DK', { maximumFractionDigits: 0 })} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString('da-DK', { maximumFractionDigits: 1 })} MB`;
}

/**
 * How a legal source is named on screen: its popular title ("sygedagpengeloven") when it has one,
 * capitalised because it mostly stands first, as a heading or at the start of a line.
 */
export function sourceName(source: { title: string; popularTitle: string | null }): string {
  const name = source.popularTitle || source.title;
  return name.charAt(0).toUpperCase() + name.slice(1);
}
