import { defineErrors } from '../../http/errors.js';

export const opsError = defineErrors({
  UNAUTHENTICATED: { status: 401, title: 'A metrics token is required' },
  FORBIDDEN: { status: 403, title: 'You may not read metrics' },
});
