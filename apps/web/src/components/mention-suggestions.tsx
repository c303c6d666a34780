import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { mentionAtCaret } from '../lib/text.js';

const DELAY_MS = 200;
const SHOWN = 5;

/** `value`, once it has stopped changing for `delay` ms: one search per pause, not per key. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * People to mention while an `@handle` is being typed at the caret of `text`: the user search
 * (handles and names, prefixes first; blocked accounts are not found), shown as buttons under the
 * field. Picking one writes `@handle ` in place of what was typed and hands the new text and
 * caret back.
 */
export function MentionSuggestions({
  text,
  caret,
  onInsert,
}: {
  text: string;
  caret: number;
  onInsert: (next: string, caret: number) => void;
}) {
  const { t } = useT();
  const typing = mentionAtCaret(text, caret);
  const query = useSettled(typing?.query ?? '', DELAY_MS);
  const people = useQuery({
    queryKey: ['mention', query],
    queryFn: () => api.search(query, 'users', { limit: SHOWN }),
    enabled: query.length > 0,
    staleTime: 30_000,
  });
  if (!typing?.query || query !== typing.query) return null;
  const items = (people.data?.items ?? []) as Array<{
    id: string;
    handle: string;
    displayName: string;
  }>;
  if (items.length === 0) return null;
  const insert = (handle: string) => {
    const next = `${text.slice(0, typing.start)}@${handle} ${text.slice(caret)}`;
    onInsert(next, typing.start + handle.length + 2);
  };
  return (
    <fieldset className="suggestions mention-suggestions">
      <legend className="visually-hidden">{t('compose.mentionSuggestions')}</legend>
      {items.slice(0, SHOWN).map((person) => (
        <button
          type="button"
          key={person.id}
          className="chip"
          onClick={() => insert(person.handle)}
        >
          @{person.handle}
          <span className="muted"> · {person.displayName}</span>
        </button>
      ))}
    </fieldset>
  );
}
