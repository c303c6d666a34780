/**
 * When a guess is good enough to act on. Confidence means different things per language: a
 * single-language script (Greek, Thai, Hangul) is certain at any length, while the n-gram
 * model's margin stays small between close languages even when it is right. So the bar is set
 * per language: higher for the languages of the model's close pairs (es/pt, da/no, cs/sk, hr/sr/sl,
 * id/ms, uk/be/ru, hi/mr). The confidence of model answers also grows with length (full from ~15
 * letters), so one-word posts ("taxi", "tudo") stay below every bar. The bars are judgment, not
 * yet calibrated on data (bench/RESULTS.md says so).
 *
 * Callers that route or scope by language (moderation queues, lexicon terms, translation pairs)
 * treat an unreliable guess as unknown and fall back (docs/lang.md).
 */

/** The default bar, for languages not listed below. */
export const DEFAULT_RELIABLE_CONFIDENCE = 0.3;

/** Per-language bars; a language of a close pair needs more. */
export const RELIABLE_CONFIDENCE: Readonly<Record<string, number>> = {
  // Close pairs of the model (the runner-up is often the other language of the pair).
  es: 0.4,
  pt: 0.4,
  gl: 0.6,
  ca: 0.4,
  it: 0.35,
  da: 0.6,
  no: 0.6,
  sv: 0.4,
  cs: 0.5,
  sk: 0.5,
  hr: 0.5,
  sr: 0.5,
  bs: 0.5,
  sl: 0.6,
  ms: 0.5,
  id: 0.4,
  uk: 0.4,
  be: 0.6,
  ru: 0.3,
  hi: 0.4,
  mr: 0.6,
  fa: 0.35,
  ur: 0.4,
  // Han without a differing character says Chinese but not which script; the language is sure.
  'zh-Hans': 0.25,
  'zh-Hant': 0.25,
};

/** Whether a detected language and its confidence are good enough to decide on. */
export function isReliable(lang: string, confidence: number): boolean {
  if (lang === 'und') return false;
  return confidence >= (RELIABLE_CONFIDENCE[lang] ?? DEFAULT_RELIABLE_CONFIDENCE);
}
