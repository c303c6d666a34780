import type { HashMatchAction } from '@atrium/contracts';
import type { HashBank } from './hash-bank.js';
import type { MediaChecker, MediaCheckInput, MediaFinding } from './media-check.js';
import { HASH_BITS, perceptualHash } from './perceptual-hash.js';

/** How the hash checker acts on a match (`MEDIA_HASH_*`, docs/media.md "Known-bad hashes"). */
export interface HashMatchOptions {
  /** Bits a copy may differ by and still be acted on (`MEDIA_HASH_REVIEW_DISTANCE`). */
  reviewDistance: number;
  /** Up to this distance the match is near-certain and gets `action` (`MEDIA_HASH_BLOCK_DISTANCE`). */
  blockDistance: number;
  /** What a near-certain match does: refuse the upload, or queue it (`MEDIA_HASH_ACTION`). */
  action: HashMatchAction;
}

/**
 * Measured on synthetic pictures (bench/media/hash.ts): re-encodes and resizes land within
 * about 30 bits, crops between the banked crop variants within about 56, and 10,000 distinct
 * pictures never within 48 (3 within 64). Near-certain copies are refused, as platforms do with
 * their own removed content; the band between goes to a moderator.
 */
export const DEFAULT_HASH_MATCH: HashMatchOptions = {
  reviewDistance: 64,
  blockDistance: 48,
  action: 'block',
};

/**
 * The `hash` checker: an image within `reviewDistance` bits of a banked hash is a finding
 * (`known_bad.removed` or `known_bad.imported`), `action` within `blockDistance`, else `review`.
 */
export function createHashChecker(deps: {
  bank: Pick<HashBank, 'match'>;
  options?: Partial<HashMatchOptions>;
}): MediaChecker {
  const options = { ...DEFAULT_HASH_MATCH, ...deps.options };
  return {
    name: 'hash',
    async check(input: MediaCheckInput): Promise<MediaFinding[]> {
      // the upload's hash, computed once at upload; an image from before it is hashed now
      const hash = input.perceptualHash ?? (await perceptualHash(input.bytes));
      const match = await deps.bank.match(hash, options.reviewDistance);
      if (!match) return [];
      return [
        {
          checker: 'hash',
          category: `known_bad.${match.source}`,
          action: match.distance <= options.blockDistance ? options.action : 'review',
          // 0 bits apart is certain; half the bits apart is what unrelated pictures are
          score: Math.max(0, 1 - match.distance / (HASH_BITS / 2)),
          ...(input.atSecond !== undefined ? { atSecond: input.atSecond } : {}),
          detail: {
            hash,
            matchedHash: match.hash,
            distance: match.distance,
            source: match.source,
            ...(match.listName ? { list: match.listName } : {}),
            ...(match.decisionId ? { decisionId: match.decisionId } : {}),
            ...(match.caseId ? { caseId: match.caseId } : {}),
          },
        },
      ];
    },
  };
}
