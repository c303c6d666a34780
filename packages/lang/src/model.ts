/**
 * The statistical language model for text that the script alone does not decide (Latin, Cyrillic,
 * Arabic, Devanagari…): eld's medium n-gram database (60 languages, shipped inside the npm
 * package; nothing is downloaded). Chosen over fastText's lid.176 and tinyld by the figures in
 * bench/RESULTS.md; the medium size keeps the accuracy of the large one at a third of its memory
 * and load time.
 */
import { eld } from 'eld/medium';

/** A statistical language model: text (without CJK characters) → its best guess. */
export type LanguageModel = (text: string) => ModelGuess;

export interface ModelGuess {
  /** An ISO 639-1 code, or '' when no n-gram of the text is known. */
  lang: string;
  /** How far the best language leads the runner-up, relative to its score (0–1). */
  margin: number;
}

// eld has no Indonesian profile: Indonesian text scores as Malay, and Indonesian is by far the
// larger of the two on social platforms, so the shared answer is reported as Indonesian.
const MODEL_TO_TAG: Readonly<Record<string, string>> = { ms: 'id' };

/** The default model: eld's medium database. */
export const eldModel: LanguageModel = (text) => {
  const result = eld.detect(text);
  if (result.language === '') return { lang: '', margin: 0 };
  const scores = Object.values(result.getScores());
  const best = scores[0] ?? 0;
  const runnerUp = scores[1] ?? 0;
  return {
    lang: MODEL_TO_TAG[result.language] ?? result.language,
    margin: best > 0 ? (best - runnerUp) / best : 0,
  };
};
