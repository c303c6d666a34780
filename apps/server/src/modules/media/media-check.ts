import type { Action } from '@atrium/safety';

// The contract between the media checks (text in images, explicit imagery, known-bad hashes) and
// the pipeline that runs them off the request path (docs/media.md, "Checking what is in the
// picture"). Each checker looks at one image (an upload, or one sampled frame of a video) and
// says what it found; the pipeline stores the findings with the media, combines them into one
// outcome, and publishes, holds, labels, withholds or refuses what uses the image.

/** The checkers, by name. */
export type MediaCheckerName = 'ocr' | 'explicit' | 'hash';

/** A rectangle in the checked image's pixels. */
export interface MediaBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One image to check: decoded-size facts and the encoded bytes (the stored detail WebP). */
export interface MediaCheckInput {
  bytes: Buffer;
  width: number;
  height: number;
  /** Whose upload it is (the hash bank feeds the farm graph by owner). */
  ownerId: string;
  /** For a video's sampled frame: where in the video, in seconds. */
  atSecond?: number;
  /** The image's perceptual hash stored at upload (`media.phash`): the hash checker reuses it. */
  perceptualHash?: string | null;
}

/** One thing a checker found. A checker that found nothing returns an empty list. */
export interface MediaFinding {
  checker: MediaCheckerName;
  /** The policy category, e.g. `spam.contact_lure` (from the safety rules) or `sexual.explicit`. */
  category: string;
  /** The rule that fired, when the finding comes from a policy rule. */
  ruleId?: string;
  /** What the policy does with it by default, and per country where it differs. */
  action: Action;
  regionActions?: Record<string, Action>;
  /** The model's or matcher's confidence in [0, 1] (1 for an exact lexicon or hash match). */
  score: number;
  /** Where in the image (OCR: the text's box). */
  box?: MediaBox;
  /** For a video's frame: where in the video, in seconds. */
  atSecond?: number;
  /**
   * What moderators see with the decision: the recognized text, the model's classes and
   * scores, the matched hash and its distance. JSON only.
   */
  detail: Record<string, unknown>;
}

/**
 * A check. It throws only when it could not look at the image (a model failed to load, a
 * decoder gave up): the pipeline then sends the media to human review, never publishes it
 * unchecked.
 */
export interface MediaChecker {
  readonly name: MediaCheckerName;
  check(input: MediaCheckInput): Promise<MediaFinding[]>;
}
