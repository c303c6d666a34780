import { describe, expect, it } from 'vitest';
import { compileLexicon } from './matcher.js';
import type { LexiconEntry } from './types.js';

// Kinds of disguise the public benchmark (bench/safety/public.ts) still missed, one `describe`
// per kind; each checks what must match and what must not.
const LEXICON: LexiconEntry[] = [
  { term: 'žrát', category: 'harassment', lang: 'cs' },
  { term: 'pöcs', category: 'harassment', lang: 'hu' },
  { term: 'hård', category: 'harassment', lang: 'sv' },
  { term: 'mothafucked', category: 'harassment', lang: 'ja' },
  { term: 'cocaine', category: 'drugs', lang: 'en' },
  { term: 'fucker', category: 'harassment', lang: 'en' },
  { term: 'с.о.б.', category: 'harassment', lang: 'ru' },
  { term: 'balancer la sauce', category: 'harassment', lang: 'fr' },
  { term: 'boa sorte', category: 'harassment', lang: 'pt' },
  { term: 'sätta på', category: 'harassment', lang: 'sv' },
  { term: 'vetää käteen', category: 'harassment', lang: 'fi' },
  { term: 'на фиг', category: 'harassment', lang: 'ru' },
  { term: 'ゲイボーイ', category: 'harassment', lang: 'ja' },
  { term: 'ノブ', category: 'harassment', lang: 'ja' },
];
const matcher = compileLexicon(LEXICON);

function found(text: string): string[] {
  return matcher.scan(text).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);
}

describe('look-alikes in a word with accented letters of its own', () => {
  it('reads a mixed-script token without its accents, as the term is without them', () => {
    expect(found('ahoj žгáт ahoj')).toEqual(['žrát=žгáт']); // Cyrillic г, т
    expect(found('a ρöcs b')).toEqual(['pöcs=ρöcs']); // Greek rho
    expect(found('нåгd')).toEqual(['hård=нåгd']);
  });

  it('keeps accents exact in words of one script', () => {
    expect(found('ahoj zrat ahoj')).toEqual([]);
    expect(found('pocs')).toEqual([]);
  });
});

describe('Latin-like letters and digits written against Chinese or Japanese', () => {
  it('reads them as their own token: leet and look-alikes apply', () => {
    expect(found('権利m07hafuck3dとを')).toEqual(['mothafucked=m07hafuck3d']);
    expect(found('买сосаіпе吗')).toEqual(['cocaine=сосаіпе']); // Cyrillic among Han
    expect(found('権利mothafuckedとを')).toEqual(['mothafucked=mothafucked']);
  });

  it('leaves a Cyrillic word in Cyrillic text alone', () => {
    expect(found('сосаіпе')).toEqual([]);
  });
});

describe('a word spelled out letter by letter in mixed scripts', () => {
  it('reads the run of single letters for look-alikes', () => {
    expect(found('a f υ ϲ κ e r b')).toEqual(['fucker=f υ ϲ κ e r']); // Greek υ ϲ κ
    expect(found('Да c.о.б. да')).toEqual(['с.о.б.=c.о.б']); // Latin c
  });

  it('folds a run that mixes scripts, not letters of one script', () => {
    expect(found('a ϲ ο ϲ α i n e')).toEqual(['cocaine=ϲ ο ϲ α i n e']); // mixed: read
    expect(found('α β γ δ ε')).toEqual([]);
  });
});

describe('a number inside a leet phrase', () => {
  it('reads a number next to a leet word as letters', () => {
    expect(found('b4l4ncer 14 sauc3')).toEqual(['balancer la sauce=b4l4ncer 14 sauc3']);
    expect(found('804 s0rt3')).toEqual(['boa sorte=804 s0rt3']);
  });

  it('leaves numbers that stand by plain words alone', () => {
    expect(found('boa 804 sorte')).toEqual([]);
    expect(found('balancer 14 sauce')).toEqual([]);
    expect(found('room 14 la sauce')).toEqual([]);
  });
});

describe('a phrase with only some words disguised', () => {
  it('reads the disguised words for look-alikes and the others exactly', () => {
    expect(found('x säтta på y')).toEqual(['sätta på=säтta på']);
    expect(found('vetää käтεеn')).toEqual(['vetää käteen=vetää käтεеn']);
    expect(found('Hа фиг')).toEqual(['на фиг=Hа фиг']); // Latin H
  });

  it('still matches whole words only', () => {
    expect(found('на фига')).toEqual([]);
    expect(found('Hа фига')).toEqual([]);
    expect(found('x säтta pål y')).toEqual([]);
  });
});

describe('a katakana loanword written in hiragana inside hiragana', () => {
  it('judges its word boundaries as if written in katakana', () => {
    expect(found('平等で譲ることのできない権利げいぼーいとを承認する')).toEqual([
      'ゲイボーイ=げいぼーい',
    ]);
    expect(found('権利ゲイボーイとを承認する')).toEqual(['ゲイボーイ=ゲイボーイ']);
  });

  it('leaves short hiragana spans to the dictionary', () => {
    expect(found('ぶどうのぶどう')).toEqual([]); // の + ぶどう, not のぶ
  });
});
