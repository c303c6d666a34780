import { type EngineFailureKind, isAbortError, TranslationEngineError } from './errors.js';

export interface HttpEngineOptions {
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** `fetch` to use; the global one by default. */
  fetch?: typeof fetch;
}

function kindOfStatus(status: number): EngineFailureKind {
  if (status === 429) return 'rate_limited';
  if (status === 456) return 'quota_exceeded'; // DeepL: character quota used up
  if (status >= 500) return 'unavailable';
  return 'rejected';
}

/**
 * One JSON request with a timeout, failures mapped to `TranslationEngineError`. The caller's own
 * abort is passed through unchanged, so the chain can tell it from the engine's failure.
 */
export async function requestJson(
  engine: string,
  url: string,
  init: RequestInit & { timeoutMs: number; fetch: typeof fetch },
  signal?: AbortSignal,
): Promise<unknown> {
  const timeout = AbortSignal.timeout(init.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await init.fetch(url, { ...init, signal: combined });
  } catch (error) {
    throw failure(engine, error, signal, timeout, init.timeoutMs);
  }
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    throw failure(engine, error, signal, timeout, init.timeoutMs);
  }
  if (!response.ok) {
    throw new TranslationEngineError(
      engine,
      kindOfStatus(response.status),
      `HTTP ${response.status}: ${body.slice(0, 200)}`,
      response.status,
    );
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new TranslationEngineError(engine, 'bad_response', 'answer is not JSON', response.status);
  }
}

function failure(
  engine: string,
  error: unknown,
  signal: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
): unknown {
  if (signal?.aborted) return error;
  if (timeout.aborted && isAbortError(error)) {
    return new TranslationEngineError(engine, 'timeout', `no answer within ${timeoutMs} ms`);
  }
  const message = error instanceof Error ? (error.cause as Error | undefined)?.message : undefined;
  return new TranslationEngineError(
    engine,
    'unavailable',
    message ?? (error instanceof Error ? error.message : String(error)),
    undefined,
    { cause: error },
  );
}

/** Keeps a value computed by `load` for `ttlMs`; a failed load is not kept. */
export function cached<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  let loadedAt = 0;
  return () => {
    if (value === undefined || Date.now() - loadedAt > ttlMs) {
      loadedAt = Date.now();
      const loading = load();
      value = loading;
      loading.catch(() => {
        if (value === loading) value = undefined;
      });
    }
    return value;
  };
}
