import type { Config } from '../../config.js';
import type { MediaChecker } from './media-check.js';

/**
 * The image checks this server runs on every upload (docs/media.md), in order. The composition
 * root passes them to the media checks' runner; tests pass their own (`AppDeps.mediaCheckers`).
 * With none, uploads pass at once and nothing waits.
 *
 * A checker is built here on every node (API nodes included: an upload must know whether it
 * will be checked) but must load its model on its first `check`, which only runs on nodes that
 * run the periodic tasks (`ATRIUM_ROLE` `all` or `worker`, docs/scale.md): models live in
 * workers, never in an API node's memory.
 */
export function configuredMediaCheckers(_config: Config): MediaChecker[] {
  return [];
}
