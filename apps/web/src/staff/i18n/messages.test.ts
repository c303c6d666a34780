import { describe, expect, it } from 'vitest';
import { checkCatalogues } from '../../i18n/catalogue-checks.js';
import { en } from '../../i18n/en.js';
import { type CatalogueModule, type Locale, locales } from '../../i18n/locale.js';
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
  rate: 12.5,
  baseline: 3,
  onAt: 30,
  offBelow: 15,
  factor: 4,
  country: 'BR',
  node: 'host/123',
  seconds: 10,
  value: '1.5',
  mode: 'On',
  minutes: 12,
  reason: 'why',
  limit: 30,
  checker: 'ocr',
  x: 10,
  y: 12,
  width: 120,
  height: 30,
};

describe('staff console messages', () => {
  const keys = Object.keys(staffEn).sort() as StaffMessageKey[];

  it('share no key with the app messages (they are layered over them)', () => {
    expect(keys.filter((key) => key in en)).toEqual([]);
  });

  checkCatalogues({
    english: staffEn,
    locales,
    load: (locale) => staffCatalogues.load(locale),
    modules,
    values: VALUES,
  });
});
