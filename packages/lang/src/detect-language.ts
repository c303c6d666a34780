import { settleClosePair } from './close-pairs.js';
import { weighHanEvidence } from './han-variants.js';
import { stripKaomoji } from './kaomoji.js';
import { UNDETERMINED } from './languages.js';
import { defaultLanguageModel, type LanguageModel } from './model.js';
import { isReliable } from './reliability.js';
import { romanizedLanguage } from './romanized.js';
import {
  profileScripts,
  type Script,
  type ScriptProfile,
  SINGLE_LANGUAGE_SCRIPTS,
} from './script.js';
import { slangLanguage } from './slang.js';
import { separateTopics } from './text-entities.js';

export interface DetectedLanguage {
  /**
   * A BCP-47 tag (`en`, `zh-Hans`, `zh-Hant`, `ja`…), a romanized language (`zh-Latn` for pinyin,
   * `ar-Latn` for Arabizi, `ja-Latn` for romaji) or `und`.
   */
  lang: string;
  /** 0–1; `und` always has 0. */
  confidence: number;
  /**
   * Whether the confidence reaches the bar of that language (`RELIABLE_CONFIDENCE`): decisions
   * (moderation routing, scoped terms, translation pairs) treat an unreliable guess as unknown.
   */
  reliable: boolean;
}

export interface DetectOptions {
  /** Below this confidence the answer is `und`. Default 0.02. */
  minConfidence?: number;
  /** The model for non-CJK text. Default: eld (medium) with fastText for close calls. */
  model?: LanguageModel;
}

// Low on purpose: the n-gram model's margin is small between close languages (hi/mr, ru/uk, no/da)
// even when it is right, and raising the bar turns right answers into `und` faster than wrong
// ones (see bench/RESULTS.md). Junk is caught by the letter rules below instead.
export const DEFAULT_MIN_CONFIDENCE = 0.02;

// Only the start of a long text is read: it decides the language as well as the whole would, and
// it bounds the time one call can take.
const SAMPLE_LENGTH = 2000;
// Fewer letters than this in an alphabet is not a language ("ok", "xD"), nor is a text made of
// fewer distinct letters than this ("hahaha", "kkkkk", "ya ya", "aaaah").
const MIN_ALPHABETIC_LETTERS = 3;
const MIN_DISTINCT_LETTERS = 4;
// How many words a CJK character is worth when weighing Chinese, Japanese or Korean against the
// words of another script in a mixed post: a Chinese word is ~1.5 characters, a kana run ~2.
const HAN_PER_WORD = 1.5;
const KANA_PER_WORD = 2;

// Topics alone decide a post only this much: "#周末日常" is Chinese, but weakly.
const TOPICS_ONLY_FACTOR = 0.5;
const SLANG_BASE = 0.5;
const ROMANIZED_CONFIDENCE = 0.7;
const FULL_CONFIDENCE_LETTERS = 15;

interface Guess {
  lang: string;
  confidence: number;
}

