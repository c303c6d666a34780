import { type CreateNoteBody, NOTE_BODY_MAX, NOTE_TITLE_MAX } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorMessage } from '../components/common.js';
import { MentionSuggestions } from '../components/mention-suggestions.js';
import { TrustNotice } from '../components/trust-notice.js';
import { mediaFields, UploadFields, useUploads } from '../components/uploads.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { clearDraft, loadDraft, saveDraft } from '../lib/drafts.js';
import { rejectionReasons } from '../lib/problem.js';
import { useMe } from '../lib/session.js';
import { topicAtCaret } from '../lib/text.js';

export function ComposeScreen() {
  const { t } = useT();
  const me = useMe();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const images = useUploads();
  const { uploading, ready } = images;
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  // the draft kept on this device comes back once the account is known, and is kept as it changes
  const accountId = me.data?.id;
  const [draftOf, setDraftOf] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (!accountId || draftOf === accountId) return;
    const kept = loadDraft(accountId);
    if (kept) {
      setTitle(kept.title);
      setBody(kept.body);
      setRestored(true);
    }
    setDraftOf(accountId);
  }, [accountId, draftOf]);
  useEffect(() => {
    if (accountId && draftOf === accountId) saveDraft(accountId, { title, body });
  }, [accountId, draftOf, title, body]);
  const discardDraft = () => {
    setTitle('');
    setBody('');
    setRestored(false);
  };
  const [caret, setCaret] = useState(0);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const trending = useQuery({
    queryKey: ['topics', 'trending'],
    queryFn: () => api.topics.trending(),
    staleTime: 60_000,
  });

  const typing = topicAtCaret(body, caret);
  const suggestions = typing
    ? (trending.data?.items ?? [])
        .filter(
          (topic) =>
            topic.tag.startsWith(typing.query.toLowerCase()) &&
            topic.tag !== typing.query.toLowerCase(),
        )
        .slice(0, 6)
        .map((topic) => topic.display)
    : [];

  const insertTopic = (display: string) => {
    if (!typing) return;
    const next = `${body.slice(0, typing.start)}#${display} ${body.slice(caret)}`;
    const position = typing.start + display.length + 2;
    setBody(next);
    setCaret(position);
    requestAnimationFrame(() => {
      bodyRef.current?.focus();
      bodyRef.current?.setSelectionRange(position, position);
    });
  };

  const publish = useMutation({
    mutationFn: (input: CreateNoteBody) => api.notes.create(input),
    onSuccess: async (note) => {
      if (accountId) clearDraft(accountId);
      await queryClient.invalidateQueries({ queryKey: ['feed'] });
      navigate(`/note/${note.id}`);
    },
  });

  // A rejected draft stays as it was; the fields the rules matched in are marked.
  const rejected = new Set(rejectionReasons(publish.error).map((reason) => reason.field));

  if (me.isPending) return null;
  if (!me.data) {
    return (
      <div className="page narrow">
        <p className="empty">
          <Link href="/login?next=/new">{t('compose.signIn')}</Link>
        </p>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!uploading && (body.trim() || ready.length))
      publish.mutate({
        ...(title.trim() ? { title: title.trim() } : {}),
        body,
        ...(ready.length ? { mediaIds: mediaFields(ready).mediaIds } : {}),
        ...(ready.some((item) => item.alt.trim()) ? { mediaAlt: mediaFields(ready).mediaAlt } : {}),
      });
  };

  return (
    <div className="page narrow">
      <form className="panel compose form" onSubmit={submit}>
        <h1>{t('compose.title')}</h1>
        {restored ? (
          <p className="hint draft-restored" role="status">
            {t('compose.draftRestored')}{' '}
            <button type="button" className="link-button" onClick={discardDraft}>
              {t('compose.discardDraft')}
            </button>
          </p>
        ) : null}
        <TrustNotice />
        <UploadFields uploads={images} idPrefix="compose" altInvalid={rejected.has('alt')} />
        <div className="field">
          <label htmlFor="note-title">{t('compose.noteTitle')}</label>
          <input
            id="note-title"
            name="title"
            value={title}
            maxLength={NOTE_TITLE_MAX}
            placeholder={t('compose.titlePlaceholder')}
            aria-describedby="note-title-count"
            aria-invalid={rejected.has('title') || undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
          <small id="note-title-count">
            {t('compose.chars', { count: [...title].length, max: NOTE_TITLE_MAX })}
          </small>
        </div>
        <div className="field">
          <label htmlFor="note-body">{t('compose.body')}</label>
          <textarea
            id="note-body"
            name="body"
            ref={bodyRef}
            rows={7}
            value={body}
            maxLength={NOTE_BODY_MAX}
            placeholder={t('compose.bodyPlaceholder')}
            aria-invalid={rejected.has('body') || undefined}
            onChange={(event) => {
              setBody(event.target.value);
              setCaret(event.target.selectionStart);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          />
        </div>
        {typing && (suggestions.length > 0 || typing.query) ? (
          <fieldset className="suggestions">
            <legend className="visually-hidden">{t('compose.suggestions')}</legend>
            {suggestions.map((display) => (
              <button
                type="button"
                key={display}
                className="chip"
                onClick={() => insertTopic(display)}
              >
                #{display}
              </button>
            ))}
            {typing.query &&
            !suggestions.some((display) => display.toLowerCase() === typing.query.toLowerCase()) ? (
              <button
                type="button"
                className="chip outline"
                onClick={() => insertTopic(typing.query)}
              >
                {t('compose.newTopic', { tag: typing.query })}
              </button>
            ) : null}
          </fieldset>
        ) : null}
        <MentionSuggestions
          text={body}
          caret={caret}
          onInsert={(next, position) => {
            setBody(next);
            setCaret(position);
            requestAnimationFrame(() => {
              bodyRef.current?.focus();
              bodyRef.current?.setSelectionRange(position, position);
            });
          }}
        />
        {publish.isError ? (
          <ErrorMessage
            error={publish.error}
            // the texts as sent: the reasons' offsets point into them
            texts={{ title: publish.variables?.title ?? '', body: publish.variables?.body ?? '' }}
          />
        ) : null}
        <button
          type="submit"
          className="button block"
          disabled={publish.isPending || uploading || (!body.trim() && !ready.length)}
        >
          {publish.isPending
            ? t('compose.publishing')
            : uploading
              ? t('compose.waitUploads')
              : t('compose.publish')}
        </button>
      </form>
    </div>
  );
}
