import {
  COMMENT_BODY_MAX,
  MEDIA_ALT_MAX,
  NOTE_BODY_MAX,
  NOTE_TITLE_MAX,
  TOPIC_MAX_LENGTH,
} from '@atrium/contracts';
import { commonError } from '../../http/errors.js';
import { normalizeTopic, type TopicMention } from '../topics/topic-tags.js';

/** Topics per note; more are ignored (RedNote shows a handful). */
export const MAX_TOPICS_PER_NOTE = 10;
export const MAX_MENTIONS_PER_NOTE = 20;

// A topic is `#` + letters, marks, digits or `_` in any script: #大麻, #TikTokRefugee, #東京, #서울.
// RedNote writes them closed (`#美食#`); the closing `#` simply ends the run.
const TOPIC = /#([\p{L}\p{M}\p{N}_]{1,64})/gu;
// A mention is `@handle`, not inside an e-mail address or a word.
const MENTION = /(?<![\p{L}\p{N}_.@])@([A-Za-z0-9_.]{3,30})/gu;
// Control characters other than line breaks and tabs, and bidi overrides that reorder text.
const FORBIDDEN = /(?![\n\t])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;

/** Topics in order of first appearance, deduplicated by their normalized tag. */
export function parseTopics(...texts: string[]): TopicMention[] {
  const seen = new Map<string, TopicMention>();
  for (const text of texts) {
    for (const match of text.matchAll(TOPIC)) {
      const display = match[1]!.normalize('NFKC');
      const tag = normalizeTopic(display);
      if (tag.length === 0 || tag.length > TOPIC_MAX_LENGTH || /^\d+$/.test(tag)) continue;
      if (!seen.has(tag)) seen.set(tag, { tag, display });
      if (seen.size >= MAX_TOPICS_PER_NOTE) return [...seen.values()];
    }
  }
  return [...seen.values()];
}

/** Lower-cased handles mentioned with `@`, deduplicated. */
export function parseMentions(...texts: string[]): string[] {
  const handles = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(MENTION)) {
      handles.add(match[1]!.toLowerCase().replace(/\.+$/, ''));
      if (handles.size >= MAX_MENTIONS_PER_NOTE) return [...handles];
    }
  }
  return [...handles].filter((handle) => handle.length >= 3);
}

function invalid(field: string, message: string) {
  return commonError('VALIDATION_FAILED', `${field} ${message}`, {
    fields: [{ field: `/body/${field}`, message }],
  });
}

function cleanText(input: string, field: string, max: number): string {
  const text = input.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (FORBIDDEN.test(text)) throw invalid(field, 'contains control characters');
  if ([...text].length > max) throw invalid(field, `is longer than ${max} characters`);
  return text;
}

/** Title: one line, at most 100 characters. */
export function cleanTitle(input: string | undefined): string {
  const title = cleanText(input ?? '', 'title', NOTE_TITLE_MAX);
  if (title.includes('\n')) throw invalid('title', 'must be one line');
  return title;
}

/** Body: at most 5,000 characters, line breaks kept, runs of blank lines collapsed. */
export function cleanBody(input: string): string {
  return cleanText(input, 'body', NOTE_BODY_MAX).replace(/\n{3,}/g, '\n\n');
}

/**
 * Alt texts of a note's images, one per image in order ('' for none, missing ones too): at most
 * 1,000 characters each, never more entries than images.
 */
export function cleanAlts(input: readonly string[] | undefined, images: number): string[] {
  const alts = input ?? [];
  if (alts.length > images) throw invalid('mediaAlt', 'has more entries than the note has images');
  return Array.from({ length: images }, (_, index) =>
    cleanText(alts[index] ?? '', 'mediaAlt', MEDIA_ALT_MAX).replace(/\s+/g, ' '),
  );
}

export function cleanComment(input: string): string {
  const body = cleanText(input, 'body', COMMENT_BODY_MAX);
  if (body.length === 0) throw invalid('body', 'is empty');
  return body;
}
