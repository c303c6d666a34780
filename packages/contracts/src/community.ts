import { type Static, Type } from '@sinclair/typebox';
import { AccountBadge } from './accounts.js';
import { Id, LanguageTag, ListQuery, Page, Timestamp } from './common.js';
import { StatementOfReasons } from './statements.js';

export const NOTE_TITLE_MAX = 100;
export const NOTE_BODY_MAX = 5000;
export const NOTE_MEDIA_MAX = 18;
/** Alt text of one image of a note, in characters. */
export const MEDIA_ALT_MAX = 1000;
export const COMMENT_BODY_MAX = 1000;
export const TOPIC_MAX_LENGTH = 64;

export const noteStatuses = ['published', 'pending_review', 'removed'] as const;
export const NoteStatus = Type.Union(noteStatuses.map((status) => Type.Literal(status)));
export type NoteStatus = (typeof noteStatuses)[number];

/**
 * Where the checks of an image stand (docs/media.md): `pending` until every checker looked at
 * it, then `passed` (nothing found), `flagged` (something found: the outcome applies to the
 * notes using it) or `failed` (a checker could not look: human review).
 */
export const mediaCheckStates = ['pending', 'passed', 'flagged', 'failed'] as const;
export const MediaCheckState = Type.Union(mediaCheckStates.map((state) => Type.Literal(state)));
export type MediaCheckState = (typeof mediaCheckStates)[number];

export const mediaProcessingStates = ['queued', 'processing', 'ready', 'failed'] as const;
export const MediaProcessingState = Type.Union(
  mediaProcessingStates.map((state) => Type.Literal(state)),
);
export type MediaProcessingState = (typeof mediaProcessingStates)[number];

export const MediaVideo = Type.Object({
  durationSeconds: Type.Number({ minimum: 0 }),
  hasAudio: Type.Boolean(),
  /** The poster frame at the detail size (WebP). */
  posterUrl: Type.String(),
});
export type MediaVideo = Static<typeof MediaVideo>;

export const MediaProcessing = Type.Object({
  state: MediaProcessingState,
  /** Percent done, 0–100, never decreasing. */
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  /** Why it failed (`VIDEO_UNREADABLE`, `VIDEO_PROCESSING_TIMEOUT`, …), when `failed`. */
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type MediaProcessing = Static<typeof MediaProcessing>;

/** The author shown on cards, notes and comments. */
export const AuthorSummary = Type.Object({
  id: Id,
  handle: Type.String(),
  displayName: Type.String(),
  badge: AccountBadge,
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
});
export type AuthorSummary = Static<typeof AuthorSummary>;

export const Media = Type.Object({
  id: Id,
  /** The detail size (at most 1080 px wide). */
  url: Type.String(),
  /** The card size for feeds (at most 540 px wide). */
  cardUrl: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  mime: Type.String(),
  /** A thumbhash (base64) to paint while the image loads. */
  placeholder: Type.String(),
  /** What the image shows, written by the author for people who cannot see it (a note's media
   * only, when written). */
  alt: Type.Optional(Type.String()),
  /** The uploader's view only (the upload's answer): where the image's checks stand. */
  check: Type.Optional(MediaCheckState),
  /**
   * A video (docs/media.md, "Video notes"): `url` is the H.264/AAC MP4, `cardUrl` the poster's
   * card size, `placeholder` the poster's thumbhash, `mime` `video/mp4`. Absent for images.
   */
  video: Type.Optional(MediaVideo),
  /**
   * The uploader's view only: a video's processing (transcode, poster, sampled frames). Until it
   * is `ready`, `url`, `cardUrl` and `placeholder` are empty and `width`/`height` 0.
   */
  processing: Type.Optional(MediaProcessing),
});
export type Media = Static<typeof Media>;

export const TopicRef = Type.Object({
  tag: Type.String({ description: 'Normalized (NFKC, case-folded), without #' }),
  display: Type.String({ description: 'As first written' }),
});
export type TopicRef = Static<typeof TopicRef>;

export const NoteCounts = Type.Object({
  likes: Type.Integer(),
  collects: Type.Integer(),
  comments: Type.Integer(),
  views: Type.Integer(),
});

/** Shown to the author (and staff) only: where and why the note is restricted. */
export const NoteModeration = Type.Object({
  status: NoteStatus,
  withheldIn: Type.Array(Type.String()),
  labels: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
  /** The full statements of reasons, newest first (see `GET /api/me/statements`). */
  statements: Type.Optional(Type.Array(StatementOfReasons)),
  /**
   * The checks of the note's images (docs/media.md): `pending` while they run (the note is
   * shown to its author only, status `pending_review`), then the combined state. Absent for a
   * note without checked images.
   */
  mediaCheck: Type.Optional(MediaCheckState),
});

export const Note = Type.Object({
  id: Id,
  author: AuthorSummary,
  title: Type.String(),
  body: Type.String(),
  lang: Type.Union([Type.String(), Type.Null()]),
  media: Type.Array(Media),
  topics: Type.Array(TopicRef),
  mentions: Type.Array(Type.String({ description: 'Handles mentioned with @' })),
  status: NoteStatus,
  ipLocation: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  editedAt: Type.Union([Timestamp, Type.Null()]),
  counts: NoteCounts,
  viewer: Type.Object({ liked: Type.Boolean(), collected: Type.Boolean() }),
  /** Content warnings every viewer sees (e.g. "Mentions cannabis"). */
  labels: Type.Array(Type.String()),
  moderation: Type.Optional(NoteModeration),
});
export type Note = Static<typeof Note>;

export const CreateNoteBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: NOTE_TITLE_MAX * 2 })),
    body: Type.String({ maxLength: NOTE_BODY_MAX * 2 }),
    mediaIds: Type.Optional(Type.Array(Id, { maxItems: NOTE_MEDIA_MAX, uniqueItems: true })),
    /** Alt text of each image, in the order of `mediaIds` ("" for none); not longer than it. */
    mediaAlt: Type.Optional(
      Type.Array(Type.String({ maxLength: MEDIA_ALT_MAX * 2 }), { maxItems: NOTE_MEDIA_MAX }),
    ),
    lang: Type.Optional(LanguageTag),
  },
  { additionalProperties: false },
);
export type CreateNoteBody = Static<typeof CreateNoteBody>;

