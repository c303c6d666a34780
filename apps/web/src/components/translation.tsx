import {
  AtriumError,
  type CommentReading,
  type CommentTranslation,
  type NoteReading,
  type NoteTranslation,
  type ReadingToken,
} from '@atrium/sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../i18n/provider.js';
import { api, errorCode } from '../lib/api.js';
import { servesPair, useCapabilities } from '../lib/capabilities.js';
import { languageName, sameLanguage } from '../lib/languages.js';
import { useReader } from '../lib/reader.js';
import { errorKey } from './common.js';
import { LanguageLabel } from './language-label.js';
import { ReadingLabel } from './reading.js';

/** Engines by the name they go by; an engine this list does not know shows as the server names it. */
const ENGINE_NAMES: Record<string, string> = {
  apertium: 'Apertium',
  libretranslate: 'LibreTranslate',
  deepl: 'DeepL',
};

export type TranslatableNote = {
  kind: 'note';
  id: string;
  lang: string | null;
  editedAt: string | null;
};
export type Translatable = TranslatableNote | { kind: 'comment'; id: string; lang: string | null };

type TranslationOf<T extends Translatable> = T extends { kind: 'note' }
  ? NoteTranslation
  : CommentTranslation;
type ReadingOf<T extends Translatable> = T extends { kind: 'note' } ? NoteReading : CommentReading;

/** The reading aid's glosses are English (CC-CEDICT): asked for in English. */
const READING_TARGET = 'en';

export interface TranslationState<T extends Translatable> {
  item: T;
  /** The item is in a language the reader does not read, and the server's engines serve the pair. */
  offered: boolean;
  /** No engine serves the pair, but a word-by-word reading aid covers it. */
  readingOffered: boolean;
  /** The translation to show in place of the original, or null for the original. */
  shown: TranslationOf<T> | null;
  /** The word-by-word reading to show in place of the original, or null. */
  reading: ReadingOf<T> | null;
  pending: boolean;
  /** Why the translation or reading the reader asked for failed (never for SAME_LANGUAGE). */
  error: unknown;
  /**
   * Words of the original can be tapped for their reading and gloss (the reading aid's
   * dictionary serves the language), whether or not an engine translates it.
   */
  glossable: boolean;
  /** The word of the original's `field` at a character offset, from the (cached) reading. */
  wordAt(field: 'title' | 'body', offset: number): Promise<ReadingToken | null>;
  translate(): void;
  read(): void;
  showOriginal(): void;
}

/** The token of a reading that covers a character offset of the text it reads, if a word. */
export function tokenAt(tokens: readonly ReadingToken[], offset: number): ReadingToken | null {
  let start = 0;
  for (const token of tokens) {
    const end = start + token.text.length;
    if (offset >= start && offset < end) {
      return token.reading || token.gloss || token.romaji ? token : null;
    }
    start = end;
  }
  return null;
}

/**
 * Translation of a note or comment into the reader's interface language, on a tap or (with the
 * account's auto-translate) by default. Answers are cached by TanStack Query per item, version
 * and target language, so going back and forth, or reopening the note, asks the server once.
 */
export function useTranslation<T extends Translatable>(
  item: T,
  {
    automatic = true,
  }: {
    /** Whether auto-translate may translate it now (false for slides far from the screen). */
    automatic?: boolean;
  } = {},
): TranslationState<T> {
  const reader = useReader();
  const capabilities = useCapabilities();
  const to = reader.target;
  const foreign = !!item.lang && !reader.reads(item.lang) && !sameLanguage(item.lang, to);
  // Never offer what cannot work: only pairs the server's engines serve are translated (and
  // nothing while the server has not said which those are).
  const needed = foreign && !!capabilities && servesPair(capabilities.translation, item.lang!, to);
  const glossable =
    foreign &&
    !!capabilities &&
    (to === READING_TARGET || reader.reads(READING_TARGET)) &&
    servesPair(capabilities.reading, item.lang!, READING_TARGET);
  const readable = glossable && !needed;
  const queryClient = useQueryClient();
  // null: the reader has not chosen, so the account's auto-translate decides.
  const [choice, setChoice] = useState<'original' | 'translated' | 'reading' | null>(null);
  const wanted = choice ?? (reader.autoTranslate && automatic ? 'translated' : 'original');
  const query = useQuery({
    queryKey: [
      'translation',
      item.kind,
      item.id,
      item.kind === 'note' ? (item.editedAt ?? '') : '',
      to,
    ],
    queryFn: (): Promise<TranslationOf<T>> =>
      (item.kind === 'note'
        ? api.notes.translation(item.id, to)
        : api.comments.translation(item.id, to)) as Promise<TranslationOf<T>>,
    enabled: needed && wanted === 'translated',
    // A translation of the same text does not change: keep it for the session.
    staleTime: Number.POSITIVE_INFINITY,
    // The server answers TRANSLATION_UNAVAILABLE after trying every engine: asking again at
    // once would not help. Network failures are retried.
    retry: (failures, error) => !(error instanceof AtriumError) && failures < 2,
  });
  // The reading aid opens only on a tap: it is a learner's tool, not a translation.
  const readingKey = [
    'reading',
    item.kind,
    item.id,
    item.kind === 'note' ? (item.editedAt ?? '') : '',
    READING_TARGET,
  ];
  const readingOf = (): Promise<ReadingOf<T>> =>
    (item.kind === 'note'
      ? api.notes.reading(item.id, READING_TARGET)
      : api.comments.reading(item.id, READING_TARGET)) as Promise<ReadingOf<T>>;
  const readingQuery = useQuery({
    queryKey: readingKey,
    queryFn: readingOf,
    enabled: readable && choice === 'reading',
    staleTime: Number.POSITIVE_INFINITY,
    retry: (failures, error) => !(error instanceof AtriumError) && failures < 2,
  });
  const sameLanguageAnswer = query.isError && errorCode(query.error) === 'SAME_LANGUAGE';
  const translating = wanted === 'translated' && needed;
  const reading = choice === 'reading' && readable;
  return {
    item,
    offered: needed && !sameLanguageAnswer,
    readingOffered: readable,
    shown: translating && query.isSuccess ? query.data : null,
    reading: reading && readingQuery.isSuccess ? readingQuery.data : null,
    pending:
      (translating && query.isFetching && !query.data) ||
      (reading && readingQuery.isFetching && !readingQuery.data),
    // A failed automatic translation falls back to the original quietly; a tap shows why.
    error:
      translating && choice === 'translated' && query.isError && !sameLanguageAnswer
        ? query.error
        : reading && readingQuery.isError
          ? readingQuery.error
          : null,
    glossable,
    // the same cached reading as "Read word by word": one request per item, whatever is tapped
    wordAt: async (field, offset) => {
      const found = await queryClient.fetchQuery({
        queryKey: readingKey,
        queryFn: readingOf,
        staleTime: Number.POSITIVE_INFINITY,
      });
      const tokens = field === 'title' && 'title' in found ? found.title : found.body;
      return tokenAt(tokens, offset);
    },
    translate: () => {
      setChoice('translated');
      if (query.isError) void query.refetch();
    },
    read: () => {
      setChoice('reading');
      if (readingQuery.isError) void readingQuery.refetch();
    },
    showOriginal: () => setChoice('original'),
  };
}

