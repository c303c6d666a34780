import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SocialService } from '../social/social.service.js';
import { langError } from './lang.errors.js';
import type { LangService } from './lang.service.js';
import { READING_PAIRS, type ReadingService } from './reading.service.js';

const MINUTE = 60_000;

export function registerLangRoutes(
  registry: RouteRegistry,
  deps: {
    lang: LangService;
    reading: ReadingService;
    notes: NotesService;
    social: SocialService;
  },
): void {
  const { lang, reading, notes, social } = deps;

  defineHandler(registry, routes.translationCapabilities, async () => ({
    translation: await lang.translationPairs(),
    reading: [...READING_PAIRS],
  }));

  // A reading costs a dictionary walk (≈1 ms) when not cached: limited like translations.
  defineHandler(
    registry,
    routes.noteReading,
    async ({ context, params, query }) => {
      const note = await notes.requireReadable(params.id, context.visibility);
      return reading.readNote(note, query.to);
    },
    { rateLimit: { max: 300, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.commentReading,
    async ({ context, params, query }) => {
      const comment = await social.findVisibleComment(params.id, context.visibility);
      if (!comment) throw langError('COMMENT_NOT_FOUND');
      await notes.requireVisible(registry.db, comment.note_id, context.visibility);
      return reading.readComment(comment, query.to);
    },
    { rateLimit: { max: 300, timeWindow: 10 * MINUTE } },
  );

  // Cache hits are cheap, but a miss runs an engine: limited per client like a write.
  defineHandler(
    registry,
    routes.noteTranslation,
    async ({ context, params, query }) => {
      const note = await notes.requireReadable(params.id, context.visibility);
      return lang.translateNote(note, query.to);
    },
    { rateLimit: { max: 300, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.commentTranslation,
    async ({ context, params, query }) => {
      const comment = await social.findVisibleComment(params.id, context.visibility);
      if (!comment) throw langError('COMMENT_NOT_FOUND');
      await notes.requireVisible(registry.db, comment.note_id, context.visibility);
      return lang.translateComment(comment, query.to);
    },
    { rateLimit: { max: 300, timeWindow: 10 * MINUTE } },
  );
}
