// Who is on the other end: the socket's peer address, or, behind a proxy named in SPORBAR_TRUSTED_PROXIES,
// the address and scheme that proxy forwarded. Headers from anyone else are the client's own words.
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

/** The address used when the request has no socket (app.request() in tests without a peer). */
export const UNKNOWN_ADDRESS = 'ukendt';

/** '::ffff:10.0.0.1' and '10.0.0.1' are one client; '[::1]:5000' and '10.0.0.1:5000' lose their port. */
export function normalizeAddress(raw: string): string {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  s = s.toLowerCase();
  if (s.startsWith('::ffff:') && isIP(s.slice(7)) === 4) s = s.slice(7);
  return s.slice(0, 64);
}

/** Parses SPORBAR_TRUSTED_PROXIES: addresses or subnets (10.0.0.0/8, fd00::/8), comma-separated. Throws a Danish message. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length) throw new Error(`SPORBAR_TRUSTED_PROXIES skal være IP-adresser eller net (fx 127.0.0.1,10.0.0.0/8), adskilt af komma; "${entry}" er ingen af delene`);
  }
  return entries;
}

export class TrustedProxies {
  private readonly list = new BlockList();
  constructor(entries: readonly string[] = []) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(prefix), family);
    }
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}

interface PeerBindings {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
}

/**
 * The socket's peer, as @hono/node-server passes it in the bindings (what getConnInfo from
 * '@hono/node-server/conninfo' reads, without throwing when there is no socket). Tests set it with
 * `app.request(url, init, { incoming: { socket: { remoteAddress } } })`.
 */
export function peerAddress(c: Context): string {
  const remote = (c.env as PeerBindings | undefined)?.incoming?.socket?.remoteAddress;
  return remote ? normalizeAddress(remote) : UNKNOWN_ADDRESS;
}

/** Every value of a comma-separated header, in order (a header sent twice counts as one list). */
function listHeader(c: Context, name: string): string[] {
  return (c.req.header(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export interface ClientInfo {
  /** Where the request came from: the peer, or the right-most address a trusted proxy did not add itself. */
  address: string;
  /** Whether the client spoke https to us or to our trusted proxy. */
  https: boolean;
}

export function clientInfo(c: Context, proxies: TrustedProxies): ClientInfo {
  const peer = peerAddress(c);
  const direct = c.req.url.startsWith('https:');
  if (!proxies.has(peer)) return { address: peer, https: direct };
  // Each proxy appends the address it saw; only the entries added by our own proxies can be believed, so
  // walk from the right past them. Everything to the left of the first stranger is that stranger's claim.
  const forwarded = listHeader(c, 'x-forwarded-for').map(normalizeAddress);
  let address = peer;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    address = forwarded[i];
    if (!proxies.has(address)) break;
  }
  // The proxy nearest us set the last value.
  const proto = listHeader(c, 'x-forwarded-proto').at(-1)?.toLowerCase();
  return { address, https: direct || proto === 'https' };
}
