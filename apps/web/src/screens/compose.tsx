import {
  type CreateNoteBody,
  MEDIA_ALT_MAX,
  type Media,
  NOTE_BODY_MAX,
  NOTE_MEDIA_MAX,
  NOTE_TITLE_MAX,
} from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorMessage, errorKey, Icon } from '../components/common.js';
import { TrustNotice } from '../components/trust-notice.js';
import { useT } from '../i18n/provider.js';
import { api, uploadMedia } from '../lib/api.js';
import { clearDraft, loadDraft, saveDraft } from '../lib/drafts.js';
import { rejectionReasons } from '../lib/problem.js';
import { useMe } from '../lib/session.js';
import { topicAtCaret } from '../lib/text.js';

interface Upload {
  key: string;
  name: string;
  preview: string;
  progress: number;
  media: Media | null;
  error: unknown;
  /** What the image shows, for people who cannot see it. */
  alt: string;
}

let uploadCounter = 0;

function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = (files: File[]) => {
    const room = NOTE_MEDIA_MAX - uploads.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      uploadCounter += 1;
      const key = `u${uploadCounter}`;
      const item: Upload = {
        key,
        name: file.name,
        preview: URL.createObjectURL(file),
        progress: 0,
        media: null,
        error: null,
        alt: '',
      };
      setUploads((list) => [...list, item]);
      uploadMedia(file, (progress) => update(key, { progress })).then(
        (media) => update(key, { media, progress: 1 }),
        (error: unknown) => update(key, { error }),
      );
    }
  };
  const remove = (key: string) =>
    setUploads((list) => {
      const item = list.find((upload) => upload.key === key);
      if (item) URL.revokeObjectURL(item.preview);
      return list.filter((upload) => upload.key !== key);
    });
  const move = (index: number, by: number) =>
    setUploads((list) => {
      const target = index + by;
      if (target < 0 || target >= list.length) return list;
      const next = [...list];
      [next[index], next[target]] = [next[target]!, next[index]!];
      return next;
    });
  const describe = (key: string, alt: string) => update(key, { alt });
  return { uploads, add, remove, move, describe };
}

export function ComposeScreen() {
  const { t } = useT();
  const me = useMe();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const { uploads, add, remove, move, describe } = useUploads();
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

  const uploading = uploads.some((item) => !item.media && !item.error);
  const ready = uploads.filter((item) => item.media);
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

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    add(Array.from(event.target.files ?? []));
    event.target.value = '';
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!uploading && (body.trim() || ready.length))
      publish.mutate({
        ...(title.trim() ? { title: title.trim() } : {}),
        body,
        ...(ready.length ? { mediaIds: ready.map((item) => item.media!.id) } : {}),
        ...(ready.some((item) => item.alt.trim())
          ? { mediaAlt: ready.map((item) => item.alt.trim()) }
          : {}),
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
        <fieldset className="uploads">
          <legend>{t('compose.images')}</legend>
          <ul className="upload-list">
            {uploads.map((item, index) => (
              <li key={item.key} className={item.error ? 'upload failed' : 'upload'}>
                <img src={item.preview} alt={item.name} />
                {!item.media && !item.error ? (
                  <progress
                    max={1}
                    value={item.progress}
                    aria-label={t('compose.uploading', { percent: item.progress })}
                  />
                ) : null}
                <div className="upload-tools">
                  <button
                    type="button"
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                    aria-label={t('compose.moveLeft', { index: index + 1 })}
                  >
                    <Icon name="left" />
                  </button>
                  <button
                    type="button"
                    onClick={() => move(index, 1)}
                    disabled={index === uploads.length - 1}
                    aria-label={t('compose.moveRight', { index: index + 1 })}
                  >
                    <Icon name="right" />
                  </button>
                  <button
                    type="button"
                    onClick={() => remove(item.key)}
                    aria-label={t('compose.remove', { index: index + 1 })}
                  >
                    ×
                  </button>
                </div>
              </li>
            ))}
            {uploads.length < NOTE_MEDIA_MAX ? (
              <li className="upload add">
                <label>
                  <Icon name="plus" />
                  <span>{t('compose.addImages')}</span>
                  <input
                    className="visually-hidden"
                    type="file"
                    accept="image/jpeg,image/png,image/webp,image/gif"
                    multiple
                    onChange={onFiles}
                  />
                </label>
              </li>
            ) : null}
          </ul>
          <small>{t('compose.imageHint', { max: NOTE_MEDIA_MAX })}</small>
          {uploads.some((item) => !item.error) ? (
            <div className="alt-fields">
              <p className="muted small alt-hint" id="alt-hint">
                {t('compose.altHint')}
              </p>
              {uploads.map((item, index) =>
                item.error ? null : (
                  <div className="alt-field" key={item.key}>
                    <img className="alt-thumb" src={item.preview} alt="" />
                    <label className="visually-hidden" htmlFor={`alt-${item.key}`}>
                      {t('compose.alt', { index: index + 1 })}
                    </label>
                    <input
                      id={`alt-${item.key}`}
                      className="alt-input"
                      value={item.alt}
                      maxLength={MEDIA_ALT_MAX}
                      placeholder={t('compose.alt', { index: index + 1 })}
                      aria-describedby="alt-hint"
                      aria-invalid={rejected.has('alt') || undefined}
                      onChange={(event) => describe(item.key, event.target.value)}
                    />
                  </div>
                ),
              )}
            </div>
          ) : null}
          {uploads
            .filter((item) => item.error)
            .map((item) => (
              <p key={item.key} className="error" role="alert">
                {t('compose.uploadFailed', { name: item.name, reason: t(errorKey(item.error)) })}
              </p>
            ))}
        </fieldset>
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
