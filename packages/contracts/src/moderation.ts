import { type Static, Type } from '@sinclair/typebox';
import { HandleParams } from './accounts.js';
import { CountryCode, Id, LanguageTag, ListQuery, Page, Timestamp } from './common.js';
import { AuthorSummary } from './community.js';
import { defineRoute } from './route.js';
import { FalsePositiveBody, FalsePositiveResult } from './staff.js';
import { ModerationTarget, StatementOfReasons } from './statements.js';

export const StatementPage = Page(StatementOfReasons);

export const RejectionReason = Type.Object({
  ruleId: Type.String(),
  category: Type.String(),
  field: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  description: Type.Union([Type.String(), Type.Null()]),
});

// ---- reports --------------------------------------------------------------------------------

/** API.md's reasons plus `child_safety`, which the queue puts first. */
export const reportReasons = [
  'spam',
  'scam',
  'harassment',
  'hate',
  'sexual',
  'violence',
  'illegal',
  'misinformation',
  'impersonation',
  'child_safety',
  'other',
] as const;
export const ReportReason = Type.Union(reportReasons.map((reason) => Type.Literal(reason)));

export const CreateReportBody = Type.Object(
  {
    targetType: ModerationTarget,
    targetId: Id,
    reason: ReportReason,
    details: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const CreateAppealBody = Type.Object(
  {
    decisionId: Id,
    statement: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CreateAppealBody = Static<typeof CreateAppealBody>;

export const Created = Type.Object({ id: Id });

// ---- blocks ---------------------------------------------------------------------------------

export const BlockedAccountPage = Page(AuthorSummary);

// ---- review queue ---------------------------------------------------------------------------

export const caseStatuses = ['open', 'claimed', 'resolved'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const CaseStatus = Type.Union(caseStatuses.map((status) => Type.Literal(status)));
/** Where a case came from: a user's report, the automated check, or an appeal. */
export const caseSources = ['report', 'automated', 'appeal'] as const;
export type CaseSource = (typeof caseSources)[number];
/** The queue's status filter: a case status, or `active` (open and claimed). */
const queueStatuses = [...caseStatuses, 'active'] as const;

export const CaseSummary = Type.Object({
  id: Id,
  targetType: ModerationTarget,
  targetId: Id,
  subject: AuthorSummary,
  source: Type.String(),
  status: CaseStatus,
  category: Type.String(),
  lang: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  priority: Type.Integer(),
  reportCount: Type.Integer(),
  reach: Type.Integer(),
  claimedBy: Type.Union([Type.String({ description: 'handle' }), Type.Null()]),
  leaseUntil: Type.Union([Timestamp, Type.Null()]),
  openedAt: Timestamp,
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
  /** A short excerpt of the content, for the list. */
  excerpt: Type.String(),
});
export type CaseSummary = Static<typeof CaseSummary>;
export const CasePage = Page(CaseSummary);

export const QueueQuery = Type.Composite([
  ListQuery,
  Type.Object({
    status: Type.Optional(
      Type.Union(
        queueStatuses.map((status) => Type.Literal(status)),
        { default: 'active' },
      ),
    ),
    lang: Type.Optional(LanguageTag),
    region: Type.Optional(CountryCode),
    category: Type.Optional(Type.String({ maxLength: 40 })),
    source: Type.Optional(Type.Union(caseSources.map((source) => Type.Literal(source)))),
    minPriority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    olderThanHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 365 })),
  }),
]);
export type QueueQuery = Static<typeof QueueQuery>;

export const QueueCounts = Type.Object({
  total: Type.Integer(),
  byCategory: Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() })),
});

export const EvidenceSpan = Type.Object({
  field: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  term: Type.String(),
  category: Type.String(),
  severity: Type.String(),
  ruleId: Type.String(),
  /** The folds that made the text meet the term (leet, homoglyph, pinyin, separators, …). */
  via: Type.Optional(Type.Array(Type.String())),
});

/**
 * What a media check found in one image of the content (docs/media.md), kept with the decision
 * it led to: staff only.
 */
