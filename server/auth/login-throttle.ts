// Login throttling that a stranger cannot turn against the real user: failed logins are counted per
// (username, address), per username and per address, and each count locks with a back-off that doubles.
// The username and address locks spare an address the user has logged in from before, so someone typing
// wrong passwords for `admin` elsewhere does not shut admin out at their usual desk.
import { DomainError } from '../http/errors.js';

export class TooManyAttempts extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_attempts', `For mange mislykkede forsøg. Prøv igen om ${Math.ceil(retryAfterSeconds / 60)} ${retryAfterSeconds > 60 ? 'minutter' : 'minut'}.`);
  }
}

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

const MINUTE = 60_000;

export interface ThrottleLimits {
  /** Failures for one username from one address before that pair is locked; binds even a known address. */
  perPair: number;
  /** Failures from one address, any usernames, before the address is locked (the anonymous flood). */
  perAddress: number;
  /** Failures for one username, any addresses, before the username is locked for addresses it never logged in from. */
  perUser: number;
  /** The first lock; each further failure at or over a limit doubles it, up to maxLockMs. */
  firstLockMs: number;
  maxLockMs: number;
  /** A count is forgotten this long after its last failure (so the back-off keeps climbing within it). */
  forgetMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { perPair: 5, perAddress: 20, perUser: 20, firstLockMs: MINUTE, maxLockMs: 60 * MINUTE, forgetMs: 24 * 60 * MINUTE };

/** In memory, as the server is one process; counts are lost on restart, known addresses are not (the caller keeps them). */
export class LoginThrottle {
  readonly limits: ThrottleLimits;
  private failures = new Map<string, Failures>();
  private sinceSweep = 0;

  /** The two numbers are the per-pair and per-address limits, for tests that log in many times from one address. */
  constructor(perPair?: number, perAddress?: number, limits: Partial<ThrottleLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...(perPair !== undefined && { perPair }), ...(perAddress !== undefined && { perAddress }), ...limits };
  }

  private keys(username: string, address: string) {
    const user = username.trim().toLowerCase();
    return { pair: `p:${user}\n${address}`, address: `a:${address}`, user: `u:${user}` };
  }

  private lockedFor(key: string, now: number): number {
    const f = this.failures.get(key);
    return f && f.lockedUntil > now ? f.lockedUntil - now : 0;
  }

  /**
   * Throws TooManyAttempts while a lock holds for this attempt. `isKnownAddress` (has this user logged in
   * from this address before?) is asked only when a username or address lock holds.
   */
  async check(username: string, address: string, isKnownAddress: () => Promise<boolean>, now = Date.now()): Promise<void> {
    const keys = this.keys(username, address);
    const pair = this.lockedFor(keys.pair, now);
    if (pair) throw new TooManyAttempts(Math.ceil(pair / 1000));
    const wide = Math.max(this.lockedFor(keys.user, now), this.lockedFor(keys.address, now));
    if (wide && !(await isKnownAddress())) throw new TooManyAttempts(Math.ceil(wide / 1000));
  }

  fail(username: string, address: string, now = Date.now()): void {
    const keys = this.keys(username, address);
    this.count(keys.pair, this.limits.perPair, now);
    this.count(keys.user, this.limits.perUser, now);
    this.count(keys.address, this.limits.perAddress, now);
    if (++this.sinceSweep >= 1000) this.sweep(now);
  }

  /** The right password ends the pair's count; the username and address counts run out on their own, or a guesser could reset them. */
  succeed(username: string, address: string): void {
    this.failures.delete(this.keys(username, address).pair);
  }

  private count(key: string, limit: number, now: number) {
    const prev = this.failures.get(key);
    const f = prev && now - prev.last < this.limits.forgetMs ? prev : { count: 0, last: now, lockedUntil: 0 };
    f.count++;
    f.last = now;
    if (f.count >= limit) f.lockedUntil = now + Math.min(this.limits.maxLockMs, this.limits.firstLockMs * 2 ** Math.min(30, f.count - limit));
    this.failures.set(key, f);
  }

  private sweep(now: number) {
    this.sinceSweep = 0;
    for (const [key, f] of this.failures) if (now - f.last >= this.limits.forgetMs) this.failures.delete(key);
  }
}
