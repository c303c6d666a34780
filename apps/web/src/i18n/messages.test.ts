import { errorCodes } from '@atrium/contracts';
import { describe, expect, it } from 'vitest';
import { checkCatalogues } from './catalogue-checks.js';
import { en } from './en.js';
import {
  type CatalogueModule,
  catalogues,
  formatCount,
  type Locale,
  locales,
  matchLocale,
  resolveLocale,
} from './locale.js';
import { placeholderProblems } from './placeholders.js';

const modules: Record<Exclude<Locale, 'en'>, () => Promise<CatalogueModule>> = {
  'zh-Hans': () => import('./zh-Hans.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
};

// Every placeholder an app message uses, with a sample value.
const VALUES = {
  count: 3,
  days: 3,
  notes: 1,
  likes: 3,
  index: 1,
  total: 2,
  max: 18,
  percent: 0.5,
  name: 'n',
  q: 'q',
  phone: '+1',
  tag: 't',
  date: 'd',
  role: 'a moderator',
  fields: 'e-mail',
  place: 'p',
  handle: 'h',
  reason: 'r',
  shown: '3',
  labels: 'l',
  regions: 'rs',
  region: 'CN',
  text: 'x',
  title: 'ti',
  duration: '1:05',
  field: 'f',
  rule: 'ru',
  version: 'v',
  language: 'English',
  engine: 'Apertium',
  source: 'CC-CEDICT',
  licence: 'CC BY-SA 4.0',
  from: 'English',
  to: 'Spanish',
  time: '10:09 PM',
  seconds: 42,
  size: '3.2 MB',
};

describe('interface messages', () => {
  checkCatalogues({
    english: en,
    locales,
    load: (locale) => catalogues.load(locale),
    modules,
    values: VALUES,
    each: (_locale, catalog) => {
      // every API error code has a friendly message
      for (const code of errorCodes) expect(catalog).toHaveProperty(`error.${code}`);
    },
  });
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
