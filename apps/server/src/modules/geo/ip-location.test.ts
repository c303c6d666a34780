import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHINA_REGIONS } from './china-regions.js';
import { type IpLocator, loadIpLocator } from './ip-location.js';
import { deserializeRangeTable } from './range-table.js';

// These lookups run against the DB-IP data installed with the package, so they pin down what the
// shipped data says about long-lived, well-known networks (public DNS resolvers, national registries).
describe('loadIpLocator with the shipped DB-IP data', () => {
  let directory: string;
  let cacheFile: string;
  let locator: IpLocator;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'atrium-geo-'));
    cacheFile = join(directory, 'nested', 'ip-ranges.bin');
    locator = await loadIpLocator({ cacheFile });
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('locates well-known IPv4 addresses to their country', () => {
    expect(locator.lookup('8.8.8.8')).toEqual({ country: 'US', region: null });
    expect(locator.lookup('200.160.2.3')).toEqual({ country: 'BR', region: null }); // registro.br
    expect(locator.lookup('193.99.144.80')).toEqual({ country: 'DE', region: null }); // heise.de
    expect(locator.lookup('1.1.1.1')).toEqual({ country: 'AU', region: null });
  });

  it('locates Chinese addresses to their province', () => {
    expect(locator.lookup('202.96.128.86')).toEqual({ country: 'CN', region: 'CN-GD' }); // Guangdong Telecom DNS
    expect(locator.lookup('223.5.5.5')).toEqual({ country: 'CN', region: 'CN-ZJ' }); // AliDNS, Hangzhou
    expect(locator.lookup('180.76.76.76')).toEqual({ country: 'CN', region: 'CN-BJ' }); // Baidu DNS
    expect(locator.lookup('114.114.114.114')).toEqual({ country: 'CN', region: 'CN-SD' });
  });

  it('keeps Hong Kong, Macao and Taiwan as their own countries', () => {
    expect(locator.lookup('202.45.84.58')).toEqual({ country: 'HK', region: null });
    expect(locator.lookup('202.175.3.3')).toEqual({ country: 'MO', region: null });
    expect(locator.lookup('168.95.1.1')).toEqual({ country: 'TW', region: null }); // HiNet DNS
  });

  it('locates IPv6 addresses', () => {
    expect(locator.lookup('2400:3200::1')).toEqual({ country: 'CN', region: 'CN-ZJ' }); // AliDNS
    expect(locator.lookup('2a00:1450:4001::1')).toEqual({ country: 'DE', region: null });
    expect(locator.lookup('2001:4860:4860::8888')?.country).toMatch(/^[A-Z]{2}$/);
  });

  it('locates IPv4-mapped and NAT64 IPv6 addresses through the IPv4 data', () => {
    expect(locator.lookup('::ffff:8.8.8.8')).toEqual({ country: 'US', region: null });
    expect(locator.lookup('::ffff:202.96.128.86')).toEqual({ country: 'CN', region: 'CN-GD' });
    expect(locator.lookup('64:ff9b::808:808')).toEqual({ country: 'US', region: null });
  });

  it('returns null for private, loopback, reserved and invalid addresses', () => {
    for (const ip of [
      '10.0.0.1',
      '192.168.1.10',
      '172.20.0.5',
      '127.0.0.1',
      '100.64.1.1',
      '169.254.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '2001:db8::1',
      '0.0.0.0',
      '255.255.255.255',
      '',
      'unknown',
      '1.2.3',
      '999.1.1.1',
      '8.8.8.8:443',
    ]) {
      expect(locator.lookup(ip), ip).toBeNull();
    }
  });

  it('maps every province name in the data to one of the 31 mainland divisions', async () => {
    const table = deserializeRangeTable(await readFile(cacheFile), locator.source);
    const chinese = (table?.values ?? []).filter((value) => value.startsWith('CN')).sort();
    const mainland = CHINA_REGIONS.map((region) => region.code)
      .filter((code) => !['CN-HK', 'CN-MO', 'CN-TW'].includes(code))
      .sort();
    // 'CN' alone stands for Chinese ranges the data gives no province for.
    expect(chinese).toEqual(['CN', ...mainland].sort());
  });

  it('returns shared results that callers cannot change', () => {
    const location = locator.lookup('8.8.8.8');
    expect(Object.isFrozen(location)).toBe(true);
  });

  it('writes the table to the cache file and loads it back quickly with the same answers', async () => {
    const size = (await stat(cacheFile)).size;
    expect(size).toBeGreaterThan(1_000_000);
    expect(size).toBeLessThan(30_000_000);
    const started = performance.now();
    const cached = await loadIpLocator({ cacheFile });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expect(cached.source).toBe(locator.source);
    expect(cached.rangeCount).toEqual(locator.rangeCount);
    for (const ip of ['8.8.8.8', '202.96.128.86', '2400:3200::1', '200.160.2.3', '10.0.0.1']) {
      expect(cached.lookup(ip)).toEqual(locator.lookup(ip));
    }
  });
});
