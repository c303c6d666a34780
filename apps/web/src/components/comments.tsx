import type { Comment, Reply } from '@atrium/sdk';
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useMe } from '../lib/session.js';
import { Avatar, Empty, ErrorMessage, errorKey, Icon, Loading } from './common.js';
import { Dialog } from './dialog.js';
import { MentionSuggestions } from './mention-suggestions.js';
import { ReadingText } from './reading.js';
import { ReportDialog } from './report-dialog.js';
import { RichText } from './rich-text.js';
import { StaffBadge } from './staff-badge.js';
import { TranslationBar, TranslationError, useTranslation } from './translation.js';
import { offerUndo } from './undo-toast.js';
import { Glossable } from './word-gloss.js';

type CommentPage = { items: Comment[]; nextCursor: string | null };

/**
 * The heart of a comment: optimistic, rolled back (with the reason) if the server refuses, e.g.
 * a comment removed meanwhile. Signed-out readers are sent to log in.
 */
function CommentLike({ reply }: { reply: Reply }) {
  const { t, count } = useT();
  const me = useMe();
  const [, navigate] = useLocation();
  const [state, setState] = useState({ liked: reply.liked, likes: reply.likeCount });
  // a refetched list (a new comment, a deletion) brings the server's figures
  useEffect(() => {
    setState({ liked: reply.liked, likes: reply.likeCount });
  }, [reply.liked, reply.likeCount]);
  const toggle = async () => {
    if (!me.data) return navigate('/login');
    const next = !state.liked;
    setState((old) => ({ liked: next, likes: old.likes + (next ? 1 : -1) }));
    try {
      await (next ? api.comments.like(reply.id) : api.comments.unlike(reply.id));
    } catch (failure) {
      setState((old) => ({ liked: !next, likes: old.likes + (next ? -1 : 1) }));
      // said in the app's toast: the button sits inside the comment's meta line
      offerUndo({ message: t(errorKey(failure)) });
    }
  };
  const name = reply.author.displayName;
  return (
    <button
      type="button"
      className={state.liked ? 'comment-like liked' : 'comment-like'}
      aria-pressed={state.liked}
      aria-label={`${t(state.liked ? 'comment.unlike' : 'comment.like', { name })} · ${t('note.likesCount', { count: state.likes })}`}
      onClick={() => void toggle()}
    >
      <Icon name="heart" filled={state.liked} />
      <span aria-hidden="true">{state.likes > 0 ? count(state.likes) : ''}</span>
    </button>
  );
}

