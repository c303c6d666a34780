import { type Static, Type } from '@sinclair/typebox';
import { Id, ListQuery, Page, Timestamp } from './common.js';
import { defineRoute } from './route.js';

// Staff: roles and permissions, the audit log, versioned moderation policies.

export const staffRoles = ['admin', 'moderator', 'analyst'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const StaffRole = Type.Union(staffRoles.map((role) => Type.Literal(role)));
/** The roles that speak for the platform in public and wear the `staff` badge (not analysts). */
export const badgedStaffRoles = ['admin', 'moderator'] as const satisfies readonly StaffRole[];

export const staffPermissions = [
  'cases.read',
  'cases.decide',
  'accounts.act',
  'accounts.lift',
  'reports.read',
  'audit.read',
  'policy.read',
  'policy.write',
  /** Narrowing the lexicon from a case (allow entries, narrowing overrides), never widening it. */
  'lexicon.tune',
  /** Bulk actions on a farm cluster: every member restricted, suspended or cleared at once. */
  'clusters.act',
  'staff.manage',
  'metrics.read',
  /** Surge mode on/off/auto and per-country sign-up pauses (administrators only). */
  'surge.switch',
  /** Kill switches on and off (administrators only; docs/operations.md). */
  'switches.flip',
  /** Alert rules changed (administrators only; docs/operations.md, "Alerts"). */
  'alerts.edit',
  /**
   * An account's phone and e-mail unmasked, with a reason, for a limited time, recorded in the
   * audit log and shown to the account holder (administrators only; docs/staff.md).
   */
  'personal_data.reveal',
] as const;
export type StaffPermission = (typeof staffPermissions)[number];
export const StaffPermission = Type.Union(
  staffPermissions.map((permission) => Type.Literal(permission)),
);

export const auditActorKinds = ['staff', 'system', 'cli'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];
export const AuditActorKind = Type.Union(auditActorKinds.map((kind) => Type.Literal(kind)));

export const auditProblemKinds = ['edited', 'deleted', 'reordered', 'broken_link'] as const;
export type AuditProblemKind = (typeof auditProblemKinds)[number];
export const AuditProblemKind = Type.Union(auditProblemKinds.map((kind) => Type.Literal(kind)));

/** A primary language subtag (`en`, `zh`): scopes match content by its primary subtag. */
export const ScopeLanguage = Type.String({ pattern: '^[A-Za-z]{2,3}$' });
/** ISO 3166-1 alpha-2; lower case is accepted and upper-cased. */
export const ScopeRegion = Type.String({ pattern: '^[A-Za-z]{2}$' });
export const STAFF_SCOPE_MAX = 50;

/** An account as staff pages name it (`null` when the account is gone). */
export const StaffActor = Type.Union([Type.Object({ id: Id, handle: Type.String() }), Type.Null()]);
export type StaffActor = Static<typeof StaffActor>;

export const StaffMember = Type.Object({
  accountId: Id,
  handle: Type.String(),
  displayName: Type.String(),
  role: StaffRole,
  /** Empty: every language. */
  languages: Type.Array(Type.String()),
  /** Empty: every region. */
  regions: Type.Array(Type.String()),
  createdAt: Timestamp,
  createdBy: StaffActor,
  updatedAt: Timestamp,
});
export type StaffMember = Static<typeof StaffMember>;

export const StaffMe = Type.Object({
  accountId: Id,
  handle: Type.String(),
  role: StaffRole,
  permissions: Type.Array(StaffPermission),
  languages: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
});
export type StaffMe = Static<typeof StaffMe>;

export const AddStaffBody = Type.Object(
  {
    handle: Type.String({ minLength: 1, maxLength: 60 }),
    role: StaffRole,
    languages: Type.Optional(Type.Array(ScopeLanguage, { maxItems: STAFF_SCOPE_MAX })),
    regions: Type.Optional(Type.Array(ScopeRegion, { maxItems: STAFF_SCOPE_MAX })),
  },
  { additionalProperties: false },
);
export type AddStaffBody = Static<typeof AddStaffBody>;

export const UpdateStaffBody = Type.Object(
  {
    role: Type.Optional(StaffRole),
    languages: Type.Optional(Type.Array(ScopeLanguage, { maxItems: STAFF_SCOPE_MAX })),
    regions: Type.Optional(Type.Array(ScopeRegion, { maxItems: STAFF_SCOPE_MAX })),
  },
  { additionalProperties: false },
);
export type UpdateStaffBody = Static<typeof UpdateStaffBody>;

export const StaffHandleParams = Type.Object({ handle: Type.String({ maxLength: 60 }) });

export const AuditRecord = Type.Object({
  seq: Type.Integer(),
  id: Id,
  createdAt: Timestamp,
  actor: StaffActor,
  actorKind: AuditActorKind,
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  data: Type.Unknown({ description: 'What changed; its shape depends on the action' }),
  prevHash: Type.String(),
  hash: Type.String(),
});
export type AuditRecord = Static<typeof AuditRecord>;

export const AuditQuery = Type.Composite([
  ListQuery,
  Type.Object({
    action: Type.Optional(Type.String({ maxLength: 100 })),
    actorHandle: Type.Optional(Type.String({ maxLength: 60 })),
    targetType: Type.Optional(Type.String({ maxLength: 100 })),
    targetId: Type.Optional(Type.String({ maxLength: 200 })),
  }),
]);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditProblem = Type.Object({ seq: Type.Integer(), kind: AuditProblemKind });
export type AuditProblem = Static<typeof AuditProblem>;

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  problems: Type.Array(AuditProblem),
  /**
   * The newest record: keep its hash outside the database (a ticket, a log) to detect records
   * cut off the end of the chain, which the chain alone cannot show.
   */
  head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()]),
});
export type AuditVerification = Static<typeof AuditVerification>;

