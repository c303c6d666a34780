import {
  JAPANESE_ONLY,
  JAPANESE_SIMPLIFIED,
  SIMPLIFIED_ONLY,
  TRADITIONAL_ONLY,
} from './data/han-variants.generated.js';

// Characters OpenCC lists as Simplified that Hong Kong writes as they are: 晒 is also the
// Cantonese particle "all" (多謝晒, 唔該晒), not only the Simplified form of 曬.
const WRITTEN_IN_HONG_KONG = new Set(['晒']);
const simplified = new Set([...SIMPLIFIED_ONLY].filter((char) => !WRITTEN_IN_HONG_KONG.has(char)));
const traditional = new Set(TRADITIONAL_ONLY);
const japanese = new Set(JAPANESE_ONLY);
const japaneseSimplified = new Set(JAPANESE_SIMPLIFIED);

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

export interface HanEvidence {
  /** Characters written only in Simplified Chinese (们, 这, 说). */
  simplified: number;
  /** Characters written only in Traditional Chinese (們, 這, 說), Cantonese words included. */
  traditional: number;
  /** Written Cantonese characters and words (嘅, 咗, 唔該), counted in `traditional` too. */
  cantonese: number;
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
    traditional: 0,
    cantonese: 0,
    japanese: 0,
    japaneseHints: 0,
  };
  let sharedWithJapanese = 0;
  for (const char of text) {
    if (char < '\u3400') continue;
    if (simplified.has(char)) {
      evidence.simplified++;
      if (japaneseSimplified.has(char)) sharedWithJapanese++;
    } else if (traditional.has(char)) evidence.traditional++;
    else if (japanese.has(char)) evidence.japanese++;
    if (CANTONESE.has(char)) evidence.cantonese++;
  }
  evidence.cantonese += countWords(text, CANTONESE_WORDS);
  evidence.traditional += evidence.cantonese + countWords(text, TRADITIONAL_WORDS);
  // Chinese is written in one script: Japan's forms shared with Simplified (会, 体, 学) beside
  // Traditional-only ones (議, 調, 東), and no Simplified form Japan does not use, is Japanese.
  if (
    sharedWithJapanese > 0 &&
    sharedWithJapanese === evidence.simplified &&
    evidence.traditional > evidence.cantonese
  ) {
    evidence.japaneseHints += Math.min(sharedWithJapanese, evidence.traditional) + 1;
  }
  evidence.japaneseHints += countWords(text, JAPANESE_WORDS);
  if (text.includes('、') && !/[，,]/.test(text)) evidence.japaneseHints += 0.5;
  return evidence;
}
