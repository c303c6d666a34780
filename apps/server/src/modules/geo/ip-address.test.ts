import { describe, expect, it } from 'vitest';
import { isNonPublicAddress, parseIpAddress } from './ip-address.js';

describe('parseIpAddress', () => {
  it('parses IPv4 as one unsigned number', () => {
    expect(parseIpAddress('8.8.8.8')).toEqual({ version: 4, value: 0x08080808 });
    expect(parseIpAddress('255.255.255.255')).toEqual({ version: 4, value: 0xffffffff });
  });

  it('parses IPv6 into four big-endian words', () => {
    expect(parseIpAddress('2001:db8::1')).toEqual({
      version: 6,
      words: [0x20010db8, 0, 0, 1],
    });
    expect(parseIpAddress('2400:3200::')).toEqual({ version: 6, words: [0x24003200, 0, 0, 0] });
    expect(parseIpAddress('1:2:3:4:5:6:7:8')).toEqual({
      version: 6,
      words: [0x00010002, 0x00030004, 0x00050006, 0x00070008],
    });
    expect(parseIpAddress('1:2:3:4:5:6:1.2.3.4')).toEqual({
      version: 6,
      words: [0x00010002, 0x00030004, 0x00050006, 0x01020304],
    });
  });

  it('unwraps IPv4-mapped and NAT64 addresses to the IPv4 address they carry', () => {
    expect(parseIpAddress('::ffff:1.2.3.4')).toEqual({ version: 4, value: 0x01020304 });
    expect(parseIpAddress('::FFFF:0102:0304')).toEqual({ version: 4, value: 0x01020304 });
    expect(parseIpAddress('64:ff9b::8.8.8.8')).toEqual({ version: 4, value: 0x08080808 });
  });

  it('rejects what is not an address literal', () => {
    for (const input of [
      '',
      'localhost',
      '1.2.3',
      '1.2.3.256',
      '01.2.3.4x',
      '1::2::3',
      'fe80::1%eth0',
    ]) {
      expect(parseIpAddress(input)).toBeNull();
    }
    expect(parseIpAddress(undefined as unknown as string)).toBeNull();
  });
});

describe('isNonPublicAddress', () => {
  const nonPublic = (input: string): boolean => {
    const address = parseIpAddress(input);
    if (address === null) throw new Error(`unparsable test input ${input}`);
    return isNonPublicAddress(address);
  };

  it('flags private, loopback, link-local, shared, documentation and multicast ranges', () => {
    for (const input of [
      '0.0.0.0',
      '10.1.2.3',
      '100.64.0.1',
      '127.0.0.1',
      '169.254.1.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '192.0.2.1',
      '198.18.0.1',
      '198.51.100.1',
      '203.0.113.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '::ffff:192.168.0.1',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '2001:db8::1',
    ]) {
      expect(nonPublic(input), input).toBe(true);
    }
  });

  it('leaves public addresses alone, including neighbours of the private blocks', () => {
    for (const input of [
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '1.1.1.1',
      '2400:3200::1',
      '2a00:1450::1',
    ]) {
      expect(nonPublic(input), input).toBe(false);
    }
  });
});