/** A @atrium/safety policy document; validated by the server (`POLICY_INVALID` lists problems). */
export const PolicyDocument = Type.Unknown({
  description: 'A policy: { version, regionGroups, defaultAction, rules }',
});

export const PolicyVersion = Type.Object({
  version: Type.String(),
  document: PolicyDocument,
  createdAt: Timestamp,
  createdBy: StaffActor,
  note: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type PolicyVersion = Static<typeof PolicyVersion>;

export const PolicyVersionSummary = Type.Omit(PolicyVersion, ['document']);
export type PolicyVersionSummary = Static<typeof PolicyVersionSummary>;

export const PublishPolicyBody = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    document: PolicyDocument,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type PublishPolicyBody = Static<typeof PublishPolicyBody>;

export const POLICY_PREVIEW_MAX_DAYS = 90;

export const PreviewPolicyBody = Type.Object(
  {
    document: PolicyDocument,
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: POLICY_PREVIEW_MAX_DAYS, default: 7 })),
  },
  { additionalProperties: false },
);
export type PreviewPolicyBody = Static<typeof PreviewPolicyBody>;

const Outcome = Type.Object({
  action: Type.String(),
  withheldIn: Type.Array(Type.String()),
});

const RegionCount = Type.Object({ region: Type.String(), count: Type.Integer() });

export const PolicyPreview = Type.Object({
  currentVersion: Type.String(),
  days: Type.Integer(),
  /** Notes read (newest first, at most `limit`). */
  scanned: Type.Integer(),
  /** True when more notes were created in the period than were read. */
  truncated: Type.Boolean(),
  /** Notes whose global action would change. */
  changed: Type.Integer(),
  /** Notes whose global action or regional withholds would change. */
  affected: Type.Integer(),
  actionChanges: Type.Array(
    Type.Object({ from: Type.String(), to: Type.String(), count: Type.Integer() }),
  ),
  withholds: Type.Object({
    added: Type.Array(RegionCount),
    removed: Type.Array(RegionCount),
  }),
  samples: Type.Array(Type.Object({ noteId: Id, before: Outcome, after: Outcome })),
});
export type PolicyPreview = Static<typeof PolicyPreview>;

/** How many allow entries or narrowings one false-positive report may carry. */
export const FALSE_POSITIVE_MAX_CHANGES = 10;
const LexiconCategory = Type.String({ minLength: 1, maxLength: 40 });

/**
 * Undoing a false positive from an automated case: allow entries for the innocent text around a
 * match, and narrowings of the term that matched (to a language, to whole words). `dryRun`
 * answers the preview only; otherwise a new policy version is published.
 */
