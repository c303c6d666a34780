import { isIPv6 } from 'node:net';

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
