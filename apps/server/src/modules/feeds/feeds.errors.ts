import { defineErrors } from '../../http/errors.js';

export const feedsError = defineErrors({
  NOT_FOUND: { status: 404, title: 'Not found' },
  LIKES_PRIVATE: { status: 403, title: 'Only the account itself sees the notes it liked' },
});
