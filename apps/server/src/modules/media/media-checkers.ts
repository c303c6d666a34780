import type { Policy } from '@atrium/safety';
import type { Config } from '../../config.js';
import type { SafetyRulesProvider } from '../screening/safety-rules.js';
import { createExplicitChecker } from './explicit-check.js';
import type { HashBank } from './hash-bank.js';
import { createHashChecker } from './hash-checker.js';
import type { MediaChecker } from './media-check.js';
import { createOcrChecker } from './ocr-check.js';

/** What the checkers read: the safety rules in force (the same the inline text check applies). */
export interface MediaCheckerDeps {
  rules: SafetyRulesProvider;
  /** The known-bad hash bank the `hash` checker matches against (docs/media.md). */
  hashBank?: Pick<HashBank, 'match'>;
}

/**
 * The image checks this server runs on every upload (`MEDIA_CHECKS`, docs/media.md), in order.
 * The composition root passes them to the media checks' runner; tests pass their own
 * (`AppDeps.mediaCheckers`). With none, uploads pass at once and nothing waits.
 *
 * A checker is built here on every node (API nodes included: an upload must know whether it
 * will be checked) but loads its model on its first `check`, which only runs on nodes that run
 * the periodic tasks (`ATRIUM_ROLE` `all` or `worker`, docs/scale.md): models live in workers,
 * never in an API node's memory.
 */
export function configuredMediaCheckers(config: Config, deps: MediaCheckerDeps): MediaChecker[] {
  const policy = async (): Promise<Policy> => (await deps.rules.current()).policy;
  const checkers: MediaChecker[] = [];
  for (const name of config.mediaChecks.enabled) {
    if (name === 'ocr') checkers.push(createOcrChecker({ rules: deps.rules }));
    if (name === 'explicit') checkers.push(createExplicitChecker({ policy }));
    if (name === 'hash' && deps.hashBank)
      checkers.push(createHashChecker({ bank: deps.hashBank, options: config.hashMatch }));
  }
  return checkers;
}
