import { AtriumError } from '@atrium/sdk';

/** Tries of one next page before the feed stops and offers Retry. */
export const PAGE_TRIES = 3;
/** The first wait between tries; each next one doubles, up to PAGE_BACKOFF_CAP_MS. */
export const PAGE_BACKOFF_MS = 1_000;
export const PAGE_BACKOFF_CAP_MS = 8_000;

/** The wait before try `attempt` (1-based: the wait before the second try is attempt 1). */
export const backoffDelay = (attempt: number) =>
  Math.min(PAGE_BACKOFF_CAP_MS, PAGE_BACKOFF_MS * 2 ** (attempt - 1));

/**
 * Whether asking again may help: the network failed, the server is busy (429, 408) or failed
 * (5xx). Any other problem answer (400, 404, …) will not change.
 */
export function worthRetrying(error: unknown): boolean {
  if (!(error instanceof AtriumError)) return error instanceof TypeError;
  return error.status >= 500 || error.status === 429 || error.status === 408;
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Runs `load` up to PAGE_TRIES times, waiting exponentially longer (capped) between tries, and
 * only while the failure is worth retrying; then rethrows the last error.
 */
export async function withBackoff<T>(load: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= PAGE_TRIES || !worthRetrying(error)) throw error;
      await wait(backoffDelay(attempt), signal);
    }
  }
}
