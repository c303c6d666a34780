import { defineErrors } from '../../http/errors.js';

export const socialError = defineErrors({
  CANNOT_FOLLOW_SELF: { status: 400, title: 'You cannot follow yourself' },
  CANNOT_BLOCK_SELF: { status: 400, title: 'You cannot block yourself' },
  BLOCKED: { status: 403, title: 'One of you blocked the other' },
  POSTING_RESTRICTED: { status: 403, title: 'Posting is restricted on this account' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  COMMENT_NOT_FOUND: { status: 404, title: 'No such comment' },
  REPLY_DEPTH: { status: 400, title: 'Replies go to top-level comments only' },
  UNKNOWN_TOPIC: { status: 422, title: 'No topic with this tag' },
  BOARD_NOT_FOUND: { status: 404, title: 'No such board' },
  BOARD_LIMIT: { status: 409, title: 'You have as many boards as an account may have' },
  BOARD_NAME_TAKEN: { status: 409, title: 'You already have a board with this name' },
});
