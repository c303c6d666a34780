import type { RiskDecision, RiskOverview, StaffMe, SurgeMode, SurgeState } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorMessage, Loading } from '../components/common.js';
import { api } from '../lib/api.js';
import { regionName } from '../lib/regions.js';
import type { StaffMessageKey } from './i18n/en.js';
import { StackedMinutes } from './risk-charts.js';
import { can, useST } from './use-staff.js';

const DECISIONS: RiskDecision[] = ['allow', 'challenge', 'review', 'deny'];
const DECISION_COLORS: Record<string, string> = {
  allow: '#2f7d4f',
  challenge: '#c28a00',
  review: '#b4532a',
  deny: '#a3262a',
};
const MODES: SurgeMode[] = ['auto', 'on', 'off'];
const WINDOWS = [30, 60, 180, 1440];
export const surgeStateKey = ['staff', 'risk', 'surge'] as const;

/** The surge state every staff page shows as a banner while it is on (refreshed every 30 s). */
export function useSurgeState(enabled: boolean) {
  return useQuery({
    queryKey: surgeStateKey,
    queryFn: () => api.staff.surgeState(),
    enabled,
    refetchInterval: 30_000,
  });
}

export function SurgeBanner({ member }: { member: StaffMe }) {
  const { st } = useST();
  const surge = useSurgeState(can(member, 'cases.read'));
  if (!surge.data?.active) return null;
  return (
    <p className="surge-banner" role="status">
      {st('staff.banner.surge')}
    </p>
  );
}

