import { errorCodes } from '@atrium/contracts';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { catalogs, formatCount, locales, resolveLocale } from './locale.js';

describe('interface messages', () => {
  const keys = Object.keys(en).sort();

  for (const locale of locales) {
    it(`${locale} has every key and nothing else`, () => {
      const catalog = catalogs[locale];
      expect(Object.keys(catalog).sort()).toEqual(keys);
      for (const key of keys) expect(catalog[key as keyof typeof en].trim()).not.toBe('');
    });

    it(`${locale} messages are valid ICU and format`, () => {
      const errors: unknown[] = [];
      const intl = createIntl({
        locale,
        messages: catalogs[locale],
        onError: (error) => errors.push(error),
      });
      for (const key of keys) {
        intl.formatMessage(
          { id: key },
          {
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
          },
        );
      }
      expect(errors).toEqual([]);
    });

    it(`${locale} explains every API error code`, () => {
      for (const code of errorCodes) expect(catalogs[locale]).toHaveProperty(`error.${code}`);
    });
  }
});

describe('locale choice', () => {
  it('prefers the account, then the browser, then English', () => {
    expect(resolveLocale('zh-Hans', ['en-US'])).toBe('zh-Hans');
    expect(resolveLocale(null, ['fr-FR', 'zh-CN'])).toBe('zh-Hans');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('fr', ['de'])).toBe('en');
  });

  it('formats counts compactly per locale', () => {
    expect(formatCount('en', 12_000)).toBe('12K');
    expect(formatCount('zh-Hans', 12_000)).toBe('1.2万');
    expect(formatCount('en', 999)).toBe('999');
  });
});
