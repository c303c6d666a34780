import {
  type LoadIpLocatorOptions,
  loadRangeTable,
} from '../../../apps/server/src/modules/geo/ip-location.js';
import type { Random } from './rng.js';

// Addresses for generated clients, from the same DB-IP table the server locates clients with, so
// a US newcomer's address is located in the US by the server. "Residential-looking" means: in a
// range the table puts in the country, outside the hosting ranges below. The table does not say
// which ranges are residential; a real residential/hosting split needs ASN data (the risk module
// has it), so a few of these addresses may belong to companies or universities.

/**
 * Well-known public cloud and hosting blocks (from the providers' published ranges): where
 * scripted bots run. Documented in docs/surge.md; not meant to be complete.
 */
export const HOSTING_BLOCKS: readonly { cidr: string; provider: string }[] = [
  { cidr: '3.208.0.0/12', provider: 'Amazon AWS (us-east-1)' },
  { cidr: '18.184.0.0/15', provider: 'Amazon AWS (eu-central-1)' },
  { cidr: '54.64.0.0/15', provider: 'Amazon AWS (ap-northeast-1)' },
  { cidr: '35.184.0.0/13', provider: 'Google Cloud' },
  { cidr: '167.99.0.0/16', provider: 'DigitalOcean' },
  { cidr: '159.65.0.0/16', provider: 'DigitalOcean' },
  { cidr: '95.216.0.0/15', provider: 'Hetzner' },
  { cidr: '88.198.0.0/16', provider: 'Hetzner' },
  { cidr: '51.38.0.0/16', provider: 'OVHcloud' },
  { cidr: '172.104.0.0/15', provider: 'Linode (Akamai)' },
];

export function ipv4ToNumber(address: string): number {
  const parts = address.split('.').map(Number);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function numberToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

function parseCidr(cidr: string): { start: number; size: number } {
  const [address, bits] = cidr.split('/') as [string, string];
  return { start: ipv4ToNumber(address), size: 2 ** (32 - Number(bits)) };
}

const hostingBlocks = HOSTING_BLOCKS.map((block) => parseCidr(block.cidr));

export function isHostingAddress(address: string): boolean {
  const value = ipv4ToNumber(address);
  return hostingBlocks.some((block) => value >= block.start && value < block.start + block.size);
}

/** A host address inside `[start, start + size)`, never the network or broadcast of a /24. */
function hostIn(start: number, size: number, random: Random): number {
  for (;;) {
    const value = start + random.int(size);
    const last = value & 255;
    if (last !== 0 && last !== 255) return value >>> 0;
  }
}

export interface IpPool {
  /** A residential-looking address of `country` (ISO alpha-2). */
  residential(country: string, random: Random): string;
  /** An address in a hosting provider's block. */
  hosting(random: Random): string;
  /** A /24 of `country` (for proxies and farms that sit on one network): its first three octets. */
  subnet(country: string, random: Random): string;
  countries(): string[];
}

export interface IpPoolOptions extends LoadIpLocatorOptions {
  /**
   * Whether an address belongs to a hosting, cloud or VPN network (the server's ASN data and
   * list): residential addresses are drawn again until one is not (at most 20 tries). Without
   * it, only HOSTING_BLOCKS are avoided, and big clouds' ranges pass for residential.
   */
  isHosting?: (address: string) => boolean;
}

/** Builds the pool from the server's range table (its cache file when given: ~10 ms). */
export async function loadIpPool(options: IpPoolOptions = {}): Promise<IpPool> {
  const { table } = await loadRangeTable(options);
  const starts = table.ipv4Starts;
  const byCountry = new Map<string, number[]>();
  for (let index = 0; index + 1 < starts.length; index++) {
    const value = table.values[table.ipv4Values[index]!] ?? '';
    if (value === '') continue;
    const size = starts[index + 1]! - starts[index]!;
    // ranges of at least a /24: small slivers are often infrastructure
    if (size < 256) continue;
    const country = value.slice(0, 2);
    const middle = numberToIpv4(starts[index]! + Math.floor(size / 2));
    if (isHostingAddress(middle)) continue;
    const list = byCountry.get(country);
    if (list) list.push(index);
    else byCountry.set(country, [index]);
  }
  const rangeOf = (country: string, random: Random) => {
    const list = byCountry.get(country);
    if (!list?.length) throw new Error(`no address ranges for country ${country}`);
    const index = random.pick(list);
    return { start: starts[index]!, size: starts[index + 1]! - starts[index]! };
  };
  return {
    residential(country, random) {
      let address = '';
      for (let attempt = 0; attempt < 20; attempt++) {
        const range = rangeOf(country, random);
        address = numberToIpv4(hostIn(range.start, range.size, random));
        if (!options.isHosting?.(address)) break;
      }
      return address;
    },
    hosting(random) {
      const block = random.pick(hostingBlocks);
      return numberToIpv4(hostIn(block.start, block.size, random));
    },
    subnet(country, random) {
      const range = rangeOf(country, random);
      const value = hostIn(range.start, range.size, random);
      return numberToIpv4(value).split('.').slice(0, 3).join('.');
    },
    countries: () => [...byCountry.keys()],
  };
}
