import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON_LANGUAGES, loadDefaultLexicon, parseLexiconSource } from './lexicon.js';
import { compileLexicon } from './matcher.js';
import { CATEGORIES } from './types.js';

const entries = loadDefaultLexicon();

describe('shipped lexicon', () => {
  it('covers every category in every required language', () => {
    expect(DEFAULT_LEXICON_LANGUAGES).toEqual(['en', 'es', 'pt', 'ja', 'ko', 'zh-Hans', 'zh-Hant']);
    for (const category of CATEGORIES) {
      const languages = new Set(
        entries.filter((e) => e.category === category && !e.allow).map((e) => e.lang),
      );
      expect([...languages].sort(), category).toEqual([...DEFAULT_LEXICON_LANGUAGES].sort());
    }
    expect(new Set(entries.map((e) => e.category))).toEqual(new Set(CATEGORIES));
  });

  it('includes off-platform contact lures as fraud', () => {
    const fraud = entries.filter((e) => e.category === 'fraud').map((e) => e.term);
    expect(fraud).toEqual(expect.arrayContaining(['加V', '加微信', 't.me', 'add me on telegram']));
  });

  it('finds every shipped term written plainly, and no exception', () => {
    const matcher = compileLexicon(entries);
    const missed = entries.filter((e) => !e.allow && matcher.scan(` ${e.term} `).length === 0);
    expect(missed).toEqual([]);
    const flagged = entries.filter(
      (e) => e.allow && matcher.scan(e.term).some((m) => m.category === e.category),
    );
    expect(flagged).toEqual([]);
  });

  it('parses categories, severities, exceptions and match-mode prefixes', () => {
    const parsed = parseLexiconSource({
      lang: 'en',
      licence: 'test',
      text: '# comment\nspam low: ~buy | =sale\nallow spam: buyer\n',
    });
    expect(parsed).toEqual([
      { term: 'buy', category: 'spam', severity: 'low', lang: 'en', match: 'substring' },
      { term: 'sale', category: 'spam', severity: 'low', lang: 'en', match: 'word' },
      { term: 'buyer', category: 'spam', severity: 'low', lang: 'en', allow: true },
    ]);
    expect(() =>
      parseLexiconSource({ lang: 'en', licence: 'test', text: 'weapons high: gun' }),
    ).toThrow(/line 1/);
  });
});
