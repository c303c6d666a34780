import type { Note } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { BlockDialog } from '../components/block-dialog.js';
import { BoardPicker } from '../components/boards.js';
import { Carousel } from '../components/carousel.js';
import { Comments } from '../components/comments.js';
import { Avatar, ErrorMessage, Icon, Loading } from '../components/common.js';
import { Dialog } from '../components/dialog.js';
import { EditNoteDialog } from '../components/edit-note-dialog.js';
import { IpCredit } from '../components/ip-credit.js';
import { ContentWarning, useRestrictionMarkers } from '../components/moderation-marks.js';
import { MoreMenu } from '../components/more-menu.js';
import { ReadingText } from '../components/reading.js';
import { ReportDialog } from '../components/report-dialog.js';
import { RichText } from '../components/rich-text.js';
import { StaffBadge } from '../components/staff-badge.js';
import { StatementCard } from '../components/statements.js';
import { noteText, TranslationBar, useTranslation } from '../components/translation.js';
import { VideoPlayer } from '../components/video-player.js';
import { Glossable } from '../components/word-gloss.js';
import { en, type MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/provider.js';
import { api, errorCode } from '../lib/api.js';
import { goBack } from '../lib/back.js';
import { useBlockToggle } from '../lib/blocks.js';
import { useNotInterested } from '../lib/not-interested.js';
import { type WithheldNotice, withheldNotice } from '../lib/problem.js';
import { regionName } from '../lib/regions.js';
import { useMe } from '../lib/session.js';
import { shareLink } from '../lib/share.js';

function ActionBar({ note }: { note: Note }) {
  const { t, count } = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const key = ['note', note.id];
  // one tap collects to "All collects"; then the sheet to pick or create a board is one tap away
  const [justCollected, setJustCollected] = useState(false);
  const [picking, setPicking] = useState(false);
  const toggle = useMutation({
    mutationFn: async (what: 'like' | 'collect') => {
      if (what === 'like')
        await (note.viewer.liked ? api.notes.unlike(note.id) : api.notes.like(note.id));
      else
        await (note.viewer.collected ? api.notes.uncollect(note.id) : api.notes.collect(note.id));
    },
    // Optimistic: the count moves at once and rolls back if the request fails.
    onMutate: async (what) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Note>(key);
      if (previous) {
        const on = what === 'like' ? !previous.viewer.liked : !previous.viewer.collected;
        const field = what === 'like' ? 'likes' : 'collects';
        queryClient.setQueryData<Note>(key, {
          ...previous,
          viewer: { ...previous.viewer, [what === 'like' ? 'liked' : 'collected']: on },
          counts: { ...previous.counts, [field]: previous.counts[field] + (on ? 1 : -1) },
        });
      }
      return { previous };
    },
    onError: (_error, _what, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (_data, what) => {
      if (what !== 'collect') return;
      const collected = queryClient.getQueryData<Note>(key)?.viewer.collected ?? false;
      setJustCollected(collected);
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      void queryClient.invalidateQueries({ queryKey: ['note-boards', note.id] });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['feed'] });
    },
  });
  const act = (what: 'like' | 'collect') => {
    if (!me.data) navigate('/login');
    else toggle.mutate(what);
  };
  return (
    <div className="action-bar">
      <button
        type="button"
        className={note.viewer.liked ? 'action active' : 'action'}
        aria-pressed={note.viewer.liked}
        aria-label={`${note.viewer.liked ? t('note.unlike') : t('note.like')} · ${t('note.likesCount', { count: note.counts.likes })}`}
        onClick={() => act('like')}
      >
        <Icon name="heart" filled={note.viewer.liked} />
        <span>{count(note.counts.likes)}</span>
      </button>
      <button
        type="button"
        className={note.viewer.collected ? 'action active-star' : 'action'}
        aria-pressed={note.viewer.collected}
        aria-label={`${note.viewer.collected ? t('note.uncollect') : t('note.collect')} · ${t('note.collectsCount', { count: note.counts.collects })}`}
        onClick={() => act('collect')}
      >
        <Icon name="star" filled={note.viewer.collected} />
        <span>{count(note.counts.collects)}</span>
      </button>
      <a className="action" href="#comments-title">
        <Icon name="comment" />
        <span aria-hidden="true">{count(note.counts.comments)}</span>
        <span className="visually-hidden">
          {t('note.commentsCount', { count: note.counts.comments })}
        </span>
      </a>
      <ShareButton note={note} />
      {note.viewer.collected ? (
        <span className="collect-status">
          <span role="status">{justCollected ? t('boards.savedToAll') : null}</span>
          <button type="button" className="link-button" onClick={() => setPicking(true)}>
            {t('boards.choose')}
          </button>
        </span>
      ) : null}
      {toggle.isError ? <ErrorMessage error={toggle.error} /> : null}
      {me.data ? (
        <BoardPicker noteId={note.id} open={picking} onClose={() => setPicking(false)} />
      ) : null}
    </div>
  );
}

