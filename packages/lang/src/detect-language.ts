import { weighHanEvidence } from './han-variants.js';
import { UNDETERMINED } from './languages.js';
import { defaultLanguageModel, type LanguageModel } from './model.js';
import {
  profileScripts,
  type Script,
  type ScriptProfile,
  SINGLE_LANGUAGE_SCRIPTS,
} from './script.js';
import { stripEntities } from './text-entities.js';

export interface DetectedLanguage {
  /** A BCP-47 tag (`en`, `zh-Hans`, `zh-Hant`, `ja`…) or `und`. */
  lang: string;
  /** 0–1; `und` always has 0. */
  confidence: number;
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

const UNKNOWN: DetectedLanguage = { lang: UNDETERMINED, confidence: 0 };

/**
 * Detects the main language of a post. Links, e-mail addresses, mentions and emoji are ignored
 * and topics count without their '#'. Han, Kana and Hangul are decided by script (any Kana is
 * Japanese, Hangul Korean, Han alone Chinese, Simplified or Traditional by the characters that
 * differ); other text goes to an n-gram model. A mixed post reports the language with the most
 * words. Returns `und` for text without letters and when the confidence is below the minimum.
 */
export function detectLanguage(text: string, options: DetectOptions = {}): DetectedLanguage {
  const sample = stripEntities(text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text);
  const profile = profileScripts(sample);
  if (profile.total === 0) return UNKNOWN;
  const detected =
    profile.cjk > 0 && cjkWords(profile) >= profile.otherWords
      ? decideCjk(sample, profile)
      : decideAlphabetic(sample, profile, options.model ?? defaultLanguageModel);
  const minimum = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (detected.lang === UNDETERMINED || detected.confidence < minimum) return UNKNOWN;
  return { lang: detected.lang, confidence: round(detected.confidence) };
}

function cjkWords(profile: ScriptProfile): number {
  const { han = 0, kana = 0 } = profile.letters;
  return han / HAN_PER_WORD + kana / KANA_PER_WORD + profile.hangulWords;
}

function decideCjk(sample: string, profile: ScriptProfile): DetectedLanguage {
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
  if (evidence.japanese > 0 && 2 * evidence.japanese > chinese) {
    return { lang: 'ja', confidence: confidence * 0.8 };
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
  model: LanguageModel,
): DetectedLanguage {
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
  if (!hasDistinctLetters(sample, MIN_DISTINCT_LETTERS)) return UNKNOWN;
  const guess = model(profile.cjk > 0 ? removeCjk(sample) : sample);
  if (guess.lang === '') return UNKNOWN;
  return { lang: guess.lang, confidence: guess.confidence * share };
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
