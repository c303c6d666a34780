import type { Note } from '@atrium/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { rejectionReasons } from '../lib/problem.js';
import { ErrorMessage } from './common.js';
import { Dialog } from './dialog.js';
import { MentionSuggestions } from './mention-suggestions.js';
import { mediaFields, UploadFields, useUploads } from './uploads.js';

/**
 * Edits one's own note: title, text and images — their order, alt texts, removing and adding
 * (`PATCH /api/notes/:id`). The note is screened again like a new one; a refusal keeps the edit
 * and marks the field.
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
  const [caret, setCaret] = useState(0);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const images = useUploads(note.media);
  const { uploading, ready } = images;
  const save = useMutation({
    mutationFn: () =>
      api.notes.update(note.id, {
        title: title.trim(),
        body: body.trim(),
        // the images as they stand now: order, removals, additions and alt texts in one change
        ...(note.media.length > 0 || ready.length > 0 ? mediaFields(ready) : {}),
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['note', note.id], updated);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['feed'] });
    },
  });
  const rejected = new Set(rejectionReasons(save.error).map((reason) => reason.field));
  const empty = !body.trim() && ready.length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!uploading && !empty) save.mutate();
  };
  return (
    <Dialog open={open} onClose={onClose} title={t('note.edit')}>
      <form className="form dialog-body" onSubmit={submit}>
        <UploadFields uploads={images} idPrefix="edit" altInvalid={rejected.has('alt')} />
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
            ref={bodyRef}
            rows={6}
            value={body}
            aria-invalid={rejected.has('body') || undefined}
            onChange={(event) => {
              setBody(event.target.value);
              setCaret(event.target.selectionStart);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          />
        </label>
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
        {save.isError ? <ErrorMessage error={save.error} texts={{ title, body }} /> : null}
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button" disabled={save.isPending || uploading || empty}>
            {uploading ? t('compose.waitUploads') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
