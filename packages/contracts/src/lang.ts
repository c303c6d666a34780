import { type Static, Type } from '@sinclair/typebox';
import { Id, LanguageTag } from './common.js';
import { defineRoute } from './route.js';

export const TranslationQuery = Type.Object({ to: LanguageTag }, { additionalProperties: false });
export type TranslationQuery = Static<typeof TranslationQuery>;

const TranslationMeta = {
  /** The source language as detected (or given by the author). */
  from: Type.String(),
  to: Type.String(),
  /** The engine that translated it (`apertium`, `libretranslate`, `deepl`): a machine translation. */
  engine: Type.String(),
  /** Served from the shared cache: some reader had asked for it before. */
  cached: Type.Boolean(),
};

export const NoteTranslation = Type.Object({
  title: Type.String(),
  body: Type.String(),
  ...TranslationMeta,
});
export type NoteTranslation = Static<typeof NoteTranslation>;

export const CommentTranslation = Type.Object({ body: Type.String(), ...TranslationMeta });
export type CommentTranslation = Static<typeof CommentTranslation>;

const IdParams = Type.Object({ id: Id });

export const LanguagePair = Type.Object({ from: Type.String(), to: Type.String() });
export type LanguagePair = Static<typeof LanguagePair>;

/** Dictionaries behind the word-by-word reading aid. */
export const readingDictionaries = ['cc-cedict', 'ipadic'] as const;
export const ReadingDictionary = Type.Union(readingDictionaries.map((name) => Type.Literal(name)));
export type ReadingDictionary = Static<typeof ReadingDictionary>;

/**
 * What this server can do for a reader: the language pairs its translation engines serve, and
 * the pairs a word-by-word reading aid covers. A pair's tag without a subtag (`zh`) covers the
 * tags of that language with a script or region (`zh-Hans`), except romanized ones (`zh-Latn`).
 */
export const TranslationCapabilities = Type.Object({
  translation: Type.Array(LanguagePair),
  reading: Type.Array(Type.Object({ ...LanguagePair.properties, dictionary: ReadingDictionary })),
});
export type TranslationCapabilities = Static<typeof TranslationCapabilities>;

/** One word (or a run of text without one) of a word-by-word reading. */
export const ReadingToken = Type.Object({
  /** The text as written; the tokens of a text, joined, are the text. */
  text: Type.String(),
  /**
   * How it is read: pinyin with tone marks for Chinese; hiragana for Japanese words written with
   * kanji (absent for words written in kana, which already say how they are read).
   */
  reading: Type.Optional(Type.String()),
  /** A short dictionary gloss in the target language: a word's meaning, not a translation. */
  gloss: Type.Optional(Type.String()),
  /** The reading in Latin letters where `reading` is not: Hepburn romaji for Japanese words. */
  romaji: Type.Optional(Type.String()),
});
export type ReadingToken = Static<typeof ReadingToken>;

const ReadingMeta = {
  from: Type.String(),
  to: Type.String(),
  /**
   * Where the readings and glosses come from (credit it: CC-CEDICT is CC BY-SA 4.0). `ipadic`
   * (Japanese, segmented by kuromoji) gives readings only, no glosses.
   */
  dictionary: ReadingDictionary,
  /** Served from the shared cache. */
  cached: Type.Boolean(),
};

export const NoteReading = Type.Object({
  title: Type.Array(ReadingToken),
  body: Type.Array(ReadingToken),
  ...ReadingMeta,
});
export type NoteReading = Static<typeof NoteReading>;

export const CommentReading = Type.Object({ body: Type.Array(ReadingToken), ...ReadingMeta });
export type CommentReading = Static<typeof CommentReading>;

export const langRoutes = {
  noteTranslation: defineRoute({
    operationId: 'noteTranslation',
    method: 'GET',
    path: '/api/notes/:id/translation',
    summary: 'A machine translation of a note (cached: each text is translated once for all)',
    tags: ['notes'],
    auth: 'optional',
    params: IdParams,
    querystring: TranslationQuery,
    response: { 200: NoteTranslation },
    errors: ['SAME_LANGUAGE', 'TRANSLATION_UNAVAILABLE', 'WITHHELD_IN_REGION'],
  }),
  commentTranslation: defineRoute({
    operationId: 'commentTranslation',
    method: 'GET',
    path: '/api/comments/:id/translation',
    summary: 'A machine translation of a comment',
    tags: ['notes'],
    auth: 'optional',
    params: IdParams,
    querystring: TranslationQuery,
    response: { 200: CommentTranslation },
    errors: ['SAME_LANGUAGE', 'TRANSLATION_UNAVAILABLE', 'COMMENT_NOT_FOUND'],
  }),
  translationCapabilities: defineRoute({
    operationId: 'translationCapabilities',
    method: 'GET',
    path: '/api/translation/capabilities',
    summary: 'The language pairs this server translates, and those a reading aid covers',
    tags: ['notes'],
    auth: 'none',
    response: { 200: TranslationCapabilities },
    errors: [],
  }),
  noteReading: defineRoute({
    operationId: 'noteReading',
    method: 'GET',
    path: '/api/notes/:id/reading',
    summary: 'A word-by-word reading of a note (words, readings, dictionary glosses; cached)',
    tags: ['notes'],
    auth: 'optional',
    params: IdParams,
    querystring: TranslationQuery,
    response: { 200: NoteReading },
    errors: ['READING_UNAVAILABLE', 'WITHHELD_IN_REGION'],
  }),
  commentReading: defineRoute({
    operationId: 'commentReading',
    method: 'GET',
    path: '/api/comments/:id/reading',
    summary: 'A word-by-word reading of a comment',
    tags: ['notes'],
    auth: 'optional',
    params: IdParams,
    querystring: TranslationQuery,
    response: { 200: CommentReading },
    errors: ['READING_UNAVAILABLE', 'COMMENT_NOT_FOUND'],
  }),
} as const;
