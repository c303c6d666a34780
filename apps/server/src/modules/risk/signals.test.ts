import { describe, expect, it } from 'vitest';
import {
  codeEntrySignal,
  deviceMissingSignal,
  deviceOf,
  deviceSharedSignal,
  languageCountrySignal,
  languageRegions,
  timeZoneCountry,
  timeZoneCountrySignal,
  timeZoneMissingSignal,
  userAgentSignal,
} from './client-signals.js';
import { isHostingNetwork } from './hosting-asns.js';
import {
  counterTemplate,
  disposableEmailSignal,
  handleTemplateSignal,
  nameTemplate,
  nameTemplateVelocitySignal,
} from './identity-signals.js';
import {
  addressBuckets,
  asnVelocitySignal,
  hostingNetworkSignal,
  ipUnlocatedSignal,
  ipVelocitySignal,
  subnetVelocitySignal,
} from './network-signals.js';
import {
  phoneCountryMismatchSignal,
  phoneFacts,
  phoneLineTypeSignal,
  phoneRange,
  phoneRangeVelocitySignal,
} from './phone-signals.js';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

describe('network signals', () => {
  it('buckets IPv4 by address and /24, IPv6 by /64 and /48', () => {
    const a = addressBuckets('203.0.113.5')!;
    const b = addressBuckets('203.0.113.77')!;
    expect(a.address).not.toBe(b.address);
    expect(a.network).toBe(b.network);
    expect(addressBuckets('203.0.114.5')!.network).not.toBe(a.network);
    const v6a = addressBuckets('2001:db8:1:2::1')!;
    const v6b = addressBuckets('2001:db8:1:2:ffff::9')!;
    expect(v6a.address).toBe(v6b.address);
    expect(addressBuckets('2001:db8:1:3::1')!.address).not.toBe(v6a.address);
    expect(addressBuckets('2001:db8:1:3::1')!.network).toBe(v6a.network);
    expect(addressBuckets('not an address')).toBeNull();
  });

  it('fires for public addresses without a location only', () => {
    expect(ipUnlocatedSignal(null, true)?.code).toBe('ip_unlocated');
    expect(ipUnlocatedSignal('US', true)).toBeNull();
    expect(ipUnlocatedSignal(null, false)).toBeNull();
  });

  it('knows hosting networks by number and by name', () => {
    expect(isHostingNetwork(16509)).toBe(true);
    expect(isHostingNetwork(64_500, 'Example Cloud Servers Ltd')).toBe(true);
    expect(isHostingNetwork(4134, 'CHINANET-BACKBONE')).toBe(false);
    expect(hostingNetworkSignal({ asn: 14061, organization: 'DigitalOcean, LLC' })?.points).toBe(
      30,
    );
    expect(hostingNetworkSignal({ asn: 7922, organization: 'Comcast Cable' })).toBeNull();
    expect(hostingNetworkSignal(null)).toBeNull();
  });

  it('adds points per attempt beyond the budgets, capped', () => {
    expect(ipVelocitySignal(3)).toBeNull();
    expect(ipVelocitySignal(4)?.points).toBe(8);
    expect(ipVelocitySignal(100)?.points).toBe(40);
    expect(subnetVelocitySignal(12)).toBeNull();
    expect(subnetVelocitySignal(15)?.points).toBe(9);
    expect(asnVelocitySignal(6, true)?.points).toBe(2);
    expect(asnVelocitySignal(6, false)).toBeNull();
    expect(asnVelocitySignal(5_000, false)?.points).toBe(10);
  });
});

describe('phone signals', () => {
  it('reads type and country from the full metadata', () => {
    expect(phoneFacts('+8613912345678')).toEqual({ country: 'CN', type: 'MOBILE' });
    expect(phoneFacts('+12025550123').country).toBe('US');
  });

  it('adds nothing for mobiles and US/CA ambiguity, something elsewhere', () => {
    expect(phoneLineTypeSignal('MOBILE', 'CN')).toBeNull();
    expect(phoneLineTypeSignal('FIXED_LINE_OR_MOBILE', 'US')).toBeNull();
    expect(phoneLineTypeSignal('FIXED_LINE_OR_MOBILE', 'AR')?.points).toBe(5);
    expect(phoneLineTypeSignal(null, null)?.points).toBe(15);
  });

  it('groups numbers into blocks of a hundred', () => {
    expect(phoneRange('+8613912345678')).toBe(phoneRange('+8613912345601'));
    expect(phoneRange('+8613912345678')).not.toBe(phoneRange('+8613912345778'));
    expect(phoneRangeVelocitySignal(2)).toBeNull();
    expect(phoneRangeVelocitySignal(3)?.points).toBe(12);
    expect(phoneRangeVelocitySignal(50)?.points).toBe(45);
  });

  it('compares the number country with the IP country', () => {
    expect(phoneCountryMismatchSignal('US', 'CN')?.code).toBe('phone_country_mismatch');
    expect(phoneCountryMismatchSignal('US', 'US')).toBeNull();
    expect(phoneCountryMismatchSignal('US', null)).toBeNull();
  });
});