/** The text to show for a note: its translation when one is shown, else the original. */
export function noteText(
  note: { title: string; body: string },
  state: TranslationState<TranslatableNote>,
) {
  const { shown } = state;
  return shown
    ? { title: shown.title, body: shown.body, lang: shown.to }
    : { title: note.title, body: note.body, lang: undefined };
}

function UnavailableMessage({ error, from, to }: { error: unknown; from: string; to: string }) {
  const { t, locale } = useT();
  const problem = error instanceof AtriumError ? (error.problem as Record<string, unknown>) : {};
  let text: string;
  if (errorCode(error) !== 'TRANSLATION_UNAVAILABLE') text = t(errorKey(error));
  else if (problem.reason === 'no_engine_for_pair')
    text = t('translation.noEngineForPair', {
      from: languageName(typeof problem.from === 'string' ? problem.from : from, locale, {
        inSentence: true,
      }),
      to: languageName(to, locale, { inSentence: true }),
    });
  else if (problem.reason === 'not_configured') text = t('translation.notConfigured');
  else if (problem.reason === 'unknown_source_language') text = t('translation.unknownLanguage');
  else if (problem.reason === 'romanized_source')
    text = t('translation.romanized', {
      // the language alone: "Chinese", not "Chinese (Latin)" before "written in Latin letters"
      language: languageName(
        (typeof problem.from === 'string' ? problem.from : from).split('-')[0]!,
        locale,
        { inSentence: true },
      ),
    });
  else text = t('translation.busy');
  return (
    <p className="translation-error" role="alert">
      {text}
    </p>
  );
}

/**
 * The language label and the translation controls of a note or comment: _Translate_, then
 * _Machine translation · Apertium_ with _Show original_. Renders nothing for languages the
 * reader reads.
 */
export function TranslationBar({
  state,
  compact = false,
}: {
  state: TranslationState<Translatable>;
  /** Inline in a comment's meta line. */
  compact?: boolean;
}) {
  const { t } = useT();
  const { item } = state;
  const reader = useReader();
  if (!item.lang || reader.reads(item.lang)) return null;
  const engine = state.shown ? (ENGINE_NAMES[state.shown.engine] ?? state.shown.engine) : '';
  const controls = (
    <>
      <LanguageLabel lang={item.lang} />
      {state.shown ? (
        <>
          <span className="machine-translation">{t('translation.machine', { engine })}</span>
          <button type="button" className="link-button" onClick={state.showOriginal}>
            {t('translation.showOriginal')}
          </button>
        </>
      ) : state.reading ? (
        <>
          <ReadingLabel dictionary={state.reading.dictionary} />
          <button type="button" className="link-button" onClick={state.showOriginal}>
            {t('translation.showOriginal')}
          </button>
        </>
      ) : state.pending ? (
        <span className="muted" role="status">
          {state.readingOffered ? t('reading.loading') : t('translation.translating')}
        </span>
      ) : state.offered ? (
        <button type="button" className="link-button" onClick={state.translate}>
          {t('translation.translate')}
        </button>
      ) : state.readingOffered ? (
        <button type="button" className="link-button" onClick={state.read}>
          {t('reading.read')}
        </button>
      ) : null}
    </>
  );
  if (compact) return controls;
  return (
    <div className="translation-bar">
      <p>{controls}</p>
      {state.error ? (
        <UnavailableMessage error={state.error} from={item.lang} to={reader.target} />
      ) : null}
    </div>
  );
}

/** A failed translation's message, for layouts that place it apart from the bar. */
export function TranslationError({ state }: { state: TranslationState<Translatable> }) {
  const reader = useReader();
  if (!state.error || !state.item.lang) return null;
  return <UnavailableMessage error={state.error} from={state.item.lang} to={reader.target} />;
}