/** Share the note's link (the share sheet on phones, else the clipboard), and say what happened. */
function ShareButton({ note }: { note: Note }) {
  const { t } = useT();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const url = `${location.origin}/note/${note.id}`;
  return (
    <>
      <button
        type="button"
        className="action"
        aria-label={t('note.share')}
        onClick={async () => {
          const result = await shareLink(url, note.title || note.body.slice(0, 60));
          setOutcome(result === 'shared' ? null : result);
        }}
      >
        <Icon name="share" />
      </button>
      <span className="share-status" role="status">
        {outcome === 'copied' ? t('note.linkCopied') : null}
        {outcome === 'failed' ? (
          <>
            {t('note.copyByHand')} <code>{url}</code>
          </>
        ) : null}
      </span>
    </>
  );
}

/** Follow the author and report the note (others' notes) or delete it (one's own). */
function AuthorActions({ note }: { note: Note }) {
  const { t } = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const own = me.data?.id === note.author.id;
  const handle = note.author.handle;
  const profile = useQuery({
    queryKey: ['profile', handle],
    queryFn: () => api.users.get(handle),
    enabled: !!me.data && !own,
  });
  const following = profile.data?.viewer?.following ?? false;
  const follow = useMutation({
    mutationFn: () => (following ? api.users.unfollow(handle) : api.users.follow(handle)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['profile', handle] }),
  });
  const [reporting, setReporting] = useState(false);
  const [blocking, setBlocking] = useState(false);
  const block = useBlockToggle(handle);
  const notInterested = useNotInterested();
  const [deleting, setDeleting] = useState(false);
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.notes.delete(note.id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['note', note.id] });
      await queryClient.invalidateQueries({ queryKey: ['feed'] });
      navigate('/');
    },
  });
  if (!me.data) return null;
  return (
    <div className="note-author-actions">
      {own ? (
        <>
          <button type="button" className="button secondary small" onClick={() => setEditing(true)}>
            {t('note.edit')}
          </button>
          <button
            type="button"
            className="button secondary small"
            disabled={remove.isPending}
            onClick={() => setDeleting(true)}
          >
            {t('note.delete')}
          </button>
          {/* mounted when opened: it starts from the note as it is then */}
          {editing ? (
            <EditNoteDialog note={note} open={editing} onClose={() => setEditing(false)} />
          ) : null}
        </>
      ) : (
        <>
          {/* nobody follows someone they blocked */}
          {profile.data && !profile.data.viewer?.blocking ? (
            <button
              type="button"
              className={following ? 'button secondary small' : 'button small'}
              aria-pressed={following}
              disabled={follow.isPending}
              onClick={() => follow.mutate()}
            >
              {following ? t('profile.unfollow') : t('profile.follow')}
            </button>
          ) : null}
          <MoreMenu
            items={[
              {
                label: t('notInterested.action'),
                // out of discover, with an Undo; back to where the reader was
                onSelect: () => {
                  notInterested(note);
                  goBack(navigate);
                },
              },
              { label: t('report.action'), onSelect: () => setReporting(true) },
              { label: t('block.menu', { handle }), onSelect: () => setBlocking(true) },
            ]}
          />
          <BlockDialog
            open={blocking}
            handle={handle}
            onClose={() => setBlocking(false)}
            // their notes are hidden from now on, this one too: back to where the reader was
            // (the promise, not mutate's callback: the refetched note unmounts this screen)
            onConfirm={() =>
              void block
                .mutateAsync(true)
                .then(() => goBack(navigate))
                .catch(() => {})
            }
          />
          <ReportDialog
            open={reporting}
            onClose={() => setReporting(false)}
            targetType="note"
            targetId={note.id}
            title={t('report.title.note')}
          />
        </>
      )}
      {own ? (
        <Dialog open={deleting} onClose={() => setDeleting(false)} title={t('note.delete')}>
          <div className="dialog-body">
            <p>{t('note.deleteConfirm')}</p>
            <div className="dialog-actions">
              <button type="button" className="button secondary" onClick={() => setDeleting(false)}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t('note.deleteNow')}
              </button>
            </div>
            {remove.isError ? <ErrorMessage error={remove.error} /> : null}
          </div>
        </Dialog>
      ) : null}
      {follow.isError ? <ErrorMessage error={follow.error} /> : null}
      {block.isError ? <ErrorMessage error={block.error} /> : null}
    </div>
  );
}

