/** CC-CEDICT's numbered pinyin (`nu:3 er2`) → tone marks (`nǚ ér`). */

const TONE_MARKS: Record<string, string[]> = {
  a: ['ā', 'á', 'ǎ', 'à'],
  e: ['ē', 'é', 'ě', 'è'],
  i: ['ī', 'í', 'ǐ', 'ì'],
  o: ['ō', 'ó', 'ǒ', 'ò'],
  u: ['ū', 'ú', 'ǔ', 'ù'],
  ü: ['ǖ', 'ǘ', 'ǚ', 'ǜ'],
};

/** One syllable: the mark goes on a or e, on the o of ou, else on the last vowel. */
function markSyllable(syllable: string): string {
  const match = /^([a-zü:]+)([1-5])$/i.exec(syllable);
  if (!match) return syllable.replace(/u:/gi, 'ü');
  const letters = match[1]!.replace(/u:/g, 'ü').replace(/U:/g, 'Ü');
  const tone = Number(match[2]);
  if (tone === 5) return letters;
  const lower = letters.toLowerCase();
  let index = lower.search(/[ae]/);
  if (index < 0) index = lower.indexOf('ou');
  if (index < 0) {
    for (let position = lower.length - 1; position >= 0; position--) {
      if ('iouü'.includes(lower[position]!)) {
        index = position;
        break;
      }
    }
  }
  if (index < 0) return letters;
  const vowel = lower[index]!;
  let marked = TONE_MARKS[vowel]![tone - 1]!;
  if (letters[index] !== vowel) marked = marked.toUpperCase();
  return letters.slice(0, index) + marked + letters.slice(index + 1);
}

/** Numbered pinyin, syllables separated by spaces, as tone-marked pinyin. */
export function pinyinWithMarks(numbered: string): string {
  return numbered.split(' ').map(markSyllable).join(' ');
}
