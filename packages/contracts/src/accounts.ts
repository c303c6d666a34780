import { type Static, Type } from '@sinclair/typebox';
import { CountryCode, Id, LanguageTag, Timestamp } from './common.js';
import { StepUpAsk } from './step-up.js';

/** Handles: 3–30 of [a-z0-9_.]; compared case-insensitively. */
export const HANDLE_PATTERN = '^[A-Za-z0-9_.]{3,30}$';
export const Handle = Type.String({ minLength: 3, maxLength: 30, pattern: HANDLE_PATTERN });

export const DISPLAY_NAME_MAX = 40;
export const BIO_MAX = 500;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
/** Staff (anyone with a staff role, and the operator account) need longer passwords. */
export const STAFF_PASSWORD_MIN = 12;

export const DisplayName = Type.String({ minLength: 1, maxLength: DISPLAY_NAME_MAX });

/**
 * A mark the server puts beside a name: `staff` for the platform's administrators and
 * moderators. Derived from staff membership on every read; no input of a user can set it.
 */
export const accountBadges = ['staff'] as const;
export type AccountBadge = (typeof accountBadges)[number];
export const AccountBadge = Type.Union([
  ...accountBadges.map((badge) => Type.Literal(badge)),
  Type.Null(),
]);

export const AccountCounts = Type.Object({
  notes: Type.Integer(),
  followers: Type.Integer(),
  following: Type.Integer(),
  likesReceived: Type.Integer(),
});

/**
 * The language balance of discover for readers who set their languages: `everything` (no
 * balance), `balanced` (at most 30% of a page in other languages), `mine` (at most 10%).
 */
export const feedLanguageMixes = ['everything', 'balanced', 'mine'] as const;
export const FeedLanguageMix = Type.Union(feedLanguageMixes.map((mix) => Type.Literal(mix)));
export type FeedLanguageMix = (typeof feedLanguageMixes)[number];

/** Public view of an account. `ipLocation` is a label in the viewer's language. */
export const Profile = Type.Object(
  {
    id: Id,
    handle: Type.String(),
    displayName: Type.String(),
    badge: AccountBadge,
    bio: Type.String(),
    /** The detected language of the bio. */
    bioLang: Type.Union([Type.String(), Type.Null()]),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    languages: Type.Array(Type.String()),
    ipLocation: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    counts: AccountCounts,
    viewer: Type.Optional(
      Type.Object({
        following: Type.Boolean({ description: 'The viewer follows this account' }),
        followedBy: Type.Boolean({ description: 'This account follows the viewer' }),
        blocking: Type.Boolean({ description: 'The viewer blocked this account' }),
      }),
    ),
  },
  { $id: 'Profile' },
);
export type Profile = Static<typeof Profile>;

/** The signed-in user's own account: the profile plus private settings. */
export const Account = Type.Object(
  {
    id: Id,
    handle: Type.String(),
    displayName: Type.String(),
    bio: Type.String(),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    languages: Type.Array(Type.String()),
    ipLocation: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    counts: AccountCounts,
    bioLang: Type.Union([Type.String(), Type.Null()]),
    locale: Type.Union([Type.String(), Type.Null()]),
    /** Translate notes in languages not in `languages` without asking. */
    autoTranslate: Type.Boolean(),
    /** How much of discover may be in languages not in `languages`. */
    feedLanguageMix: FeedLanguageMix,
    hasPhone: Type.Boolean(),
    hasEmail: Type.Boolean(),
    /**
     * Onboarding (languages read, interests) was done or skipped, on any device: clients show
     * it after a sign-up only while this is false (`PUT /api/me/onboarding`).
     */
    onboarded: Type.Boolean(),
    /**
     * A member of the staff (any role): clients open the staff console for it and read its role
     * and permissions at `GET /api/staff/me`; nobody else needs to ask.
     */
    staff: Type.Boolean(),
    /**
     * A step-up the sign-up must still confirm (docs/risk.md, "Step-up"): posting waits for the
     * code sent by e-mail or SMS (`POST /api/me/step-up`). Absent otherwise.
     */
    stepUp: Type.Optional(StepUpAsk),
    /**
     * A suspension or ban in force: the session is restricted to reading statements and
     * appealing. Absent otherwise.
     */
    sanction: Type.Optional(
      Type.Object({
        type: Type.Union([Type.Literal('suspend'), Type.Literal('ban')]),
        until: Type.Union([Timestamp, Type.Null()]),
      }),
    ),
  },
  { $id: 'Account' },
);
export type Account = Static<typeof Account>;