const UNKNOWN: Guess = { lang: UNDETERMINED, confidence: 0 };
const UNKNOWN_RESULT: DetectedLanguage = { lang: UNDETERMINED, confidence: 0, reliable: false };
const WORD = /[\p{L}\p{M}\p{N}'’]+/gu;

/**
 * Detects the main language of a post. Links, e-mail addresses, mentions and emoji are ignored
 * and topics count without their '#'. Han, Kana and Hangul are decided by script (any Kana is
 * Japanese, Hangul Korean, Han alone Chinese, Simplified or Traditional by the characters that
 * differ); other text goes to an n-gram model. A mixed post reports the language with the most
 * words. Returns `und` for text without letters and when the confidence is below the minimum.
 */
export function detectLanguage(text: string, options: DetectOptions = {}): DetectedLanguage {
  const { body, topics } = separateTopics(
    text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text,
  );
  const model = options.model ?? defaultLanguageModel;
  let detected = decide(stripKaomoji(body), model);
  if (detected.lang === UNDETERMINED && topics !== '') {
    const fromTopics = decide(topics, model);
    detected = { lang: fromTopics.lang, confidence: fromTopics.confidence * TOPICS_ONLY_FACTOR };
  }
  const minimum = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (detected.lang === UNDETERMINED || detected.confidence < minimum) return UNKNOWN_RESULT;
  const confidence = round(detected.confidence);
  return { lang: detected.lang, confidence, reliable: isReliable(detected.lang, confidence) };
}

function decide(sample: string, model: LanguageModel): Guess {
  const profile = profileScripts(sample);
  if (profile.total === 0) return UNKNOWN;
  const words = sample.toLowerCase().match(WORD) ?? [];
  const slang = words.length <= 12 ? slangLanguage(words) : undefined;
  if (slang !== undefined) {
    return { lang: slang.lang, confidence: SLANG_BASE + (1 - SLANG_BASE) * slang.share };
  }
  return profile.cjk > 0 && cjkWords(profile) >= profile.otherWords
    ? decideCjk(sample, profile)
    : decideAlphabetic(sample, profile, words, model);
}

function cjkWords(profile: ScriptProfile): number {
  const { han = 0, kana = 0 } = profile.letters;
  return han / HAN_PER_WORD + kana / KANA_PER_WORD + profile.hangulWords;
}

function decideCjk(sample: string, profile: ScriptProfile): Guess {
  const { kana = 0, hangul = 0 } = profile.letters;
  const words = cjkWords(profile);
  const dominance = words / (words + profile.otherWords);
  // One or two characters ("好", "ね") are a weak signal, four or more a full one.
  const length = Math.min(1, 0.4 + 0.15 * profile.cjk);
  const confidence = dominance * length;
  if (hangul > 0 && hangul >= kana) return { lang: 'ko', confidence };
  if (kana > 0) return { lang: 'ja', confidence };
  const evidence = weighHanEvidence(sample);
  const chinese = evidence.simplified + evidence.traditional;
  // Japanese written in kanji only: Japanese-only forms (駅, 売) count double, then the hints
  // (会議, 出張, the clause comma 、).
  // Against it: Chinese forms Japan does not write (们, 這, 說 — not 会 or 議), and Chinese function
  // words standing alone.
  const japanese = 2 * evidence.japanese + evidence.japaneseHints;
  const notJapanese =
    chinese -
    evidence.simplifiedAlsoJapanese -
    evidence.traditionalAlsoJapanese +
    2 * evidence.chineseFunctionWords;
  if (japanese >= 1 && 2 * japanese > notJapanese) {
    return { lang: 'ja', confidence: confidence * Math.min(0.9, 0.5 + 0.15 * japanese) };
  }
  // Most characters are the same in both scripts; a text without a differing one is reported as
  // Simplified, the more common, with less confidence.
  const lead = Math.abs(evidence.simplified - evidence.traditional);
  const certainty = chinese === 0 ? 0.7 : 0.7 + (0.3 * lead) / chinese;
  const lang = evidence.traditional > evidence.simplified ? 'zh-Hant' : 'zh-Hans';
  return { lang, confidence: confidence * certainty };
}

function decideAlphabetic(
  sample: string,
  profile: ScriptProfile,
  words: readonly string[],
  model: LanguageModel,
): Guess {
  let dominant: Script | undefined;
  let dominantLetters = 0;
  for (const [script, count] of Object.entries(profile.letters) as [Script, number][]) {
    if (script === 'han' || script === 'kana' || script === 'hangul') continue;
    if (count > dominantLetters) {
      dominant = script;
      dominantLetters = count;
    }
  }
  const alphabetic = profile.total - profile.cjk;
  if (dominant === undefined || alphabetic < MIN_ALPHABETIC_LETTERS) return UNKNOWN;
  const share = dominantLetters / profile.total;
  const byScript = SINGLE_LANGUAGE_SCRIPTS[dominant];
  if (byScript !== undefined) return { lang: byScript, confidence: share };
  if (dominant === 'latin' && profile.cjk === 0 && words.length <= 12) {
    const romanized = romanizedLanguage(words);
    if (romanized !== undefined)
      return { lang: romanized, confidence: ROMANIZED_CONFIDENCE * share };
  }
  if (!hasDistinctLetters(sample, MIN_DISTINCT_LETTERS)) return UNKNOWN;
  const guess = model(profile.cjk > 0 ? removeCjk(sample) : sample);
  if (guess.lang === '') return UNKNOWN;
  const lang = settleClosePair(guess.lang, sample, words);
  // The model's margin is as large on one word ("taxi" → Tagalog, "hallo" → Finnish) as on a
  // sentence; a post needs ~15 letters before its confidence means what it says.
  const length = Math.min(1, alphabetic / FULL_CONFIDENCE_LETTERS);
  return { lang, confidence: guess.confidence * share * length };
}

const LETTER = /\p{L}/u;

function hasDistinctLetters(text: string, wanted: number): boolean {
  const seen = new Set<string>();
  for (const char of text.toLowerCase()) {
    if (!LETTER.test(char)) continue;
    seen.add(char);
    if (seen.size >= wanted) return true;
  }
  return false;
}

const CJK_CHARACTERS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

function removeCjk(text: string): string {
  return text.replace(CJK_CHARACTERS, ' ');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
