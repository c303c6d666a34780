import { AtriumError } from '@atrium/sdk';

// Some problem answers carry data beyond the code: the reasons of a rejected write, the region
// of a withheld note, the problems of an invalid policy. These read them without trusting them.

function extra(error: unknown): Record<string, unknown> | null {
  return error instanceof AtriumError ? (error.problem as Record<string, unknown>) : null;
}

export interface RejectionReason {
  ruleId: string;
  category: string;
  field: string;
  start: number;
  end: number;
  description: string | null;
}

/** The reasons of a 422 CONTENT_REJECTED: which rule matched, in which field, where. */
export function rejectionReasons(error: unknown): RejectionReason[] {
  const problem = extra(error);
  if (problem?.code !== 'CONTENT_REJECTED' || !Array.isArray(problem.reasons)) return [];
  return problem.reasons.filter(
    (reason): reason is RejectionReason =>
      typeof reason === 'object' &&
      reason !== null &&
      typeof (reason as RejectionReason).ruleId === 'string' &&
      typeof (reason as RejectionReason).field === 'string',
  );
}

export interface WithheldNotice {
  region: string;
  reason: string | null;
  /** The moderator's reason code (e.g. `legal.local_law`), named in the interface language. */
  reasonCode: string | null;
  rules: string[];
}

/** The notice of a 451 WITHHELD_IN_REGION, or null for any other failure. */
export function withheldNotice(error: unknown): WithheldNotice | null {
  const problem = extra(error);
  if (problem?.code !== 'WITHHELD_IN_REGION') return null;
  return {
    region: typeof problem.region === 'string' ? problem.region : '',
    reason: typeof problem.reason === 'string' ? problem.reason : null,
    reasonCode: typeof problem.reasonCode === 'string' ? problem.reasonCode : null,
    rules: Array.isArray(problem.rules)
      ? problem.rules.filter((rule): rule is string => typeof rule === 'string')
      : [],
  };
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** What is wrong with a policy document (400 POLICY_INVALID) or with a request's fields. */
export function fieldProblems(error: unknown): FieldProblem[] {
  const problem = extra(error);
  if (!problem) return [];
  if (Array.isArray(problem.problems)) {
    return problem.problems.filter(
      (item): item is FieldProblem =>
        typeof item === 'object' && item !== null && typeof item.path === 'string',
    );
  }
  if (Array.isArray(problem.fields)) {
    return problem.fields
      .filter(
        (item): item is { field: string; message: string } =>
          typeof item === 'object' && item !== null && typeof item.field === 'string',
      )
      .map((item) => ({ path: item.field, message: item.message }));
  }
  return [];
}
