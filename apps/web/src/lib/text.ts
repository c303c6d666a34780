/** A run of a note's text: plain, a `#topic` or an `@mention`. */
export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'topic'; text: string; tag: string }
  | { kind: 'mention'; text: string; handle: string };

// The same patterns the server uses to find topics and mentions (apps/server note-text).
const TOKEN = /#([\p{L}\p{M}\p{N}_]{1,64})|(?<![\p{L}\p{N}_.@])@([A-Za-z0-9_.]{3,30})/gu;

/** Splits text into plain runs, topics and mentions, so the UI can link them. */
export function splitNoteText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ kind: 'text', text: text.slice(last, index) });
    if (match[1]) parts.push({ kind: 'topic', text: match[0], tag: match[1] });
    else parts.push({ kind: 'mention', text: match[0], handle: match[2]! });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The `#partial` topic being typed just before the caret, if any. */
export function topicAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /#([\p{L}\p{M}\p{N}_]{0,64})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[0].length, query: match[1] ?? '' };
}

/**
 * The `@partial` handle being typed just before the caret, if any: after a space, a line start or
 * punctuation (not inside an e-mail address), as the server reads mentions.
 */
export function mentionAtCaret(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?<![\p{L}\p{N}_.@])@([A-Za-z0-9_.]{0,30})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[0].length, query: match[1] ?? '' };
}

/** Keeps a card's aspect ratio between 3:4 (tall) and 4:3 (wide), as the feed shows them. */
export function cardAspect(width: number, height: number): number {
  if (!width || !height) return 3 / 4;
  return Math.min(4 / 3, Math.max(3 / 4, width / height));
}

/**
 * Puts items into `columns` columns, each next item into the shortest column so far. Appending
 * items never moves the earlier ones (infinite scroll does not reshuffle the page).
 */
export function layoutMasonry<T>(
  items: T[],
  columns: number,
  heightOf: (item: T) => number,
): T[][] {
  const result: T[][] = Array.from({ length: columns }, () => []);
  const heights = new Array<number>(columns).fill(0);
  for (const item of items) {
    let shortest = 0;
    for (let column = 1; column < columns; column += 1) {
      if (heights[column]! < heights[shortest]! - 1e-9) shortest = column;
    }
    result[shortest]!.push(item);
    heights[shortest]! += heightOf(item);
  }
  return result;
}

/** A duration as people read it on a video: `m:ss` (`h:mm:ss` from an hour), rounded down. */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