export const UpdateNoteBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: NOTE_TITLE_MAX * 2 })),
    body: Type.Optional(Type.String({ maxLength: NOTE_BODY_MAX * 2 })),
    mediaIds: Type.Optional(Type.Array(Id, { maxItems: NOTE_MEDIA_MAX, uniqueItems: true })),
    /** Alt text of each image, in the order of `mediaIds` ("" for none); not longer than it. */
    mediaAlt: Type.Optional(
      Type.Array(Type.String({ maxLength: MEDIA_ALT_MAX * 2 }), { maxItems: NOTE_MEDIA_MAX }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateNoteBody = Static<typeof UpdateNoteBody>;

export const NoteParams = Type.Object({ id: Id });

export const Reply = Type.Object({
  id: Id,
  noteId: Id,
  parentId: Type.Union([Id, Type.Null()]),
  author: AuthorSummary,
  body: Type.String(),
  lang: Type.Union([Type.String(), Type.Null()]),
  ipLocation: Type.Union([Type.String(), Type.Null()]),
  replyCount: Type.Integer(),
  /** Likes of the comment. */
  likeCount: Type.Integer(),
  /** Whether the signed-in viewer liked it (false for anonymous readers). */
  liked: Type.Boolean(),
  /** `pending_review` only ever reaches the comment's own author. */
  status: NoteStatus,
  labels: Type.Array(Type.String()),
  createdAt: Timestamp,
});
export type Reply = Static<typeof Reply>;

/** A top-level comment with its first replies; the rest come from the replies route. */
export const Comment = Type.Composite([Reply, Type.Object({ replies: Type.Array(Reply) })]);
export type Comment = Static<typeof Comment>;

export const CreateCommentBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: COMMENT_BODY_MAX * 2 }),
    parentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateCommentBody = Static<typeof CreateCommentBody>;

export const CommentParams = Type.Object({ id: Id });

export const TopicCounts = Type.Object({
  notes: Type.Integer(),
  views: Type.Integer(),
  discussions: Type.Integer(),
});

export const Topic = Type.Object({
  tag: Type.String(),
  display: Type.String(),
  counts: TopicCounts,
});
export type Topic = Static<typeof Topic>;

export const TrendingTopic = Type.Object({
  tag: Type.String(),
  display: Type.String(),
  counts: TopicCounts,
  /** Activity in the last hour relative to the topic's hourly baseline. */
  growth: Type.Number(),
  lastHour: Type.Integer(),
});

export const TopicParams = Type.Object({ tag: Type.String({ minLength: 1, maxLength: 200 }) });

export const TopicNotesQuery = Type.Composite([
  ListQuery,
  Type.Object({
    sort: Type.Optional(Type.Union([Type.Literal('hot'), Type.Literal('new')], { default: 'hot' })),
  }),
]);

export const searchTypes = ['notes', 'users', 'topics'] as const;
export const SearchQuery = Type.Composite([
  ListQuery,
  Type.Object({
    q: Type.String({ minLength: 1, maxLength: 200 }),
    type: Type.Optional(
      Type.Union(
        searchTypes.map((type) => Type.Literal(type)),
        { default: 'notes' },
      ),
    ),
  }),
]);
export type SearchQuery = Static<typeof SearchQuery>;

export const NotePage = Page(Note);
export type NotePage = Static<typeof NotePage>;
export const CommentPage = Page(Comment);
export const ReplyPage = Page(Reply);
export const TopicPage = Page(Topic);
export const TrendingTopics = Type.Object({ items: Type.Array(TrendingTopic) });
