import { parseIpAddress } from '../geo/ip-address.js';
import { isHostingNetwork } from './hosting-asns.js';
import { fire, type MaybeSignal, overBudget } from './signal.js';

/**
 * The address buckets velocity counts on: the address itself, and its network — the /24 of an
 * IPv4 address, the /64 of an IPv6 one (a subscriber usually holds a whole /64, so the /64 is
 * the "address" there and its /48 the network). Null for what is not an address.
 */
export function addressBuckets(ip: string): { address: string; network: string } | null {
  const parsed = parseIpAddress(ip);
  if (!parsed) return null;
  if (parsed.version === 4) {
    const value = parsed.value >>> 0;
    return { address: `4:${value}`, network: `4n:${value >>> 8}` };
  }
  const [w0, w1] = parsed.words;
  return { address: `6:${w0}:${w1}`, network: `6n:${w0}:${w1 >>> 16}` };
}

/** An address no location data knows (a proxy chain, a freshly announced range). */
export function ipUnlocatedSignal(country: string | null, isPublic: boolean): MaybeSignal {
  return isPublic && !country ? fire('ip_unlocated', 10) : null;
}

/** A hosting, cloud or VPN network (`hosting-asns.ts`). */
export function hostingNetworkSignal(
  asn: { asn: number; organization: string } | null,
): MaybeSignal {
  return asn && isHostingNetwork(asn.asn, asn.organization) ? fire('hosting_network', 30) : null;
}

/** Attempts from one address in the window: a household or a café makes a few, a script many. */
export function ipVelocitySignal(count: number): MaybeSignal {
  const points = overBudget(count, 3, 8, 40);
  return points > 0 ? fire('ip_velocity', points) : null;
}

/** Attempts from one /24 (IPv4) or /48 (IPv6): rotating addresses within one block. */
export function subnetVelocitySignal(count: number): MaybeSignal {
  const points = overBudget(count, 12, 3, 30);
  return points > 0 ? fire('subnet_velocity', points) : null;
}

/**
 * Attempts from one autonomous system. Eyeball networks carry whole countries in a wave, so only
 * hosting networks are counted strictly; any network past a high budget still adds a little.
 */
export function asnVelocitySignal(count: number, hosting: boolean): MaybeSignal {
  const points = hosting ? overBudget(count, 5, 2, 30) : overBudget(count, 2_000, 1, 10);
  return points > 0 ? fire('asn_velocity', points) : null;
}
