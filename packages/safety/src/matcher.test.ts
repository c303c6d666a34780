import { describe, expect, it } from 'vitest';
import { CONTACT_ID_TERM, PHONE_TERM } from './contacts.js';
import { compileLexicon, LexiconError } from './matcher.js';
import type { LexiconEntry, Match } from './types.js';

const LEXICON: LexiconEntry[] = [
  { term: 'fuck', category: 'harassment', severity: 'medium' },
  { term: 'ass', category: 'harassment' },
  { term: 'rapist', category: 'harassment', severity: 'high' },
  { term: 'cunt', category: 'harassment' },
  { term: 'crystal meth', category: 'drugs', severity: 'high' },
  { term: 'se mata', category: 'harassment', severity: 'high' },
  { term: 'f4f', category: 'spam', severity: 'low' },
  { term: '188bet', category: 'gambling' },
  { term: 'chink', category: 'hate', severity: 'high' },
  { term: 'chink in the armor', category: 'hate', allow: true },
  { term: '大麻', category: 'drugs', severity: 'medium', lang: 'zh-Hans' },
  { term: '大麻烦', category: 'drugs', allow: true },
  { term: '赌球', category: 'gambling' },
  { term: '一夜情', category: 'adult_services', severity: 'high' },
  { term: '加V', category: 'fraud' },
  { term: '병신', category: 'harassment' },
  { term: 'ยาบ้า', category: 'drugs', match: 'word', lang: 'th' },
  { term: 'シャブ', category: 'drugs', lang: 'ja' },
];

const matcher = compileLexicon(LEXICON);

/** The terms found, each with the exact original span it covers. */
function found(text: string): string[] {
  return foundIn(text, undefined);
}

/** `found`, for a text detected as `lang`. */
function foundIn(text: string, lang: string | undefined): string[] {
  return matcher.scan(text, { lang }).map((m: Match) => `${m.term}=${text.slice(m.start, m.end)}`);
}

