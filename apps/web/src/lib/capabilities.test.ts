import { describe, expect, it } from 'vitest';
import { servesPair, tagCovers } from './capabilities.js';

describe('translation capabilities', () => {
  it('matches a pair by tag, or by language when the pair names no script', () => {
    expect(tagCovers('en', 'en')).toBe(true);
    expect(tagCovers('en', 'en-US')).toBe(true);
    expect(tagCovers('zh', 'zh-Hans')).toBe(true);
    expect(tagCovers('zh', 'zh-Hant')).toBe(true);
    expect(tagCovers('zh-Hans', 'zh-Hant')).toBe(false);
    expect(tagCovers('zh-Hans', 'zh')).toBe(false);
    expect(tagCovers('zh', 'ja')).toBe(false);
    // pinyin is not Chinese characters: no engine or dictionary reads it
    expect(tagCovers('zh', 'zh-Latn')).toBe(false);
  });

  it('serves a pair only when both sides are covered', () => {
    const apertium = [
      { from: 'en', to: 'es' },
      { from: 'es', to: 'en' },
    ];
    expect(servesPair(apertium, 'es', 'en')).toBe(true);
    expect(servesPair(apertium, 'en-GB', 'es')).toBe(true);
    expect(servesPair(apertium, 'zh-Hans', 'en')).toBe(false);
    expect(servesPair(apertium, 'ja', 'es')).toBe(false);
    expect(servesPair([], 'es', 'en')).toBe(false);
  });
});
