import { normalizeLanguageTag } from '@atrium/lang';
import { DomainError } from '../../http/errors.js';
import type { DeliveredEvent } from '../../lib/domain-events.js';
import type { LangService } from './lang.service.js';

/** The consumer's durable name: worker nodes share it, each new note goes to one of them. */
export const PREFETCH_CONSUMER = 'translation-prefetch';

/**
 * Translation prefetch (`TRANSLATION_PREFETCH`, docs/scale.md "Events and work queues"): a worker
 * node hears of each published note (`note.created`) and translates it into the configured
 * languages, so the shared translation cache answers the first reader at once. Idempotent by the
 * cache: an event delivered again finds its translations there and calls no engine.
 */
export function createTranslationPrefetch(deps: {
  lang: Pick<LangService, 'translateNote'>;
  findNote(
    noteId: string,
  ): Promise<{ title: string; body: string; lang: string | null; author_id: string } | undefined>;
  targets: string[];
}) {
  const targets = deps.targets.map(normalizeLanguageTag);
  return async function prefetch(event: DeliveredEvent): Promise<number> {
    if (event.type !== 'note.created' || event.data.status !== 'published') return 0;
    const note = await deps.findNote(event.key);
    if (!note) return 0;
    let translated = 0;
    for (const to of targets) {
      try {
        await deps.lang.translateNote(note, to);
        translated += 1;
      } catch (error) {
        // the same language, a pair no engine serves, translation paused: read-time's answer
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return translated;
  };
}
