// The app shell: header, main navigation, skip link and the router that puts one page in <main>.
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { setUnauthorizedHandler } from '../api/http.js';
import { getMe, logout, may, type Me, type UiPermission } from '../api/session.js';
import '../elements/sb-loading.js';
import '../elements/sb-review-count.js';
import '../elements/sb-search-box.js';
import '../pages/sb-login-page.js';
import '../pages/sb-not-found-page.js';
import { toApiError } from './resource.js';
import { routes } from './routes.js';
import { compileRoutes, matchRoute, routableHref, type NavigateDetail, type Section } from './router.js';

const PRODUCT = 'Sporbar';
const compiled = compileRoutes(routes);

/** `permission`: shown only to users who hold it somewhere. */
const NAV: { href: string; label: string; section: Section; permission?: UiPermission }[] = [
  { href: '/mit-arbejde', label: 'Mit arbejde', section: 'my-work' },
  { href: '/', label: 'Løsninger', section: 'solutions' },
  { href: '/krav', label: 'Krav', section: 'requirements' },
  { href: '/kilder', label: 'Retskilder', section: 'sources' },
  { href: '/gennemgang', label: 'Gennemgang', section: 'review' },
  { href: '/aendringsforslag', label: 'Ændringsforslag', section: 'change-requests' },
  { href: '/moeder', label: 'Faggruppemøder', section: 'sessions' },
  { href: '/admin/brugere', label: 'Brugere', section: 'admin', permission: 'users.manage' },
];

