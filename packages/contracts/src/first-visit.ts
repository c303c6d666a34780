import { type Static, Type } from '@sinclair/typebox';
import { HandleParams } from './accounts.js';
import { ListQuery, Page } from './common.js';
import { AuthorSummary, TOPIC_MAX_LENGTH } from './community.js';
import { defineRoute } from './route.js';

/**
 * A newcomer's first visit (docs/api.md, "First visit"): onboarding shown once after sign-up
 * (the languages one reads are the account's `languages`, set with `PATCH /api/me`; interests
 * are topics), follow suggestions, and the follower and following lists of a profile.
 */

/** How many topics an account may pick as interests. */
export const INTERESTS_MAX = 10;

/** A topic offered as an interest: its tag, how it is written, and how many notes use it. */
export const TopicChoice = Type.Object({
  tag: Type.String(),
  display: Type.String(),
  notes: Type.Integer(),
});
export type TopicChoice = Static<typeof TopicChoice>;

export const OnboardingState = Type.Object({
  /** Done or skipped, on any device: clients do not show onboarding again. */
  onboarded: Type.Boolean(),
  /** The topics the account chose, as tags. */
  interests: Type.Array(Type.String()),
  /** Popular topics to choose from (and the chosen ones), most notes first. */
  topics: Type.Array(TopicChoice),
});
export type OnboardingState = Static<typeof OnboardingState>;

export const OnboardingBody = Type.Object(
  {
    /** Topic tags (existing topics only); absent when the person skipped the question. */
    interests: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: TOPIC_MAX_LENGTH }), {
        maxItems: INTERESTS_MAX,
        uniqueItems: true,
      }),
    ),
  },
  { additionalProperties: false },
);
export type OnboardingBody = Static<typeof OnboardingBody>;

export const suggestionReasons = ['interest', 'language', 'popular'] as const;
export type SuggestionReason = (typeof suggestionReasons)[number];

/** An account suggested to follow, with the main reason it was suggested. */
export const FollowSuggestion = Type.Object({
  account: AuthorSummary,
  bio: Type.String(),
  followers: Type.Integer(),
  notes: Type.Integer(),
  reason: Type.Union(suggestionReasons.map((reason) => Type.Literal(reason))),
  /** The interest (topic tag) it posts about, when `reason` is `interest`. */
  topic: Type.Union([Type.String(), Type.Null()]),
});
export type FollowSuggestion = Static<typeof FollowSuggestion>;

export const SuggestionsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, default: 12 })),
});

/** One account in a follower or following list. */
export const FollowListEntry = Type.Object({
  account: AuthorSummary,
  bio: Type.String(),
  /** The viewer follows this account (false for anonymous viewers). */
  following: Type.Boolean(),
});
export type FollowListEntry = Static<typeof FollowListEntry>;

export const FollowListPage = Page(FollowListEntry);
export type FollowListPage = Static<typeof FollowListPage>;

export const firstVisitRoutes = {
  myOnboarding: defineRoute({
    operationId: 'myOnboarding',
    method: 'GET',
    path: '/api/me/onboarding',
    summary: 'Whether onboarding is done, the chosen interests and topics to choose from',
    tags: ['accounts'],
    auth: 'required',
    response: { 200: OnboardingState },
    errors: [],
  }),
  completeOnboarding: defineRoute({
    operationId: 'completeOnboarding',
    method: 'PUT',
    path: '/api/me/onboarding',
    summary: 'Finish (or skip) onboarding, saving the chosen interests; idempotent',
    tags: ['accounts'],
    auth: 'required',
    body: OnboardingBody,
    response: { 200: OnboardingState },
    errors: ['UNKNOWN_TOPIC'],
  }),
  followSuggestions: defineRoute({
    operationId: 'followSuggestions',
    method: 'GET',
    path: '/api/me/follow-suggestions',
    summary: 'Accounts to follow: by interests, languages read and popularity',
    tags: ['social'],
    auth: 'required',
    querystring: SuggestionsQuery,
    response: { 200: Type.Object({ items: Type.Array(FollowSuggestion) }) },
    errors: [],
  }),
  userFollowers: defineRoute({
    operationId: 'userFollowers',
    method: 'GET',
    path: '/api/users/:handle/followers',
    summary: "An account's followers, most recent first",
    tags: ['social'],
    auth: 'optional',
    params: HandleParams,
    querystring: ListQuery,
    response: { 200: FollowListPage },
    errors: ['NOT_FOUND'],
  }),
  userFollowing: defineRoute({
    operationId: 'userFollowing',
    method: 'GET',
    path: '/api/users/:handle/following',
    summary: 'The accounts an account follows, most recent first',
    tags: ['social'],
    auth: 'optional',
    params: HandleParams,
    querystring: ListQuery,
    response: { 200: FollowListPage },
    errors: ['NOT_FOUND'],
  }),
};
