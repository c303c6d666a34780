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
  const { window, origin } = cleanWindow(text, from, to, start, end);
  for (const segment of segmenterFor(locale).segment(window)) {
    const offset = origin[segment.index]!;
    if (offset === start) startOk = true;
    if (offset === end) endOk = true;
  }
  return startOk && endOk;
}

/** Marks a Thai, Lao, Khmer or Myanmar letter may carry; other marks on them are disguise. */
const NATIVE_MARK =
  /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u17b4-\u17d3\u17dd\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d]/u;
const MARK = /\p{M}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}\p{N}]/u;

/**
 * The text between `from` and `to` as the segmenter's dictionary expects it, with the original
 * offset of every UTF-16 unit kept (and of the end):
 * - Thai and Lao AM written as NIKHAHIT + SARA AA (what NFKC makes of it, and how some keyboards
 *   type it: `น้ําแตก`) is put back as the one vowel the dictionaries know;
 * - combining marks foreign to these scripts (Zalgo: `ด̹̇ͬอͨก`) are dropped;
 * - inside the candidate's span only, separators (`ห-ล-ั-่-ง`) and letters stretched three
 *   times or more are dropped, so the dictionary sees the word that was disguised.
 */
function cleanWindow(
  text: string,
  from: number,
  to: number,
  start: number,
  end: number,
): { window: string; origin: number[] } {
  let window = '';
  const origin: number[] = [];
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    const char = text[k]!;
    const next = k + 1 < to ? text.charCodeAt(k + 1) : 0;
    if ((code === 0x0e4d && next === 0x0e32) || (code === 0x0ecd && next === 0x0eb2)) {
      window += code === 0x0e4d ? '\u0e33' : '\u0eb3';
      origin.push(k);
      k++;
      continue;
    }
    if (MARK.test(char) && !NATIVE_MARK.test(char)) continue;
    if (k > start && k < end) {
      if (!LETTER_OR_MARK.test(char)) continue;
      if (char === text[k - 1] && char === text[k - 2] && k - 2 >= start) continue;
      if (char === text[k - 1] && char === text[k + 1] && k + 1 < end) continue;
    }
    window += char;
    origin.push(k);
  }
  origin.push(to);
  return { window, origin };
}

const HAN = /\p{Script=Han}/u;

/** Whether Chinese text is within a few characters of a span. */
export function nearHan(text: string, start: number, end: number): boolean {
  return (
    HAN.test(text.slice(Math.max(0, start - 12), start)) || HAN.test(text.slice(end, end + 12))
  );
}
