import type { Alert } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage, Loading } from '../components/common.js';
import { api } from '../lib/api.js';
import type { StaffMessageKey } from './i18n/en.js';
import { useST } from './use-staff.js';

const alertsKey = ['staff', 'alerts'] as const;
/** The server evaluates every second; this poll keeps alert-to-console under five seconds. */
const POLL_MS = 2_000;
const SILENCES = [15, 60, 240, 1_440];

function Runbook({ runbook }: { runbook: string }) {
  const { st } = useST();
  return (
    <span>
      {st('staff.alerts.runbook')}:{' '}
      {/^https?:\/\//.test(runbook) ? (
        <a href={runbook} target="_blank" rel="noreferrer">
          {runbook}
        </a>
      ) : (
        <code>{runbook}</code>
      )}
    </span>
  );
}

function AlertItem({ alert }: { alert: Alert }) {
  const { st, time } = useST();
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState(SILENCES[1]!);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: alertsKey });
  const acknowledge = useMutation({
    mutationFn: () => api.staff.acknowledgeAlert(alert.id),
    onSuccess: refresh,
  });
  const silence = useMutation({
    mutationFn: (value: number) => api.staff.silenceAlert(alert.id, { minutes: value }),
    onSuccess: refresh,
  });
  const firing = alert.state === 'firing';
  const silenced = alert.silencedUntil && Date.parse(alert.silencedUntil) > Date.now();
  return (
    <li
      className={`staff-panel alert alert-${alert.state} alert-${alert.severity}`}
      data-alert={alert.ruleId}
      data-state={alert.state}
    >
      <p>
        <strong>{st(`staff.alerts.state.${alert.state}` as StaffMessageKey)}</strong>
        {' · '}
        {st(`staff.alerts.severity.${alert.severity}` as StaffMessageKey)}
        {' · '}
        <code>{alert.ruleId}</code>
        {alert.subject ? ` · ${st('staff.alerts.subject', { lang: alert.subject })}` : null}
      </p>
      <p>
        {st('staff.alerts.value', {
          name: st(`staff.alerts.figure.${alert.figure}` as StaffMessageKey),
          value: String(alert.value),
          limit: alert.limit,
        })}
      </p>
      <p className="muted small">
        {st('staff.alerts.since', { date: time(alert.startedAt) })}
        {alert.resolvedAt
          ? ` · ${st('staff.alerts.resolvedAt', { date: time(alert.resolvedAt) })}`
          : null}
        {alert.acknowledgedBy
          ? ` · ${st('staff.alerts.acknowledgedBy', { handle: alert.acknowledgedBy.handle })}`
          : null}
        {silenced
          ? ` · ${st('staff.alerts.silencedUntil', { until: time(alert.silencedUntil!) })}`
          : null}
      </p>
      <p className="small">
        <Runbook runbook={alert.runbook} />
      </p>
      {alert.delivery && !alert.delivery.ok ? (
        <p className="small" role="note">
          {st('staff.alerts.deliveryFailed', {
            count: alert.delivery.attempts,
            message: alert.delivery.error ?? '',
          })}
        </p>
      ) : null}
      {acknowledge.isError ? <ErrorMessage error={acknowledge.error} /> : null}
      {silence.isError ? <ErrorMessage error={silence.error} /> : null}
      <div className="alert-actions">
        {firing && !alert.acknowledgedAt ? (
          <button
            type="button"
            disabled={acknowledge.isPending}
            onClick={() => acknowledge.mutate()}
          >
            {st('staff.alerts.acknowledge')}
          </button>
        ) : null}
        {silenced ? (
          <button type="button" disabled={silence.isPending} onClick={() => silence.mutate(0)}>
            {st('staff.alerts.unsilence')}
          </button>
        ) : firing ? (
          <span className="alert-silence">
            <label>
              {st('staff.alerts.silence')}{' '}
              <select value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
                {SILENCES.map((value) => (
                  <option key={value} value={value}>
                    {st('staff.alerts.silenceFor', { minutes: value })}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button
              type="button"
              disabled={silence.isPending}
              onClick={() => silence.mutate(minutes)}
            >
              {st('staff.alerts.silence')}
            </button>
          </span>
        ) : null}
      </div>
    </li>
  );
}

/**
 * The alerts on the dashboard (docs/operations.md, "Alerts"): firing first, then recently
 * resolved; acknowledging and silencing are audited.
 */
export function AlertsPanel() {
  const { st, time } = useST();
  const alerts = useQuery({
    queryKey: alertsKey,
    queryFn: () => api.staff.alerts(),
    refetchInterval: POLL_MS,
  });
  if (alerts.isPending) return <Loading />;
  if (alerts.isError) {
    return <ErrorMessage error={alerts.error} onRetry={() => void alerts.refetch()} />;
  }
  const { alerts: list, evaluatedAt } = alerts.data;
  const firing = list.some((alert) => alert.state === 'firing');
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{st('staff.alerts.title')}</h2>
      <p className="muted small">
        {evaluatedAt
          ? st('staff.alerts.evaluated', { date: time(evaluatedAt) })
          : st('staff.alerts.notEvaluated')}
      </p>
      {!firing ? <p className="empty">{st('staff.alerts.none')}</p> : null}
      {list.length > 0 ? (
        <ul className="alert-list" aria-live="polite">
          {list.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
