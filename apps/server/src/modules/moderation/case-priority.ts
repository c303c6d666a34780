/**
 * Review priority. Severity of the reason comes first (child safety and violence before spam),
 * then how many distinct people reported it, then how far the content has reached.
 */
const REASON_SEVERITY: Record<string, number> = {
  child_safety: 100,
  violence: 80,
  illegal: 65,
  sexual: 60,
  hate: 55,
  harassment: 45,
  scam: 40,
  impersonation: 30,
  misinformation: 30,
  spam: 15,
  other: 10,
};

/** Automated holds by the severity of the term that fired. */
const TERM_SEVERITY: Record<string, number> = { critical: 90, high: 70, medium: 40, low: 20 };

export function reasonSeverity(reason: string): number {
  return REASON_SEVERITY[reason] ?? REASON_SEVERITY.other!;
}

/** Priority of a reported case: worst reason + distinct reporters (log) + reach (log). */
export function reportPriority(reasons: string[], reach: number): number {
  const worst = Math.max(0, ...reasons.map(reasonSeverity));
  const reporters = reasons.length;
  return Math.round(
    worst + 15 * Math.log2(1 + reporters) + 10 * Math.log10(1 + Math.max(0, reach)),
  );
}

export function automatedPriority(severity: string | null): number {
  return TERM_SEVERITY[severity ?? 'low'] ?? 20;
}
