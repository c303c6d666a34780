import { type StaffMe, type StaffMember, type StaffRole, staffRoles } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import { ErrorMessage, Loading } from '../components/common.js';
import { Dialog } from '../components/dialog.js';
import { api } from '../lib/api.js';
import { parseList, useST } from './use-staff.js';

const membersKey = ['staff', 'members'];

function RoleSelect({
  value,
  onChange,
  id,
}: {
  value: StaffRole;
  onChange: (role: StaffRole) => void;
  id: string;
}) {
  const { st } = useST();
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as StaffRole)}>
      {staffRoles.map((role) => (
        <option key={role} value={role}>
          {st(`staff.role.${role}`)}
        </option>
      ))}
    </select>
  );
}

function AddMember() {
  const { st } = useST();
  const id = useId();
  const queryClient = useQueryClient();
  const [handle, setHandle] = useState('');
  const [role, setRole] = useState<StaffRole>('moderator');
  const [languages, setLanguages] = useState('');
  const [regions, setRegions] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api.staff.add({
        handle: handle.trim().replace(/^@/, ''),
        role,
        languages: parseList(languages),
        regions: parseList(regions).map((region) => region.toUpperCase()),
      }),
    onSuccess: async () => {
      setHandle('');
      setLanguages('');
      setRegions('');
      await queryClient.invalidateQueries({ queryKey: membersKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (handle.trim()) add.mutate();
  };
  return (
    <section className="staff-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{st('staff.members.add')}</h2>
      <form className="inline-fields wrap" onSubmit={submit}>
        <label className="field">
          <span>{st('staff.members.handle')}</span>
          <input
            value={handle}
            required
            maxLength={60}
            onChange={(event) => setHandle(event.target.value)}
          />
        </label>
        <div className="field">
          <label htmlFor={`${id}-role`}>{st('staff.members.role')}</label>
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
        </div>
        <label className="field">
          <span>{st('staff.members.languages')}</span>
          <input
            value={languages}
            placeholder="en, zh"
            onChange={(event) => setLanguages(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{st('staff.members.regions')}</span>
          <input
            value={regions}
            placeholder="US, CN"
            onChange={(event) => setRegions(event.target.value)}
          />
        </label>
        <div className="staff-filter-actions">
          <button type="submit" className="button small" disabled={add.isPending}>
            {st('staff.members.addSubmit')}
          </button>
        </div>
      </form>
      <p className="muted small">{st('staff.members.scopeHint')}</p>
      {add.isError ? <ErrorMessage error={add.error} /> : null}
      {add.isSuccess ? (
        <p className="success" role="status">
          {st('staff.members.added', { handle: add.data.handle })}
        </p>
      ) : null}
    </section>
  );
}

function MemberRow({ member, self }: { member: StaffMember; self: boolean }) {
  const { st, time } = useST();
  const id = useId();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [role, setRole] = useState<StaffRole>(member.role);
  const [languages, setLanguages] = useState(member.languages.join(', '));
  const [regions, setRegions] = useState(member.regions.join(', '));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['staff'] });
  const update = useMutation({
    mutationFn: () =>
      api.staff.update(member.handle, {
        role,
        languages: parseList(languages),
        regions: parseList(regions).map((region) => region.toUpperCase()),
      }),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.staff.remove(member.handle),
    onSuccess: refresh,
  });
  const all = st('staff.members.all');
  return (
    <tr>
      <td>
        <Link href={`~/u/${member.handle}`}>@{member.handle}</Link>
        {self ? <span className="muted"> ({st('staff.members.you')})</span> : null}
        <div className="muted small">{member.displayName}</div>
      </td>
      {editing ? (
        <>
          <td>
            <label className="visually-hidden" htmlFor={`${id}-role`}>
              {st('staff.members.role')}
            </label>
            <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
          </td>
          <td>
            <input
              aria-label={st('staff.members.languages')}
              value={languages}
              onChange={(event) => setLanguages(event.target.value)}
            />
          </td>
          <td>
            <input
              aria-label={st('staff.members.regions')}
              value={regions}
              onChange={(event) => setRegions(event.target.value)}
            />
          </td>
        </>
      ) : (
        <>
          <td>{st(`staff.role.${member.role}`)}</td>
          <td>{member.languages.join(', ') || all}</td>
          <td>{member.regions.join(', ') || all}</td>
        </>
      )}
      <td>
        <time dateTime={member.createdAt}>{time(member.createdAt)}</time>
        <div className="muted small">
          {member.createdBy ? `@${member.createdBy.handle}` : st('staff.policy.system')}
        </div>
      </td>
      <td className="row-actions">
        {editing ? (
          <>
            <button
              type="button"
              className="button small"
              disabled={update.isPending}
              onClick={() => update.mutate()}
            >
              {st('staff.members.save')}
            </button>
            <button
              type="button"
              className="button secondary small"
              onClick={() => setEditing(false)}
            >
              {st('staff.policy.cancel')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button secondary small"
              aria-label={st('staff.members.editOne', { handle: member.handle })}
              onClick={() => setEditing(true)}
            >
              {st('staff.members.edit')}
            </button>
            <button
              type="button"
              className="button secondary small"
              aria-label={st('staff.members.removeOne', { handle: member.handle })}
              onClick={() => setRemoving(true)}
            >
              {st('staff.members.remove')}
            </button>
          </>
        )}
        {update.isError ? <ErrorMessage error={update.error} /> : null}
        {remove.isError ? <ErrorMessage error={remove.error} /> : null}
        <Dialog
          open={removing}
          onClose={() => setRemoving(false)}
          title={st('staff.members.removeTitle', { handle: member.handle })}
        >
          <div className="dialog-body">
            <p>{st('staff.members.removeBody')}</p>
            <div className="dialog-actions">
              <button type="button" className="button secondary" onClick={() => setRemoving(false)}>
                {st('staff.policy.cancel')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setRemoving(false);
                  remove.mutate();
                }}
              >
                {st('staff.members.remove')}
              </button>
            </div>
          </div>
        </Dialog>
      </td>
    </tr>
  );
}

export function MembersScreen({ member }: { member: StaffMe }) {
  const { st } = useST();
  const members = useQuery({
    queryKey: membersKey,
    queryFn: () => api.staff.members({ limit: 100 }),
  });
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{st('staff.members.title')}</h1>
      <AddMember />
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorMessage error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <div
          className="table-scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, and the keyboard must reach it
          tabIndex={0}
        >
          <table className="staff-table">
            <caption className="visually-hidden">{st('staff.members.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{st('staff.members.handle')}</th>
                <th scope="col">{st('staff.members.role')}</th>
                <th scope="col">{st('staff.members.languages')}</th>
                <th scope="col">{st('staff.members.regions')}</th>
                <th scope="col">{st('staff.members.since')}</th>
                <th scope="col">{st('staff.members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {members.data.items.map((item) => (
                <MemberRow
                  key={item.accountId}
                  member={item}
                  self={item.accountId === member.accountId}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
