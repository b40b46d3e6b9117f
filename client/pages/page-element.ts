// What every page shares: the house styles and the two requests a page makes of the app shell.
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { may, type Me, type UiPermission } from '../api/session.js';
import { announceTitle, navigate } from '../app/router.js';
import { base } from '../styles/shared.js';
import '../elements/sb-error-alert.js';
import '../elements/sb-loading.js';

/**
 * @fires sb-page-title - The page knows its own title (see announceTitle).
 * @fires sb-navigate - The page wants to go elsewhere (see navigate).
 */
export class PageElement extends LitElement {
  static override styles = [base];

  /** The logged-in user; decides which actions the page offers (the server decides what is allowed). */
  @property({ attribute: false }) user: Me | null = null;

  protected may(permission: UiPermission, solution: string | null = null): boolean {
    return may(this.user, permission, solution);
  }

  protected setTitle(title: string): void {
    announceTitle(this, title);
  }

  protected go(url: string, options: { replace?: boolean } = {}): void {
    navigate(this, url, options);
  }
}
