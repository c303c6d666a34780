import { defineErrors } from '../../http/errors.js';

export const socialError = defineErrors({
  CANNOT_FOLLOW_SELF: { status: 400, title: 'You cannot follow yourself' },
  NOT_FOUND: { status: 404, title: 'Not found' },
});