export const FalsePositiveBody = Type.Object(
  {
    allow: Type.Optional(
      Type.Array(
        Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: 100 }),
            category: LexiconCategory,
          },
          { additionalProperties: false },
        ),
        { maxItems: FALSE_POSITIVE_MAX_CHANGES },
      ),
    ),
    narrow: Type.Optional(
      Type.Array(
        Type.Object(
          {
            term: Type.String({ minLength: 1, maxLength: 100 }),
            category: LexiconCategory,
            lang: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
            match: Type.Optional(Type.Literal('word')),
          },
          { additionalProperties: false },
        ),
        { maxItems: FALSE_POSITIVE_MAX_CHANGES },
      ),
    ),
    dryRun: Type.Optional(Type.Boolean({ default: false })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: POLICY_PREVIEW_MAX_DAYS, default: 7 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type FalsePositiveBody = Static<typeof FalsePositiveBody>;

export const FalsePositiveResult = Type.Object({
  preview: PolicyPreview,
  /** The version published; null for a dry run. */
  version: Type.Union([Type.String(), Type.Null()]),
  /** The lexicon section of the proposed (or published) version. */
  lexicon: Type.Unknown(),
});
export type FalsePositiveResult = Static<typeof FalsePositiveResult>;

/** How long an unmasking lasts: staff see the plain data for this long, then masked again. */
export const PERSONAL_DATA_REVEAL_MINUTES = 15;

/**
 * An account's contact details as staff see them: masked (`j•••@g•••.com`, `+1 •••• ••42`)
 * unless the caller unmasked them with a reason less than PERSONAL_DATA_REVEAL_MINUTES ago.
 */
export const StaffPersonalData = Type.Object({
  accountId: Id,
  handle: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  masked: Type.Boolean(),
  /** When the caller's unmasking ends; null while masked. */
  revealedUntil: Type.Union([Timestamp, Type.Null()]),
});
export type StaffPersonalData = Static<typeof StaffPersonalData>;

export const RevealPersonalDataBody = Type.Object(
  {
    /** Why (a case, a legal request): kept in the audit log and shown to the account holder. */
    reason: Type.String({ minLength: 10, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type RevealPersonalDataBody = Static<typeof RevealPersonalDataBody>;

/**
 * One time staff read the holder's personal data, as the holder sees it: when, the staff role
 * (not the person: staff are not exposed to the people they act on), why, and for how long.
 */
export const AccessLogEntry = Type.Object({
  id: Id,
  at: Timestamp,
  /** `admin`, `moderator`, `analyst`, or `operator` for the command line. */
  role: Type.String(),
  fields: Type.Array(Type.Union([Type.Literal('email'), Type.Literal('phone')])),
  reason: Type.String(),
  until: Type.Union([Timestamp, Type.Null()]),
});
export type AccessLogEntry = Static<typeof AccessLogEntry>;

export const staffRoutes = {
  staffMe: defineRoute({
    operationId: 'staffMe',
    method: 'GET',
    path: '/api/staff/me',
    summary: "The caller's staff role, permissions and scope",
    tags: ['staff'],
    auth: 'required',
    response: { 200: StaffMe },
    errors: ['FORBIDDEN'],
  }),
  listStaff: defineRoute({
    operationId: 'listStaff',
    method: 'GET',
    path: '/api/staff/members',
    summary: 'Staff members by handle',
    tags: ['staff'],
    auth: 'required',
    querystring: ListQuery,
    response: { 200: Page(StaffMember) },
    errors: ['FORBIDDEN'],
  }),
  addStaff: defineRoute({
    operationId: 'addStaff',
    method: 'POST',
    path: '/api/staff/members',
    summary: 'Make an account a staff member',
    tags: ['staff'],
    auth: 'required',
    body: AddStaffBody,
    response: { 201: StaffMember },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'STAFF_MEMBER_EXISTS', 'STAFF_PASSWORD_TOO_SHORT'],
  }),
  updateStaff: defineRoute({
    operationId: 'updateStaff',
    method: 'PATCH',
    path: '/api/staff/members/:handle',
    summary: "Change a staff member's role or scope",
    tags: ['staff'],
    auth: 'required',
    params: StaffHandleParams,
    body: UpdateStaffBody,
    response: { 200: StaffMember },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'STAFF_MEMBER_NOT_FOUND', 'LAST_ADMIN'],
  }),
  removeStaff: defineRoute({
    operationId: 'removeStaff',
    method: 'DELETE',
    path: '/api/staff/members/:handle',
    summary: 'Remove a staff member (the account stays)',
    tags: ['staff'],
    auth: 'required',
    params: StaffHandleParams,
    response: { 204: null },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'STAFF_MEMBER_NOT_FOUND', 'LAST_ADMIN'],
  }),
  listAudit: defineRoute({
    operationId: 'listAudit',
    method: 'GET',
    path: '/api/staff/audit',
    summary: 'The audit log, newest first',
    tags: ['staff'],
    auth: 'required',
    querystring: AuditQuery,
    response: { 200: Page(AuditRecord) },
    errors: ['FORBIDDEN'],
  }),
  verifyAudit: defineRoute({
    operationId: 'verifyAudit',
    method: 'GET',
    path: '/api/staff/audit/verify',
    summary: "Check the audit log's hash chain for edited, deleted or reordered records",
    tags: ['staff'],
    auth: 'required',
    response: { 200: AuditVerification },
    errors: ['FORBIDDEN'],
  }),
  getPersonalData: defineRoute({
    operationId: 'getPersonalData',
    method: 'GET',
    path: '/api/staff/accounts/:handle/personal-data',
    summary: "An account's phone and e-mail, masked unless the caller unmasked them",
    tags: ['staff'],
    auth: 'required',
    params: StaffHandleParams,
    response: { 200: StaffPersonalData },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  revealPersonalData: defineRoute({
    operationId: 'revealPersonalData',
    method: 'POST',
    path: '/api/staff/accounts/:handle/personal-data/reveal',
    summary:
      "Unmask an account's phone and e-mail for a limited time, with a reason the holder will see",
    tags: ['staff'],
    auth: 'required',
    params: StaffHandleParams,
    body: RevealPersonalDataBody,
    response: { 200: StaffPersonalData },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  getPolicy: defineRoute({
    operationId: 'getPolicy',
    method: 'GET',
    path: '/api/staff/policy',
    summary: 'The active moderation policy',
    tags: ['staff'],
    auth: 'required',
    response: { 200: PolicyVersion },
    errors: ['FORBIDDEN'],
  }),
  listPolicyVersions: defineRoute({
    operationId: 'listPolicyVersions',
    method: 'GET',
    path: '/api/staff/policy/versions',
    summary: 'Every policy version, newest first',
    tags: ['staff'],
    auth: 'required',
    querystring: ListQuery,
    response: { 200: Page(PolicyVersionSummary) },
    errors: ['FORBIDDEN'],
  }),
  publishPolicy: defineRoute({
    operationId: 'publishPolicy',
    method: 'PUT',
    path: '/api/staff/policy',
    summary: 'Publish a new policy version and make it active',
    tags: ['staff'],
    auth: 'required',
    body: PublishPolicyBody,
    response: { 200: PolicyVersion },
    errors: ['FORBIDDEN', 'POLICY_INVALID', 'POLICY_VERSION_EXISTS'],
  }),
  previewPolicy: defineRoute({
    operationId: 'previewPolicy',
    method: 'POST',
    path: '/api/staff/policy/preview',
    summary: 'What a proposed policy would change on recent notes, compared with the active one',
    tags: ['staff'],
    auth: 'required',
    body: PreviewPolicyBody,
    response: { 200: PolicyPreview },
    errors: ['FORBIDDEN', 'POLICY_INVALID'],
  }),
} as const;

/** The account holder's side of purpose-bound staff access (a route of their own, not staff's). */
export const accessLogRoutes = {
  listAccessLog: defineRoute({
    operationId: 'listAccessLog',
    method: 'GET',
    path: '/api/me/access-log',
    summary: 'When staff read your personal data, in which role, why, newest first',
    tags: ['accounts'],
    auth: 'required',
    querystring: ListQuery,
    response: { 200: Page(AccessLogEntry) },
    errors: [],
  }),
} as const;
