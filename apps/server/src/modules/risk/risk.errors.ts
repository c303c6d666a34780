import { defineErrors } from '../../http/errors.js';

export const riskError = defineErrors({
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  TRUST_LIMIT: { status: 429, title: 'A limit of new accounts applies' },
});
