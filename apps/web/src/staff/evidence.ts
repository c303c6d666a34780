import type { StaffMessageKey } from './i18n/en.js';

/** A range of UTF-16 code units in a text, as the server reports evidence. */
export interface Range {
  start: number;
  end: number;
}

export interface Segment<T extends Range> {
  text: string;
  /** The ranges covering this piece; empty for plain text. */
  ranges: T[];
}

/**
 * Cuts `text` at every range boundary, so overlapping or nested evidence can be highlighted
 * without losing or repeating characters. Ranges outside the text are clipped; empty ones are
 * ignored. Joining the segments' texts gives `text` back.
 */
export function segmentText<T extends Range>(text: string, ranges: readonly T[]): Segment<T>[] {
  const clipped = ranges
    .map((range) => ({
      range,
      start: Math.max(0, Math.min(text.length, range.start)),
      end: Math.max(0, Math.min(text.length, range.end)),
    }))
    .filter((item) => item.end > item.start);
  const bounds = new Set([0, text.length]);
  for (const item of clipped) {
    bounds.add(item.start);
    bounds.add(item.end);
  }
  const points = [...bounds].sort((a, b) => a - b);
  const segments: Segment<T>[] = [];
  for (let index = 0; index < points.length - 1; index += 1) {
    const from = points[index]!;
    const to = points[index + 1]!;
    if (to === from) continue;
    const covering = clipped
      .filter((item) => item.start <= from && item.end >= to)
      .map((item) => item.range);
    const previous = segments.at(-1);
    if (previous && previous.ranges.length === 0 && covering.length === 0) {
      previous.text += text.slice(from, to);
    } else {
      segments.push({ text: text.slice(from, to), ranges: covering });
    }
  }
  return segments;
}

/** The console's message function, narrowed to what `viaText` needs. */
type Translate = (key: StaffMessageKey) => string;

/** The fold kinds the matcher reports (`Match.via` of @atrium/safety), with their messages. */
const FOLD_MESSAGES = {
  case: 'staff.fold.case',
  width: 'staff.fold.width',
  marks: 'staff.fold.marks',
  leet: 'staff.fold.leet',
  homoglyph: 'staff.fold.homoglyph',
  letterlike: 'staff.fold.letterlike',
  kana: 'staff.fold.kana',
  traditional: 'staff.fold.traditional',
  repeats: 'staff.fold.repeats',
  separators: 'staff.fold.separators',
  pinyin: 'staff.fold.pinyin',
  homophone: 'staff.fold.homophone',
} as const;

/**
 * Why a span matched, for moderators: the folds that turned the text into the term, "spelled
 * as listed" when none did, or null for evidence recorded before the matcher explained itself.
 */
export function viaText(span: { via?: string[] }, st: Translate): string | null {
  if (!span.via) return null;
  if (span.via.length === 0) return st('staff.evidence.viaExact');
  return span.via
    .map((kind) =>
      kind in FOLD_MESSAGES ? st(FOLD_MESSAGES[kind as keyof typeof FOLD_MESSAGES]) : kind,
    )
    .join(', ');
}
