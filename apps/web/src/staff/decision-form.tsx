import {
  accountActions,
  type CaseDecisionBody,
  type CaseDetail,
  contentDecisions,
  type StaffMe,
} from '@atrium/sdk';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../components/common.js';
import { api } from '../lib/api.js';
import { CountryPicker } from './country-picker.js';
import type { StaffMessageKey } from './i18n/en.js';
import { can, useST } from './use-staff.js';

type Decision = CaseDecisionBody['decision'];
type AccountAction = (typeof accountActions)[number];

/** Reason codes moderators pick most; anything matching the pattern can be typed instead. */
export const reasonCodes = [
  'no_violation',
  'policy.spam',
  'policy.scam',
  'policy.harassment',
  'policy.hate',
  'policy.sexual_content',
  'policy.sexual_services',
  'policy.violence',
  'policy.drugs',
  'policy.misinformation',
  'policy.impersonation',
  'policy.child_safety',
  'legal.local_law',
  'legal.court_order',
] as const;
const REASON_CODE = /^[a-z][a-z0-9_.]{1,63}$/;
const OTHER = 'other';

export function DecisionForm({
  kase,
  member,
  onDecided,
}: {
  kase: CaseDetail;
  member: StaffMe;
  onDecided: (resolved: CaseDetail) => void;
}) {
  const { st } = useST();
  const id = useId();
  // An account is judged by account actions; its "content" can only be approved.
  const decisions: readonly Decision[] =
    kase.targetType === 'account' ? ['approve'] : contentDecisions;
  const [decision, setDecision] = useState<Decision | null>(
    kase.targetType === 'account' ? 'approve' : null,
  );
  const [label, setLabel] = useState('');
  const [regions, setRegions] = useState<string[]>([]);
  const [accountAction, setAccountAction] = useState<AccountAction | ''>('');
  const [days, setDays] = useState('7');
  const [reasonChoice, setReasonChoice] = useState('');
  const [reasonOther, setReasonOther] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: (body: CaseDecisionBody) => api.moderation.decide(kase.id, body),
    onSuccess: onDecided,
  });

  const reasonCode = reasonChoice === OTHER ? reasonOther.trim() : reasonChoice;
  const needsDays = accountAction === 'restrict' || accountAction === 'suspend';
  const dayCount = Number(days);
  const problems = {
    decision: !decision,
    label: decision === 'label' && !label.trim(),
    regions: decision === 'withhold' && regions.length === 0,
    days: needsDays && !(Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= 3650),
    reason: !REASON_CODE.test(reasonCode),
  };
  const valid = !Object.values(problems).some(Boolean);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!valid || !decision) return;
    decide.mutate({
      decision,
      reasonCode,
      ...(decision === 'label' ? { label: label.trim() } : {}),
      ...(decision === 'withhold' ? { regions } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(accountAction
        ? { accountAction: { type: accountAction, ...(needsDays ? { days: dayCount } : {}) } }
        : {}),
    });
  };
  const show = (problem: boolean) => tried && problem;

  return (
    <section className="staff-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{st('staff.decision.title')}</h2>
      <form className="form decision-form" onSubmit={submit} noValidate>
        <fieldset className="choices" aria-invalid={show(problems.decision) || undefined}>
          <legend>{st('staff.decision.content')}</legend>
          {decisions.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="decision"
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
              />
              <span>
                {st(`staff.decision.${value}` as StaffMessageKey)}
                <small className="muted">
                  {' '}
                  — {st(`staff.decision.${value}.hint` as StaffMessageKey)}
                </small>
              </span>
            </label>
          ))}
        </fieldset>
        {show(problems.decision) ? (
          <p className="field-error">{st('staff.decision.pickOne')}</p>
        ) : null}
        {decision === 'label' ? (
          <div className="field">
            <label htmlFor={`${id}-label`}>{st('staff.decision.labelText')}</label>
            <input
              id={`${id}-label`}
              value={label}
              maxLength={80}
              required
              aria-invalid={show(problems.label) || undefined}
              placeholder={st('staff.decision.labelPlaceholder')}
              onChange={(event) => setLabel(event.target.value)}
            />
          </div>
        ) : null}
        {decision === 'withhold' ? (
          <>
            <CountryPicker
              value={regions}
              onChange={setRegions}
              legend={st('staff.decision.regions')}
              invalid={show(problems.regions)}
            />
            {show(problems.regions) ? (
              <p className="field-error">{st('staff.decision.regionsRequired')}</p>
            ) : null}
          </>
        ) : null}
        {can(member, 'accounts.act') ? (
          <div className="field">
            <label htmlFor={`${id}-account`}>{st('staff.decision.account')}</label>
            <select
              id={`${id}-account`}
              value={accountAction}
              onChange={(event) => setAccountAction(event.target.value as AccountAction | '')}
            >
              <option value="">{st('staff.decision.account.none')}</option>
              {accountActions.map((value) => (
                <option key={value} value={value}>
                  {st(`staff.decision.account.${value}` as StaffMessageKey)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {needsDays ? (
          <div className="field">
            <label htmlFor={`${id}-days`}>{st('staff.decision.days')}</label>
            <input
              id={`${id}-days`}
              type="number"
              min={1}
              max={3650}
              value={days}
              aria-invalid={show(problems.days) || undefined}
              onChange={(event) => setDays(event.target.value)}
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{st('staff.decision.reason')}</label>
          <select
            id={`${id}-reason`}
            value={reasonChoice}
            required
            aria-invalid={(show(problems.reason) && reasonChoice !== OTHER) || undefined}
            onChange={(event) => setReasonChoice(event.target.value)}
          >
            <option value="">{st('staff.decision.reasonPick')}</option>
            {reasonCodes.map((code) => (
              <option key={code} value={code}>
                {st(`staff.reasonCode.${code}` as StaffMessageKey)} ({code})
              </option>
            ))}
            <option value={OTHER}>{st('staff.decision.reasonOther')}</option>
          </select>
        </div>
        {reasonChoice === OTHER ? (
          <div className="field">
            <label htmlFor={`${id}-reason-other`}>{st('staff.decision.reasonCode')}</label>
            <input
              id={`${id}-reason-other`}
              value={reasonOther}
              pattern="[a-z][a-z0-9_.]{1,63}"
              aria-invalid={show(problems.reason) || undefined}
              aria-describedby={`${id}-reason-hint`}
              onChange={(event) => setReasonOther(event.target.value)}
            />
            <small id={`${id}-reason-hint`}>{st('staff.decision.reasonHint')}</small>
          </div>
        ) : null}
        {show(problems.reason) ? (
          <p className="field-error">{st('staff.decision.reasonRequired')}</p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-note`}>{st('staff.decision.note')}</label>
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        {decide.isError ? <ErrorMessage error={decide.error} /> : null}
        <button type="submit" className="button" disabled={decide.isPending}>
          {decide.isPending ? st('staff.decision.submitting') : st('staff.decision.submit')}
        </button>
      </form>
    </section>
  );
}
