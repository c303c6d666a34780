/**
 * Word-boundary helpers for the few candidates that need more than the scanner's own checks:
 * Intl.Segmenter for scripts written without spaces, and Chinese context for pinyin initials.
 */
const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** Whether `start` and `end` fall on word boundaries for a script written without spaces. */
export function onSegmentBoundaries(
  text: string,
  start: number,
  end: number,
  locale: string,
): boolean {
  const from = Math.max(0, start - 24);
  const to = Math.min(text.length, end + 24);
  let startOk = start === from;
  let endOk = end === to;
  for (const segment of segmenterFor(locale).segment(text.slice(from, to))) {
    const offset = from + segment.index;
    if (offset === start) startOk = true;
    if (offset === end) endOk = true;
  }
  return startOk && endOk;
}

const HAN = /\p{Script=Han}/u;

/** Whether Chinese text is within a few characters of a span. */
export function nearHan(text: string, start: number, end: number): boolean {
  return (
    HAN.test(text.slice(Math.max(0, start - 12), start)) || HAN.test(text.slice(end, end + 12))
  );
}
