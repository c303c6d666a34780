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
} as const;
