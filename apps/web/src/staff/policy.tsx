import type { PolicyPreview, PolicyVersion, StaffMe } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { ErrorMessage, Loading } from '../components/common.js';
import { api } from '../lib/api.js';
import { fieldProblems } from '../lib/problem.js';
import { regionName } from '../lib/regions.js';
import { documentText, namedVersion, publishedDocument, withVersion } from './policy-document.js';
import { can, useST } from './use-staff.js';

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Parsed = { ok: true; document: unknown } | { ok: false; message: string };

function parse(text: string): Parsed {
  try {
    return { ok: true, document: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function Versions() {
  const { st, time } = useST();
  const versions = useQuery({
    queryKey: ['staff', 'policy', 'versions'],
    queryFn: () => api.staff.policyVersions({ limit: 50 }),
  });
  if (versions.isPending) return <Loading />;
  if (versions.isError) return <ErrorMessage error={versions.error} />;
  return (
    <div
      className="table-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, and the keyboard must reach it
      tabIndex={0}
    >
      <table className="staff-table compact">
        <caption>{st('staff.policy.versions')}</caption>
        <thead>
          <tr>
            <th scope="col">{st('staff.policy.version')}</th>
            <th scope="col">{st('staff.policy.published')}</th>
            <th scope="col">{st('staff.policy.by')}</th>
            <th scope="col">{st('staff.policy.note')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.data.items.map((version) => (
            <tr key={version.version}>
              <td>
                <code>{version.version}</code>
                {version.active ? <strong> · {st('staff.policy.active')}</strong> : null}
              </td>
              <td>
                <time dateTime={version.createdAt}>{time(version.createdAt)}</time>
              </td>
              <td>
                {version.createdBy ? `@${version.createdBy.handle}` : st('staff.policy.system')}
              </td>
              <td>{version.note ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PreviewResult({ preview }: { preview: PolicyPreview }) {
  const { st, locale } = useST();
  const heading = useRef<HTMLHeadingElement>(null);
  // A new preview lands below the editor: bring it into view (and focus, for screen readers).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for every new preview
  useEffect(() => {
    heading.current?.focus();
  }, [preview]);
  const regions = (rows: { region: string; count: number }[]) =>
    rows.length === 0
      ? st('staff.history.none')
      : rows
          .map((row) => `${regionName(row.region, locale)} (${row.region}): ${row.count}`)
          .join(', ');
  const outcome = (value: { action: string; withheldIn: string[] }) =>
    value.withheldIn.length > 0
      ? st('staff.policy.outcome', { action: value.action, regions: value.withheldIn.join(', ') })
      : value.action;
  return (
    <section className="staff-panel preview" aria-labelledby="preview-title">
      <h3 id="preview-title" ref={heading} tabIndex={-1}>
        {st('staff.policy.previewTitle', { version: preview.currentVersion })}
      </h3>
      <p>
        {st('staff.policy.previewSummary', {
          scanned: preview.scanned,
          days: preview.days,
          changed: preview.changed,
          affected: preview.affected,
        })}
      </p>
      {preview.truncated ? <p className="notice">{st('staff.policy.truncated')}</p> : null}
      {preview.actionChanges.length > 0 ? (
        <table className="staff-table compact">
          <caption>{st('staff.policy.actionChanges')}</caption>
          <thead>
            <tr>
              <th scope="col">{st('staff.policy.from')}</th>
              <th scope="col">{st('staff.policy.to')}</th>
              <th scope="col">{st('staff.policy.count')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.actionChanges.map((change) => (
              <tr key={`${change.from}>${change.to}`}>
                <td>{change.from}</td>
                <td>{change.to}</td>
                <td>{change.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <dl className="staff-facts">
        <div>
          <dt>{st('staff.policy.withholdsAdded')}</dt>
          <dd>{regions(preview.withholds.added)}</dd>
        </div>
        <div>
          <dt>{st('staff.policy.withholdsRemoved')}</dt>
          <dd>{regions(preview.withholds.removed)}</dd>
        </div>
      </dl>
      {preview.samples.length > 0 ? (
        <div
          className="table-scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, and the keyboard must reach it
          tabIndex={0}
        >
          <table className="staff-table compact">
            <caption>{st('staff.policy.samples')}</caption>
            <thead>
              <tr>
                <th scope="col">{st('staff.policy.note')}</th>
                <th scope="col">{st('staff.policy.before')}</th>
                <th scope="col">{st('staff.policy.after')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.samples.map((sample) => (
                <tr key={sample.noteId}>
                  <td>
                    <Link href={`~/note/${sample.noteId}`}>
                      <code>{sample.noteId.slice(0, 13)}…</code>
                    </Link>
                  </td>
                  <td>{outcome(sample.before)}</td>
                  <td>{outcome(sample.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Editor({
  active,
  member,
  onPublished,
}: {
  active: PolicyVersion;
  member: StaffMe;
  onPublished: (version: string) => void;
}) {
  const { st } = useST();
  const id = useId();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => documentText(active.document));
  // the field's own value, used while the JSON names no version of its own
  const [typedVersion, setTypedVersion] = useState('');
  const [note, setNote] = useState('');
  const [days, setDays] = useState('7');
  const [confirming, setConfirming] = useState(false);
  const parsed = parse(text);
  const named = parsed.ok ? namedVersion(parsed.document) : null;
  const version = named ?? typedVersion;
  const mayPublish = can(member, 'policy.write');
  const preview = useMutation({
    mutationFn: (document: unknown) =>
      api.staff.previewPolicy({ document, days: Math.min(90, Math.max(1, Number(days) || 7)) }),
  });
  const publish = useMutation({
    mutationFn: (document: unknown) =>
      api.staff.publishPolicy({
        version,
        document: publishedDocument(document, version),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (published) => {
      setConfirming(false);
      // the editor opens again on the new active version; the screen keeps the message
      onPublished(published.version);
      await queryClient.invalidateQueries({ queryKey: ['staff', 'policy'] });
    },
  });
  const lastError = publish.error ?? preview.error;
  const problems = fieldProblems(lastError);
  const versionValid = VERSION.test(version);
  const runPreview = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.ok) preview.mutate(parsed.document);
  };
  return (
    <section className="staff-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{st('staff.policy.editor')}</h2>
      <form className="form" onSubmit={runPreview}>
        <div className="field">
          <label htmlFor={`${id}-doc`}>{st('staff.policy.document')}</label>
          <textarea
            id={`${id}-doc`}
            className="code-editor"
            rows={18}
            spellCheck={false}
            value={text}
            aria-invalid={!parsed.ok || problems.length > 0 || undefined}
            aria-describedby={`${id}-doc-status`}
            onChange={(event) => {
              setText(event.target.value);
              setConfirming(false);
            }}
          />
          <small id={`${id}-doc-status`} role="status">
            {parsed.ok
              ? st('staff.policy.jsonOk')
              : st('staff.policy.jsonError', { message: parsed.message })}
          </small>
        </div>
        {problems.length > 0 ? (
          <div className="error" role="alert">
            <div>
              <p>
                <strong>{st('staff.policy.invalid')}</strong>
              </p>
              <ul>
                {problems.map((problem) => (
                  <li key={`${problem.path}:${problem.message}`}>
                    <code>{problem.path || '/'}</code> {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : lastError ? (
          <ErrorMessage error={lastError} />
        ) : null}
        <div className="inline-fields">
          <label className="field">
            <span>{st('staff.policy.days')}</span>
            <input
              type="number"
              min={1}
              max={90}
              value={days}
              onChange={(event) => setDays(event.target.value)}
            />
          </label>
          <button
            type="submit"
            className="button secondary"
            disabled={!parsed.ok || preview.isPending}
          >
            {preview.isPending ? st('staff.policy.previewing') : st('staff.policy.preview')}
          </button>
        </div>
      </form>
      {preview.data ? <PreviewResult preview={preview.data} /> : null}
      <form
        className="form publish-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!parsed.ok || !versionValid || !mayPublish) return;
          if (!confirming) setConfirming(true);
          else publish.mutate(parsed.document);
        }}
      >
        <h3>{st('staff.policy.publishTitle')}</h3>
        {!mayPublish ? (
          <p className="notice" id={`${id}-admins`}>
            {st('staff.policy.adminsOnly')}
          </p>
        ) : null}
        <div className="inline-fields">
          <label className="field">
            <span>{st('staff.policy.newVersion')}</span>
            <input
              value={version}
              maxLength={64}
              required
              disabled={!mayPublish}
              placeholder={st('staff.policy.versionPlaceholder', { version: active.version })}
              aria-invalid={(version !== '' && !versionValid) || undefined}
              onChange={(event) => {
                const value = event.target.value;
                setTypedVersion(value);
                // a version named in the JSON follows the field: the two never disagree
                if (named !== null && parsed.ok) {
                  setText(withVersion(parsed.document as Record<string, unknown>, value));
                }
                setConfirming(false);
              }}
            />
          </label>
          <label className="field grow">
            <span>{st('staff.policy.note')}</span>
            <input
              value={note}
              maxLength={1000}
              disabled={!mayPublish}
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
        </div>
        {confirming ? (
          <p className="notice" role="status">
            {st('staff.policy.confirm', { version })}
          </p>
        ) : null}
        <div className="dialog-actions start">
          <button
            type="submit"
            className="button"
            disabled={!mayPublish || !parsed.ok || !versionValid || publish.isPending}
            aria-describedby={!mayPublish ? `${id}-admins` : undefined}
          >
            {confirming ? st('staff.policy.publishNow', { version }) : st('staff.policy.publish')}
          </button>
          {confirming ? (
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              {st('staff.policy.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

export function PolicyScreen({ member }: { member: StaffMe }) {
  const { st, time } = useST();
  const [published, setPublished] = useState<string | null>(null);
  const active = useQuery({
    queryKey: ['staff', 'policy', 'active'],
    queryFn: () => api.staff.policy(),
  });
  return (
    <section aria-labelledby="policy-title">
      <h1 id="policy-title">{st('staff.policy.title')}</h1>
      {active.isPending ? (
        <Loading />
      ) : active.isError ? (
        <ErrorMessage error={active.error} onRetry={() => void active.refetch()} />
      ) : (
        <>
          <p>
            {st('staff.policy.activeLine', {
              version: active.data.version,
              date: time(active.data.createdAt),
              by: active.data.createdBy
                ? `@${active.data.createdBy.handle}`
                : st('staff.policy.system'),
            })}
          </p>
          <Versions />
          {published ? (
            <p className="success" role="status">
              {st('staff.policy.publishedOk', { version: published })}
            </p>
          ) : null}
          <Editor
            key={active.data.version}
            active={active.data}
            member={member}
            onPublished={setPublished}
          />
        </>
      )}
    </section>
  );
}
