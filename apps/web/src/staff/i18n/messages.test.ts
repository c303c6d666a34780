import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { locales } from '../../i18n/locale.js';
import { staffCatalogs } from './catalogs.js';
import { staffEn } from './en.js';

// Every placeholder a staff message uses, with a sample value.
const VALUES = {
  count: 3,
  handle: 'h',
  role: 'r',
  target: 't',
  lang: 'en',
  from: 'zh',
  to: 'en',
  engine: 'e',
  index: 1,
  total: 2,
  term: 't',
  category: 'c',
  severity: 's',
  rule: 'r',
  date: 'd',
  until: 'u',
  name: 'n',
  seq: 4,
  message: 'm',
  version: 'v',
  scanned: 10,
  days: 7,
  changed: 2,
  affected: 3,
  action: 'a',
  regions: 'CN',
  by: 'b',
};

describe('staff console messages', () => {
  const keys = Object.keys(staffEn).sort();

  it('share no key with the app messages (they are layered over them)', () => {
    expect(keys.filter((key) => key in en)).toEqual([]);
  });

  for (const locale of locales) {
    it(`${locale} has every key and nothing else`, () => {
      const catalog = staffCatalogs[locale];
      expect(Object.keys(catalog).sort()).toEqual(keys);
      for (const key of keys) expect(catalog[key as keyof typeof staffEn].trim()).not.toBe('');
    });

    it(`${locale} messages are valid ICU and format`, () => {
      const errors: unknown[] = [];
      const intl = createIntl({
        locale,
        messages: staffCatalogs[locale],
        onError: (error) => errors.push(error),
      });
      for (const key of keys) intl.formatMessage({ id: key }, VALUES);
      expect(errors).toEqual([]);
    });
  }
});
