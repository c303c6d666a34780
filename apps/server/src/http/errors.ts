import type { ErrorCode } from '@atrium/contracts';

/**
 * A failure with a stable code. Services throw these (never HTTP errors); the one error handler
 * turns them into problem+json. `extra` fields are added to the problem body (e.g. `region`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'DomainError';
  }
}

export interface ErrorSpec {
  status: number;
  title: string;
}

/**
 * A domain's error catalogue: code → status and title, and a factory that builds the error.
 * Tests assert the code, never the title.
 */
export function defineErrors<const C extends Partial<Record<ErrorCode, ErrorSpec>>>(catalog: C) {
  return (code: keyof C & ErrorCode, detail?: string, extra?: Record<string, unknown>) => {
    const spec = catalog[code] as ErrorSpec;
    return new DomainError(code, spec.status, spec.title, detail, extra);
  };
}

/** Errors every module may raise. */
export const commonError = defineErrors({
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Sign in to continue' },
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  CSRF_FAILED: { status: 403, title: 'Missing or wrong CSRF token' },
  ACCOUNT_SUSPENDED: {
    status: 403,
    title: 'This account is suspended: it may only read its statements and appeal',
  },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, title: 'Something went wrong on our side' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Temporarily unavailable' },
});
