import { describe, expect, it } from 'vitest';
import { languageName, readerLanguages, reads, sameLanguage } from './languages.js';

describe('languages', () => {
  it('tells languages apart as the server does: base language, and the script for Chinese', () => {
    expect(sameLanguage('en', 'en-US')).toBe(true);
    expect(sameLanguage('es', 'en')).toBe(false);
    expect(sameLanguage('zh', 'zh-Hans')).toBe(true);
    expect(sameLanguage('zh-Hans', 'zh-Hant')).toBe(false);
    expect(sameLanguage('zh-TW', 'zh-Hant')).toBe(true);
  });

  it('reads the account languages, else the interface language', () => {
    expect(readerLanguages(['es'], 'en')).toEqual(['es']);
    expect(readerLanguages([], 'ja')).toEqual(['ja']);
    expect(readerLanguages(undefined, 'zh-Hans')).toEqual(['zh-Hans']);
    expect(reads(['es', 'en'], 'en')).toBe(true);
    expect(reads(['es'], 'en')).toBe(false);
    // Nothing to translate when the language is not known.
    expect(reads(['es'], null)).toBe(true);
  });

  it('names a language in the interface language, as a label or inside a sentence', () => {
    expect(languageName('en', 'es')).toBe('Inglés');
    expect(languageName('en', 'es', { inSentence: true })).toBe('inglés');
    expect(languageName('es', 'zh-Hans')).toBe('西班牙语');
    expect(languageName('es', 'en')).toBe('Spanish');
  });
});
