/**
 * Spans of a post that are not prose in any language: links, e-mail addresses, @mentions,
 * #topics and emoji. Detection ignores them; translation carries them through unchanged.
 */

export type EntityKind = 'url' | 'email' | 'mention' | 'topic' | 'emoji';

export interface EntitySpan {
  kind: EntityKind;
  start: number;
  end: number;
  text: string;
}

// URLs stop at the first non-ASCII character: in posts a link is usually glued to the Chinese or
// Japanese text that follows it ("看这个https://…好看"), far more often than it is an IRI.
// Links are also written without a scheme (xhslink.com/a/…, bit.ly/…, youtu.be/…): a host name
// ending in a common top-level domain, with or without a path.
const URL = String.raw`(?:(?:https?:\/\/|www\.)[!#-;=?-~]*[A-Za-z0-9/#$%&*+=_~@-]|(?<![\p{L}\p{N}@._-])(?:[A-Za-z0-9-]+\.)+(?:com|net|org|io|co|ly|be|me|app|dev|cn|jp|kr|tw|hk|de|fr|es|it|uk|us|ru|br|in|gl|gg|tv|xyz|link|info|so|to|cc|page)(?![\p{L}\p{N}_-])(?:\/[!#-;=?-~]*[A-Za-z0-9/#$%&*+=_~@-])?)`;
const EMAIL = String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`;
// A mention or topic is a run of letters, digits, marks and underscores in any script; a mention
// may contain inner dots and hyphens (user.name), a topic may close with '#' (#话题# on Weibo).
const MENTION = String.raw`(?<![\p{L}\p{N}_])@[\p{L}\p{N}_](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_])?`;
const TOPIC = String.raw`(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*#?`;
const EMOJI = String.raw`(?:[0-9#*]\uFE0F?\u20E3|\p{Regional_Indicator}{2}|(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:[\uFE0E\uFE0F\u20E3\p{Emoji_Modifier}\u{E0020}-\u{E007F}]|\u200D(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}))*)`;

const KINDS: readonly EntityKind[] = ['url', 'email', 'mention', 'topic', 'emoji'];
const ENTITY_PATTERN = new RegExp(`(${URL})|(${EMAIL})|(${MENTION})|(${TOPIC})|(${EMOJI})`, 'gu');

/** Finds links, e-mail addresses, @mentions, #topics and emoji, left to right, not overlapping. */
export function findEntities(text: string): EntitySpan[] {
  const spans: EntitySpan[] = [];
  for (const match of text.matchAll(ENTITY_PATTERN)) {
    const group = match.findIndex((value, index) => index > 0 && value !== undefined);
    const start = match.index;
    spans.push({ kind: KINDS[group - 1]!, start, end: start + match[0].length, text: match[0] });
  }
  return spans;
}

/**
 * The text a language detector should see: links, e-mail addresses, mentions and emoji become
 * spaces, and a topic keeps its words without the '#', since "#周末日常" is still Chinese.
 */
export function stripEntities(text: string): string {
  return text.replace(
    ENTITY_PATTERN,
    (_whole, _url, _email, _mention, topic: string | undefined) =>
      topic === undefined ? ' ' : ` ${topic.replace(/#/g, '')} `,
  );
}

/**
 * The text a language detector should see, with topics apart: `body` is the text without links,
 * e-mail addresses, mentions, emoji and topics; `topics` the words of the topics. Topics are weak
 * evidence (a Chinese post often carries English tags: "终于到了 #TikTokRefugee #Welcome").
 */
export function separateTopics(text: string): { body: string; topics: string } {
  const topics: string[] = [];
  const body = text.replace(
    ENTITY_PATTERN,
    (_whole, _url, _email, _mention, topic: string | undefined) => {
      if (topic !== undefined) topics.push(topic.replace(/#/g, ''));
      return ' ';
    },
  );
  return { body, topics: topics.join(' ') };
}
