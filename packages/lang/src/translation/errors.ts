/** Stable error codes of translation; callers branch on `code`, `reason` and `kind`, never on text. */

export const ENGINE_FAILURE_KINDS = [
  'timeout',
  'unavailable',
  'rejected',
  'rate_limited',
  'quota_exceeded',
  'bad_response',
  'busy',
  'unsupported_pair',
] as const;
export type EngineFailureKind = (typeof ENGINE_FAILURE_KINDS)[number];

/** One engine failed one request. The chain catches these and tries the next engine. */
export class TranslationEngineError extends Error {
  readonly code = 'translation_engine_failed';
  constructor(
    readonly engine: string,
    readonly kind: EngineFailureKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${engine}: ${message}`, options);
    this.name = 'TranslationEngineError';
  }
}

export const UNAVAILABLE_REASONS = [
  'no_engine_for_pair',
  'all_engines_failed',
  'circuit_open',
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export interface EngineFailure {
  engine: string;
  kind: EngineFailureKind;
  message: string;
}

/** No configured engine could translate the request. */
export class TranslationUnavailableError extends Error {
  readonly code = 'translation_unavailable';
  constructor(
    readonly reason: UnavailableReason,
    readonly from: string,
    readonly to: string,
    readonly failures: readonly EngineFailure[] = [],
  ) {
    super(`translation ${from} → ${to} unavailable: ${reason}`);
    this.name = 'TranslationUnavailableError';
  }
}

/** True for the error an aborted AbortSignal rejects with (including AbortSignal.timeout). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** The reason of an aborted signal as an Error, to reject with. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('The operation was aborted', 'AbortError');
}
