import { routes } from '@atrium/contracts';
import { visibilityOf } from '../../http/client.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { IpLocator } from '../geo/ip-location.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SocialService } from '../social/social.service.js';
import { langError } from './lang.errors.js';
import type { LangService } from './lang.service.js';

const MINUTE = 60_000;

export function registerLangRoutes(
  registry: RouteRegistry,
  deps: { lang: LangService; notes: NotesService; social: SocialService; locator: IpLocator },
): void {
  const { lang, notes, social, locator } = deps;

  // Cache hits are cheap, but a miss runs an engine: limited per client like a write.
  defineHandler(
    registry,
    routes.noteTranslation,
    async ({ params, query, request }) => {
      const note = await notes.requireReadable(params.id, visibilityOf(request, locator));
      return lang.translateNote(note, query.to);
    },
    { rateLimit: { max: 300, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.commentTranslation,
    async ({ params, query, request }) => {
      const context = visibilityOf(request, locator);
      const comment = await social.findVisibleComment(params.id, context);
      if (!comment) throw langError('COMMENT_NOT_FOUND');
      await notes.requireVisible(registry.db, comment.note_id, context);
      return lang.translateComment(comment, query.to);
    },
    { rateLimit: { max: 300, timeWindow: 10 * MINUTE } },
  );
}
