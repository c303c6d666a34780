import { defineErrors } from '../../http/errors.js';

export const mediaError = defineErrors({
  UNSUPPORTED_MEDIA: { status: 400, title: 'Upload a JPEG, PNG, WebP or GIF image' },
  TOO_LARGE: { status: 413, title: 'The image is too large' },
  MEDIA_NOT_FOUND: { status: 400, title: 'An image is unknown or not yours' },
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  WITHHELD_IN_REGION: { status: 451, title: 'Unavailable in your region' },
});
