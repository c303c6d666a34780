import {
  JAPANESE_ONLY,
  JAPANESE_SIMPLIFIED,
  SIMPLIFIED_ONLY,
  TRADITIONAL_ONLY,
} from './data/han-variants.generated.js';
import { JAPANESE_KANJI_WORDS, JAPANESE_TRADITIONAL } from './data/japanese-words.generated.js';

// Characters OpenCC lists as Simplified that Hong Kong writes as they are: 晒 is also the
// Cantonese particle "all" (多謝晒, 唔該晒), not only the Simplified form of 曬.
const WRITTEN_IN_HONG_KONG = new Set(['晒']);
const simplified = new Set([...SIMPLIFIED_ONLY].filter((char) => !WRITTEN_IN_HONG_KONG.has(char)));
const traditional = new Set(TRADITIONAL_ONLY);
const japanese = new Set(JAPANESE_ONLY);
const japaneseSimplified = new Set(JAPANESE_SIMPLIFIED);
const japaneseTraditional = new Set(JAPANESE_TRADITIONAL);

// Written Cantonese: particles, pronouns and verbs that Mandarin does not write. Atrium reports
// Cantonese as Traditional Chinese (`yue` → `zh-Hant`, see languages.ts): Hong Kong and Macau
// write it in Traditional characters.
const CANTONESE = new Set([...'嘅咗喺啲冇唔佢哋嘢嚟噉乜㗎喎囉嗰攰啱埗諗睇搵咪係嘥掂啩啫咩嗮冚晒']);
const CANTONESE_WORDS = ['而家', '多謝', '好正', '好耐', '點解', '邊度', '邊個', '唔該', '今日好'];

// Characters shared by both scripts that only Traditional text uses this way: 著 as the aspect
// particle (睡著了, 看著) is 着 in Simplified text.
const TRADITIONAL_WORDS = ['睡著', '看著', '著了', '跟著', '等著', '接著', '拿著', '想著', '著呢'];

// Kanji compounds of everyday Japanese that Chinese does not use (or writes otherwise): 出張
// (出差), 残業 (加班), 帰宅 (回家), 本日 (今天). Mostly office and daily-life vocabulary, the
// register of kanji-only posts (会議中, 本日休業).
const JAPANESE_WORDS = [
  '本日',
  '出張',
  '残業',
  '帰宅',
  '欠勤',
  '退勤',
  '出社',
  '退社',
  '定時',
  '返信',
  '遅延',
  '在住',
  '日目',
  '洗濯',
  '休業',
  '大丈夫',
  '一緒',
  '今度',
  '素敵',
  '自分',
  '心配',
  '予約',
  '土日',
  '連休',
  '先輩',
  '後輩',
  '新卒',
  '就活',
  '弁当',
  '改札',
  '寝坊',
  '二度寝',
  '爆睡',
  '完売',
  '神回',
  '承知',
  '了承',
  '入学式',
  '卒業式',
  '新幹線',
  '早寝',
  '販売中',
  '営業中',
  '準備中',
  '募集中',
  '移動中',
  '会議中',
];

// Everyday Japanese words written in kanji only that Chinese does not write (入荷, 大学院, 二次会),
// generated from the IPA dictionary minus CC-CEDICT (scripts/generate-data.ts). A word counts
// only where a word segmenter puts it between word boundaries: inside Chinese text the same
// characters usually straddle two words (大学|院子 does not hold 大学院).
const japaneseKanjiWords = new Set(JAPANESE_KANJI_WORDS.split(' '));
const KANJI_WORD_LENGTHS = [2, 3, 4] as const;
/** The share of a text's kanji that Japanese-only words must cover before they count. */
const MIN_VOCABULARY_COVERAGE = 1 / 3;
let wordSegmenter: Intl.Segmenter | undefined;
// the listed words are counted wherever they are (countWords), so the vocabulary skips them
const LISTED_JAPANESE_WORDS = new Set(JAPANESE_WORDS);

