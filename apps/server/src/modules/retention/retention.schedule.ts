// How long personal data is kept (docs/privacy.md "Retention"): the one policy every pruning and
// reducing step reads. Defaults here; each value can be overridden by an operator with its
// variable (`RETENTION_<NAME>_DAYS`, docs/operations.md), read by `loadConfig`.

/** Days each kind of personal data is kept before it is reduced or deleted. */
export interface RetentionSchedule {
  /**
   * Network details beyond the country (region, ASN, keyed hashes of the address and its
   * network) on sessions, security events and risk events: reduced to the country after this.
   */
  networkDays: number;
  /** Sessions that ended (signed out, revoked or expired): deleted this long after they ended. */
  endedSessionDays: number;
  /** One-time codes (phone codes, confirmed step-ups): deleted this long past their expiry. */
  oneTimeCodeDays: number;
  /** Security events (failed or throttled logins, password changes): deleted after this. */
  securityEventDays: number;
  /** Risk events (the door's scoring and the inline checks): deleted after this. */
  riskEventDays: number;
  /** Cached machine translations and readings: deleted after this. */
  translationDays: number;
}

export const DEFAULT_RETENTION: RetentionSchedule = {
  networkDays: 30,
  endedSessionDays: 90,
  oneTimeCodeDays: 1,
  securityEventDays: 90,
  riskEventDays: 180,
  translationDays: 90,
};

/** The configuration variable of each schedule. */
export const RETENTION_VARIABLES: Record<keyof RetentionSchedule, string> = {
  networkDays: 'RETENTION_NETWORK_DAYS',
  endedSessionDays: 'RETENTION_ENDED_SESSION_DAYS',
  oneTimeCodeDays: 'RETENTION_ONE_TIME_CODE_DAYS',
  securityEventDays: 'RETENTION_SECURITY_EVENT_DAYS',
  riskEventDays: 'RETENTION_RISK_EVENT_DAYS',
  translationDays: 'RETENTION_TRANSLATION_DAYS',
};
