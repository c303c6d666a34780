import { describe, expect, it } from 'vitest';
import { COUNTRIES, HOME } from './countries.js';
import { acceptedMobile, phoneNumber, phoneSeries } from './phones.js';

describe('generated phone numbers', () => {
  const countries = [...COUNTRIES.map((country) => country.code), HOME.code, 'ID', 'VN', 'NG'];

  it.each(countries)('gives %s valid, distinct mobile numbers in every series used', (country) => {
    const seen = new Set<string>();
    for (const series of [0, 1, 2, 3, 8]) {
      const numbers = phoneSeries(country, series);
      expect(numbers).not.toBeNull();
      for (let index = 0; index < 300; index++) {
        const phone = phoneNumber(numbers!, index, { consecutive: false, start: 4242 });
        expect(acceptedMobile(phone)).toBe(true);
        seen.add(phone);
      }
    }
    expect(seen.size).toBe(5 * 300);
  });

  it('gives farms consecutive numbers and people scattered ones', () => {
    const series = phoneSeries('ID', 4)!;
    const farm = [0, 1, 2].map((index) =>
      Number(phoneNumber(series, index, { consecutive: true, start: 500 })),
    );
    expect(farm[1]! - farm[0]!).toBe(1);
    expect(farm[2]! - farm[1]!).toBe(1);
    const people = [0, 1].map((index) =>
      Number(phoneNumber(series, index, { consecutive: false, start: 500 })),
    );
    expect(Math.abs(people[1]! - people[0]!)).toBeGreaterThan(1000);
  });

  it('refuses what the server refuses', () => {
    expect(acceptedMobile('+12015550123')).toBe(true); // US: fixed line or mobile
    expect(acceptedMobile('+442079460000')).toBe(false); // a London landline
    expect(acceptedMobile('+1201555')).toBe(false);
  });
});
