import type { CaseDetail, FalsePositiveBody, StaffMe } from '@atrium/sdk';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../components/common.js';
import { api } from '../lib/api.js';
import { can, useST } from './use-staff.js';

type Span = CaseDetail['evidence'][number];

const isWordChar = (char: string | undefined) => !!char && /[\p{L}\p{N}]/u.test(char);

/**
 * The innocent text around a match to propose as an allow entry: the whole word, and the next
 * word too when the match is a word of its own (an allow entry must be longer than the term).
 */
export function textAround(text: string, span: Span): string {
  let start = Math.max(0, span.start);
  let end = Math.min(text.length, span.end);
  while (start > 0 && isWordChar(text[start - 1])) start -= 1;
  while (end < text.length && isWordChar(text[end])) end += 1;
  if (end - start === span.end - span.start) {
    while (end < text.length && text[end] === ' ') end += 1;
    while (end < text.length && isWordChar(text[end])) end += 1;
  }
  return text.slice(start, end).trim();
}

function fieldText(kase: CaseDetail, span: Span): string {
  return span.field === 'title' ? kase.content.title : kase.content.body;
}

/**
 * The false-positive loop, for an automated case a moderator overturned: allow the innocent text
 * around a match, or narrow the term to a language or to whole words; preview how many recent
 * notes change, then publish it as a new policy version. Needs `lexicon.tune`; the server
 * refuses anything that would widen the lexicon.
 */
export function FalsePositive({ kase, member }: { kase: CaseDetail; member: StaffMe }) {
  const { st } = useST();
  const id = useId();
  const spans = kase.evidence.filter(
    (span, index, all) => all.findIndex((other) => other.term === span.term) === index,
  );
  const [spanIndex, setSpanIndex] = useState(0);
  const span = spans[spanIndex];
  const [kind, setKind] = useState<'allow' | 'narrow'>('allow');
  const [text, setText] = useState(() => (span ? textAround(fieldText(kase, span), span) : ''));
  const [lang, setLang] = useState('');
  const [wholeWord, setWholeWord] = useState(false);
  const body = (): FalsePositiveBody | null => {
    if (!span) return null;
    if (kind === 'allow') return { allow: [{ text: text.trim(), category: span.category }] };
    return {
      narrow: [
        {
          term: span.term,
          category: span.category,
          ...(lang.trim() ? { lang: lang.trim() } : {}),
          ...(wholeWord ? { match: 'word' as const } : {}),
        },
      ],
    };
  };
  const preview = useMutation({
    mutationFn: (request: FalsePositiveBody) =>
      api.moderation.reportFalsePositive(kase.id, { ...request, dryRun: true }),
  });
  const publish = useMutation({
    mutationFn: (request: FalsePositiveBody) =>
      api.moderation.reportFalsePositive(kase.id, request),
  });
  if (
    kase.source !== 'automated' ||
    kase.status !== 'resolved' ||
    kase.targetType === 'account' ||
    !span ||
    !can(member, 'lexicon.tune')
  )
    return null;
  if (publish.isSuccess) {
    return (
      <p className="success" role="status">
        {st('staff.fp.done', { version: publish.data.version ?? '' })}
      </p>
    );
  }
  const changed = () => preview.reset();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = body();
    if (request) preview.mutate(request);
  };
  return (
    <form className="form fp-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{st('staff.fp.title')}</h3>
      <p className="muted small">{st('staff.fp.intro')}</p>
      <label className="field">
        <span>{st('staff.fp.term')}</span>
        <select
          value={spanIndex}
          onChange={(event) => {
            const next = Number(event.target.value);
            setSpanIndex(next);
            const nextSpan = spans[next]!;
            setText(textAround(fieldText(kase, nextSpan), nextSpan));
            changed();
          }}
        >
          {spans.map((item, index) => (
            <option key={`${item.term}-${item.category}`} value={index}>
              {item.term} ({item.category})
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field">
        <legend>{st('staff.fp.kind')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'allow'}
            onChange={() => {
              setKind('allow');
              changed();
            }}
          />{' '}
          {st('staff.fp.kind.allow')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'narrow'}
            onChange={() => {
              setKind('narrow');
              changed();
            }}
          />{' '}
          {st('staff.fp.kind.narrow')}
        </label>
      </fieldset>
      {kind === 'allow' ? (
        <label className="field">
          <span>{st('staff.fp.text')}</span>
          <input
            value={text}
            maxLength={100}
            onChange={(event) => {
              setText(event.target.value);
              changed();
            }}
          />
        </label>
      ) : (
        <>
          <label className="field">
            <span>{st('staff.fp.lang')}</span>
            <input
              value={lang}
              maxLength={20}
              onChange={(event) => {
                setLang(event.target.value);
                changed();
              }}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={wholeWord}
              onChange={(event) => {
                setWholeWord(event.target.checked);
                changed();
              }}
            />{' '}
            {st('staff.fp.word')}
          </label>
        </>
      )}
      {preview.isError ? <ErrorMessage error={preview.error} /> : null}
      {publish.isError ? <ErrorMessage error={publish.error} /> : null}
      <button type="submit" className="button secondary small" disabled={preview.isPending}>
        {st('staff.fp.preview')}
      </button>
      {preview.isSuccess ? (
        <>
          <p role="status">
            {st('staff.fp.previewSummary', {
              changed: String(preview.data.preview.changed),
              scanned: String(preview.data.preview.scanned),
            })}
          </p>
          <button
            type="button"
            className="button small"
            disabled={publish.isPending}
            onClick={() => {
              const request = body();
              if (request) publish.mutate(request);
            }}
          >
            {st('staff.fp.publish')}
          </button>
        </>
      ) : null}
    </form>
  );
}
