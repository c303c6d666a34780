/**
 * Mixed forms of Chinese terms (issue class 11): a character written as its pinyin inside the
 * other characters (`约pao` for 约炮), and, for entries marked `homophones: true`, characters
 * replaced by others that sound the same (`加薇信`, `加卫星` for 加微信). Each variant becomes
 * one more pattern of the entry, so the scan itself does no extra work.
 *
 * Homophones come from the per-character reading table, limited to the 6,763 characters of
 * GB 2312 (the characters people type; rarer ones would only bloat the automaton), with the
 * finals southern speakers and lure writers merge treated alike (xin/xing, fen/feng, an/ang).
 */
import { readingOf } from './pinyin.js';

/** At most this many homophone spellings per marked term. */
const MAX_HOMOPHONE_VARIANTS = 10_000;
const HAN_ONLY = /^\p{Script=Han}+$/u;

let common: Map<string, string[]> | undefined;

/** Toneless syllable (nasal finals merged) → the GB 2312 characters read that way. */
function commonBySound(): Map<string, string[]> {
  if (!common) {
    common = new Map();
    const decoder = new TextDecoder('gbk');
    const bytes = new Uint8Array(2);
    // GB 2312 levels 1 and 2: rows 0xB0–0xF7, cells 0xA1–0xFE.
    for (let row = 0xb0; row <= 0xf7; row++) {
      for (let cell = 0xa1; cell <= 0xfe; cell++) {
        bytes[0] = row;
        bytes[1] = cell;
        const char = decoder.decode(bytes);
        const reading = [...char].length === 1 ? readingOf(char) : undefined;
        if (!reading) continue;
        const key = soundKey(reading);
        const list = common.get(key) ?? [];
        list.push(char);
        common.set(key, list);
      }
    }
  }
  return common;
}

/** A syllable with -ng finals merged into -n: xing and xin sound alike to many speakers. */
function soundKey(syllable: string): string {
  return syllable.replace(/ng$/, 'n');
}

/**
 * Spellings of a Chinese term with one character written in pinyin (`约pao`, `yue炮`); empty for
 * terms of one character or with non-Han characters. Syllables of one letter are left out.
 */
export function mixedPinyinVariants(term: string): string[] {
  if (!HAN_ONLY.test(term)) return [];
  const chars = [...term];
  if (chars.length < 2) return [];
  const variants: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const syllable = readingOf(chars[i]!);
    if (!syllable || syllable.length < 2) continue;
    variants.push([...chars.slice(0, i), syllable, ...chars.slice(i + 1)].join(''));
  }
  return variants;
}

/**
 * Spellings of a marked Chinese term with one or two of its characters replaced by a common
 * homophone (one replaced first, so the cap never cuts those); at most MAX_HOMOPHONE_VARIANTS.
 */
export function homophoneVariants(term: string): string[] {
  if (!HAN_ONLY.test(term)) return [];
  const bySound = commonBySound();
  const chars = [...term];
  const options = chars.map((char) => {
    const reading = readingOf(char);
    const sounds = reading ? (bySound.get(soundKey(reading)) ?? []) : [];
    return sounds.filter((c) => c !== char);
  });
  const variants: string[] = [];
  const push = (variant: string[]): boolean => {
    variants.push(variant.join(''));
    return variants.length < MAX_HOMOPHONE_VARIANTS;
  };
  for (let i = 0; i < chars.length; i++) {
    for (const a of options[i]!) {
      const variant = [...chars];
      variant[i] = a;
      if (!push(variant)) return variants;
    }
  }
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + 1; j < chars.length; j++) {
      for (const a of options[i]!) {
        for (const b of options[j]!) {
          const variant = [...chars];
          variant[i] = a;
          variant[j] = b;
          if (!push(variant)) return variants;
        }
      }
    }
  }
  return variants;
}
