import type { ErrorCode } from '@atrium/contracts';

/**
 * What a policy predicate answers: null when allowed, else the stable error code to answer with
 * and, when it helps the caller, why. Each policy narrows `Code` to the codes it may deny with.
 */
export type Denial<Code extends ErrorCode> = { code: Code; reason?: string } | null;
