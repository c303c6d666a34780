import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SocialService } from '../social/social.service.js';
import { langError } from './lang.errors.js';
import type { LangService } from './lang.service.js';

const MINUTE = 60_000;

export function registerLangRoutes(
  registry: RouteRegistry,
  deps: { lang: LangService; notes: NotesService; social: SocialService },
): void {
  const { lang, notes, social } = deps;

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
