import { errorCodes } from '@atrium/contracts';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en.js';
import {
  type CatalogueModule,
  catalogues,
  formatCount,
  type Locale,
  locales,
  matchLocale,
  resolveLocale,
} from './locale.js';
import { placeholderProblems, placeholdersOf } from './placeholders.js';

const modules: Record<Exclude<Locale, 'en'>, () => Promise<CatalogueModule>> = {
  'zh-Hans': () => import('./zh-Hans.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
};

// Every placeholder an app message uses, with a sample value.
const VALUES = {
  count: 3,
  index: 1,
  total: 2,
  max: 18,
  percent: 0.5,
  name: 'n',
  q: 'q',
  phone: '+1',
  tag: 't',
  date: 'd',
  place: 'p',
  handle: 'h',
  reason: 'r',
  shown: '3',
  labels: 'l',
  regions: 'rs',
  region: 'CN',
  text: 'x',
  field: 'f',
  rule: 'ru',
  version: 'v',
  language: 'English',
  engine: 'Apertium',
  from: 'English',
  to: 'Spanish',
};

describe('interface messages', () => {
  const keys = Object.keys(en).sort() as MessageKey[];

  it('every placeholder of the English messages has a sample value here', () => {
    const names = new Set(keys.flatMap((key) => [...placeholdersOf(en[key]).keys()]));
    expect([...names].filter((name) => !(name in VALUES))).toEqual([]);
  });

  for (const locale of locales) {
    it(`${locale} has every key and nothing else`, async () => {
      const catalog = await catalogues.load(locale);
      expect(Object.keys(catalog).sort()).toEqual(keys);
      for (const key of keys) expect(catalog[key].trim()).not.toBe('');
    });

    it(`${locale} messages are valid ICU and format`, async () => {
      const errors: unknown[] = [];
      const intl = createIntl({
        locale,
        messages: await catalogues.load(locale),
        onError: (error) => errors.push(error),
      });
      for (const key of keys) intl.formatMessage({ id: key }, VALUES);
      expect(errors).toEqual([]);
    });

    it(`${locale} uses the placeholders of the English messages`, async () => {
      const catalog = await catalogues.load(locale);
      const problems = keys.flatMap((key) =>
        placeholderProblems(en[key], catalog[key]).map((problem) => `${key}: ${problem}`),
      );
      expect(problems).toEqual([]);
    });

    it(`${locale} explains every API error code`, async () => {
      const catalog = await catalogues.load(locale);
      for (const code of errorCodes) expect(catalog).toHaveProperty(`error.${code}`);
    });
  }

  for (const [locale, load] of Object.entries(modules)) {
    it(`${locale} says where it stands with reviewers`, async () => {
      const { meta } = await load();
      expect(typeof meta.reviewed).toBe('boolean');
      expect(typeof meta.machineDrafted).toBe('boolean');
      expect(meta.reviewNeeded.filter((key) => !(key in en))).toEqual([]);
      expect(Object.keys(meta.notes ?? {}).filter((key) => !(key in en))).toEqual([]);
    });
  }
});

describe('placeholder check', () => {
  it('finds unknown and dropped placeholders, but lets a plural selector go', () => {
    expect(
      placeholderProblems('{count, plural, one {# like} other {# likes}}', '{count} 赞'),
    ).toEqual([]);
    expect(
      placeholderProblems(
        '{count, plural, one {{shown} note} other {{shown} notes}}',
        '{shown} 篇',
      ),
    ).toEqual([]);
    expect(placeholderProblems('Hello {name}', 'Hola')).toEqual(['missing placeholder {name}']);
    expect(placeholderProblems('Hello {name}', 'Hola {nombre}')).toEqual([
      'unknown placeholder {nombre}',
      'missing placeholder {name}',
    ]);
    expect(
      placeholderProblems('{count, plural, one {# like} other {# likes}}', 'Me gusta'),
    ).toEqual(['missing placeholder {count}']);
  });
});

describe('locale choice', () => {
  it('prefers the account, then the browser, then English', () => {
    expect(resolveLocale('zh-Hans', ['en-US'])).toBe('zh-Hans');
    expect(resolveLocale(null, ['fr-FR', 'zh-CN'])).toBe('zh-Hans');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('fr', ['de'])).toBe('en');
    expect(resolveLocale(null, ['es-MX', 'en'])).toBe('es');
    expect(resolveLocale('ko', ['ja-JP'])).toBe('ko');
    expect(resolveLocale(null, ['de-DE', 'ja-JP'])).toBe('ja');
  });

  it('matches regional tags onto the interface languages', () => {
    expect(matchLocale('es-419')).toBe('es');
    expect(matchLocale('ja')).toBe('ja');
    expect(matchLocale('ko-KR')).toBe('ko');
    expect(matchLocale('zh-TW')).toBe('zh-Hans');
    expect(matchLocale('eu')).toBeNull();
    expect(matchLocale('english')).toBeNull();
  });

  it('formats counts compactly per locale', () => {
    expect(formatCount('en', 12_000)).toBe('12K');
    expect(formatCount('zh-Hans', 12_000)).toBe('1.2万');
    expect(formatCount('ja', 12_000)).toBe('1.2万');
    expect(formatCount('ko', 12_000)).toBe('1.2만');
    expect(formatCount('es', 12_000)).toBe('12\u00a0mil');
    expect(formatCount('en', 999)).toBe('999');
  });
});
