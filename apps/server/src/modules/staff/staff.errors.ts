import { defineErrors } from '../../http/errors.js';

export const staffError = defineErrors({
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  STAFF_MEMBER_EXISTS: { status: 409, title: 'This account is already a staff member' },
  STAFF_MEMBER_NOT_FOUND: { status: 404, title: 'This account is not a staff member' },
  STAFF_PASSWORD_TOO_SHORT: {
    status: 409,
    title: 'Staff need a password of at least 12 characters: this account has a shorter one',
  },
  // staff powers need TOTP (ATRIUM_STAFF_2FA): turn it on under the account's security settings
  SECOND_FACTOR_REQUIRED_FOR_STAFF: {
    status: 403,
    title: 'Staff need two-factor authentication: turn it on in your security settings',
  },
  LAST_ADMIN: { status: 409, title: 'The last administrator cannot be removed or demoted' },
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
});
