import { isIP, isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address into its eight 16-bit groups. */
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  if (tailGroups.at(-1)?.includes('.')) {
    // embedded IPv4: two more groups
    const ipv4 = tailGroups.pop()!.split('.').map(Number);
    tailGroups.push(
      ((ipv4[0]! << 8) | ipv4[1]!).toString(16),
      ((ipv4[2]! << 8) | ipv4[3]!).toString(16),
    );
  }
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array(missing).fill('0'), ...tailGroups].map((group) =>
    Number.parseInt(group, 16).toString(16),
  );
}

/**
 * The key clients are rate-limited by: the IPv4 address, or the /64 prefix of an IPv6 one — a
 * single subscriber usually holds a whole /64, so per-address limits would be trivial to evade.
 */
export function rateLimitKey(ip: string): string {
  const bare = ip.split('%')[0]!;
  if (bare.toLowerCase().startsWith('::ffff:') && bare.includes('.')) return bare.slice(7);
  if (!isIPv6(bare)) return bare;
  return `${expandIpv6(bare.toLowerCase()).slice(0, 4).join(':')}::/64`;
}

const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/**
 * The bare IP address in a client address as proxies forward it: `203.0.113.7:51234` (IPv4 with
 * a port), `[2001:db8::1]:443` and `[2001:db8::1]` (bracketed IPv6) as well as plain addresses.
 * Null when there is no address in it at all. Some load balancers append the port to
 * X-Forwarded-For; taken whole, such an address could not be located and the viewer's region
 * was lost.
 */
export function bareAddress(raw: string): string | null {
  const address = raw.trim();
  if (isIP(address)) return address;
  const bracketed = BRACKETED.exec(address);
  if (bracketed && isIPv6(bracketed[1]!)) return bracketed[1]!;
  const withPort = IPV4_WITH_PORT.exec(address);
  if (withPort && isIPv4(withPort[1]!)) return withPort[1]!;
  return null;
}

/** The client's address for location, rate limits and logs: bare when it can be, else as sent. */
export function clientAddress(request: { ip: string }): string {
  return bareAddress(request.ip) ?? request.ip;
}
