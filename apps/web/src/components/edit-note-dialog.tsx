import type { Note } from '@atrium/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { rejectionReasons } from '../lib/problem.js';
import { ErrorMessage } from './common.js';
import { Dialog } from './dialog.js';

/**
 * Edits one's own note: title and text (`PATCH /api/notes/:id`). The note is screened again like
 * a new one; a refusal keeps the edit and marks the field.
 */
export function EditNoteDialog({
  note,
  open,
  onClose,
}: {
  note: Note;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(note.title);
  const [body, setBody] = useState(note.body);
  const save = useMutation({
    mutationFn: () => api.notes.update(note.id, { title: title.trim(), body: body.trim() }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['note', note.id], updated);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['feed'] });
    },
  });
  const rejected = new Set(rejectionReasons(save.error).map((reason) => reason.field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Dialog open={open} onClose={onClose} title={t('note.edit')}>
      <form className="form dialog-body" onSubmit={submit}>
        <label className="field">
          <span>{t('compose.noteTitle')}</span>
          <input
            name="title"
            value={title}
            maxLength={100}
            aria-invalid={rejected.has('title') || undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('compose.body')}</span>
          <textarea
            name="body"
            rows={6}
            required
            value={body}
            aria-invalid={rejected.has('body') || undefined}
            onChange={(event) => setBody(event.target.value)}
          />
        </label>
        {save.isError ? <ErrorMessage error={save.error} texts={{ title, body }} /> : null}
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button" disabled={save.isPending || !body.trim()}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
