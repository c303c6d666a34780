import type { Board } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useMe } from '../lib/session.js';
import { ErrorMessage, Icon, Loading } from './common.js';
import { Dialog } from './dialog.js';

/** The lock shown on a private board (the word, for screen readers, is beside it). */
export function Lock() {
  return (
    <svg
      className="icon lock"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <path d="M6.5 10.5h11v9h-11zM8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5" />
    </svg>
  );
}

/** A form for a new board's name, description and privacy (also used to edit one). */
export function BoardForm({
  initial,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: Pick<Board, 'name' | 'description' | 'visibility'>;
  submitLabel: string;
  pending: boolean;
  onSubmit: (value: {
    name: string;
    description: string;
    visibility: 'public' | 'private';
  }) => void;
  onCancel?: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [privateBoard, setPrivate] = useState(initial?.visibility === 'private');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    onSubmit({ name, description, visibility: privateBoard ? 'private' : 'public' });
  };
  return (
    <form className="form board-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('boards.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={40}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('boards.description')}</label>
        <input
          id={`${id}-description`}
          value={description}
          maxLength={200}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <label className="choice toggle">
        <input
          type="checkbox"
          checked={privateBoard}
          onChange={(event) => setPrivate(event.target.checked)}
        />
        <span>{t('boards.private')}</span>
      </label>
      <div className="dialog-actions">
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
        <button type="submit" className="button" disabled={pending || !name.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/**
 * The "save to a board" sheet: the viewer's boards as checkboxes (the note's current ones
 * ticked) and a form for a new one. Saving collects the note and files it in exactly the ticked
 * boards; with none ticked it stays in "All collects" only.
 */
export function BoardPicker({
  noteId,
  open,
  onClose,
}: {
  noteId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useT();
  return (
    <Dialog open={open} onClose={onClose} title={t('boards.pickTitle')}>
      <BoardPickerBody noteId={noteId} onClose={onClose} />
    </Dialog>
  );
}

function BoardPickerBody({ noteId, onClose }: { noteId: string; onClose: () => void }) {
  const { t } = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const handle = me.data?.handle ?? '';
  const boards = useQuery({
    queryKey: ['boards', handle],
    queryFn: () => api.boards.of(handle, { limit: 100 }),
    enabled: handle !== '',
  });
  const current = useQuery({
    queryKey: ['note-boards', noteId],
    queryFn: () => api.boards.ofNote(noteId),
  });
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [creating, setCreating] = useState(false);
  const selected = chosen ?? new Set(current.data?.boardIds ?? []);
  const create = useMutation({
    mutationFn: (value: { name: string; description: string; visibility: 'public' | 'private' }) =>
      api.boards.create(value),
    onSuccess: (board) => {
      setChosen(new Set([...selected, board.id]));
      setCreating(false);
      void queryClient.invalidateQueries({ queryKey: ['boards', handle] });
    },
  });
  const save = useMutation({
    mutationFn: () => api.boards.setForNote(noteId, [...selected]),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      void queryClient.invalidateQueries({ queryKey: ['note-boards', noteId] });
      void queryClient.invalidateQueries({ queryKey: ['note', noteId] });
      void queryClient.invalidateQueries({ queryKey: ['feed'] });
      onClose();
    },
  });
  if (boards.isPending || current.isPending) return <Loading />;
  if (boards.isError) return <ErrorMessage error={boards.error} />;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  return (
    <div className="dialog-body board-picker">
      <p className="muted">{t('boards.pickHint')}</p>
      <fieldset className="choices stacked">
        <legend className="visually-hidden">{t('boards.title')}</legend>
        {boards.data.items.map((board) => (
          <label key={board.id} className="choice">
            <input
              type="checkbox"
              checked={selected.has(board.id)}
              onChange={(event) => toggle(board.id, event.target.checked)}
            />
            <span>
              {board.name}{' '}
              {board.visibility === 'private' ? (
                <>
                  <Lock />
                  <span className="visually-hidden">{t('boards.privateLabel')}</span>
                </>
              ) : null}
              <small className="muted">{t('boards.notesCount', { count: board.notes })}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {boards.data.items.length === 0 && !creating ? (
        <p className="muted">{t('boards.noneYet')}</p>
      ) : null}
      {creating ? (
        <BoardForm
          submitLabel={t('boards.create')}
          pending={create.isPending}
          onSubmit={(value) => create.mutate(value)}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <button type="button" className="button secondary small" onClick={() => setCreating(true)}>
          {t('boards.new')}
        </button>
      )}
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {creating ? null : (
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button"
            disabled={save.isPending}
            onClick={() => save.mutate()}
          >
            {selected.size > 0
              ? t('boards.saveTo', { count: selected.size })
              : t('boards.saveToAll')}
          </button>
        </div>
      )}
    </div>
  );
}

/** A board's tile: cover, name (with a lock when private) and how many notes. */
function BoardTile({ board }: { board: Board }) {
  const { t } = useT();
  return (
    <li className="board-tile">
      <Link href={`/board/${board.id}`} className="board-link">
        <span className="board-cover">
          {board.coverUrl ? (
            <img className="board-cover-image" src={board.coverUrl} alt="" loading="lazy" />
          ) : (
            <Icon name="star" />
          )}
        </span>
        <span className="board-name">
          {board.name}
          {board.visibility === 'private' ? (
            <>
              {' '}
              <Lock />
              <span className="visually-hidden">{t('boards.privateLabel')}</span>
            </>
          ) : null}
        </span>
        <span className="muted board-count">{t('boards.notesCount', { count: board.notes })}</span>
      </Link>
    </li>
  );
}

/**
 * The Boards tab of a profile: all of one's own boards (private ones with a lock), someone
 * else's public ones; one page of up to 100 (an account has at most 100 boards).
 */
export function BoardList({
  handle,
  own,
  onShowAll,
}: {
  handle: string;
  own: boolean;
  onShowAll: () => void;
}) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const query = useQuery({
    queryKey: ['boards', handle],
    queryFn: () => api.boards.of(handle, { limit: 100 }),
  });
  const create = useMutation({
    mutationFn: (value: { name: string; description: string; visibility: 'public' | 'private' }) =>
      api.boards.create(value),
    onSuccess: () => {
      setCreating(false);
      void queryClient.invalidateQueries({ queryKey: ['boards', handle] });
    },
  });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <section className="boards" aria-label={t('boards.title')}>
      {own ? (
        <div className="boards-actions">
          <button type="button" className="button small" onClick={() => setCreating(true)}>
            {t('boards.new')}
          </button>
        </div>
      ) : null}
      <ul className="board-grid">
        <li className="board-tile">
          <button type="button" className="board-link" onClick={onShowAll}>
            <span className="board-cover all">
              <Icon name="star" filled />
            </span>
            <span className="board-name">{t('boards.all')}</span>
          </button>
        </li>
        {query.data.items.map((board) => (
          <BoardTile key={board.id} board={board} />
        ))}
      </ul>
      {query.data.items.length === 0 ? (
        <p className="empty">{own ? t('boards.emptyOwn') : t('boards.empty')}</p>
      ) : null}
      <Dialog open={creating} onClose={() => setCreating(false)} title={t('boards.new')}>
        <div className="dialog-body">
          <BoardForm
            submitLabel={t('boards.create')}
            pending={create.isPending}
            onSubmit={(value) => create.mutate(value)}
            onCancel={() => setCreating(false)}
          />
          {create.isError ? <ErrorMessage error={create.error} /> : null}
        </div>
      </Dialog>
    </section>
  );
}
