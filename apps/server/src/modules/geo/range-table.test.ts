import { describe, expect, it } from 'vitest';
import {
  deserializeRangeTable,
  findIpv4Value,
  findIpv6Value,
  NO_VALUE,
  RangeTableBuilder,
  serializeRangeTable,
} from './range-table.js';

function sampleTable() {
  const builder = new RangeTableBuilder();
  builder.addIpv4(0, '');
  builder.addIpv4(0x01000000, 'AU');
  builder.addIpv4(0x01000100, 'AU'); // merged into the previous range
  builder.addIpv4(0x01000200, 'CN-FJ');
  builder.addIpv4(0x02000000, '');
  builder.addIpv4(0xff000000, 'US');
  builder.addIpv6([0, 0, 0, 0], '');
  builder.addIpv6([0x24003200, 0, 0, 0], 'CN-ZJ');
  builder.addIpv6([0x24003201, 0, 0, 0x80000000], 'JP');
  builder.addIpv6([0x24003202, 0, 0, 0], '');
  return builder.build();
}

describe('RangeTableBuilder', () => {
  it('merges neighbouring ranges with the same value', () => {
    const table = sampleTable();
    expect([...table.ipv4Starts]).toEqual([0, 0x01000000, 0x01000200, 0x02000000, 0xff000000]);
    expect(table.values).toEqual(['', 'AU', 'CN-FJ', 'US', 'CN-ZJ', 'JP']);
  });
});

describe('range lookup', () => {
  const table = sampleTable();
  const value = (index: number): string => table.values[index] ?? '?';

  it('finds the range holding an IPv4 address, including its first and last address', () => {
    expect(value(findIpv4Value(table, 0x01000000))).toBe('AU');
    expect(value(findIpv4Value(table, 0x010001ff))).toBe('AU');
    expect(value(findIpv4Value(table, 0x01000200))).toBe('CN-FJ');
    expect(value(findIpv4Value(table, 0x01ffffff))).toBe('CN-FJ');
    expect(findIpv4Value(table, 0x02000000)).toBe(NO_VALUE);
    expect(value(findIpv4Value(table, 0xffffffff))).toBe('US');
  });

  it('compares IPv6 addresses word by word', () => {
    expect(value(findIpv6Value(table, [0x24003200, 0, 0, 1]))).toBe('CN-ZJ');
    expect(value(findIpv6Value(table, [0x24003201, 0, 0, 0x7fffffff]))).toBe('CN-ZJ');
    expect(value(findIpv6Value(table, [0x24003201, 0, 0, 0x80000000]))).toBe('JP');
    expect(findIpv6Value(table, [0x24003202, 0, 0, 0])).toBe(NO_VALUE);
    expect(findIpv6Value(table, [0x20010000, 0, 0, 0])).toBe(NO_VALUE);
  });
});

describe('range table file', () => {
  it('round-trips through serialization, also from an unaligned buffer', () => {
    const table = sampleTable();
    const bytes = serializeRangeTable(table, 'sample@1');
    const unaligned = Buffer.concat([Buffer.alloc(1), bytes]).subarray(1);
    for (const file of [bytes, unaligned]) {
      const loaded = deserializeRangeTable(file, 'sample@1');
      expect(loaded).not.toBeNull();
      expect(loaded?.values).toEqual(table.values);
      expect([...(loaded?.ipv4Starts ?? [])]).toEqual([...table.ipv4Starts]);
      expect([...(loaded?.ipv4Values ?? [])]).toEqual([...table.ipv4Values]);
      expect([...(loaded?.ipv6Starts ?? [])]).toEqual([...table.ipv6Starts]);
      expect([...(loaded?.ipv6Values ?? [])]).toEqual([...table.ipv6Values]);
    }
  });

  it('refuses a file from other source data, a truncated file and a foreign file', () => {
    const bytes = serializeRangeTable(sampleTable(), 'sample@1');
    expect(deserializeRangeTable(bytes, 'sample@2')).toBeNull();
    expect(deserializeRangeTable(bytes.subarray(0, bytes.length - 1), 'sample@1')).toBeNull();
    expect(deserializeRangeTable(Buffer.from('not a table'), 'sample@1')).toBeNull();
  });
});
