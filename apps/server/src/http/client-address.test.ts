import { describe, expect, it } from 'vitest';
import { bareAddress } from './client-address.js';

describe('bareAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    [' 203.0.113.7:443 ', '203.0.113.7'],
    ['2001:db8::1', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['::ffff:203.0.113.7', '::ffff:203.0.113.7'],
  ])('takes %s as %s', (raw, bare) => {
    expect(bareAddress(raw)).toBe(bare);
  });

  it.each([
    'unknown',
    '',
    '203.0.113.7:port',
    '203.0.113.999:80',
    '[203.0.113.7]:80',
    '[2001:db8::1',
    '2001:db8::1:443:x',
  ])('finds no address in %j', (raw) => {
    expect(bareAddress(raw)).toBeNull();
  });
});