export const MediaEvidence = Type.Object({
  mediaId: Id,
  /** The checked image (the detail size), under /media/: reviewers may open it whatever its state. */
  url: Type.String(),
  checker: Type.String({ description: 'ocr, explicit or hash' }),
  category: Type.String(),
  ruleId: Type.Optional(Type.String()),
  action: Type.String(),
  regionActions: Type.Optional(Type.Record(Type.String(), Type.String())),
  score: Type.Number(),
  /** Where in the image, in the checked image's pixels (OCR: the text's box). */
  box: Type.Optional(
    Type.Object({
      x: Type.Number(),
      y: Type.Number(),
      width: Type.Number(),
      height: Type.Number(),
    }),
  ),
  atSecond: Type.Optional(Type.Number()),
  /** The recognized text, the model's classes and scores, the matched hash and its distance. */
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type MediaEvidence = Static<typeof MediaEvidence>;

export const CaseDetail = Type.Composite([
  CaseSummary,
  Type.Object({
    content: Type.Object({
      title: Type.String(),
      body: Type.String(),
      lang: Type.Union([Type.String(), Type.Null()]),
      status: Type.String(),
      mediaUrls: Type.Array(Type.String()),
      withheldIn: Type.Array(Type.String()),
      labels: Type.Array(Type.String()),
      createdAt: Type.Union([Timestamp, Type.Null()]),
    }),
    evidence: Type.Array(EvidenceSpan),
    /** What the media checks found in the content's images (empty when nothing). */
    mediaEvidence: Type.Array(MediaEvidence),
    reports: Type.Array(
      Type.Object({
        id: Id,
        reporter: Type.String({ description: 'handle' }),
        reason: Type.String(),
        details: Type.String(),
        createdAt: Timestamp,
        /**
         * The reporter's note machine-translated for a moderator who does not read its
         * language (as the content's translation); null when read, empty or untranslatable.
         */
        translation: Type.Union([
          Type.Object({
            text: Type.String(),
            from: Type.String(),
            to: Type.String(),
            engine: Type.String(),
          }),
          Type.Null(),
        ]),
      }),
    ),
    history: Type.Object({
      accountCreatedAt: Timestamp,
      cases: Type.Integer(),
      decisions: Type.Record(Type.String(), Type.Integer()),
      sanctions: Type.Object({
        postingRestrictedUntil: Type.Union([Timestamp, Type.Null()]),
        suspendedUntil: Type.Union([Timestamp, Type.Null()]),
        banned: Type.Boolean(),
      }),
    }),
    decisions: Type.Array(StatementOfReasons),
    /**
     * A machine translation beside the original when the moderator does not read the content's
     * language; null until a translation engine is configured.
     */
    translation: Type.Union([
      Type.Object({
        title: Type.String(),
        body: Type.String(),
        from: Type.String(),
        to: Type.String(),
        engine: Type.String(),
      }),
      Type.Null(),
    ]),
  }),
]);
export type CaseDetail = Static<typeof CaseDetail>;

export const contentDecisions = ['approve', 'label', 'limit', 'withhold', 'remove'] as const;
export const accountActions = ['warn', 'restrict', 'suspend', 'ban'] as const;
export type AccountAction = (typeof accountActions)[number];

export const CaseDecisionBody = Type.Object(
  {
    decision: Type.Union(contentDecisions.map((value) => Type.Literal(value))),
    /** Countries for `withhold` (required then). */
    regions: Type.Optional(
      Type.Array(CountryCode, { minItems: 1, maxItems: 250, uniqueItems: true }),
    ),
    /** Content warning for `label`. */
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    reasonCode: Type.String({ pattern: '^[a-z][a-z0-9_.]{1,63}$' }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    accountAction: Type.Optional(
      Type.Object(
        {
          type: Type.Union(accountActions.map((value) => Type.Literal(value))),
          /** Length of `restrict` and `suspend` (required for those). */
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CaseDecisionBody = Static<typeof CaseDecisionBody>;

export const CaseParams = Type.Object({ id: Id });

/** Lifting a suspension or ban (administrators): why, for the audit log and the statement. */
export const LiftSanctionBody = Type.Object(
  {
    reasonCode: Type.String({ pattern: '^[a-z][a-z0-9_.]{1,63}$' }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type LiftSanctionBody = Static<typeof LiftSanctionBody>;

// ---- routes ---------------------------------------------------------------------------------

export const moderationRoutes = {
  createReport: defineRoute({
    operationId: 'createReport',
    method: 'POST',
    path: '/api/reports',
    summary: 'Report a note, comment or account (one report per reporter and target)',
    tags: ['moderation'],
    auth: 'required',
    body: CreateReportBody,
    response: { 201: Created },
    errors: ['ALREADY_REPORTED', 'CANNOT_REPORT_SELF', 'RATE_LIMITED', 'TRUST_LIMIT'],
  }),
  createAppeal: defineRoute({
    operationId: 'createAppeal',
    method: 'POST',
    path: '/api/appeals',
    summary: 'Appeal a moderation decision about your content or account',
    tags: ['moderation'],
    auth: 'required',
    body: CreateAppealBody,
    response: { 201: Created },
    errors: ['APPEAL_NOT_ALLOWED', 'ALREADY_APPEALED'],
    restrictedSession: true,
  }),
  myStatements: defineRoute({
    operationId: 'myStatements',
    method: 'GET',
    path: '/api/me/statements',
    summary: 'Statements of reasons for restrictions of your content and account, newest first',
    tags: ['moderation'],
    auth: 'required',
    querystring: ListQuery,
    response: { 200: StatementPage },
    errors: [],
    restrictedSession: true,
  }),
  block: defineRoute({
    operationId: 'block',
    method: 'PUT',
    path: '/api/users/:handle/block',
    summary: 'Block an account (idempotent): neither of you sees the other, follows end',
    tags: ['social'],
    auth: 'required',
    params: HandleParams,
    response: { 204: null },
    errors: ['CANNOT_BLOCK_SELF'],
  }),
  unblock: defineRoute({
    operationId: 'unblock',
    method: 'DELETE',
    path: '/api/users/:handle/block',
    summary: 'Unblock an account (idempotent)',
    tags: ['social'],
    auth: 'required',
    params: HandleParams,
    response: { 204: null },
    errors: [],
  }),
  myBlocks: defineRoute({
    operationId: 'myBlocks',
    method: 'GET',
    path: '/api/me/blocks',
    summary: 'Accounts you blocked, most recent first',
    tags: ['social'],
    auth: 'required',
    querystring: ListQuery,
    response: { 200: BlockedAccountPage },
    errors: [],
  }),
  staffCases: defineRoute({
    operationId: 'staffCases',
    method: 'GET',
    path: '/api/staff/cases',
    summary: 'The review queue within your scope: highest priority, then oldest, first',
    tags: ['staff'],
    auth: 'required',
    querystring: QueueQuery,
    response: { 200: CasePage },
    errors: [],
  }),
  staffCaseCounts: defineRoute({
    operationId: 'staffCaseCounts',
    method: 'GET',
    path: '/api/staff/cases/counts',
    summary: 'How many cases the queue holds, per category, with the same filters',
    tags: ['staff'],
    auth: 'required',
    querystring: QueueQuery,
    response: { 200: QueueCounts },
    errors: [],
  }),
  staffCase: defineRoute({
    operationId: 'staffCase',
    method: 'GET',
    path: '/api/staff/cases/:id',
    summary: 'A case with its content, evidence, reports, author history and translation',
    tags: ['staff'],
    auth: 'required',
    params: CaseParams,
    response: { 200: CaseDetail },
    errors: [],
  }),
  claimCase: defineRoute({
    operationId: 'claimCase',
    method: 'POST',
    path: '/api/staff/cases/:id/claim',
    summary: 'Claim a case: a lease during which no other moderator can act on it',
    tags: ['staff'],
    auth: 'required',
    params: CaseParams,
    response: { 200: CaseSummary },
    errors: ['CASE_CLAIMED', 'CASE_RESOLVED', 'SELF_REVIEW'],
  }),
  releaseCase: defineRoute({
    operationId: 'releaseCase',
    method: 'POST',
    path: '/api/staff/cases/:id/release',
    summary: 'Give a claimed case back to the queue',
    tags: ['staff'],
    auth: 'required',
    params: CaseParams,
    response: { 200: CaseSummary },
    errors: ['CASE_NOT_CLAIMED'],
  }),
  decideCase: defineRoute({
    operationId: 'decideCase',
    method: 'POST',
    path: '/api/staff/cases/:id/decision',
    summary: 'Decide a claimed case; the author gets a statement of reasons',
    tags: ['staff'],
    auth: 'required',
    params: CaseParams,
    body: CaseDecisionBody,
    response: { 200: CaseDetail },
    errors: ['CASE_NOT_CLAIMED', 'CASE_RESOLVED', 'SELF_REVIEW', 'APPEAL_CANNOT_WORSEN'],
  }),
  liftSanction: defineRoute({
    operationId: 'liftSanction',
    method: 'POST',
    path: '/api/staff/accounts/:handle/lift',
    summary: "Lift an account's suspension or ban (administrators); the account gets a statement",
    tags: ['staff'],
    auth: 'required',
    params: HandleParams,
    body: LiftSanctionBody,
    response: { 200: StatementOfReasons },
    errors: ['NOT_SANCTIONED', 'SELF_REVIEW'],
  }),
  reportFalsePositive: defineRoute({
    operationId: 'reportFalsePositive',
    method: 'POST',
    path: '/api/staff/cases/:id/false-positive',
    summary:
      'From an overturned automated case: allow the innocent text or narrow the term, previewed, then published as a policy version',
    tags: ['staff'],
    auth: 'required',
    params: CaseParams,
    body: FalsePositiveBody,
    response: { 200: FalsePositiveResult },
    errors: [
      'FORBIDDEN',
      'NOT_FOUND',
      'FALSE_POSITIVE_INELIGIBLE',
      'LEXICON_CHANGE_REFUSED',
      'POLICY_INVALID',
    ],
  }),
} as const;
