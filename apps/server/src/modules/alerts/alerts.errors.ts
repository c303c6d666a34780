import { defineErrors } from '../../http/errors.js';

export const alertError = defineErrors({
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  ALERT_NOT_FIRING: {
    status: 409,
    title: 'The alert is resolved: there is nothing to acknowledge',
  },
});
