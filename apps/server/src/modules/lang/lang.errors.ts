import { defineErrors } from '../../http/errors.js';

export const langError = defineErrors({
  NOT_FOUND: { status: 404, title: 'Not found' },
  COMMENT_NOT_FOUND: { status: 404, title: 'No such comment' },
  SAME_LANGUAGE: { status: 422, title: 'The text is already in that language' },
  READING_UNAVAILABLE: { status: 422, title: 'No reading aid covers this language pair' },
  TRANSLATION_UNAVAILABLE: {
    status: 503,
    title: 'No translation engine can translate this right now',
  },
});
