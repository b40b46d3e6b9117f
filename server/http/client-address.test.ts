// SPORBAR_TRUSTED_PROXIES as an operator writes it, and addresses as proxies write them.
import { describe, expect, it } from 'vitest';
import { TrustedProxies, normalizeAddress, parseTrustedProxies } from './client-address.js';

describe('SPORBAR_TRUSTED_PROXIES', () => {
  it('takes addresses and subnets, and trusts what they cover', () => {
    const proxies = new TrustedProxies(parseTrustedProxies(' 127.0.0.1, 10.0.0.0/8 ,fd00::/8'));
    expect(['127.0.0.1', '10.200.3.4', 'fd12::1'].map((a) => proxies.has(a))).toEqual([true, true, true]);
    expect(['127.0.0.2', '11.0.0.1', '2001:db8::1', 'ukendt'].map((a) => proxies.has(a))).toEqual([false, false, false, false]);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });

  it('refuses a host name or a bad subnet with a Danish message naming it', () => {
    expect(() => parseTrustedProxies('127.0.0.1,proxy.local')).toThrow(/"proxy\.local"/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/SPORBAR_TRUSTED_PROXIES skal være/);
  });
});

describe('normalizeAddress', () => {
  it('makes one client of the forms one address takes', () => {
    expect(['::ffff:192.0.2.1', '192.0.2.1:5000', ' 192.0.2.1 ', '[2001:DB8::1]:443'].map(normalizeAddress)).toEqual(['192.0.2.1', '192.0.2.1', '192.0.2.1', '2001:db8::1']);
  });
});
