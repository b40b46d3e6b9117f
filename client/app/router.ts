// A small History-API router: route patterns, matching, and the events pages use to ask for navigation.
import type { TemplateResult } from 'lit';
import type { Me } from '../api/session.js';

/** The main navigation section a route belongs to, so the header can mark it as current. */
export type Section = 'solutions' | 'requirements' | 'sources' | 'review' | 'my-work' | 'change-requests' | 'sessions' | 'admin';

export interface RouteMatch {
  params: Record<string, string>;
  query: URLSearchParams;
}

/** What a route's page is rendered with: the match and the logged-in user (for what to offer). */
export interface RouteContext extends RouteMatch {
  user: Me;
}

export interface Route {
  /** `/krav/:humanId`: literal segments and `:name` captures of one segment each. */
  pattern: string;
  /** The document title until the page knows a better one. */
  title: string;
  section: Section | null;
  render(context: RouteContext): TemplateResult;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { ...route, regex: new RegExp(`^${source}/?$`), names };
  });
}

/** The first route whose pattern matches the path, with its decoded parameters. */
export function matchRoute(routes: CompiledRoute[], url: URL): { route: CompiledRoute; match: RouteMatch } | null {
  for (const route of routes) {
    const m = route.regex.exec(url.pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(m[i + 1]!);
      } catch {
        params[name] = m[i + 1]!;
      }
    });
    return { route, match: { params, query: url.searchParams } };
  }
  return null;
}

/**
 * The same-origin app URL a click on an anchor should be routed to, or null when the browser should
 * handle it itself (new tab, download, another origin, the API, or a jump within the page).
 */
export function routableHref(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  // Links inside shadow roots are only visible through the composed path.
  const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement && n.hasAttribute('href'));
  if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download') || anchor.getAttribute('rel')?.includes('external')) return null;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) return null;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return null;
  return url;
}

export interface NavigateDetail {
  url: string;
  /** Replace the current history entry instead of adding one (e.g. after a redirect-like step). */
  replace?: boolean;
}

/**
 * Asks the app shell to navigate. Pages fire this rather than touching history themselves, so the
 * shell stays the one place that renders routes and moves focus.
 */
export function navigate(from: Element, url: string, options: { replace?: boolean } = {}): void {
  from.dispatchEvent(new CustomEvent<NavigateDetail>('sb-navigate', { detail: { url, ...options }, bubbles: true, composed: true }));
}

/** Tells the app shell the page's own title, once the page knows it (e.g. the requirement's id). */
export function announceTitle(from: Element, title: string): void {
  from.dispatchEvent(new CustomEvent<{ title: string }>('sb-page-title', { detail: { title }, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'sb-navigate': CustomEvent<NavigateDetail>;
    'sb-page-title': CustomEvent<{ title: string }>;
  }
}