export function RiskScreen({ member }: { member: StaffMe }) {
  const { st, locale } = useST();
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState(60);
  const overviewKey = ['staff', 'risk', 'overview', minutes];
  const overview = useQuery({
    queryKey: overviewKey,
    queryFn: () => api.staff.riskOverview({ minutes }),
    refetchInterval: 30_000,
  });
  if (overview.isPending) return <Loading />;
  if (overview.isError) {
    return <ErrorMessage error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  const countries = [...new Set(data.byCountry.map((row) => row.country ?? '??'))];
  const countryLabel = (code: string) =>
    code === 'other'
      ? st('staff.risk.country.other')
      : code === '??'
        ? st('staff.risk.country.unknown')
        : regionName(code, locale);
  const tooltip = (name: string, count: number, at: string) =>
    st('staff.risk.bar', { name, count, date: new Date(at).toLocaleTimeString(locale) });
  const decisionLabel = (decision: string) =>
    st(`staff.risk.decision.${decision}` as StaffMessageKey);
  return (
    <div className="risk">
      <h1>{st('staff.risk.title')}</h1>
      <SurgePanel
        member={member}
        state={data.surge}
        onState={(next) =>
          queryClient.setQueryData<RiskOverview>(
            overviewKey,
            (old) => old && { ...old, surge: next },
          )
        }
      />
      <section className="staff-panel" aria-labelledby="risk-charts">
        <h2 id="risk-charts">{st('staff.risk.signups')}</h2>
        <label className="risk-window">
          {st('staff.risk.window')}{' '}
          <select value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
            {WINDOWS.map((value) => (
              <option key={value} value={value}>
                {st('staff.risk.minutes', { count: value })}
              </option>
            ))}
          </select>
        </label>
        {data.byDecision.length === 0 ? (
          <p className="empty">{st('staff.risk.noData')}</p>
        ) : (
          <>
            <h3>{st('staff.risk.byDecision')}</h3>
            <StackedMinutes
              chart="decisions"
              name={st('staff.risk.byDecision')}
              from={data.from}
              to={data.to}
              points={data.byDecision.map((row) => ({ ...row, series: row.decision }))}
              series={DECISIONS}
              colors={DECISION_COLORS}
              seriesLabel={decisionLabel}
              label={(key, count, at) => tooltip(decisionLabel(key), count, at)}
            />
            <h3>{st('staff.risk.byCountry')}</h3>
            <StackedMinutes
              chart="countries"
              name={st('staff.risk.byCountry')}
              from={data.from}
              to={data.to}
              points={data.byCountry.map((row) => ({ ...row, series: row.country ?? '??' }))}
              series={countries}
              seriesLabel={countryLabel}
              label={(key, count, at) => tooltip(countryLabel(key), count, at)}
            />
          </>
        )}
      </section>
      <Reasons reasons={data.topReasons} />
    </div>
  );
}

function Reasons({ reasons }: { reasons: RiskOverview['topReasons'] }) {
  const { st } = useST();
  const peak = Math.max(1, ...reasons.map((reason) => reason.count));
  return (
    <section className="staff-panel" aria-labelledby="risk-reasons">
      <h2 id="risk-reasons">{st('staff.risk.reasons')}</h2>
      {reasons.length === 0 ? (
        <p className="empty">{st('staff.risk.noReasons')}</p>
      ) : (
        <table className="risk-reasons">
          <tbody>
            {reasons.map((reason) => (
              <tr key={reason.code}>
                <th scope="row" className="risk-reason">
                  <code>{reason.code}</code>
                </th>
                <td className="risk-reason-bar">
                  <span style={{ width: `${(reason.count / peak) * 100}%` }} />
                </td>
                <td>{reason.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SurgePanel({
  member,
  state,
  onState,
}: {
  member: StaffMe;
  state: SurgeState;
  /** A switch answered with the new state: shown at once, here and in the banner. */
  onState: (next: SurgeState) => void;
}) {
  const { st, locale } = useST();
  const queryClient = useQueryClient();
  const maySwitch = can(member, 'surge.switch');
  const [country, setCountry] = useState('');
  const done = (next: SurgeState) => {
    queryClient.setQueryData(surgeStateKey, next);
    onState(next);
  };
  const mode = useMutation({
    mutationFn: (next: SurgeMode) => api.staff.setSurgeMode(next),
    onSuccess: done,
  });
  const pause = useMutation({
    mutationFn: (code: string) => api.staff.pauseCountry(code),
    onSuccess: (next) => {
      setCountry('');
      done(next);
    },
  });
  const resume = useMutation({
    mutationFn: (code: string) => api.staff.resumeCountry(code),
    onSuccess: done,
  });
  const code = country.trim().toUpperCase();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (/^[A-Z]{2}$/.test(code)) pause.mutate(code);
  };
  const figure = (value: number) => (Math.round(value * 10) / 10).toString();
  return (
    <section
      className={`staff-panel surge-panel${state.active ? ' surge-on' : ''}`}
      aria-labelledby="surge-title"
    >
      <h2 id="surge-title">{st('staff.risk.surge.title')}</h2>
      <p data-surge={state.active ? 'on' : 'off'}>
        <strong>
          {state.active ? st('staff.risk.surge.active') : st('staff.risk.surge.inactive')}
        </strong>
      </p>
      <p className="small">
        {st('staff.risk.surge.figures', {
          rate: figure(state.rate),
          baseline: figure(state.baseline),
          onAt: figure(state.onAt),
          offBelow: figure(state.offBelow),
        })}
      </p>
      {state.active ? (
        <p className="small">{st('staff.risk.surge.factor', { factor: figure(state.factor) })}</p>
      ) : null}
      <fieldset className="surge-modes" disabled={!maySwitch || mode.isPending}>
        <legend>{st('staff.risk.surge.mode')}</legend>
        {MODES.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="surge-mode"
              value={value}
              checked={(mode.isPending ? mode.variables : state.mode) === value}
              onChange={() => mode.mutate(value)}
            />{' '}
            {st(`staff.risk.surge.mode.${value}` as StaffMessageKey)}
          </label>
        ))}
      </fieldset>
      {mode.isError ? <ErrorMessage error={mode.error} /> : null}
      <h3>{st('staff.risk.pauses.title')}</h3>
      <p className="muted small">{st('staff.risk.pauses.hint')}</p>
      {state.pausedCountries.length === 0 ? (
        <p className="small">{st('staff.risk.pauses.none')}</p>
      ) : (
        <ul className="surge-pauses">
          {state.pausedCountries.map((paused) => (
            <li key={paused}>
              {regionName(paused, locale)} ({paused}){' '}
              {maySwitch ? (
                <button
                  type="button"
                  className="button secondary small"
                  disabled={resume.isPending}
                  onClick={() => resume.mutate(paused)}
                >
                  {st('staff.risk.pauses.resume', { country: paused })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {maySwitch ? (
        <form className="surge-pause-form" onSubmit={submit}>
          <label>
            {st('staff.risk.pauses.country')}{' '}
            <input
              value={country}
              onChange={(event) => setCountry(event.target.value)}
              maxLength={2}
              size={3}
              pattern="[A-Za-z]{2}"
              autoCapitalize="characters"
            />
          </label>{' '}
          <button
            type="submit"
            className="button small"
            disabled={pause.isPending || !/^[A-Z]{2}$/.test(code)}
          >
            {st('staff.risk.pauses.pause')}
          </button>
        </form>
      ) : (
        <p className="muted small">{st('staff.risk.surge.readOnly')}</p>
      )}
      {pause.isError ? <ErrorMessage error={pause.error} /> : null}
      {resume.isError ? <ErrorMessage error={resume.error} /> : null}
    </section>
  );
}
