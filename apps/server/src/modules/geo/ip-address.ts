import { isIPv4, isIPv6 } from 'node:net';

/**
 * A parsed client address. IPv4 is one unsigned 32-bit number; IPv6 is four big-endian 32-bit
 * words, which keeps comparisons in plain integer arithmetic (no BigInt on the hot path).
 */
export type ParsedIpAddress =
  | { version: 4; value: number }
  | { version: 6; words: [number, number, number, number] };

/**
 * Parses an IPv4 or IPv6 literal. IPv4-mapped (`::ffff:1.2.3.4`) and NAT64 (`64:ff9b::1.2.3.4`)
 * addresses come back as the IPv4 address they carry, since that is what the range data knows.
 * Returns null for anything that is not a valid address literal.
 */
export function parseIpAddress(input: string): ParsedIpAddress | null {
  // Callers pass header-derived values; tolerate a missing one rather than throw mid-request.
  if (typeof input !== 'string') return null;
  const address = input.trim();
  if (isIPv4(address)) return { version: 4, value: parseIpv4(address) };
  // A zone index (`fe80::1%eth0`) only ever appears on link-local addresses, which have no location.
  if (!isIPv6(address) || address.includes('%')) return null;
  const words = parseIpv6(address);
  const [w0, w1, w2, w3] = words;
  if (w0 === 0 && w1 === 0 && w2 === 0xffff) return { version: 4, value: w3 };
  if (w0 === 0x0064ff9b && w1 === 0 && w2 === 0) return { version: 4, value: w3 };
  return { version: 6, words };
}

/** True for addresses that can never be located: private, loopback, link-local, documentation, multicast, reserved. */
export function isNonPublicAddress(address: ParsedIpAddress): boolean {
  if (address.version === 4) return isNonPublicIpv4(address.value);
  const [w0, w1, w2] = address.words;
  const high16 = w0 >>> 16;
  if (w0 === 0 && w1 === 0 && w2 === 0) return true; // ::, ::1 and the deprecated IPv4-compatible block
  if (high16 >= 0xfc00 && high16 <= 0xfdff) return true; // fc00::/7 unique local
  if (high16 >= 0xfe80 && high16 <= 0xfebf) return true; // fe80::/10 link-local
  if (high16 >= 0xfec0 && high16 <= 0xfeff) return true; // fec0::/10 deprecated site-local
  if (high16 >= 0xff00) return true; // ff00::/8 multicast
  if (w0 === 0x20010db8) return true; // 2001:db8::/32 documentation
  if (w0 === 0x01000000 && w1 === 0) return true; // 100::/64 discard-only
  return high16 < 0x0100; // the rest of ::/8 is reserved by the IETF
}

function isNonPublicIpv4(value: number): boolean {
  const a = value >>> 24;
  const b = (value >>> 16) & 0xff;
  const c = (value >>> 8) & 0xff;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return true; // this-network, private, loopback, multicast, reserved
  if (a === 100 && b >= 64 && b <= 127) return true; // 100.64/10 carrier-grade NAT
  if (a === 169 && b === 254) return true; // link-local
  if (a === 172 && b >= 16 && b <= 31) return true;
  if (a === 192 && b === 168) return true;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return true; // IETF protocol assignments, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return true; // benchmarking
  if (a === 198 && b === 51 && c === 100) return true; // TEST-NET-2
  if (a === 203 && b === 0 && c === 113) return true; // TEST-NET-3
  return false;
}

function parseIpv4(address: string): number {
  const parts = address.split('.');
  return (
    ((Number(parts[0]) << 24) |
      (Number(parts[1]) << 16) |
      (Number(parts[2]) << 8) |
      Number(parts[3])) >>>
    0
  );
}

// Only called on strings node:net already accepted, so the shape is known to be valid.
function parseIpv6(address: string): [number, number, number, number] {
  let text = address.toLowerCase();
  const groups: number[] = [];
  const lastColon = text.lastIndexOf(':');
  let tailIpv4: number | null = null;
  if (text.includes('.', lastColon)) {
    tailIpv4 = parseIpv4(text.slice(lastColon + 1));
    // The dotted tail stands for two groups; a placeholder group keeps the split below simple.
    text = `${text.slice(0, lastColon + 1)}0`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  if (tailIpv4 !== null) {
    // Replace the placeholder with the two 16-bit halves of the embedded IPv4 address.
    const target = tail === undefined ? headGroups : tailGroups;
    target.pop();
    target.push((tailIpv4 >>> 16).toString(16), (tailIpv4 & 0xffff).toString(16));
  }
  const missing = 8 - headGroups.length - tailGroups.length;
  for (const group of headGroups) groups.push(Number.parseInt(group, 16));
  for (let index = 0; index < missing; index++) groups.push(0);
  for (const group of tailGroups) groups.push(Number.parseInt(group, 16));
  const word = (index: number): number =>
    (((groups[index * 2] ?? 0) << 16) | (groups[index * 2 + 1] ?? 0)) >>> 0;
  return [word(0), word(1), word(2), word(3)];
}