function ReplyItem({
  reply,
  onReply,
  justPosted,
}: {
  reply: Reply;
  onReply: (reply: Reply) => void;
  justPosted: string | null;
}) {
  const { t, date } = useT();
  const me = useMe();
  const [revealed, setRevealed] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const queryClient = useQueryClient();
  const covered = reply.labels.length > 0 && !revealed;
  const own = me.data?.id === reply.author.id;
  const remove = useMutation({
    mutationFn: () => api.comments.delete(reply.id),
    onSuccess: async () => {
      setDeleting(false);
      await queryClient.invalidateQueries({ queryKey: ['comments', reply.noteId] });
      await queryClient.invalidateQueries({ queryKey: ['note', reply.noteId] });
    },
  });
  const translation = useTranslation({ kind: 'comment', id: reply.id, lang: reply.lang });
  const shown = translation.shown;
  return (
    <li
      className={justPosted === reply.id ? 'comment just-posted' : 'comment'}
      id={`comment-${reply.id}`}
    >
      <Link href={`/u/${reply.author.handle}`} aria-label={reply.author.displayName}>
        <Avatar user={reply.author} size={reply.parentId ? 24 : 32} />
      </Link>
      <div className="comment-main">
        <Link href={`/u/${reply.author.handle}`} className="comment-author">
          {reply.author.displayName}
        </Link>
        <StaffBadge badge={reply.author.badge} compact />
        {reply.status === 'pending_review' ? (
          <p className="card-flag">{t('moderation.commentPending')}</p>
        ) : null}
        {covered ? (
          <p className="comment-warning">
            <span>{t('moderation.contentWarning', { labels: reply.labels.join(', ') })}</span>{' '}
            <button type="button" className="link-button" onClick={() => setRevealed(true)}>
              {t('moderation.show')}
            </button>
          </p>
        ) : (
          <p className="comment-body" lang={shown?.to ?? reply.lang ?? undefined}>
            {translation.reading ? (
              <ReadingText tokens={translation.reading.body} lang={reply.lang ?? undefined} />
            ) : (
              <Glossable
                state={translation}
                field="body"
                text={reply.body}
                lang={reply.lang ?? undefined}
              >
                <RichText text={shown ? shown.body : reply.body} />
              </Glossable>
            )}
          </p>
        )}
        <TranslationError state={translation} />
        <p className="comment-meta">
          <span>{date(reply.createdAt)}</span>
          {reply.ipLocation ? <span>{reply.ipLocation}</span> : null}
          <button type="button" className="link-button" onClick={() => onReply(reply)}>
            {t('comment.reply')}
          </button>
          {me.data && !own ? (
            <button
              type="button"
              className="link-button"
              aria-label={t('report.commentBy', { name: reply.author.displayName })}
              onClick={() => setReporting(true)}
            >
              {t('report.action')}
            </button>
          ) : null}
          {own ? (
            <button
              type="button"
              className="link-button"
              aria-label={t('comment.deleteTitle')}
              onClick={() => setDeleting(true)}
            >
              {t('comment.delete')}
            </button>
          ) : null}
          {covered ? null : <TranslationBar state={translation} compact />}
          {/* only a published comment can be liked (a held one is its author's alone) */}
          {reply.status === 'published' ? <CommentLike reply={reply} /> : null}
        </p>
        {own ? (
          <Dialog
            open={deleting}
            onClose={() => setDeleting(false)}
            title={t('comment.deleteTitle')}
          >
            <div className="dialog-body">
              <p>{t('comment.deleteConfirm')}</p>
              <div className="dialog-actions">
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setDeleting(false)}
                >
                  {t('common.cancel')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate()}
                >
                  {t('comment.delete')}
                </button>
              </div>
              {remove.isError ? <ErrorMessage error={remove.error} /> : null}
            </div>
          </Dialog>
        ) : null}
        {me.data && !own ? (
          <ReportDialog
            open={reporting}
            onClose={() => setReporting(false)}
            targetType="comment"
            targetId={reply.id}
            title={t('report.title.comment')}
          />
        ) : null}
      </div>
    </li>
  );
}

