/**
 * A matcher that can be rebuilt while in use. The new lexicon is compiled completely before one
 * reference swap, so every scan sees either the old matcher or the new one, never a mix; a
 * lexicon that fails to compile leaves the old matcher in place.
 */
import { compileLexicon } from './matcher.js';
import type { CompileOptions, LexiconEntry, Match, Matcher, ScanOptions } from './types.js';

export interface HotMatcher extends Matcher {
  /** Increases by one on every successful rebuild. */
  readonly version: number;
  /** The matcher in use now. */
  readonly current: Matcher;
  /** Compiles `entries` and swaps them in; throws (keeping the old matcher) if they are invalid. */
  rebuild(entries: LexiconEntry[]): void;
}

/** Creates a rebuildable matcher from an initial lexicon. */
export function createHotMatcher(
  entries: LexiconEntry[],
  options: CompileOptions = {},
): HotMatcher {
  let current = compileLexicon(entries, options);
  let version = 1;
  return {
    get version() {
      return version;
    },
    get current() {
      return current;
    },
    get size() {
      return current.size;
    },
    scan(text: string, scanOptions?: ScanOptions): Match[] {
      return current.scan(text, scanOptions);
    },
    rebuild(next: LexiconEntry[]): void {
      const compiled = compileLexicon(next, options);
      current = compiled;
      version++;
    },
  };
}
