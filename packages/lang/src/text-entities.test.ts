import { describe, expect, it } from 'vitest';
import { normalizeLanguageTag } from './languages.js';
import { findEntities, stripEntities } from './text-entities.js';

function kindsAndTexts(text: string): [string, string][] {
  return findEntities(text).map((span) => [span.kind, span.text]);
}

describe('findEntities', () => {
  it('finds topics in any script, mentions, links and emoji', () => {
    expect(
      kindsAndTexts('看 #大麻 和 #TikTokRefugee，@小鱼 说 https://example.com/a?b=c 😂 好'),
    ).toEqual([
      ['topic', '#大麻'],
      ['topic', '#TikTokRefugee'],
      ['mention', '@小鱼'],
      ['url', 'https://example.com/a?b=c'],
      ['emoji', '😂'],
    ]);
  });

  it('ends a link before trailing punctuation and before glued CJK text', () => {
    expect(kindsAndTexts('see https://example.com/x.')).toEqual([['url', 'https://example.com/x']]);
    expect(kindsAndTexts('看这个https://example.com/x好看')).toEqual([
      ['url', 'https://example.com/x'],
    ]);
  });

  it('keeps e-mail addresses whole and does not take them for mentions', () => {
    expect(kindsAndTexts('write to jane.doe@example.org or @jane')).toEqual([
      ['email', 'jane.doe@example.org'],
      ['mention', '@jane'],
    ]);
  });

  it('keeps emoji sequences (skin tone, ZWJ, flags, keycaps) whole', () => {
    expect(kindsAndTexts('👩🏽‍💻 ❤️‍🔥 🇨🇳 1️⃣').map(([, text]) => text)).toEqual([
      '👩🏽‍💻',
      '❤️‍🔥',
      '🇨🇳',
      '1️⃣',
    ]);
  });

  it('takes the Weibo closing # into the topic and leaves C# and &#39; alone', () => {
    expect(kindsAndTexts('#周末日常# 学C# &#39;')).toEqual([['topic', '#周末日常#']]);
  });
});

describe('stripEntities', () => {
  it('keeps the words of topics and drops the rest', () => {
    expect(stripEntities('#周末日常 @bob 😂 https://x.org hi').replace(/\s+/g, ' ').trim()).toBe(
      '周末日常 hi',
    );
  });
});

describe('normalizeLanguageTag', () => {
  it.each([
    ['zh-hans', 'zh-Hans'],
    ['ZH_TW', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['yue', 'zh-Hant'],
    ['wuu', 'zh'],
    ['EN-us', 'en-US'],
    ['pt-br', 'pt-BR'],
    ['es-419', 'es-419'],
    ['', 'und'],
    ['not a tag', 'und'],
  ])('%s → %s', (input, output) => {
    expect(normalizeLanguageTag(input)).toBe(output);
  });
});
