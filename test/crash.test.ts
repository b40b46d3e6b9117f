// The short CI version of `npm run crash-test`: three SIGKILLs of the real server under a write load.
import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../scripts/crash-test.js';

describe('crash safety', () => {
  it('keeps every acknowledged write, its whole history, an intact file and an unbroken audit chain across SIGKILLs', async () => {
    const result = await runCrashTest({ cycles: 3, seed: 7, clients: 4, maxLoadMs: 1000 });
    expect(result.problems).toEqual([]);
    expect(result.lost).toBe(0);
    // A run that acknowledged nothing would prove nothing.
    expect(result.acknowledged).toBeGreaterThan(10);
  }, 120_000);
});
