import { defineErrors } from '../../http/errors.js';

export const deletionError = defineErrors({
  // staff give up their role first (an administrator removes it): a staff account's deletion
  // would take its actions' author out of every case and leave the platform short of staff
  STAFF_MUST_STEP_DOWN: {
    status: 409,
    title: 'Staff accounts cannot be deleted: give up the staff role first',
  },
  DELETION_PENDING: { status: 409, title: 'This account is already being deleted' },
  NOT_FOUND: { status: 404, title: 'Not found' },
});
