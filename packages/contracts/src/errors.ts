import { type Static, Type } from '@sinclair/typebox';

/**
 * Every stable error code the API can answer with. Clients switch on these; messages may change,
 * codes never do. One literal list: the type and the schema both derive from it.
 */
export const errorCodes = [
  // generic
  'VALIDATION_FAILED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'RATE_LIMITED',
  'CHALLENGE_REQUIRED',
  'WITHHELD_IN_REGION',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // accounts
  'INVALID_PHONE',
  'INVALID_CODE',
  'CODE_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'STEP_UP_NOT_PENDING',
  'HANDLE_REQUIRED',
  'HANDLE_TAKEN',
  'HANDLE_INVALID',
  'HANDLE_RESERVED',
  'DISPLAY_NAME_INVALID',
  'DISPLAY_NAME_RESERVED',
  'EMAIL_INVALID',
  'EMAIL_TAKEN',
  'WEAK_PASSWORD',
  'INVALID_CREDENTIALS',
  'WRONG_PASSWORD',
  // account deletion (docs/security.md, "Deleting an account")
  'REAUTH_REQUIRED',
  'STAFF_MUST_STEP_DOWN',
  'DELETION_PENDING',
  'NO_PASSWORD',
  'SESSION_NOT_FOUND',
  // second factor (TOTP)
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_EXPIRED',
  'TOTP_ALREADY_ENABLED',
  'TOTP_NOT_ENABLED',
  'TOTP_NOT_PENDING',
  'CANNOT_FOLLOW_SELF',
  // risk control at the door
  'RISK_DENIED',
  'TRUST_LIMIT',
  'SIGNUPS_PAUSED',
  // kill switches
  'READ_ONLY',
  'UPLOADS_PAUSED',
  // alerts
  'ALERT_NOT_FIRING',
  // media, notes, comments
  'UNSUPPORTED_MEDIA',
  'TOO_LARGE',
  'MEDIA_NOT_FOUND',
  'CONTENT_REJECTED',
  'NOTE_EMPTY',
  'COMMENT_NOT_FOUND',
  'REPLY_DEPTH',
  'UNKNOWN_TOPIC',
  'LIKES_PRIVATE',
  // video notes
  'VIDEO_TOO_LARGE',
  'VIDEO_TOO_LONG',
  'VIDEO_UNREADABLE',
  'VIDEO_PROCESSING_TIMEOUT',
  'VIDEO_UNAVAILABLE',
  // boards for collects
  'BOARD_NOT_FOUND',
  'BOARD_LIMIT',
  'BOARD_NAME_TAKEN',
  // moderation
  'ALREADY_REPORTED',
  'CANNOT_REPORT_SELF',
  'APPEAL_NOT_ALLOWED',
  'ALREADY_APPEALED',
  'CANNOT_BLOCK_SELF',
  'BLOCKED',
  'POSTING_RESTRICTED',
  'ACCOUNT_SUSPENDED',
  'CASE_CLAIMED',
  'CASE_RESOLVED',
  'CASE_NOT_CLAIMED',
  'SELF_REVIEW',
  'APPEAL_CANNOT_WORSEN',
  'NOT_SANCTIONED',
  // translation
  'SAME_LANGUAGE',
  'TRANSLATION_UNAVAILABLE',
  'READING_UNAVAILABLE',
  // staff
  'STAFF_MEMBER_EXISTS',
  'STAFF_MEMBER_NOT_FOUND',
  'STAFF_PASSWORD_TOO_SHORT',
  'SECOND_FACTOR_REQUIRED_FOR_STAFF',
  'LAST_ADMIN',
  'POLICY_INVALID',
  'POLICY_VERSION_EXISTS',
  'FALSE_POSITIVE_INELIGIBLE',
  'LEXICON_CHANGE_REFUSED',
  // account exports
  'EXPORT_IN_PROGRESS',
  'EXPORT_NOT_FOUND',
  'EXPORT_EXPIRED',
  // known-bad hash lists
  'HASH_LIST_INVALID',
  'HASH_LIST_NAME_INVALID',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const FieldError = Type.Object({
  field: Type.String({
    description: 'JSON pointer-ish path of the offending input, e.g. /body/phone',
  }),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/** RFC 9457 problem details, with Atrium's stable `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable UPPER_SNAKE error code' }),
    detail: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    fields: Type.Optional(Type.Array(FieldError)),
    retryAfter: Type.Optional(Type.Integer({ description: 'Seconds until a retry may succeed' })),
  },
  { additionalProperties: true, $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;