/**
 * A proof-of-work challenge (hashcash-style): find a `nonce` such that
 * SHA-256(`challenge` + `nonce`) starts with `difficulty` zero bits. Signed by the server,
 * short-lived, accepted once.
 */
export const Challenge = Type.Object({
  challenge: Type.String({ maxLength: 512 }),
  difficulty: Type.Integer({ minimum: 0, maximum: 32 }),
  expiresAt: Timestamp,
  /**
   * Set when risk is high: the web client tells the person it is checking this device while it
   * solves (otherwise it solves without showing anything).
   */
  visible: Type.Optional(Type.Boolean()),
});
export type Challenge = Static<typeof Challenge>;

/** A solved challenge, sent back with the request it was asked for. */
export const ChallengeSolution = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 512 }),
    nonce: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type ChallengeSolution = Static<typeof ChallengeSolution>;

export const PhoneStartBody = Type.Object(
  {
    phone: Type.String({ minLength: 3, maxLength: 32, description: 'Any common format' }),
    country: Type.Optional(CountryCode),
    /** Required after the first code for a number or from a client within the hour. */
    proof: Type.Optional(ChallengeSolution),
  },
  { additionalProperties: false },
);
export type PhoneStartBody = Static<typeof PhoneStartBody>;

export const PhoneStartResponse = Type.Object({
  verificationId: Id,
  expiresAt: Timestamp,
});
export type PhoneStartResponse = Static<typeof PhoneStartResponse>;

export const PhoneVerifyBody = Type.Object(
  {
    verificationId: Id,
    code: Type.String({ minLength: 1, maxLength: 12 }),
    handle: Type.Optional(Type.String({ maxLength: 64 })),
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
    locale: Type.Optional(LanguageTag),
    /** A solved challenge, when the answer was 428 CHALLENGE_REQUIRED. */
    proof: Type.Optional(ChallengeSolution),
  },
  { additionalProperties: false },
);
export type PhoneVerifyBody = Static<typeof PhoneVerifyBody>;

export const AuthResult = Type.Object({
  token: Type.String(),
  account: Account,
});
export type AuthResult = Static<typeof AuthResult>;

export const PhoneVerifyResponse = Type.Object({
  token: Type.String(),
  account: Account,
  created: Type.Boolean(),
  /** A new account the door asks to confirm a second SMS code (docs/risk.md, "Step-up"). */
  stepUp: Type.Optional(StepUpAsk),
  /** This sign-in cancelled the account's pending deletion (docs/security.md). */
  deletionCancelled: Type.Optional(Type.Boolean()),
});
export type PhoneVerifyResponse = Static<typeof PhoneVerifyResponse>;

export const SignupBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ maxLength: PASSWORD_MAX }),
    handle: Type.String({ maxLength: 64 }),
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
    locale: Type.Optional(LanguageTag),
    /** A solved challenge, when the answer was 428 CHALLENGE_REQUIRED. */
    proof: Type.Optional(ChallengeSolution),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'E-mail address or handle' }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
    /** A solved challenge, when the answer was 428 CHALLENGE_REQUIRED. */
    proof: Type.Optional(ChallengeSolution),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResponse = Type.Object({
  token: Type.String(),
  account: Account,
  /** This login cancelled the account's pending deletion (docs/security.md). */
  deletionCancelled: Type.Optional(Type.Boolean()),
});
export type LoginResponse = Static<typeof LoginResponse>;

