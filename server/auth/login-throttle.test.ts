// The back-off of LoginThrottle on a clock of its own: locks that double, cap, spare known addresses and run out.
import { describe, expect, it } from 'vitest';
import { LoginThrottle, TooManyAttempts } from './login-throttle.js';

const MINUTE = 60_000;
const unknown = async () => false;
const known = async () => true;

/** Seconds until the attempt may be made, or 0 if it may be made now. */
async function wait(throttle: LoginThrottle, username: string, address: string, now: number, isKnown = unknown) {
  try {
    await throttle.check(username, address, isKnown, now);
    return 0;
  } catch (err) {
    if (err instanceof TooManyAttempts) return err.retryAfterSeconds;
    throw err;
  }
}

describe('LoginThrottle', () => {
  it('locks a username and address after five failures, for a minute that doubles with each further failure up to an hour', async () => {
    const throttle = new LoginThrottle();
    let now = 0;
    for (let i = 0; i < 4; i++) throttle.fail('admin', 'a', now);
    expect(await wait(throttle, 'admin', 'a', now)).toBe(0);
    throttle.fail('admin', 'a', now);
    const locks: number[] = [];
    for (let i = 0; i < 8; i++) {
      const seconds = await wait(throttle, 'admin', 'a', now);
      locks.push(seconds / 60);
      now += seconds * 1000;
      expect(await wait(throttle, 'admin', 'a', now)).toBe(0);
      throttle.fail('admin', 'a', now);
    }
    expect(locks).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    // The pair's own lock holds even from an address the user knows.
    expect(await wait(throttle, 'admin', 'a', now, known)).toBeGreaterThan(0);
    // A day without failures forgets them.
    now += 24 * 60 * MINUTE;
    throttle.fail('admin', 'a', now);
    expect(await wait(throttle, 'admin', 'a', now)).toBe(0);
  });

  it('lets the right password end the count of its own address only', async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 4; i++) throttle.fail('admin', 'a', 0);
    throttle.succeed('admin', 'a');
    throttle.fail('admin', 'a', 0);
    expect(await wait(throttle, 'admin', 'a', 0)).toBe(0);
  });

  it('locks a username hammered from many addresses, except at the addresses it knows', async () => {
    const throttle = new LoginThrottle();
    for (let a = 0; a < 20; a++) throttle.fail('admin', `stranger-${a}`, 0);
    expect(await wait(throttle, 'admin', 'new-desk', 0)).toBe(60);
    expect(await wait(throttle, 'admin', 'usual-desk', 0, known)).toBe(0);
    expect(await wait(throttle, 'laeser', 'new-desk', 0)).toBe(0);
  });

  it('locks an address trying many usernames, except for a user it knows', async () => {
    const throttle = new LoginThrottle();
    for (let u = 0; u < 20; u++) throttle.fail(`gaet-${u}`, 'flood', 0);
    expect(await wait(throttle, 'someone', 'flood', 0)).toBe(60);
    expect(await wait(throttle, 'colleague', 'flood', 0, known)).toBe(0);
  });
});
