import { describe, expect, it } from 'vitest';
import { homophoneVariants, mixedPinyinVariants } from './homophones.js';
import { compileLexicon, LexiconError } from './matcher.js';
import type { LexiconEntry } from './types.js';

const matcher = compileLexicon([
  { term: '约炮', category: 'adult_services' },
  { term: '加微信', category: 'fraud', homophones: true },
  { term: '大麻', category: 'drugs' },
]);

function found(text: string): string[] {
  return matcher.scan(text).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);
}

describe('mixed forms of Chinese terms', () => {
  it('matches a character written as its pinyin among the others', () => {
    expect(found('今晚约pao吗')).toEqual(['约炮=约pao']);
    expect(found('今晚yue炮吗')).toEqual(['约炮=yue炮']);
    expect(found('买da麻')).toEqual(['大麻=da麻']);
  });

  it('needs the pinyin syllable to end its Latin word', () => {
    expect(found('约paolo一起吃饭')).toEqual([]);
    expect(found('Nokia麻将')).toEqual([]);
  });

  it('matches homophones of terms marked so, and only of those', () => {
    expect(found('快加薇信')).toEqual(['加微信=加薇信']);
    expect(found('有事加卫星聊')).toEqual(['加微信=加卫星']);
    // Not marked: 打麻 (da ma, another 大) is no spelling of 大麻.
    expect(found('打麻')).toEqual([]);
  });

  it('does not match the homophone as a word of its own', () => {
    expect(found('明天发射卫星')).toEqual([]);
  });

  it('rejects a homophones flag that is not a boolean', () => {
    const bad = [
      { term: '加微信', category: 'fraud', homophones: 'yes' },
    ] as unknown as LexiconEntry[];
    expect(() => compileLexicon(bad)).toThrow(LexiconError);
  });

  it('generates variants of Chinese terms only', () => {
    expect(mixedPinyinVariants('约炮')).toEqual(['yue炮', '约pao']);
    expect(mixedPinyinVariants('fuck')).toEqual([]);
    expect(homophoneVariants('加微信')).toContain('加威信');
    expect(homophoneVariants('加V')).toEqual([]);
  });
});
