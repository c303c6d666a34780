import type { KillSwitch, StaffMe, Switches, SwitchName } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorMessage, Loading } from '../components/common.js';
import { platformStatusKey } from '../components/status-banner.js';
import { api } from '../lib/api.js';
import { regionName } from '../lib/regions.js';
import type { StaffMessageKey } from './i18n/en.js';
import { can, useST } from './use-staff.js';

/** The switches of the whole platform, in the order an incident reaches for them. */
const PLATFORM: Exclude<SwitchName, 'policy_rule'>[] = [
  'posting',
  'signups',
  'uploads',
  'translation',
  'discover_frozen',
];
const switchesKey = ['staff', 'switches'] as const;

/**
 * Kill switches (docs/operations.md): every staff role sees which are on; administrators flip
 * them, each with an optional reason that goes to the audit log with the change.
 */
export function SwitchesScreen({ member }: { member: StaffMe }) {
  const { st } = useST();
  const queryClient = useQueryClient();
  const maySwitch = can(member, 'switches.flip');
  const [reason, setReason] = useState('');
  const switches = useQuery({
    queryKey: switchesKey,
    queryFn: () => api.staff.switches(),
    refetchInterval: 15_000,
  });
  const flip = useMutation({
    mutationFn: (input: { name: SwitchName; on: boolean; target?: string }) =>
      api.staff.setSwitch(input.name, {
        on: input.on,
        ...(input.target ? { target: input.target } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(switchesKey, next);
      void queryClient.invalidateQueries({ queryKey: platformStatusKey });
      setReason('');
    },
  });
  if (switches.isPending) return <Loading />;
  if (switches.isError) {
    return <ErrorMessage error={switches.error} onRetry={() => void switches.refetch()} />;
  }
  const data = switches.data;
  const whole = (name: SwitchName) => data.on.find((item) => item.name === name && !item.target);
  return (
    <div className="switches">
      <h1>{st('staff.switches.title')}</h1>
      <p className="muted">{st('staff.switches.intro')}</p>
      {maySwitch ? (
        <label className="switch-reason">
          {st('staff.switches.reason')}
          <input
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
      ) : (
        <p className="muted small">{st('staff.switches.readOnly')}</p>
      )}
      {flip.isError ? <ErrorMessage error={flip.error} /> : null}
      <ul className="switch-list">
        {PLATFORM.map((name) => {
          const on = whole(name);
          const label = st(`staff.switches.name.${name}` as StaffMessageKey);
          return (
            <li
              key={name}
              className={`staff-panel switch${on ? ' switch-on' : ''}`}
              data-switch={name}
            >
              <h2>{label}</h2>
              <p className="small">{st(`staff.switches.help.${name}` as StaffMessageKey)}</p>
              <p>
                <strong className="switch-state">
                  {on ? st('staff.switches.state.on') : st('staff.switches.state.off')}
                </strong>
              </p>
              {on ? <SwitchDetails item={on} /> : null}
              {maySwitch ? (
                <button
                  type="button"
                  className={`button small${on ? ' secondary' : ''}`}
                  disabled={flip.isPending}
                  onClick={() => flip.mutate({ name, on: !on })}
                >
                  {st(on ? 'staff.switches.turnOff' : 'staff.switches.turnOn', { name: label })}
                </button>
              ) : null}
              {name === 'signups' ? (
                <Countries
                  items={data.on.filter((item) => item.name === 'signups' && item.target)}
                  maySwitch={maySwitch}
                  pending={flip.isPending}
                  onFlip={(target, next) => flip.mutate({ name: 'signups', on: next, target })}
                />
              ) : null}
            </li>
          );
        })}
        <li className="staff-panel switch" data-switch="policy_rule">
          <Rules
            data={data}
            maySwitch={maySwitch}
            pending={flip.isPending}
            onFlip={(target, next) => flip.mutate({ name: 'policy_rule', on: next, target })}
          />
        </li>
      </ul>
    </div>
  );
}

function SwitchDetails({ item }: { item: KillSwitch }) {
  const { st, time } = useST();
  return (
    <>
      <p className="small">
        {st('staff.switches.since', {
          date: time(item.since),
          by: item.by ? `@${item.by.handle}` : st('staff.switches.byCli'),
        })}
      </p>
      {item.reason ? (
        <p className="small">{st('staff.switches.reasonShown', { reason: item.reason })}</p>
      ) : null}
    </>
  );
}

function Countries(props: {
  items: KillSwitch[];
  maySwitch: boolean;
  pending: boolean;
  onFlip: (country: string, on: boolean) => void;
}) {
  const { st, locale } = useST();
  const [country, setCountry] = useState('');
  const code = country.trim().toUpperCase();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^[A-Z]{2}$/.test(code)) return;
    props.onFlip(code, true);
    setCountry('');
  };
  return (
    <>
      <h3>{st('staff.switches.countries')}</h3>
      {props.items.length === 0 ? (
        <p className="small">{st('staff.switches.noCountries')}</p>
      ) : (
        <ul className="switch-targets">
          {props.items.map((item) => (
            <li key={item.target}>
              {regionName(item.target!, locale)} ({item.target}) <SwitchDetails item={item} />
              {props.maySwitch ? (
                <button
                  type="button"
                  className="button secondary small"
                  disabled={props.pending}
                  onClick={() => props.onFlip(item.target!, false)}
                >
                  {st('staff.switches.resumeCountry', { country: item.target! })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.maySwitch ? (
        <form className="switch-form" onSubmit={submit}>
          <label>
            {st('staff.switches.country')}{' '}
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
            disabled={props.pending || !/^[A-Z]{2}$/.test(code)}
          >
            {st('staff.switches.pauseCountry')}
          </button>
        </form>
      ) : null}
    </>
  );
}

function Rules(props: {
  data: Switches;
  maySwitch: boolean;
  pending: boolean;
  onFlip: (rule: string, on: boolean) => void;
}) {
  const { st } = useST();
  const disabled = props.data.on.filter((item) => item.name === 'policy_rule');
  const available = props.data.rules.filter(
    (rule) => !disabled.some((item) => item.target === rule),
  );
  const [rule, setRule] = useState('');
  const chosen = available.includes(rule) ? rule : (available[0] ?? '');
  return (
    <>
      <h2>{st('staff.switches.name.policy_rule')}</h2>
      <p className="small">{st('staff.switches.help.policy_rule')}</p>
      {disabled.length === 0 ? (
        <p className="small">{st('staff.switches.noRules')}</p>
      ) : (
        <ul className="switch-targets">
          {disabled.map((item) => (
            <li key={item.target}>
              <code>{item.target}</code> <SwitchDetails item={item} />
              {props.maySwitch ? (
                <button
                  type="button"
                  className="button secondary small"
                  disabled={props.pending}
                  onClick={() => props.onFlip(item.target!, false)}
                >
                  {st('staff.switches.enableRule', { rule: item.target! })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.maySwitch && available.length > 0 ? (
        <form
          className="switch-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) props.onFlip(chosen, true);
          }}
        >
          <label>
            {st('staff.switches.rule')}{' '}
            <select value={chosen} onChange={(event) => setRule(event.target.value)}>
              {available.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" className="button small" disabled={props.pending}>
            {st('staff.switches.disableRule')}
          </button>
        </form>
      ) : null}
    </>
  );
}
