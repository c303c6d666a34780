import { createHash } from 'node:crypto';
import { fire, type MaybeSignal, overBudget, type Signal } from './signal.js';
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

export function firstActionSignals(facts: FirstActionFacts): Signal[] {
  return [actionVelocity(facts), firstNoteLinks(facts), repeatedText(facts)].filter(
    (signal): signal is Signal => signal !== null,
  );
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

/** The memory behind the facts: per-account write velocity and recent text hashes. */
export function createFirstActionMemory(maxKeys = 100_000) {
  const velocity = new VelocityCounter({ windowMs: 60_000, buckets: 6, maxKeys });
  const texts = new VelocityCounter({ windowMs: HOUR, buckets: 6, maxKeys });
  return {
    facts(
      accountId: string,
      action: FirstAction,
      input: { text?: string; firstNote?: boolean },
      now = Date.now(),
    ): FirstActionFacts {
      const key = input.text ? textKey(input.text) : null;
      return {
        action,
        perMinute: velocity.hit(accountId, now),
        firstNote: input.firstNote ?? false,
        links: input.text ? countLinks(input.text) : 0,
        repeats: key ? texts.hit(`${accountId}:${key}`, now) - 1 : 0,
      };
    },
  };
}
