import { createHash } from 'node:crypto';
import { type Costume, writingSidesWithEvidence } from './fake-foreigner.js';
import { fire, type MaybeSignal, overBudget, type Signal } from './signal.js';
import { hasContactChannel, hasSolicitation } from './solicitation.js';
import { VelocityCounter } from './velocity.js';

/**
 * Scoring of the first actions of young accounts (trust level 0): post, comment, follow, like,
 * report. Cheap on purpose — it runs on every write of every level-0 account: counters and recent
 * text hashes in memory, no query. Signals are pure functions of the facts gathered here.
 */
export type FirstAction = 'post' | 'comment' | 'follow' | 'like' | 'report';

export interface FirstActionFacts {
  action: FirstAction;
  /** Writes of any kind by the account in the last minute, this one included. */
  perMinute: number;
  /** The account has no note yet (this is its first). */
  firstNote: boolean;
  /** Links in the note or comment. */
  links: number;
  /** Earlier notes and comments in the last hour with the same text (normalized). */
  repeats: number;
  /** The text names a phone number or a messenger handle (`hasContactChannel`). */
  contact: boolean;
  /** The text sends the reader to a private channel or the profile's link (`hasSolicitation`). */
  solicits: boolean;
  /** Other accounts that posted the same text (normalized) in the last hour. */
  otherAuthors: number;
  /** Content points (`CONTENT_CODES`) the account's earlier writes scored in the last hour. */
  earlierContent: number;
  /** The door's `fake_foreigner` points at the account's sign-up (0: no costume was scored). */
  costumePoints: number;
  /** The text is written in a script of the costume's evidence country (`writingSidesWithEvidence`). */
  writesLikeEvidence: boolean;
}

/** Score at which a young account is restricted and a review case opens. */
export const FIRST_ACTIONS_REVIEW_SCORE = 60;

/** More than 10 writes a minute: 5 points per write beyond, at most 40. */
export function actionVelocity(facts: FirstActionFacts): MaybeSignal {
  const points = overBudget(facts.perMinute, 10, 5, 40);
  return points > 0 ? fire('action_velocity', points) : null;
}

/** A link in an account's very first note: the templated ad poster's opening move. */
export function firstNoteLinks(facts: FirstActionFacts): MaybeSignal {
  return facts.action === 'post' && facts.firstNote && facts.links > 0
    ? fire('first_note_links', 20)
    : null;
}

/** The same text again: 20 points per repeat within the hour, at most 60. */
export function repeatedText(facts: FirstActionFacts): MaybeSignal {
  const points = Math.min(60, facts.repeats * 20);
  return points > 0 ? fire('repeated_text', points) : null;
}

/** A phone number or messenger handle in a note or comment: 30. */
export function contactChannel(facts: FirstActionFacts): MaybeSignal {
  return facts.contact ? fire('contact_channel', 30) : null;
}

/** "DM me", "link in bio" and their kin, in several languages: 20. */
export function solicitation(facts: FirstActionFacts): MaybeSignal {
  return facts.solicits ? fire('solicitation', 20) : null;
}

/**
 * The same pitch from several accounts: a text that solicits (a contact, a solicitation phrase
 * or a link) also posted by at least 2 other accounts in the last hour: 40 (with the pitch's own
 * signal, a review: a campaign, not a person). A greeting many
 * newcomers write alike ("welcome!") solicits nothing and is not counted.
 */
export function sharedPitch(facts: FirstActionFacts): MaybeSignal {
  const pitches = facts.contact || facts.solicits || facts.links > 0;
  return pitches && facts.otherAuthors >= 2 ? fire('shared_pitch', 40) : null;
}

/**
 * A "fake foreigner" the door let in whose own writing sides with the evidence: its sign-up
 * scored `fake_foreigner` (claims pointing away from its line or clock), and a note or comment
 * is written in a script of that evidence country that no claimed country uses. The door's
 * suspicion is confirmed by evidence the costume did not control: the door's points plus 30
 * (two contradictions at the door 50, three 65, four or more 80; a review from three).
 */