function isKanji(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

// Chinese function words that stand alone in Chinese sentences (的, 了, 是, 我, 吗) and that
// kanji-only Japanese writes only inside compounds (目的, 終了, 自我): standing alone as a word,
// each is evidence against Japanese. Kanji-only Japanese leaves 今, 中, 無, 日 alone instead.
const CHINESE_FUNCTION_WORDS = new Set([
  ...'的了是吗嗎呢吧啊呀很也都就没沒我你妳他她它们們这這那哪在和把被给給让讓说說着过過还還好去来來要想',
]);

/**
 * Kanji-only vocabulary evidence: Japanese-only words (入荷, 大学院) standing between word
 * boundaries, and Chinese function words standing alone. The word segmenter runs only when a
 * Japanese-only word is in the text at all.
 */
export function weighKanjiVocabulary(text: string): { japanese: number; chinese: number } {
  const candidates: [number, number][] = [];
  for (let start = 0; start < text.length - 1; start++) {
    if (!isKanji(text.charCodeAt(start))) continue;
    for (const length of KANJI_WORD_LENGTHS) {
      if (start + length > text.length || !isKanji(text.charCodeAt(start + length - 1))) break;
      const word = text.slice(start, start + length);
      if (japaneseKanjiWords.has(word) || LISTED_JAPANESE_WORDS.has(word))
        candidates.push([start, start + length]);
    }
  }
  if (candidates.length === 0) return { japanese: 0, chinese: 0 };
  wordSegmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  const boundaries = new Set<number>();
  let chinese = 0;
  for (const { index, segment } of wordSegmenter.segment(text)) {
    boundaries.add(index);
    boundaries.add(index + segment.length);
    if (CHINESE_FUNCTION_WORDS.has(segment)) chinese++;
  }
  let japanese = 0;
  const covered = new Set<number>();
  for (const [start, end] of candidates) {
    const listed = LISTED_JAPANESE_WORDS.has(text.slice(start, start + end - start));
    if (!listed && (!boundaries.has(start) || !boundaries.has(end))) continue;
    if (!listed) japanese++;
    for (let index = start; index < end; index++) covered.add(index);
  }
  // Kanji-only Japanese posts are short and mostly such words (新作入荷, 二次会参加希望); a
  // Chinese sentence may hold one or two by chance (雨下, 床上 in 雨下了一整天…躺在床上看書).
  let kanji = 0;
  for (let index = 0; index < text.length; index++) if (isKanji(text.charCodeAt(index))) kanji++;
  if (covered.size < MIN_VOCABULARY_COVERAGE * kanji) japanese = 0;
  return { japanese, chinese };
}

export interface HanEvidence {
  /** Characters written only in Simplified Chinese (们, 这, 说). */
  simplified: number;
  /** Of `simplified`, the forms Japan writes too (会, 参, 学): no evidence against Japanese. */
  simplifiedAlsoJapanese: number;
  /** Characters written only in Traditional Chinese (們, 這, 說), Cantonese words included. */
  traditional: number;
  /** Of `traditional`, the characters Japan writes as they are (議, 週, 無). */
  traditionalAlsoJapanese: number;
  /** Written Cantonese characters and words (嘅, 咗, 唔該), counted in `traditional` too. */
  cantonese: number;
  /**
   * Where Japanese-only words are present: Chinese function words standing alone (的, 了, 我),
   * each weighing against Japanese.
   */
  chineseFunctionWords: number;
  /** Japanese shinjitai written in neither Chinese script (気, 駅, 図). */
  japanese: number;
  /**
   * Other signs of Japanese: a shinjitai shared with Simplified next to a Traditional-only
   * character (会議, 体調), kanji-only Japanese vocabulary (出張, 本日), and the ideographic comma
   * between clauses without the full-width comma Chinese uses (残業確定、帰宅遅延).
   */
  japaneseHints: number;
}

function countWords(text: string, words: readonly string[]): number {
  let count = 0;
  for (const word of words) if (text.includes(word)) count++;
  return count;
}

/** Counts the Han characters and words that differ between Simplified, Traditional and Japanese. */
export function weighHanEvidence(text: string): HanEvidence {
  const evidence: HanEvidence = {
    simplified: 0,
    simplifiedAlsoJapanese: 0,
    traditional: 0,
    traditionalAlsoJapanese: 0,
    cantonese: 0,
    chineseFunctionWords: 0,
    japanese: 0,
    japaneseHints: 0,
  };
  for (const char of text) {
    if (char < '\u3400') continue;
    if (simplified.has(char)) {
      evidence.simplified++;
      if (japaneseSimplified.has(char)) evidence.simplifiedAlsoJapanese++;
    } else if (traditional.has(char)) {
      evidence.traditional++;
      if (japaneseTraditional.has(char)) evidence.traditionalAlsoJapanese++;
    } else if (japanese.has(char)) evidence.japanese++;
    if (CANTONESE.has(char)) evidence.cantonese++;
  }
  evidence.cantonese += countWords(text, CANTONESE_WORDS);
  evidence.traditional += evidence.cantonese + countWords(text, TRADITIONAL_WORDS);
  // Chinese is written in one script: Japan's forms shared with Simplified (会, 体, 学) beside
  // Traditional-only ones (議, 調, 東), and no Simplified form Japan does not use, is Japanese.
  if (
    evidence.simplifiedAlsoJapanese > 0 &&
    evidence.simplifiedAlsoJapanese === evidence.simplified &&
    evidence.traditional > evidence.cantonese
  ) {
    evidence.japaneseHints += Math.min(evidence.simplifiedAlsoJapanese, evidence.traditional) + 1;
  }
  const vocabulary = weighKanjiVocabulary(text);
  evidence.japaneseHints += countWords(text, JAPANESE_WORDS) + vocabulary.japanese;
  evidence.chineseFunctionWords = vocabulary.chinese;
  if (text.includes('、') && !/[，,]/.test(text)) evidence.japaneseHints += 0.5;
  return evidence;
}
