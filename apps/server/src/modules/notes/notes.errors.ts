import { defineErrors } from '../../http/errors.js';

export const notesError = defineErrors({
  NOT_FOUND: { status: 404, title: 'Not found' },
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  POSTING_RESTRICTED: { status: 403, title: 'Posting is restricted on this account' },
  WITHHELD_IN_REGION: { status: 451, title: 'Unavailable in your region' },
  NOTE_EMPTY: { status: 400, title: 'A note needs a text or at least one image' },
  MEDIA_NOT_FOUND: { status: 400, title: 'An image is unknown or not yours' },
});