describe('client signals', () => {
  it('accepts only fingerprint-shaped device headers', () => {
    expect(deviceOf('a1b2c3d4e5f6a7b8')).toBe('a1b2c3d4e5f6a7b8');
    expect(deviceOf('short')).toBeNull();
    expect(deviceOf('has spaces in it')).toBeNull();
    expect(deviceOf(undefined)).toBeNull();
    expect(deviceMissingSignal(null)?.code).toBe('device_missing');
    expect(deviceMissingSignal('a1b2c3d4e5f6a7b8')).toBeNull();
  });

  it('counts accounts per device beyond a family', () => {
    expect(deviceSharedSignal(2)).toBeNull();
    expect(deviceSharedSignal(4)?.points).toBe(24);
  });

  it('tells browsers from scripts by user agent', () => {
    expect(userAgentSignal(CHROME)).toBeNull();
    expect(userAgentSignal(null)?.code).toBe('user_agent_missing');
    expect(userAgentSignal('python-requests/2.31')?.code).toBe('user_agent_automation');
    expect(userAgentSignal(`${CHROME} HeadlessChrome`)?.points).toBe(25);
    expect(userAgentSignal('whatever')?.points).toBe(10);
  });

  it('compares language regions and the time zone with the IP country', () => {
    expect(languageRegions('en-US,en;q=0.9,zh-Hans-CN;q=0.8')).toEqual(['US', 'CN']);
    expect(languageCountrySignal('en-US,en;q=0.9', 'CN')?.code).toBe('language_country_mismatch');
    expect(languageCountrySignal('en-US,zh-CN;q=0.5', 'CN')).toBeNull();
    // a language without a region says nothing about where someone is
    expect(languageCountrySignal('en', 'CN')).toBeNull();
    expect(timeZoneCountry('Asia/Shanghai')).toBe('CN');
    expect(timeZoneCountry('America/Los_Angeles')).toBe('US');
    expect(timeZoneCountry('UTC')).toBeNull();
    expect(timeZoneCountrySignal('Asia/Shanghai', 'US')?.code).toBe('time_zone_country_mismatch');
    expect(timeZoneCountrySignal('America/New_York', 'US')).toBeNull();
    expect(timeZoneMissingSignal(null, 'a1b2c3d4e5f6a7b8')?.code).toBe('time_zone_missing');
    expect(timeZoneMissingSignal(null, null)).toBeNull();
  });

  it('flags codes typed faster than a person reads an SMS', () => {
    expect(codeEntrySignal(800)?.points).toBe(25);
    expect(codeEntrySignal(3_000)?.points).toBe(10);
    expect(codeEntrySignal(12_000)).toBeNull();
    expect(codeEntrySignal(null)).toBeNull();
  });
});

describe('identity signals', () => {
  it('reduces names to their template', () => {
    expect(nameTemplate('anna_1234')).toBe('anna####');
    expect(nameTemplate('Anna.5678')).toBe('anna####');
    expect(nameTemplate('小红 2025')).toBe('小红####');
    // only names with a counter (3+ digits in a row) are counted together
    expect(counterTemplate('anna_1234')).toBe('anna####');
    expect(counterTemplate('user16996x')).toBe('user#####x');
    expect(counterTemplate('anna_2')).toBeNull();
    expect(counterTemplate('neko_ft1')).toBeNull();
    expect(counterTemplate('anna42')).toBeNull();
    expect(counterTemplate('小红 2025')).toBe('小红####');
  });

  it('flags generated-looking handles', () => {
    expect(handleTemplateSignal('anna1234')?.code).toBe('handle_template');
    expect(handleTemplateSignal('a1234567')?.code).toBe('handle_template');
    expect(handleTemplateSignal('anna_k')).toBeNull();
    expect(handleTemplateSignal('river2025x')).toBeNull();
    expect(nameTemplateVelocitySignal(3)).toBeNull();
    expect(nameTemplateVelocitySignal(5)?.points).toBe(16);
  });

  it('knows throwaway mailbox providers', () => {
    expect(disposableEmailSignal('someone@mailinator.com')?.code).toBe('disposable_email');
    expect(disposableEmailSignal('someone@gmail.com')).toBeNull();
    expect(disposableEmailSignal(null)).toBeNull();
  });
});
