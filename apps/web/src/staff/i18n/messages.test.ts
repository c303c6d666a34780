import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { type CatalogueModule, type Locale, locales } from '../../i18n/locale.js';
import { placeholderProblems, placeholdersOf } from '../../i18n/placeholders.js';
import { staffCatalogues } from './catalogs.js';
import { type StaffMessageKey, staffEn } from './en.js';

const modules: Record<Exclude<Locale, 'en'>, () => Promise<CatalogueModule<StaffMessageKey>>> = {
  'zh-Hans': () => import('./zh-Hans.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
};

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
  const keys = Object.keys(staffEn).sort() as StaffMessageKey[];

  it('share no key with the app messages (they are layered over them)', () => {
    expect(keys.filter((key) => key in en)).toEqual([]);
  });

  it('every placeholder of the English messages has a sample value here', () => {
    const names = new Set(keys.flatMap((key) => [...placeholdersOf(staffEn[key]).keys()]));
    expect([...names].filter((name) => !(name in VALUES))).toEqual([]);
  });

  for (const locale of locales) {
    it(`${locale} has every key and nothing else`, async () => {
      const catalog = await staffCatalogues.load(locale);
      expect(Object.keys(catalog).sort()).toEqual(keys);
      for (const key of keys) expect(catalog[key].trim()).not.toBe('');
    });

    it(`${locale} messages are valid ICU and format`, async () => {
      const errors: unknown[] = [];
      const intl = createIntl({
        locale,
        messages: await staffCatalogues.load(locale),
        onError: (error) => errors.push(error),
      });
      for (const key of keys) intl.formatMessage({ id: key }, VALUES);
      expect(errors).toEqual([]);
    });

    it(`${locale} uses the placeholders of the English messages`, async () => {
      const catalog = await staffCatalogues.load(locale);
      const problems = keys.flatMap((key) =>
        placeholderProblems(staffEn[key], catalog[key]).map((problem) => `${key}: ${problem}`),
      );
      expect(problems).toEqual([]);
    });
  }

  for (const [locale, load] of Object.entries(modules)) {
    it(`${locale} says where it stands with reviewers`, async () => {
      const { meta } = await load();
      expect(typeof meta.reviewed).toBe('boolean');
      expect(typeof meta.machineDrafted).toBe('boolean');
      expect(meta.reviewNeeded.filter((key) => !(key in staffEn))).toEqual([]);
      expect(Object.keys(meta.notes ?? {}).filter((key) => !(key in staffEn))).toEqual([]);
    });
  }
});
