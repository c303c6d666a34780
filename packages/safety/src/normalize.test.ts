import { describe, expect, it } from 'vitest';
import { skeletonString } from './fold.js';
import { normalizeText, skeletonWords } from './normalize.js';

describe('normalizeText', () => {
  it('applies NFKC and case folding', () => {
    expect(normalizeText('ＦＵＣＫ Straße').text).toBe('fuckstrasse');
    expect(normalizeText('ΗΟΤ sale').text).toBe('hotsale'); // a Greek word among Latin ones
    expect(normalizeText('ΗΟΤ').text).toBe('ηοτ'); // alone, a Greek word stays Greek
    expect(normalizeText('ς').text).toBe(normalizeText('Σ').text); // final sigma folds like sigma
  });

  it('maps full-width forms to half-width', () => {
    expect(normalizeText('ｗｅｅｄ').text).toBe('weed');
    // Digits fold like leetspeak (1 → i, 5 → s), on both the term and the text side.
    expect(normalizeText('ａｒ－１５').text).toBe(normalizeText('ar-15').text);
  });

  it('drops invisible characters: zero-width, joiners, soft hyphen, variation selectors, bidi controls', () => {
    const hidden = 'w\u200be\u200ce\u200dd\u00ad\ufe0f\u202e\u2066x\u2069';
    expect(normalizeText(hidden).text).toBe('weedx');
  });

  it('drops Zalgo marks, keeping accented letters and kana voicing', () => {
    expect(normalizeText('ẃ̵ȅ̸é̷d̴').text).toBe('weed');
    expect(normalizeText('cocaína').text).toBe('cocaína');
    expect(normalizeText('cocai\u0301na').text).toBe('cocaína');
    // Voiced kana keep their voicing as a unit of its own, so half-width forms fold alike.
    expect(normalizeText('シャブ').text).toBe(normalizeText('ｼｬﾌﾞ').text);
    expect(normalizeText('シャブ').text).not.toBe(normalizeText('シャフ').text);
  });

  it('folds Cyrillic, Greek and Armenian homoglyphs to their Latin skeleton', () => {
    expect(normalizeText('fuсk').text).toBe('fuck'); // Cyrillic es
    expect(normalizeText('ϲοϲαіոе').text).toBe('cocaine'); // Greek lunate sigma, omicron, alpha; Cyrillic i; Armenian n
    expect(normalizeText('hola сосаіпе').text).toBe('holacocaine'); // all Cyrillic, among Latin
  });

  it('folds enclosed and stylized letters', () => {
    expect(normalizeText('Ⓕⓤⓒⓚ').text).toBe('fuck');
    expect(normalizeText('𝒻𝓊𝒸𝓀').text).toBe('fuck');
    expect(normalizeText('🅵🆄🅲🅺').text).toBe('fuck');
    expect(normalizeText('𝐦𝐞𝐭𝐡').text).toBe('meth');
  });

  it('reads leetspeak', () => {
    expect(normalizeText('$h!7').text).toBe('shit');
    expect(normalizeText('c0c41n3').text).toBe('cocaine');
  });

  it('skips separators between letters: spaces, dots, dashes, symbols, emoji', () => {
    expect(normalizeText('f.u-c_k').text).toBe('fuck');
    expect(normalizeText('大*麻').text).toBe('大麻');
    expect(normalizeText('大 🔥 麻').text).toBe('大麻');
  });

  it('keeps a hard break for line ends and CJK sentence punctuation', () => {
    expect(normalizeText('大。麻').text).toBe('大\n麻');
    expect(normalizeText('a\n\nb').text).toBe('a\nb');
    expect(normalizeText('a\nb').text).toBe('ab'); // one line end is a gap, like a space
  });

  it('converts Traditional to Simplified Chinese', () => {
    expect(normalizeText('軟體賭博').text).toBe('软体赌博');
  });

  it('reads other numeral forms as digits, but not Han numerals, which are words too', () => {
    expect(skeletonString('①⑧')).toBe(skeletonString('18'));
    expect(skeletonString('壹捌')).toBe('壹捌');
    expect(skeletonString('１８')).toBe(skeletonString('18'));
  });

  it('maps every skeleton character back to its span in the original text', () => {
    const input = 'a 𝒻\u200bu';
    const { text, starts, ends } = normalizeText(input);
    expect(text).toBe('afu');
    expect(starts).toEqual([0, 2, 5]);
    expect(ends).toEqual([1, 4, 6]);
  });
});

describe('skeletonWords', () => {
  it('folds each word and splits at separators', () => {
    expect(skeletonWords('Atrium_Official')).toEqual(['atrium', 'officiai']);
    expect(skeletonWords('Аdmin team')).toEqual(['admin', 'team']); // Cyrillic А
    expect(skeletonWords('ａｄｍｉｎ.ｈｅｌｐ')).toEqual(['admin', 'heip']);
    expect(skeletonWords('ad\u200bmin')).toEqual(['admin']); // invisible characters join
    expect(skeletonWords('  ')).toEqual([]);
  });

  it('folds digits like leetspeak, or drops them as separators', () => {
    expect(skeletonWords('adm1n 0fficial')).toEqual(['admin', 'officiai']);
    expect(skeletonWords('admin1')).toEqual(['admini']);
    expect(skeletonWords('admin1', { digitsSeparate: true })).toEqual(['admin']);
    expect(skeletonWords('2admin2team', { digitsSeparate: true })).toEqual(['admin', 'team']);
  });
});