@customElement('sporbar-app')
export class SporbarApp extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    :focus-visible {
      outline: var(--sb-focus-ring);
      outline-offset: var(--sb-focus-offset);
    }
    .skip {
      position: absolute;
      left: var(--sb-space-3);
      top: -10rem;
      z-index: 10;
      padding: var(--sb-space-2) var(--sb-space-4);
      background: var(--sb-color-surface);
      color: var(--sb-color-primary);
      font-weight: 700;
      border-radius: var(--sb-radius);
    }
    .skip:focus {
      top: var(--sb-space-3);
    }
    header {
      background: var(--sb-color-header);
      color: var(--sb-color-on-header);
    }
    header :focus-visible {
      outline-color: var(--sb-focus-color-inverse);
    }
    .bar {
      max-width: var(--sb-content-width);
      margin: 0 auto;
      padding: 0 var(--sb-space-5);
      display: flex;
      flex-wrap: wrap;
      align-items: stretch;
      gap: var(--sb-space-2) var(--sb-space-6);
    }
    .brand {
      display: flex;
      align-items: center;
      gap: var(--sb-space-3);
      padding: var(--sb-space-3) 0;
      color: inherit;
      text-decoration: none;
    }
    .logo {
      width: 2rem;
      height: 2rem;
      flex: none;
    }
    .brand-name {
      font-size: var(--sb-font-size-xl);
      font-weight: 750;
      letter-spacing: 0.01em;
      line-height: 1.1;
    }
    .brand-tagline {
      display: block;
      font-size: var(--sb-font-size-xs);
      color: var(--sb-color-on-header-muted);
      font-weight: 400;
    }
    /* The menu has a row of its own under the name and the user, and wraps on a narrow screen rather than running off it. */
    nav {
      flex-basis: 100%;
      margin: 0 calc(-1 * var(--sb-space-3));
    }
    nav ul {
      display: flex;
      flex-wrap: wrap;
      margin: 0;
      padding: 0;
      list-style: none;
      gap: 0 var(--sb-space-1);
    }
    nav a {
      display: flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0 var(--sb-space-3);
      color: var(--sb-color-on-header);
      text-decoration: none;
      font-weight: 600;
      border-bottom: 4px solid transparent;
      border-top: 4px solid transparent;
    }
    nav a:hover {
      background: rgb(255 255 255 / 8%);
      border-bottom-color: var(--sb-color-on-header-muted);
    }
    nav a[aria-current='page'] {
      border-bottom-color: var(--sb-focus-color-inverse);
      background: rgb(255 255 255 / 10%);
    }
    nav a:focus-visible {
      outline-offset: -4px;
    }
    /* On a phone the menu folds behind a button, so the page, not the header, has the screen. */
    .menu-button {
      display: none;
      align-items: center;
      gap: var(--sb-space-2);
      min-height: 2.75rem;
      padding: 0 var(--sb-space-3);
      font: inherit;
      font-weight: 600;
      color: var(--sb-color-on-header);
      background: transparent;
      border: 1px solid var(--sb-color-on-header-muted);
      border-radius: var(--sb-radius);
      cursor: pointer;
    }
    .menu-button:hover {
      background: rgb(255 255 255 / 10%);
    }
    .menu-icon {
      width: 1.25rem;
      height: 1.25rem;
    }
    @media (max-width: 47.99rem) {
      .bar {
        padding: 0 var(--sb-space-3);
        gap: 0 var(--sb-space-3);
      }
      .brand {
        padding: var(--sb-space-2) 0;
      }
      .brand-tagline,
      .user-name .user-roles {
        display: none;
      }
      .user {
        gap: var(--sb-space-3);
      }
      /* Name and user on the first row, the menu button and the search field on the second. */
      .user {
        order: 1;
        flex: 1 1 12rem;
        min-width: 0;
        justify-content: flex-end;
      }
      .user-name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-size: var(--sb-font-size-sm);
      }
      .logout {
        flex: none;
        white-space: nowrap;
      }
      .menu-button {
        order: 2;
        display: inline-flex;
        margin-bottom: var(--sb-space-2);
      }
      sb-search-box {
        order: 3;
        /* Too wide to join the first row, narrow enough to share the second with the menu button. */
        flex: 1 1 14rem;
        min-width: 0;
        padding-top: 0;
      }
      nav {
        order: 4;
      }
      nav {
        margin: 0;
      }
      nav:not(.open) {
        display: none;
      }
      nav ul {
        flex-direction: column;
        padding-bottom: var(--sb-space-2);
      }
      nav a {
        border-top: 0;
        border-bottom: 0;
        border-left: 4px solid transparent;
      }
      nav a[aria-current='page'] {
        border-left-color: var(--sb-focus-color-inverse);
      }
      main {
        padding: var(--sb-space-5) var(--sb-space-3) var(--sb-space-6);
      }
    }
    .user {
      margin-left: auto;
      display: flex;
      align-items: center;
      gap: var(--sb-space-4);
      padding: var(--sb-space-2) 0;
    }
    .user-name {
      font-weight: 600;
      text-align: right;
      line-height: 1.2;
    }
    .user-roles {
      display: block;
      font-size: var(--sb-font-size-xs);
      font-weight: 400;
      color: var(--sb-color-on-header-muted);
    }
    .logout {
      font: inherit;
      font-weight: 600;
      font-size: var(--sb-font-size-sm);
      color: var(--sb-color-on-header);
      background: transparent;
      border: 1px solid var(--sb-color-on-header-muted);
      border-radius: var(--sb-radius);
      padding: var(--sb-space-1) var(--sb-space-3);
      cursor: pointer;
    }
    .logout:hover {
      background: rgb(255 255 255 / 10%);
    }
    .session-note {
      max-width: 26rem;
      margin: 0 auto;
      padding: var(--sb-space-3) var(--sb-space-4);
      background: var(--sb-color-primary-soft);
      border-left: 6px solid var(--sb-color-primary);
      border-radius: var(--sb-radius);
    }
    main {
      flex: 1;
      box-sizing: border-box;
      width: 100%;
      max-width: var(--sb-content-width);
      margin: 0 auto;
      padding: var(--sb-space-6) var(--sb-space-5) var(--sb-space-7);
    }
    main:focus {
      outline: none;
    }
    @media print {
      .skip,
      header,
      footer {
        display: none;
      }
      main {
        max-width: none;
        padding: 0;
      }
    }
    footer {
      border-top: 1px solid var(--sb-color-border);
      color: var(--sb-color-text-muted);
      font-size: var(--sb-font-size-sm);
    }
    footer p {
      max-width: var(--sb-content-width);
      margin: 0 auto;
      padding: var(--sb-space-4) var(--sb-space-5);
    }
  `;

  @state() private _url = new URL(location.href);
  /** undefined while asking the server who is logged in; null when nobody is. */
  @state() private _user: Me | null | undefined = undefined;
  @state() private _sessionError = '';
  /** The folded main menu on a phone is open. */
  @state() private _menuOpen = false;
  @query('main') private _main!: HTMLElement;

  /** Set by a navigation that shows a new page, so focus moves to its heading once it has rendered. */
  private _focusPending = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this._onPopState);
    this.addEventListener('click', this._onClick);
    this.addEventListener('sb-navigate', this._onNavigate);
    this.addEventListener('sb-page-title', this._onPageTitle);
    this.addEventListener('sb-logged-in', this._onLoggedIn);
    setUnauthorizedHandler(() => {
      if (this._user) this._sessionError = 'Din session er udløbet. Log ind igen for at fortsætte.';
      this._user = null;
    });
    this._loadUser();
  }

  private async _loadUser() {
    try {
      this._user = await getMe();
    } catch (err) {
      const error = toApiError(err);
      // 401 is the normal "not logged in"; anything else is worth telling.
      if (error.status !== 401) this._sessionError = error.message;
      this._user = null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPopState);
    this.removeEventListener('click', this._onClick);
    this.removeEventListener('sb-navigate', this._onNavigate);
    this.removeEventListener('sb-page-title', this._onPageTitle);
    this.removeEventListener('sb-logged-in', this._onLoggedIn);
    setUnauthorizedHandler(null);
  }

  override render() {
    const found = matchRoute(compiled, this._url);
    const user = this._user;
    return html`<a class="skip" href="#main" @click=${this._skipToContent}>Gå til indhold</a>
      <header>
        <div class="bar">
          <a class="brand" href="/">
            <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
              <rect width="32" height="32" rx="6" fill="#ffffff" fill-opacity="0.12" />
              <path d="M9 22c0-3 2-4 5-5s5-2 5-5-2-4-4-4-4 1-5 3" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" />
              <circle cx="23" cy="23" r="3" fill="#ffd166" />
            </svg>
            <span><span class="brand-name">${PRODUCT}</span><span class="brand-tagline">Fra lov til krav</span></span>
          </a>
          ${user ? html`<sb-search-box .value=${this._url.pathname === '/sog' ? (this._url.searchParams.get('q') ?? '') : ''}></sb-search-box>` : nothing}
          ${user ? this._renderUser(user) : nothing} ${user ? this._renderMenuButton() : nothing} ${user ? this._renderNav(found?.route.section ?? null) : nothing}
        </div>
      </header>
      <main id="main" tabindex="-1">${this._renderMain(found, user)}</main>
      <footer><p>Sporbar – sporbarhed fra lovgivning til forretningskrav i de fælleskommunale løsninger.</p></footer>`;
  }

  private _renderMenuButton() {
    return html`<button class="menu-button" type="button" aria-expanded=${this._menuOpen ? 'true' : 'false'} aria-controls="main-menu" @click=${this._toggleMenu} @keydown=${this._onMenuKeydown}>
      <svg class="menu-icon" viewBox="0 0 20 20" aria-hidden="true">
        ${this._menuOpen
          ? svg`<path d="M5 5l10 10M15 5L5 15" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`
          : svg`<path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`}
      </svg>
      Menu
    </button>`;
  }

  private _renderNav(section: Section | null) {
    return html`<nav id="main-menu" aria-label="Hovedmenu" class=${this._menuOpen ? 'open' : ''} @keydown=${this._onMenuKeydown}>
      <ul>
        ${NAV.filter((item) => !item.permission || may(this._user, item.permission, null)).map((item) => html`<li><a href=${item.href} aria-current=${item.section === section ? 'page' : nothing}>${item.label}${item.section === 'review' ? html`<sb-review-count></sb-review-count>` : nothing}</a></li>`)}
      </ul>
    </nav>`;
  }

  private _renderUser(user: Me) {
    const roles = [...new Set(user.roles.map((r) => r.roleName))].join(', ');
    return html`<div class="user">
      <span class="user-name">${user.displayName}${roles ? html`<span class="user-roles">${roles}</span>` : nothing}</span>
      <button class="logout" type="button" @click=${this._onLogout}>Log ud</button>
    </div>`;
  }

  private _renderMain(found: ReturnType<typeof matchRoute>, user: Me | null | undefined) {
    if (user === undefined) return html`<sb-loading label="Henter Sporbar…"></sb-loading>`;
    if (user === null) {
      return html`${this._sessionError ? html`<p class="session-note" role="status">${this._sessionError}</p>` : nothing}
        <sb-login-page></sb-login-page>`;
    }
    // A new key (user, route or path parameters) gives a fresh page element; only the query changing keeps it.
    const key = `${user.username}|${found ? `${found.route.pattern}|${JSON.stringify(found.match.params)}` : `404|${this._url.pathname}`}`;
    return keyed(key, found ? found.route.render({ ...found.match, user }) : html`<sb-not-found-page .path=${this._url.pathname}></sb-not-found-page>`);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('_url')) {
      const found = matchRoute(compiled, this._url);
      document.title = `${found ? found.route.title : 'Siden findes ikke'} – ${PRODUCT}`;
    }
  }

  protected override async updated(): Promise<void> {
    if (!this._focusPending) return;
    this._focusPending = false;
    const page = this._page();
    await page?.updateComplete;
    const heading = page?.shadowRoot?.querySelector<HTMLElement>('h1');
    (heading ?? this._main).focus();
  }

  /** The page element in <main> (the first one with a shadow root; a note may come before it). */
  private _page(): LitElement | undefined {
    return [...this._main.children].find((el): el is LitElement => el.shadowRoot !== null);
  }

  /** Shows the page for a URL; pushes a history entry unless this is a back/forward or a replace. */
  private _go(url: URL, how: 'push' | 'replace' | 'pop') {
    const before = matchRoute(compiled, this._url);
    const after = matchRoute(compiled, url);
    const samePage =
      before && after && before.route === after.route && JSON.stringify(before.match.params) === JSON.stringify(after.match.params);
    this._menuOpen = false;
    if (how === 'push') history.pushState(null, '', url);
    else if (how === 'replace') history.replaceState(null, '', url);
    this._url = url;
    if (!samePage) {
      this._focusPending = true;
      if (how !== 'pop') window.scrollTo(0, 0);
    }
  }

  private _toggleMenu() {
    this._menuOpen = !this._menuOpen;
  }

  /** Escape closes the open menu and puts focus back on its button. */
  private _onMenuKeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !this._menuOpen) return;
    this._menuOpen = false;
    this.renderRoot.querySelector<HTMLButtonElement>('.menu-button')?.focus();
  }

  private _onClick = (event: MouseEvent) => {
    const url = routableHref(event);
    if (!url) return;
    event.preventDefault();
    this._menuOpen = false;
    if (url.href === this._url.href) return;
    this._go(url, 'push');
  };

  private _onNavigate = (event: CustomEvent<NavigateDetail>) => {
    this._go(new URL(event.detail.url, location.href), event.detail.replace ? 'replace' : 'push');
  };

  private _onPopState = () => {
    this._go(new URL(location.href), 'pop');
  };

  private _onLoggedIn = (event: CustomEvent<Me>) => {
    this._user = event.detail;
    this._sessionError = '';
    this._focusPending = true;
    const found = matchRoute(compiled, this._url);
    document.title = `${found ? found.route.title : 'Siden findes ikke'} – ${PRODUCT}`;
  };

  private async _onLogout() {
    try {
      await logout();
    } finally {
      this._user = null;
      this._sessionError = 'Du er logget ud.';
      this._focusPending = true;
    }
  }

  private _onPageTitle = (event: CustomEvent<{ title: string }>) => {
    document.title = `${event.detail.title} – ${PRODUCT}`;
  };

  private _skipToContent(event: Event) {
    // The target lives in this shadow root, where a fragment link cannot reach.
    event.preventDefault();
    const heading = this._page()?.shadowRoot?.querySelector<HTMLElement>('h1');
    (heading ?? this._main).focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sporbar-app': SporbarApp;
  }
}
