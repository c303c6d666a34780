import { type CreateReportBody, reportReasons } from '@atrium/sdk';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/provider.js';
import { api, errorCode } from '../lib/api.js';
import { ErrorMessage } from './common.js';
import { Dialog } from './dialog.js';

type ReportReason = CreateReportBody['reason'];

/** The report dialog: a reason (required), optional details, then the answer in place. */
export function ReportDialog({
  open,
  onClose,
  targetType,
  targetId,
  title,
}: {
  open: boolean;
  onClose: () => void;
  targetType: CreateReportBody['targetType'];
  targetId: string;
  title: string;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <ReportForm targetType={targetType} targetId={targetId} onClose={onClose} />
    </Dialog>
  );
}

function ReportForm({
  targetType,
  targetId,
  onClose,
}: {
  targetType: CreateReportBody['targetType'];
  targetId: string;
  onClose: () => void;
}) {
  const { t } = useT();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [details, setDetails] = useState('');
  const detailsId = useId();
  const send = useMutation({
    mutationFn: () =>
      api.reports.create({
        targetType,
        targetId,
        reason: reason!,
        ...(details.trim() ? { details: details.trim() } : {}),
      }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason) send.mutate();
  };
  // A second report of the same thing is not a failure for the reporter: it is already known.
  const already = send.isError && errorCode(send.error) === 'ALREADY_REPORTED';
  if (send.isSuccess || already) {
    return (
      <div className="dialog-body">
        <p role="status" className="success">
          {already ? t('error.ALREADY_REPORTED') : t('report.sent')}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="dialog-body form" onSubmit={submit}>
      <fieldset className="choices">
        <legend>{t('report.reasons')}</legend>
        {reportReasons.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="reason"
              value={value}
              required
              checked={reason === value}
              onChange={() => setReason(value)}
            />
            <span>{t(`report.reason.${value}` as MessageKey)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={detailsId}>{t('report.details')}</label>
        <textarea
          id={detailsId}
          rows={3}
          maxLength={1000}
          value={details}
          aria-describedby={`${detailsId}-hint`}
          onChange={(event) => setDetails(event.target.value)}
        />
        <small id={`${detailsId}-hint`}>{t('report.detailsHint')}</small>
      </div>
      {send.isError ? <ErrorMessage error={send.error} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button" disabled={!reason || send.isPending}>
          {t('report.submit')}
        </button>
      </div>
    </form>
  );
}
