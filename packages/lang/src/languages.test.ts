import { describe, expect, it } from 'vitest';
import { isRomanized } from './languages.js';

describe('isRomanized', () => {
  it('is true for a language written in Latin letters although its script is another', () => {
    for (const tag of ['zh-Latn', 'ar-Latn', 'ja-Latn', 'ru-Latn', 'ZH-latn']) {
      expect(isRomanized(tag)).toBe(true);
    }
  });

  it('is false for Latin-script languages and for tags without the Latin subtag', () => {
    for (const tag of ['en', 'en-Latn', 'sr-Latn', 'zh-Hans', 'zh', 'ja', 'und', '']) {
      expect(isRomanized(tag)).toBe(false);
    }
  });
});