/**
 * Deleting one's account (`DELETE /api/me`) asks for the holder again: the current password, or,
 * for an account that signs in by phone, a fresh code sent to its number with
 * `POST /api/auth/phone/start` (its `verificationId` and the code).
 */
export const DeleteMeBody = Type.Object(
  {
    password: Type.Optional(Type.String({ minLength: 1, maxLength: PASSWORD_MAX })),
    verificationId: Type.Optional(Type.String({ format: 'uuid' })),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 12 })),
  },
  { additionalProperties: false },
);
export type DeleteMeBody = Static<typeof DeleteMeBody>;

export const DeletionScheduled = Type.Object({
  /** When the account and everything derived from it are deleted, unless a login cancels it. */
  dueAt: Type.String({ format: 'date-time' }),
});
export type DeletionScheduled = Static<typeof DeletionScheduled>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
    newPassword: Type.String({ maxLength: PASSWORD_MAX }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const PasswordChanged = Type.Object({
  /** How many of the account's other sessions were ended. */
  endedSessions: Type.Integer({ minimum: 0 }),
});

export const UpdateMeBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
    bio: Type.Optional(Type.String({ maxLength: BIO_MAX })),
    languages: Type.Optional(Type.Array(LanguageTag, { maxItems: 10, uniqueItems: true })),
    locale: Type.Optional(Type.Union([LanguageTag, Type.Null()])),
    autoTranslate: Type.Optional(Type.Boolean()),
    feedLanguageMix: Type.Optional(FeedLanguageMix),
    /** An image uploaded with `POST /api/media` becomes the avatar; null removes it. */
    avatarMediaId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const HandleParams = Type.Object({ handle: Type.String({ minLength: 1, maxLength: 64 }) });
export type HandleParams = Static<typeof HandleParams>;

export const Session = Type.Object({
  id: Id,
  current: Type.Boolean(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp,
  expiresAt: Timestamp,
  userAgent: Type.Union([Type.String(), Type.Null()]),
  ipLocation: Type.Union([Type.String(), Type.Null()]),
});
export type Session = Static<typeof Session>;

export const SessionParams = Type.Object({ id: Id });

/**
 * What the security log of an account records: failed logins, logins slowed down after too many
 * failures, sign-ups attempted with the account's e-mail address, password changes, TOTP enabled or
 * disabled, a recovery code used, and a wrong second-factor code at login. Never a password or code.
 */
export const securityEventKinds = [
  'login_failed',
  'login_throttled',
  'email_signup_attempt',
  'password_changed',
  'totp_enabled',
  'totp_disabled',
  'recovery_code_used',
  'second_factor_failed',
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

export const SecurityEvent = Type.Object({
  id: Id,
  kind: Type.Union(securityEventKinds.map((kind) => Type.Literal(kind))),
  createdAt: Timestamp,
  /** Where the request came from, as a label in the viewer's language. */
  ipLocation: Type.Union([Type.String(), Type.Null()]),
});
export type SecurityEvent = Static<typeof SecurityEvent>;

export const RotateResponse = Type.Object({ token: Type.String(), expiresAt: Timestamp });

export const OutboxQuery = Type.Object({ to: Type.String({ minLength: 1, maxLength: 254 }) });

/** How a one-time code is delivered. */
export const outboxChannels = ['sms', 'email'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

export const OutboxMessage = Type.Object({
  to: Type.String(),
  channel: Type.Union(outboxChannels.map((channel) => Type.Literal(channel))),
  body: Type.String(),
  code: Type.Optional(Type.String()),
  createdAt: Timestamp,
});
export type OutboxMessage = Static<typeof OutboxMessage>;

export const OutboxResponse = Type.Object({ items: Type.Array(OutboxMessage) });
