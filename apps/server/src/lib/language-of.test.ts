import { describe, expect, it } from 'vitest';
import { decisionLanguage, languageOf } from './language-of.js';

describe('languageOf', () => {
  it('tells the language of a clear text', () => {
    expect(languageOf('Does anyone know a good ramen place in Chicago?')).toBe('en');
    expect(languageOf('这家咖啡店的拿铁真的绝了', '下次还来')).toBe('zh-Hans');
  });

  it('answers null for text without language', () => {
    expect(languageOf('😂😂', '')).toBeNull();
    expect(languageOf('¯\\_(ツ)_/¯')).toBeNull();
    expect(languageOf('2026.11.21')).toBeNull();
  });

  it('answers null for a guess below its language’s reliability bar', () => {
    // A two-word post the model barely places (it leans to a close pair) is not acted on.
    expect(languageOf('tudo')).toBeNull();
    expect(languageOf('taxi')).toBeNull();
  });
});

describe('decisionLanguage', () => {
  it('takes the content’s own language first', () => {
    expect(
      decisionLanguage({ detected: 'ja', authorRecent: ['en', 'en'], accountLocale: 'en' }),
    ).toBe('ja');
  });

  it('falls back to the language most of the author’s recent notes are in', () => {
    expect(
      decisionLanguage({
        detected: null,
        authorRecent: ['pt', null, 'pt', 'es'],
        accountLocale: 'en',
      }),
    ).toBe('pt');
  });

  it('does not trust one note or a split history; then takes the interface language', () => {
    expect(decisionLanguage({ detected: null, authorRecent: ['pt'], accountLocale: 'es-MX' })).toBe(
      'es-MX',
    );
    expect(
      decisionLanguage({
        detected: null,
        authorRecent: ['pt', 'es', 'pt', 'es'],
        accountLocale: 'zh_TW',
      }),
    ).toBe('zh-Hant');
  });

  it('answers null — every moderator of the region — when nothing is known', () => {
    expect(decisionLanguage({ detected: null })).toBeNull();
    expect(
      decisionLanguage({ detected: null, authorRecent: [null, null], accountLocale: '' }),
    ).toBeNull();
  });
});
