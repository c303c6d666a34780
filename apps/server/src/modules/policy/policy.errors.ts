import { defineErrors } from '../../http/errors.js';

export const policyError = defineErrors({
  NOT_FOUND: { status: 404, title: 'Not found' },
  POLICY_INVALID: { status: 400, title: 'The policy is not valid' },
  POLICY_VERSION_EXISTS: { status: 409, title: 'This policy version exists already' },
  LEXICON_CHANGE_REFUSED: {
    status: 422,
    title: 'Only narrowing lexicon changes can be made from a case',
  },
});