/** The author's view of their restricted note: the markers, and why, with the appeal. */
function RestrictionNotice({ note }: { note: Note }) {
  const { t } = useT();
  const markers = useRestrictionMarkers(note);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const statements = note.moderation?.statements ?? [];
  if (markers.length === 0 && statements.length === 0) return null;
  return (
    <section className="restriction" aria-label={t('moderation.whyTitle')}>
      {markers.map((marker) => (
        <p key={marker} className="notice">
          {marker}
        </p>
      ))}
      {statements.length > 0 ? (
        <>
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((value) => !value)}
          >
            {t('moderation.why')}
          </button>
          <div id={panelId} className="why-panel" hidden={!open}>
            {open
              ? statements.map((statement) => (
                  <StatementCard key={statement.id} statement={statement} appeal />
                ))
              : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

/** HTTP 451: the note exists, but the law or rules of the viewer's region withhold it there. */
function WithheldPage({ notice }: { notice: WithheldNotice }) {
  const { t, locale } = useT();
  const region = notice.region
    ? `${regionName(notice.region, locale)}, ${notice.region}`
    : t('statement.everywhere');
  // a moderator's reason code is named in the interface language; rules' texts are the policy's
  const codeKey = `reasonCode.${notice.reasonCode}`;
  const reason =
    notice.reasonCode !== null
      ? t('withheld.byModerator', {
          reason: codeKey in en ? t(codeKey as MessageKey) : notice.reasonCode,
        })
      : notice.reason;
  return (
    <div className="page narrow">
      <section className="panel withheld" aria-labelledby="withheld-title">
        <h1 id="withheld-title">{t('withheld.title')}</h1>
        <p>{t('withheld.body', { region })}</p>
        {reason ? <p>{t('withheld.reason', { reason })}</p> : null}
        <p className="muted small">{t('withheld.explain')}</p>
        <Link href="/" className="button secondary small">
          {t('notFound.home')}
        </Link>
      </section>
    </div>
  );
}

export function NoteScreen({ id }: { id: string }) {
  const { t, date } = useT();
  const me = useMe();
  const [, navigate] = useLocation();
  const query = useQuery({
    queryKey: ['note', id],
    queryFn: () => api.notes.get(id),
    // its author looking at a video still processing (no address yet): the page asks again
    // until it plays, for as long as processing may take (docs/media.md, "Video notes")
    refetchInterval: (current) => {
      const first = current.state.data?.media[0];
      return first?.video && !first.url && current.state.dataUpdateCount < 300 ? 2000 : false;
    },
  });
  const note = query.data;
  // one's own note needs no translation: without a language, none is offered or fetched
  const own = !!note && me.data?.id === note.author.id;
  const translation = useTranslation({
    kind: 'note',
    id,
    lang: own ? null : (note?.lang ?? null),
    editedAt: note?.editedAt ?? null,
  });
  useEffect(() => {
    if (note) document.title = `${note.title || note.body.slice(0, 40)} · Atrium`;
    return () => {
      document.title = 'Atrium';
    };
  }, [note]);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const notice = withheldNotice(query.error);
    if (notice) return <WithheldPage notice={notice} />;
    if (errorCode(query.error) === 'NOT_FOUND') {
      // deleted (or never there): asking again cannot bring it back
      return (
        <div className="page narrow">
          <h1>{t('error.NOT_FOUND')}</h1>
          <Link href="/">{t('notFound.home')}</Link>
        </div>
      );
    }
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!note) return null;
  const title = note.title || note.body.slice(0, 60);
  const text = noteText(note, translation);
  return (
    <article className={note.media.length ? 'note-detail has-media' : 'note-detail'}>
      {note.media[0]?.video || note.media[0]?.processing ? (
        <VideoPlayer media={note.media[0]} title={title} className="video-player note-video" />
      ) : note.media.length ? (
        <Carousel media={note.media} title={title} />
      ) : null}
      <div className="note-side">
        <header className="note-author">
          <button
            type="button"
            className="back-button"
            aria-label={t('note.back')}
            onClick={() => goBack(navigate)}
          >
            <Icon name="left" />
          </button>
          <Link href={`/u/${note.author.handle}`} className="author-link">
            <Avatar user={note.author} size={40} />
            <span>{note.author.displayName}</span>
            <StaffBadge badge={note.author.badge} />
          </Link>
          <AuthorActions note={note} />
        </header>
        <div className="note-content">
          <RestrictionNotice note={note} />
          <ContentWarning labels={note.labels} />
          {/* The note's language, so screen readers pronounce it right; a translation's own. */}
          <div className="note-text" lang={text.lang ?? note.lang ?? undefined}>
            {translation.reading ? (
              <>
                {note.title ? (
                  <h1 className="note-title">
                    <ReadingText tokens={translation.reading.title} lang={note.lang ?? undefined} />
                  </h1>
                ) : (
                  <h1 className="visually-hidden">
                    {t('note.heading', { name: note.author.displayName })}
                  </h1>
                )}
                <p className="note-body">
                  <ReadingText tokens={translation.reading.body} lang={note.lang ?? undefined} />
                </p>
              </>
            ) : (
              <>
                {text.title ? (
                  <h1 className="note-title">
                    <Glossable
                      state={translation}
                      field="title"
                      text={note.title}
                      lang={note.lang ?? undefined}
                    >
                      {text.title}
                    </Glossable>
                  </h1>
                ) : (
                  // every page has a heading to land on; a note without a title is named by its author
                  <h1 className="visually-hidden">
                    {t('note.heading', { name: note.author.displayName })}
                  </h1>
                )}
                <p className="note-body">
                  <Glossable
                    state={translation}
                    field="body"
                    text={note.body}
                    lang={note.lang ?? undefined}
                  >
                    <RichText text={text.body} topics={note.topics} />
                  </Glossable>
                </p>
              </>
            )}
          </div>
          <TranslationBar state={translation} />
          <p className="note-meta">
            {note.ipLocation
              ? t('note.postedIn', { date: date(note.createdAt), place: note.ipLocation })
              : date(note.createdAt)}
            {note.editedAt ? ` · ${t('note.edited')}` : ''}
            {note.ipLocation ? <IpCredit /> : null}
          </p>
          <Comments noteId={note.id} total={note.counts.comments} />
        </div>
        <ActionBar note={note} />
      </div>
    </article>
  );
}