function CommentThread({
  comment,
  onReply,
  justPosted,
}: {
  comment: Comment;
  onReply: (reply: Reply) => void;
  justPosted: string | null;
}) {
  const { t } = useT();
  const [more, setMore] = useState<Reply[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const shown = [...comment.replies, ...more];
  const remaining = comment.replyCount - shown.length;
  const loadMore = async () => {
    setError(null);
    try {
      const page = await api.comments.replies(comment.id, {
        limit: 20,
        ...(cursor ? { cursor } : {}),
      });
      const known = new Set(shown.map((reply) => reply.id));
      setMore((previous) => [...previous, ...page.items.filter((reply) => !known.has(reply.id))]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <ReplyItem reply={comment} onReply={onReply} justPosted={justPosted} />
      {shown.length > 0 || remaining > 0 ? (
        <li className="replies">
          <ul>
            {shown.map((reply) => (
              <ReplyItem key={reply.id} reply={reply} onReply={onReply} justPosted={justPosted} />
            ))}
          </ul>
          {remaining > 0 && cursor !== null ? (
            <button type="button" className="link-button" onClick={() => void loadMore()}>
              {t('comment.moreReplies', { count: remaining })}
            </button>
          ) : null}
          {error ? <ErrorMessage error={error} /> : null}
        </li>
      ) : null}
    </>
  );
}

export function Comments({ noteId, total }: { noteId: string; total: number }) {
  const { t } = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const input = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  const [caret, setCaret] = useState(0);
  const [replyTo, setReplyTo] = useState<Reply | null>(null);
  // The comment just sent: shown (at the top when the list has not reached it yet), scrolled to
  // and marked, and announced.
  const [posted, setPosted] = useState<Comment | null>(null);
  const query = useInfiniteQuery<
    CommentPage,
    Error,
    InfiniteData<CommentPage>,
    string[],
    string | undefined
  >({
    queryKey: ['comments', noteId],
    queryFn: ({ pageParam }) =>
      api.notes.comments(noteId, { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const send = useMutation({
    mutationFn: () =>
      api.notes.comment(noteId, {
        body,
        // Replies attach to the top-level comment (one level of nesting).
        ...(replyTo ? { parentId: replyTo.parentId ?? replyTo.id } : {}),
      }),
    onSuccess: async (comment) => {
      setBody('');
      setReplyTo(null);
      await queryClient.invalidateQueries({ queryKey: ['comments', noteId] });
      await queryClient.invalidateQueries({ queryKey: ['note', noteId] });
      setPosted({ ...comment, replies: [] });
    },
  });
  useEffect(() => {
    if (!posted) return;
    document
      .getElementById(`comment-${posted.id}`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [posted]);
  const onReply = (reply: Reply) => {
    setReplyTo(reply);
    input.current?.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) send.mutate();
  };
  const loaded = query.data?.pages.flatMap((page) => page.items) ?? [];
  const comments =
    posted && !posted.parentId && !loaded.some((comment) => comment.id === posted.id)
      ? [posted, ...loaded]
      : loaded;

  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" className="section-title">
        {t('note.commentsCount', { count: total })}
      </h2>
      {me.data ? (
        <form className="comment-form" onSubmit={submit}>
          {replyTo ? (
            <p className="replying">
              {t('comment.replyTo', { name: replyTo.author.displayName })}
              <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
                {t('comment.cancelReply')}
              </button>
            </p>
          ) : null}
          <div className="comment-row">
            <label className="visually-hidden" htmlFor="comment-input">
              {t('comment.label')}
            </label>
            <textarea
              id="comment-input"
              ref={input}
              rows={1}
              value={body}
              maxLength={1000}
              placeholder={
                replyTo
                  ? t('comment.replyTo', { name: replyTo.author.displayName })
                  : t('comment.placeholder')
              }
              onChange={(event) => {
                setBody(event.target.value);
                setCaret(event.target.selectionStart);
              }}
              onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            />
            <button
              type="submit"
              className="button small"
              disabled={!body.trim() || send.isPending}
            >
              {t('comment.send')}
            </button>
          </div>
          <MentionSuggestions
            text={body}
            caret={caret}
            onInsert={(next, position) => {
              setBody(next);
              setCaret(position);
              requestAnimationFrame(() => {
                input.current?.focus();
                input.current?.setSelectionRange(position, position);
              });
            }}
          />
          {send.isError ? <ErrorMessage error={send.error} texts={{ body }} /> : null}
          <p className="comment-posted" role="status">
            {posted ? t('comment.posted') : ''}
          </p>
        </form>
      ) : (
        <p className="muted">
          <Link href="/login">{t('note.signInToAct')}</Link>
        </p>
      )}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : comments.length === 0 ? (
        <Empty>{t('comment.empty')}</Empty>
      ) : (
        <ul className="comment-list">
          {comments.map((comment) => (
            <CommentThread
              key={comment.id}
              comment={comment}
              onReply={onReply}
              justPosted={posted?.id ?? null}
            />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <button
          type="button"
          className="button secondary small"
          onClick={() => void query.fetchNextPage()}
        >
          {t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
