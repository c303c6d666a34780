import { defineErrors } from '../../http/errors.js';

export const accountsError = defineErrors({
  INVALID_PHONE: { status: 400, title: 'This is not a mobile number we can send a code to' },
  INVALID_CODE: { status: 400, title: 'The code is not correct' },
  CODE_EXPIRED: { status: 400, title: 'The code has expired or was already used' },
  TOO_MANY_ATTEMPTS: { status: 400, title: 'Too many wrong codes: request a new one' },
  STEP_UP_NOT_PENDING: { status: 409, title: 'There is no confirmation to complete' },
  HANDLE_REQUIRED: { status: 400, title: 'Choose a handle to create your account' },
  HANDLE_INVALID: { status: 400, title: 'Handles are 3–30 letters, digits, _ or .' },
  HANDLE_RESERVED: { status: 400, title: 'This handle is reserved' },
  HANDLE_TAKEN: { status: 409, title: 'This handle is taken' },
  DISPLAY_NAME_INVALID: { status: 400, title: 'The display name is not valid' },
  DISPLAY_NAME_RESERVED: {
    status: 400,
    title: 'This display name would pass for the platform or its staff',
  },
  EMAIL_INVALID: { status: 400, title: 'The e-mail address is not valid' },
  EMAIL_TAKEN: { status: 409, title: 'An account with this e-mail address exists' },
  WEAK_PASSWORD: { status: 400, title: 'Choose a stronger password' },
  INVALID_CREDENTIALS: { status: 401, title: 'Wrong login or password' },
  // not 401: the session is fine, only the password typed to confirm the change is wrong
  WRONG_PASSWORD: { status: 403, title: 'The current password is not correct' },
  NO_PASSWORD: {
    status: 409,
    title: 'This account signs in with a phone code and has no password',
  },
  // deleting an account asks for the password, or a fresh phone code when there is none
  REAUTH_REQUIRED: {
    status: 400,
    title: 'Confirm it is you: your password, or a code sent to your phone',
  },
  SESSION_NOT_FOUND: { status: 404, title: 'No such session' },
  // the password was right: the answer carries a `challenge` for the second step
  SECOND_FACTOR_REQUIRED: { status: 401, title: 'Enter the code from your authenticator app' },
  SECOND_FACTOR_EXPIRED: { status: 401, title: 'This login has expired: log in again' },
  TOTP_ALREADY_ENABLED: { status: 409, title: 'Two-factor authentication is already on' },
  TOTP_NOT_ENABLED: { status: 409, title: 'Two-factor authentication is not on' },
  TOTP_NOT_PENDING: { status: 409, title: 'Start enrolling first: there is no code to confirm' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  CHALLENGE_REQUIRED: { status: 428, title: 'Solve the proof-of-work challenge first' },
  // deliberately vague: the reasons are for staff, not for whoever probes the door
  RISK_DENIED: { status: 403, title: 'This request cannot be accepted' },
  // staff paused sign-ups from the client's country (surge mode); logins go on
  SIGNUPS_PAUSED: { status: 503, title: 'Sign-ups from your region are paused for now' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Temporarily unavailable' },
  NOT_FOUND: { status: 404, title: 'Not found' },
});

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string; message?: string } | null;
  if (pgError?.code !== '23505') return false;
  return (pgError.constraint ?? pgError.message ?? '').includes(constraint);
}

/** A race on a new account's number or handle (another sign-up took it first). */
export function isAccountRace(error: unknown): boolean {
  return isUniqueViolation(error, 'handle') || isUniqueViolation(error, 'phone');
}

/** Maps a unique-key race (two sign-ups at once) onto the same answer as the up-front check. */
export function mapUniqueViolation(error: unknown): never {
  if (isUniqueViolation(error, 'handle')) throw accountsError('HANDLE_TAKEN');
  if (isUniqueViolation(error, 'email')) throw accountsError('EMAIL_TAKEN');
  if (isUniqueViolation(error, 'phone')) throw accountsError('CODE_EXPIRED');
  throw error;
}
