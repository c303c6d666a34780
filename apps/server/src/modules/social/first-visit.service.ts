import type {
  FollowListPage,
  FollowSuggestion,
  OnboardingBody,
  OnboardingState,
} from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { PageRequest, Reader } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { toAuthorSummary } from '../accounts/author-summaries.js';
import { normalizeTopic } from '../topics/topic-tags.js';
import * as store from './first-visit.store.js';
import { socialError } from './social.errors.js';
import { isBlockedEitherWay } from './social.store.js';

/** Topics offered at onboarding (besides those already chosen). */
const TOPIC_CHOICES = 24;

/** The base languages a viewer reads: their chosen languages, else their interface language. */
export function readerBaseLanguages(viewer: Viewer, locale: string): string[] {
  const tags = viewer.languages.length > 0 ? viewer.languages : [viewer.locale ?? locale];
  return [...new Set(tags.map((tag) => tag.split('-')[0]!.toLowerCase()))];
}

const FOLLOW_CURSOR = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A newcomer's first visit: onboarding (shown once, kept with the account so no other device
 * shows it again), follow suggestions, and the follower and following lists of profiles.
 */
export function createFirstVisitService(deps: {
  db: Db;
  accounts: AccountsService;
  /** Leave level-0 accounts out of suggestions (trust levels on, docs/risk.md). */
  excludeLevelZero: boolean;
}) {
  const { db } = deps;

  async function onboarding(viewer: Viewer): Promise<OnboardingState> {
    const row = await store.onboardingRow(db, viewer.accountId);
    const interests = row?.interests ?? [];
    const topics = await store.topicChoices(db, interests, TOPIC_CHOICES);
    return {
      onboarded: row?.onboarded_at != null,
      interests,
      topics: topics.map((topic) => ({
        tag: topic.tag,
        display: topic.display,
        notes: topic.note_count,
      })),
    };
  }

  /** Done or skipped: saved once for every device; interests must be existing topics. */
  async function complete(viewer: Viewer, body: OnboardingBody): Promise<OnboardingState> {
    let interests: string[] | undefined;
    if (body.interests) {
      interests = [...new Set(body.interests.map(normalizeTopic))].filter(Boolean);
      const known = await store.existingTopics(db, interests);
      const unknown = interests.find((tag) => !known.has(tag));
      if (unknown !== undefined) throw socialError('UNKNOWN_TOPIC', `No topic #${unknown}`);
    }
    await store.completeOnboarding(db, viewer.accountId, interests);
    return onboarding(viewer);
  }

  async function suggestions(
    viewer: Viewer,
    locale: string,
    limit: number,
  ): Promise<FollowSuggestion[]> {
    const row = await store.onboardingRow(db, viewer.accountId);
    const rows = await store.suggestionCandidates(db, {
      viewerId: viewer.accountId,
      interests: row?.interests ?? [],
      languages: readerBaseLanguages(viewer, locale),
      excludeLevelZero: deps.excludeLevelZero,
      limit,
      now: new Date(),
    });
    return rows.map((candidate) => ({
      account: toAuthorSummary(candidate),
      bio: candidate.bio,
      followers: candidate.followers_count,
      notes: candidate.notes_count,
      reason: candidate.topic ? 'interest' : candidate.speaks ? 'language' : 'popular',
      topic: candidate.topic,
    }));
  }

  /**
   * An account's followers or followings. Across a block with the account, the viewer sees an
   * empty list (as its notes are hidden, without saying why); accounts the viewer blocked or is
   * blocked by, and suspended or banned ones, are left out of any list.
   */
  async function followList(
    handle: string,
    direction: 'followers' | 'following',
    reader: Reader,
    { cursor, limit }: PageRequest,
  ): Promise<FollowListPage> {
    const account = await deps.accounts.getByHandle(handle);
    const before = decodeCursor(
      cursor,
      (value): value is { at: string; id: string } =>
        typeof value.at === 'string' &&
        FOLLOW_CURSOR.test(value.at) &&
        typeof value.id === 'string' &&
        UUID.test(value.id),
    );
    const viewerId = reader.viewer?.accountId ?? null;
    if (viewerId && viewerId !== account.id && (await isBlockedEitherWay(db, viewerId, account.id)))
      return { items: [], nextCursor: null };
    const rows = await store.followList(db, {
      accountId: account.id,
      direction,
      viewerId,
      before,
      limit,
      now: new Date(),
    });
    const last = rows.at(-1);
    return {
      items: rows.map((row) => ({
        account: toAuthorSummary(row),
        bio: row.bio,
        following: row.viewer_follows,
      })),
      nextCursor:
        rows.length === limit && last ? encodeCursor({ at: last.followed_at, id: last.id }) : null,
    };
  }

  return { onboarding, complete, suggestions, followList };
}

export type FirstVisitService = ReturnType<typeof createFirstVisitService>;