export function foreignerWriting(facts: FirstActionFacts): MaybeSignal {
  return facts.costumePoints > 0 && facts.writesLikeEvidence
    ? fire('foreigner_writing', 30 + facts.costumePoints)
    : null;
}

/**
 * The signals about what a text says, whose points add up over an account's hour
 * (`repeated_text` counts the hour's repeats itself, so it is not added again).
 */
export const CONTENT_CODES: ReadonlySet<string> = new Set([
  'first_note_links',
  'contact_channel',
  'solicitation',
  'shared_pitch',
]);

export function firstActionSignals(facts: FirstActionFacts): Signal[] {
  return [
    actionVelocity(facts),
    firstNoteLinks(facts),
    repeatedText(facts),
    contactChannel(facts),
    solicitation(facts),
    sharedPitch(facts),
    foreignerWriting(facts),
  ].filter((signal): signal is Signal => signal !== null);
}

/** The content points among `signals`. */
export function contentPoints(signals: readonly Signal[]): number {
  return signals.reduce((sum, s) => sum + (CONTENT_CODES.has(s.code) ? s.points : 0), 0);
}

/**
 * The score a write is judged by: its own points, plus the content points of the account's
 * earlier writes in the last hour (three ads in a row are judged together; a burst of likes
 * does not pile up).
 */
export function firstActionScore(facts: FirstActionFacts, signals: readonly Signal[]): number {
  const own = signals.reduce((sum, s) => sum + s.points, 0);
  return own > 0 && contentPoints(signals) > 0 ? own + facts.earlierContent : own;
}

const LINK = /\bhttps?:\/\/\S+|\bwww\.[^\s.]+\.\S+/giu;

/** Links in a text (`http(s)://…` and `www.….…`). */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

/** Case, spacing and digits folded: "Buy now 1234" and "buy  now 5678" are the same text. */
export function textKey(text: string): string | null {
  const folded = text.normalize('NFKC').toLowerCase().replace(/\d+/gu, '#').replace(/\s+/gu, ' ');
  if (folded.trim().length < 8) return null; // "thanks!" twice is not a template
  return createHash('sha256').update(folded.trim()).digest('base64url').slice(0, 16);
}

const HOUR = 60 * 60 * 1000;

/** The memory behind the facts: per-account write velocity, recent text hashes, content points. */
export function createFirstActionMemory(maxKeys = 100_000) {
  const velocity = new VelocityCounter({ windowMs: 60_000, buckets: 6, maxKeys });
  const texts = new VelocityCounter({ windowMs: HOUR, buckets: 6, maxKeys });
  // per text: the distinct accounts that posted it in the hour
  const authors = new VelocityCounter({ windowMs: HOUR, buckets: 6, maxKeys });
  const content = new VelocityCounter({ windowMs: HOUR, buckets: 6, maxKeys });
  return {
    facts(
      accountId: string,
      action: FirstAction,
      input: { text?: string; firstNote?: boolean; costume?: Costume | null },
      now = Date.now(),
    ): FirstActionFacts {
      const key = input.text ? textKey(input.text) : null;
      const repeats = key ? texts.hit(`${accountId}:${key}`, now) - 1 : 0;
      // an account's first post of a text in the hour adds it to the text's authors
      const sameText = key ? (repeats === 0 ? authors.hit(key, now) : authors.peek(key, now)) : 0;
      return {
        action,
        perMinute: velocity.hit(accountId, now),
        firstNote: input.firstNote ?? false,
        links: input.text ? countLinks(input.text) : 0,
        repeats,
        contact: input.text ? hasContactChannel(input.text) : false,
        solicits: input.text ? hasSolicitation(input.text) : false,
        otherAuthors: Math.max(0, sameText - 1),
        earlierContent: content.peek(accountId, now),
        costumePoints: input.costume?.points ?? 0,
        writesLikeEvidence:
          input.text && input.costume ? writingSidesWithEvidence(input.text, input.costume) : false,
      };
    },
    /** Remembers the content points a write scored, for the account's next writes. */
    record(accountId: string, points: number, now = Date.now()) {
      if (points > 0) content.hit(accountId, now, points);
    },
  };
}
