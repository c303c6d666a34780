import { type Static, Type } from '@sinclair/typebox';
import { LoginResponse, PASSWORD_MAX } from './accounts.js';
import { defineRoute } from './route.js';

/**
 * A TOTP second factor (RFC 6238: 6 digits, 30-second steps, SHA-1 — what authenticator apps
 * read from an `otpauth://` URI). Enrolment takes the current password, then a first code;
 * enabling it issues one-time recovery codes, shown once. Logging in then takes a code (or a
 * recovery code) after the password: docs/security.md, "Second factor".
 */

/** A 6-digit TOTP code, or a recovery code (`xxxxx-xxxxx`); spaces and dashes are ignored. */
export const SecondFactorCode = Type.String({ minLength: 6, maxLength: 32 });

export const SecondFactorState = Type.Object({
  /** TOTP is enabled: logins ask for a code after the password. */
  totp: Type.Boolean(),
  /** Recovery codes not used yet (0 when TOTP is off). */
  recoveryCodesLeft: Type.Integer({ minimum: 0 }),
});
export type SecondFactorState = Static<typeof SecondFactorState>;

export const StartTotpBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
  { additionalProperties: false },
);
export type StartTotpBody = Static<typeof StartTotpBody>;

export const TotpEnrolment = Type.Object({
  /** The shared secret in base32, to type into an authenticator app. */
  secret: Type.String(),
  /** The same as an `otpauth://totp/…` URI (for a QR code). */
  uri: Type.String(),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const ConfirmTotpBody = Type.Object(
  { code: SecondFactorCode },
  { additionalProperties: false },
);
export type ConfirmTotpBody = Static<typeof ConfirmTotpBody>;

export const RecoveryCodes = Type.Object({
  /** One-time codes for when the authenticator is lost: shown once, only their hashes kept. */
  recoveryCodes: Type.Array(Type.String()),
});
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const DisableTotpBody = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
    /** A current TOTP code or an unused recovery code. */
    code: SecondFactorCode,
  },
  { additionalProperties: false },
);
export type DisableTotpBody = Static<typeof DisableTotpBody>;

/**
 * The second step of a login: the `challenge` from the 401 SECOND_FACTOR_REQUIRED answer to
 * `POST /api/auth/login`, with a TOTP code or a recovery code.
 */
export const LoginSecondFactorBody = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 512 }),
    code: SecondFactorCode,
  },
  { additionalProperties: false },
);
export type LoginSecondFactorBody = Static<typeof LoginSecondFactorBody>;

export const secondFactorRoutes = {
  mySecondFactor: defineRoute({
    operationId: 'mySecondFactor',
    method: 'GET',
    path: '/api/me/2fa',
    summary: 'Whether TOTP is enabled, and how many recovery codes are left',
    tags: ['accounts'],
    auth: 'required',
    response: { 200: SecondFactorState },
    errors: [],
  }),
  startTotp: defineRoute({
    operationId: 'startTotp',
    method: 'POST',
    path: '/api/me/2fa/totp',
    summary: 'Start enrolling TOTP (the current password first): a new secret and its URI',
    tags: ['accounts'],
    auth: 'required',
    body: StartTotpBody,
    response: { 200: TotpEnrolment },
    errors: ['WRONG_PASSWORD', 'NO_PASSWORD', 'TOTP_ALREADY_ENABLED', 'RATE_LIMITED'],
  }),
  confirmTotp: defineRoute({
    operationId: 'confirmTotp',
    method: 'POST',
    path: '/api/me/2fa/totp/confirm',
    summary: 'Enable TOTP with a first code: returns the recovery codes, once',
    tags: ['accounts'],
    auth: 'required',
    body: ConfirmTotpBody,
    response: { 200: RecoveryCodes },
    errors: ['INVALID_CODE', 'TOTP_NOT_PENDING', 'TOTP_ALREADY_ENABLED', 'RATE_LIMITED'],
  }),
  disableTotp: defineRoute({
    operationId: 'disableTotp',
    method: 'DELETE',
    path: '/api/me/2fa/totp',
    summary: 'Disable TOTP (the password and a code): recovery codes are deleted',
    tags: ['accounts'],
    auth: 'required',
    body: DisableTotpBody,
    response: { 204: null },
    errors: ['WRONG_PASSWORD', 'INVALID_CODE', 'TOTP_NOT_ENABLED', 'RATE_LIMITED'],
  }),
  loginSecondFactor: defineRoute({
    operationId: 'loginSecondFactor',
    method: 'POST',
    path: '/api/auth/login/second-factor',
    summary: 'Finish a login with a TOTP or recovery code',
    tags: ['auth'],
    auth: 'none',
    body: LoginSecondFactorBody,
    // as a password login's: this sign-in may cancel a pending deletion
    response: { 200: LoginResponse },
    errors: ['INVALID_CODE', 'SECOND_FACTOR_EXPIRED', 'RATE_LIMITED'],
  }),
};
