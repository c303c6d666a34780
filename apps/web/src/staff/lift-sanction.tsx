import type { CaseDetail, StaffMe } from '@atrium/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../components/common.js';
import { api } from '../lib/api.js';
import type { StaffMessageKey } from './i18n/en.js';
import { can, useST } from './use-staff.js';

/** Why an administrator lifts a sanction; each is a reason code the statement shows. */
const LIFT_REASONS = ['appeal.granted', 'error.corrected', 'account.recovered'] as const;

/** Whether the case's subject is suspended (until a future date) or banned right now. */
export function sanctionInForce(kase: CaseDetail, now = Date.now()): boolean {
  const { sanctions } = kase.history;
  return (
    sanctions.banned || (!!sanctions.suspendedUntil && Date.parse(sanctions.suspendedUntil) > now)
  );
}

/**
 * Lifting the subject's suspension or ban, for administrators (`accounts.lift`): a reason, an
 * optional note for the audit log, one button. The server refuses anyone else, and staff
 * lifting their own sanction.
 */
export function LiftSanction({ kase, member }: { kase: CaseDetail; member: StaffMe }) {
  const { st } = useST();
  const id = useId();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<(typeof LIFT_REASONS)[number]>('appeal.granted');
  const [note, setNote] = useState('');
  const lift = useMutation({
    mutationFn: () =>
      api.moderation.liftSanction(kase.subject.handle, {
        reasonCode: reason,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['staff', 'case', kase.id] }),
  });
  if (!can(member, 'accounts.lift')) return null;
  if (lift.isSuccess) {
    return (
      <p className="success" role="status">
        {st('staff.lift.done')}
      </p>
    );
  }
  if (!sanctionInForce(kase) || kase.subject.handle === member.handle) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    lift.mutate();
  };
  return (
    <form className="form lift-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{st('staff.lift.title')}</h3>
      <p className="muted small">{st('staff.lift.intro')}</p>
      <label className="field">
        <span>{st('staff.lift.reason')}</span>
        <select
          value={reason}
          onChange={(event) => setReason(event.target.value as (typeof LIFT_REASONS)[number])}
        >
          {LIFT_REASONS.map((code) => (
            <option key={code} value={code}>
              {st(`staff.lift.reason.${code}` as StaffMessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{st('staff.lift.note')}</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      {lift.isError ? <ErrorMessage error={lift.error} /> : null}
      <button type="submit" className="button small" disabled={lift.isPending}>
        {st('staff.lift.submit')}
      </button>
    </form>
  );
}
