import { defineErrors } from '../../http/errors.js';

export const exportError = defineErrors({
  EXPORT_IN_PROGRESS: {
    status: 409,
    title: 'An export of this account is already being prepared',
  },
  EXPORT_NOT_FOUND: { status: 404, title: 'No such export, or it is not ready' },
  EXPORT_EXPIRED: { status: 410, title: 'This export has expired: ask for a new one' },
  RATE_LIMITED: { status: 429, title: 'Too many exports today' },
});
