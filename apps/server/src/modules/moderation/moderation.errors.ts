import { defineErrors } from '../../http/errors.js';

export const moderationError = defineErrors({
  NOT_FOUND: { status: 404, title: 'Not found' },
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  CONTENT_REJECTED: {
    status: 422,
    title: 'This content breaks the community rules and was not posted',
  },
  ALREADY_REPORTED: { status: 409, title: 'You already reported this' },
  CANNOT_REPORT_SELF: { status: 400, title: 'You cannot report your own content' },
  APPEAL_NOT_ALLOWED: { status: 400, title: 'This decision cannot be appealed' },
  ALREADY_APPEALED: { status: 409, title: 'This decision is already under appeal' },
  CASE_CLAIMED: { status: 409, title: 'Another moderator is working on this case' },
  CASE_RESOLVED: { status: 409, title: 'This case is already resolved' },
  CASE_NOT_CLAIMED: { status: 409, title: 'Claim the case before acting on it' },
  SELF_REVIEW: { status: 403, title: 'Another moderator must review this case' },
  APPEAL_CANNOT_WORSEN: {
    status: 422,
    title: 'An appeal cannot end worse than the decision appealed: open a new case',
  },
  FALSE_POSITIVE_INELIGIBLE: {
    status: 409,
    title: 'Only an automated case a moderator overturned can tune the lexicon',
  },
  LEXICON_CHANGE_REFUSED: {
    status: 422,
    title: 'Only narrowing lexicon changes can be made from a case',
  },
  NOT_SANCTIONED: { status: 409, title: 'This account is neither suspended nor banned' },
});
