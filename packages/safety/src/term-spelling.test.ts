import { describe, expect, it } from 'vitest';
import { compileLexicon } from './matcher.js';
import type { LexiconEntry } from './types.js';

// False positives from how public lists spell terms (class 1 and 5 of the safety issue): each
// `it` checks what must still match and what must not.
const LEXICON: LexiconEntry[] = [
  { term: 'a)', category: 'harassment', lang: 'es' },
  { term: '13.', category: 'harassment', lang: 'zh' },
  { term: 'in %', category: 'harassment', lang: 'de' },
  { term: 'como $', category: 'harassment', lang: 'es' },
  { term: 'shi+', category: 'harassment', lang: 'en' },
  { term: '(جاك)', category: 'harassment', lang: 'ar' },
  { term: 's.o.b.', category: 'harassment', lang: 'en' },
  { term: 'a$$', category: 'harassment', lang: 'en' },
  { term: 'ya', category: 'harassment', lang: 'zh' },
  { term: 'caonima', category: 'harassment', lang: 'zh' },
  { term: 'made', category: 'harassment', lang: 'zh' },
  { term: 'हो', category: 'harassment', lang: 'hi' },
  { term: 'कोन', category: 'harassment', lang: 'hi' },
  { term: 'blow job', category: 'harassment', lang: 'zh' },
];
const matcher = compileLexicon(LEXICON);

function found(text: string): string[] {
  return matcher.scan(text).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);
}

describe('symbols at the edges of a term are part of its spelling', () => {
  it('does not read a term without its edge symbols as the word left over', () => {
    expect(found('hay a la casa')).toEqual([]);
    expect(found('Artículo 13')).toEqual([]);
    expect(found('in Berlin')).toEqual([]);
    expect(found('como estás')).toEqual([]);
    expect(found('shi is here')).toEqual([]);
    expect(found('جاك')).toEqual([]);
  });

  it('matches the term written with them, spaces allowed', () => {
    expect(found('punto a) y')).toEqual(['a)=a']);
    expect(found('13. 你')).toEqual(['13.=13']);
    expect(found('put in % here')).toEqual(['in %=in']);
    expect(found('como $ dinero')).toEqual(['como $=como']);
    expect(found('you shi+')).toEqual(['shi+=shi']);
    expect(found('a (جاك) b')).toEqual(['(جاك)=جاك']);
  });

  it('leaves symbols inside a term and leet symbols to the matcher', () => {
    expect(found('you s.o.b. and s o b')).toEqual(['s.o.b.=s.o.b', 's.o.b.=s o b']);
    expect(found('my a$$')).toEqual(['a$$=a$$']);
  });
});

describe('Latin terms of Chinese entries that spell pinyin are pinyin', () => {
  it('counts short ones only next to Chinese characters', () => {
    expect(found('bampasi ya kulutila')).toEqual([]);
    expect(found('你ya的')).toEqual(['ya=ya']);
  });

  it('checks longer ones as pinyin, and leaves other Latin terms alone', () => {
    expect(found('nice caonima here')).toEqual(['caonima=caonima']);
    expect(found('a blow job b')).toEqual(['blow job=blow job']);
    expect(found('I made it')).toEqual([]); // an English word
    expect(found('他made你')).toEqual(['made=made']);
  });
});

describe('spacing vowel signs are letters of their script (class 3)', () => {
  it('keeps Devanagari ा ि ो ौ: a term with one is not its consonant alone nor another vowel', () => {
    expect(found('मामला होखे')).toEqual([]); // हो is not ह
    expect(found('बिना कौनो जाति')).toEqual([]); // कोन is not कौन
    expect(found('यह हो गया')).toEqual(['हो=हो']);
    expect(found('वह कोन है')).toEqual(['कोन=कोन']);
  });
});
