// A list page's filters and page number kept in the URL, so a filtered list can be shared, bookmarked and gone back to.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { navigate } from './router.js';

export interface UrlFiltersOptions<F> {
  /** The list's path without a query, e.g. `/krav`. */
  path: string;
  /** The URL's query as the router gave it to the page. */
  query: () => URLSearchParams;
  /** The filters a query names; a missing or malformed value means "all". */
  read: (query: URLSearchParams) => F;
  /** The query parameters for some filters, in URL order; empty ones are left out of the URL. */
  write: (filters: F) => [name: string, value: string][];
  /** Fetches the list for the new filters: called on the first update and whenever the URL's query changes. */
  load: () => void;
}

type StringKeys<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

/**
 * The filters in the URL (`value`, what the list shows), the form's edits before they are submitted (`draft`),
 * and the 1-based page (`side`). Navigating is left to the app shell (`sb-navigate`), like every other link.
 * The query is read in `hostUpdate`, which Lit runs after the host's `willUpdate`: read the filters from render on.
 */
export class UrlFilters<F extends object> implements ReactiveController {
  value: F;
  draft: F;
  page = 1;
  private _query?: URLSearchParams;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: UrlFiltersOptions<F>,
  ) {
    this.value = options.read(new URLSearchParams());
    this.draft = { ...this.value };
    host.addController(this);
  }

  hostUpdate(): void {
    // The router hands a new query object for each navigation, so identity is what Lit's own `changed.has` would see.
    const query = this.options.query();
    if (query === this._query) return;
    this._query = query;
    const page = Number(query.get('side') ?? '1');
    this.value = this.options.read(query);
    this.draft = { ...this.value };
    this.page = Number.isInteger(page) && page > 0 ? page : 1;
    this.options.load();
  }

  /** The list's URL for some filters and page; the first page has no `side`. */
  href(filters: F = this.value, page = 1): string {
    const params = new URLSearchParams();
    for (const [name, value] of this.options.write(filters)) if (value) params.set(name, value);
    if (page > 1) params.set('side', String(page));
    const qs = params.toString();
    return qs ? `${this.options.path}?${qs}` : this.options.path;
  }

  /** Changes the draft, not the URL: the list stays as it is until the form is submitted. */
  edit(change: Partial<F>): void {
    this.draft = { ...this.draft, ...change };
    this.host.requestUpdate();
  }

  /** An input or select's handler that copies its value into one field of the draft. */
  input(key: StringKeys<F>): (e: Event) => void {
    return (e) => this.edit({ [key]: (e.target as HTMLInputElement | HTMLSelectElement).value } as Partial<F>);
  }

  /** The filter form's submit handler: the filters go into the URL (a new history entry), from the first page. */
  submit(e: Event, filters: F = this.draft): void {
    e.preventDefault();
    navigate(this.host, this.href(filters));
  }
}
