import { defineErrors } from '../../http/errors.js';

export const switchError = defineErrors({
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  READ_ONLY: {
    status: 503,
    title: 'Atrium is read-only for now: you can read, but not post, comment, like or follow',
  },
  UPLOADS_PAUSED: { status: 503, title: 'Image uploads are paused for now' },
});
