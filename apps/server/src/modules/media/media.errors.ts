import { defineErrors } from '../../http/errors.js';

export const mediaError = defineErrors({
  UNSUPPORTED_MEDIA: { status: 400, title: 'Upload a JPEG, PNG, WebP or GIF image' },
  TOO_LARGE: { status: 413, title: 'The image is too large' },
  MEDIA_NOT_FOUND: { status: 400, title: 'An image is unknown or not yours' },
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  WITHHELD_IN_REGION: { status: 451, title: 'Unavailable in your region' },
  // video notes (docs/media.md, "Video notes")
  VIDEO_TOO_LARGE: {
    status: 413,
    title: 'The video is too large (bytes, picture size or number of frames)',
  },
  VIDEO_TOO_LONG: { status: 413, title: 'The video is too long' },
  VIDEO_UNREADABLE: { status: 400, title: 'The video cannot be read: it is damaged or incomplete' },
  VIDEO_PROCESSING_TIMEOUT: { status: 422, title: 'The video took too long to process' },
  VIDEO_UNAVAILABLE: { status: 503, title: 'This server cannot process videos' },
  HASH_LIST_INVALID: { status: 400, title: 'The hash list is not valid' },
  HASH_LIST_NAME_INVALID: { status: 400, title: 'The hash list name is not valid' },
});