describe('compileLexicon + scan', () => {
  it('reports term, category, severity and UTF-16 offsets into the original text', () => {
    expect(matcher.scan('oh 𝒻𝓊𝒸𝓀!')).toEqual([
      {
        term: 'fuck',
        category: 'harassment',
        severity: 'medium',
        start: 3,
        end: 11,
        via: ['letterlike'],
      },
    ]);
  });

  it('defaults severity to medium', () => {
    expect(matcher.scan('cunt')[0]?.severity).toBe('medium');
  });

  it.each([
    ['spaces between letters', 'f u c k you', 'fuck=f u c k'],
    ['dots between letters', 'f.u.c.k', 'fuck=f.u.c.k'],
    ['symbols and emoji between letters', 'f*u🔥c-k', 'fuck=f*u🔥c-k'],
    ['repeated letters', 'fuuuuckkk', 'fuck=fuuuuckkk'],
    ['leetspeak', 'fvck f0ck 4$$', 'ass=4$$'],
    ['homoglyphs', 'fuсk', 'fuck=fuсk'],
    ['full-width letters', 'ｆｕｃｋ', 'fuck=ｆｕｃｋ'],
    ['enclosed letters', 'Ⓕⓤⓒⓚ', 'fuck=Ⓕⓤⓒⓚ'],
    ['invisible characters', 'f\u200bu\u00adc\u200dk', 'fuck=f\u200bu\u00adc\u200dk'],
    ['combining marks', 'f̷ú̸c̵k̶', 'fuck=f̷ú̸c̵k̶'],
  ])('finds terms disguised with %s', (_name, text, expected) => {
    expect(found(text)).toContain(expected);
  });

  it('keeps repeated letters of the term required: `as` is not `ass`', () => {
    expect(found('as')).toEqual([]);
    expect(found('asss')).toEqual(['ass=asss']);
    expect(found('a s s')).toEqual(['ass=a s s']);
  });

  it('matches whole words only for alphabetic scripts', () => {
    expect(found('a classic assassin from Scunthorpe saw the therapist')).toEqual([]);
    expect(found('the rapist')).toEqual(['rapist=rapist']);
    expect(found('glass hole')).toEqual([]);
  });

  it('does not join ordinary words across spaces', () => {
    expect(found('as soon as')).toEqual([]);
    expect(found('semata')).toEqual([]);
    expect(found('se mata')).toEqual(['se mata=se mata']);
    expect(found('crystal.meth')).toEqual(['crystal meth=crystal.meth']);
  });

  it('requires a digit where the term has one', () => {
    expect(found('f4f')).toEqual(['f4f=f4f']);
    expect(found('f④f')).toEqual(['f4f=f④f']);
    expect(found('faf')).toEqual([]);
    expect(found('1 8 8 b e t')).toEqual(['188bet=1 8 8 b e t']);
    expect(found('ibbet')).toEqual([]);
  });

  it('applies exception entries to overlapping matches of their category', () => {
    expect(found('a chink in the armor')).toEqual([]);
    expect(found('chink')).toEqual(['chink=chink']);
    expect(found('这真是大麻烦')).toEqual([]);
    expect(found('我有大麻')).toEqual(['大麻=大麻']);
  });

  it('matches Chinese as substrings, across separators and Traditional characters', () => {
    expect(found('买大*麻吗')).toEqual(['大麻=大*麻']);
    expect(found('买大 麻吗')).toEqual(['大麻=大 麻']);
    expect(found('賭球網站')).toEqual(['赌球=賭球']);
  });

  it('matches Japanese in half-width katakana', () => {
    expect(found('ｼｬﾌﾞあります')).toEqual(['シャブ=ｼｬﾌﾞ']);
    expect(found('シャフト')).toEqual([]);
    expect(found('シ ャ ブ')).toEqual(['シャブ=シ ャ ブ']);
  });

  it('matches pinyin and pinyin initials of Chinese terms as whole Latin words', () => {
    // `dama` is a Spanish and Italian word: in text of unknown language it is not read as pinyin,
    // next to Chinese it is.
    expect(found('buy dama now')).toEqual([]);
    expect(found('买dama')).toEqual(['大麻=dama']);
    expect(found('buy da ma now')).toEqual(['大麻=da ma']);
    expect(found('Duqiu tonight')).toEqual(['赌球=Duqiu']);
    // Phrase readings fix heteronyms, for Traditional spellings too: 彈藥 is dan yao, not tan yao.
    const ammo = compileLexicon([{ term: '彈藥出售', category: 'firearms' }]);
    expect(ammo.scan('danyao chushou').map((m) => m.term)).toEqual(['彈藥出售']);
    expect(ammo.scan('tanyao chushou')).toEqual([]);
    expect(found('要不要d m')).toEqual(['大麻=d m']);
    expect(found('我们d.q吧')).toEqual(['赌球=d.q']);
    // Two initials alone are just letters outside Chinese text; three or more count anywhere.
    expect(found('DM me, d m')).toEqual([]);
    expect(found('looking for y.y.q tonight')).toEqual(['一夜情=y.y.q']);
    expect(found('adamant')).toEqual([]);
    // A doubled letter or digit is not two initials: `第11张` is not 裸聊 (l l).
    const chat = compileLexicon([{ term: '裸聊', category: 'adult_services' }]);
    expect(chat.scan('今天的第11张照片')).toEqual([]);
    expect(chat.scan('今天 ll 一下')).toEqual([]);
    expect(chat.scan('今天 l l 一下').map((m) => m.term)).toEqual(['裸聊']);
  });

  it('does not spell CJK terms across the spaces of a language that uses them', () => {
    expect(found('질병, 신체')).toEqual([]);
    expect(found('병 신')).toEqual(['병신=병 신']);
  });

  it('uses Intl.Segmenter for whole words in scripts written without spaces', () => {
    expect(found('ขายยาบ้าราคาถูก')).toEqual(['ยาบ้า=ยาบ้า']);
  });

  it('detects phone numbers written with any digit forms', () => {
    expect(found('call 138-1234-5678')).toEqual([`${PHONE_TERM}=138-1234-5678`]);
    expect(found('壹叁捌 1234 5678')).toEqual([`${PHONE_TERM}=壹叁捌 1234 5678`]);
    expect(found('①③⑧①②③④⑤⑥⑦⑧')).toEqual([`${PHONE_TERM}=①③⑧①②③④⑤⑥⑦⑧`]);
    expect(found('+44 20 7946 0958')).toEqual([`${PHONE_TERM}=44 20 7946 0958`]);
    expect(found('1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣')).toEqual([`${PHONE_TERM}=1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣`]);
    expect(found('电话一三八一二三四五六七八')).toEqual([`${PHONE_TERM}=一三八一二三四五六七八`]);
    expect(found('on 2024-01-01 12:30, 1,000,000,000 people')).toEqual([]);
    expect(found('order 13812345678138123456781')).toEqual([]); // too long for a phone number
  });

  it('detects messenger IDs after a contact lure', () => {
    expect(found('加V：abc_123')).toEqual(['加V=加V', `${CONTACT_ID_TERM}=abc_123`]);
    expect(found('加V 好友')).toEqual(['加V=加V']);
    expect(found('加V: a b c _ 1 2 3')).toEqual(['加V=加V', `${CONTACT_ID_TERM}=a b c _ 1 2 3`]);
    expect(found('加V ｗｘｉｄ＿８８')).toEqual(['加V=加V', `${CONTACT_ID_TERM}=ｗｘｉｄ＿８８`]);
  });

  it('can leave pinyin and contact detection out', () => {
    const plain = compileLexicon(LEXICON, { pinyin: false, contacts: false });
    expect(plain.scan('dama 138-1234-5678')).toEqual([]);
  });

  it('rejects invalid entries with a LEXICON_INVALID error naming the entry', () => {
    const bad = [
      { term: 'ok', category: 'spam' },
      { term: ' ', category: 'spam' },
    ] as LexiconEntry[];
    expect(() => compileLexicon(bad)).toThrow(LexiconError);
    try {
      compileLexicon(bad);
    } catch (error) {
      expect((error as LexiconError).code).toBe('LEXICON_INVALID');
      expect((error as LexiconError).index).toBe(1);
    }
    expect(() => compileLexicon([{ term: 'x', category: 'nope' as never }])).toThrow(/category/);
  });

  it('reports one match per category and span when several entries match', () => {
    const twice = compileLexicon([
      { term: '大麻', category: 'drugs', severity: 'low', lang: 'ja' },
      { term: '大麻', category: 'drugs', severity: 'high', lang: 'zh-Hans' },
    ]);
    expect(twice.scan('大麻')).toEqual([
      { term: '大麻', category: 'drugs', severity: 'high', start: 0, end: 2, via: [] },
    ]);
  });

  it('scans a long text in one call, with offsets past the first buffers', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20_000);
    const text = `${filler}f.u.c.k ${filler}ｆｕｃｋ`;
    const spans = matcher.scan(text).map((m) => text.slice(m.start, m.end));
    expect(spans).toEqual(['f.u.c.k', 'ｆｕｃｋ']);
    expect(matcher.scan('fuck')).toHaveLength(1); // and works again after releasing them
  });

  it('compiles 100,000 terms and still finds them', () => {
    const entries: LexiconEntry[] = [];
    for (let i = 0; i < 100_000; i++)
      entries.push({ term: `term${i.toString(36)}x`, category: 'spam' });
    const big = compileLexicon(entries, { pinyin: false });
    expect(big.size).toBe(100_000);
    expect(found.length).toBe(1);
    expect(big.scan('see t e r m 2 s x here').map((m) => m.term)).toEqual(['term2sx']);
  });
});
