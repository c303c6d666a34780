import type { TranslationCapabilities } from '@atrium/sdk';
import { useQuery } from '@tanstack/react-query';
import { api } from './api.js';

type Pair = { from: string; to: string };

const parts = (tag: string) => tag.toLowerCase().split(/[-_]/);

/**
 * Whether a pair's tag covers a content or target tag: the same tag, or a tag without subtags
 * (`zh`) for the same language with a script or region (`zh-Hans`, `en-US`). A romanized tag
 * (`zh-Latn`) is covered only by name: no engine or dictionary reads romanized text.
 */
export function tagCovers(pairTag: string, tag: string): boolean {
  const pair = parts(pairTag);
  const wanted = parts(tag);
  if (pair.join('-') === wanted.join('-')) return true;
  if (pair.length > 1 || pair[0] !== wanted[0]) return false;
  return !wanted.includes('latn');
}

/** Whether a pair in the list serves `from` → `to`. */
export function servesPair(pairs: readonly Pair[], from: string, to: string): boolean {
  return pairs.some((pair) => tagCovers(pair.from, from) && tagCovers(pair.to, to));
}

/**
 * What the server can do for a reader (GET /api/translation/capabilities): asked once a
 * session; while it is unknown nothing is offered, so no request is made that could fail.
 */
export function useCapabilities(): TranslationCapabilities | undefined {
  const query = useQuery({
    queryKey: ['translation-capabilities'],
    queryFn: () => api.translation.capabilities(),
    staleTime: 30 * 60_000,
  });
  return query.data;
}
