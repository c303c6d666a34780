import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { BoardForm, Lock } from '../components/boards.js';
import { ErrorMessage, Loading } from '../components/common.js';
import { Dialog } from '../components/dialog.js';
import { NoteFeed } from '../components/note-grid.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useMe } from '../lib/session.js';

/** A board: its name, owner and notes in the double-column grid; its owner edits or deletes it. */
export function BoardScreen({ id }: { id: string }) {
  const { t } = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const query = useQuery({ queryKey: ['board', id], queryFn: () => api.boards.get(id) });
  const update = useMutation({
    mutationFn: (value: { name: string; description: string; visibility: 'public' | 'private' }) =>
      api.boards.update(id, value),
    onSuccess: (board) => {
      queryClient.setQueryData(['board', id], board);
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      setEditing(false);
    },
  });
  const remove = useMutation({
    mutationFn: () => api.boards.delete(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      navigate(`/u/${query.data?.owner ?? ''}`);
    },
  });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const board = query.data;
  const own = me.data?.handle === board.owner;
  return (
    <div className="page wide">
      <header className="board-header">
        <h1>
          {board.name}
          {board.visibility === 'private' ? (
            <>
              {' '}
              <Lock />
              <span className="visually-hidden">{t('boards.privateLabel')}</span>
            </>
          ) : null}
        </h1>
        <p className="muted">
          <Link href={`/u/${board.owner}`}>{t('boards.by', { handle: board.owner })}</Link>
          {' · '}
          {t('boards.notesCount', { count: board.notes })}
        </p>
        {board.description ? <p className="bio">{board.description}</p> : null}
        {own ? (
          <div className="profile-actions">
            <button
              type="button"
              className="button secondary small"
              onClick={() => setEditing(true)}
            >
              {t('boards.edit')}
            </button>
            <button
              type="button"
              className="button secondary small"
              onClick={() => setDeleting(true)}
            >
              {t('boards.delete')}
            </button>
          </div>
        ) : null}
      </header>
      <NoteFeed
        key={id}
        queryKey={['feed', 'board', id]}
        fetchPage={(cursor) => api.boards.notes(id, { cursor, limit: 20 })}
        empty={t('boards.emptyNotes')}
        label={board.name}
      />
      <Dialog open={editing} onClose={() => setEditing(false)} title={t('boards.edit')}>
        <div className="dialog-body">
          <BoardForm
            initial={board}
            submitLabel={t('common.save')}
            pending={update.isPending}
            onSubmit={(value) => update.mutate(value)}
            onCancel={() => setEditing(false)}
          />
          {update.isError ? <ErrorMessage error={update.error} /> : null}
        </div>
      </Dialog>
      <Dialog open={deleting} onClose={() => setDeleting(false)} title={t('boards.delete')}>
        <div className="dialog-body">
          <p>{t('boards.deleteConfirm', { name: board.name })}</p>
          {remove.isError ? <ErrorMessage error={remove.error} /> : null}
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
              {t('boards.delete')}
            </button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
