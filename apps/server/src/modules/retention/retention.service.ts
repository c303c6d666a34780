import type { Db } from '../../db/database.js';
import type { RetentionSchedule } from './retention.schedule.js';
import * as store from './retention.store.js';

// The retention job (docs/privacy.md "Retention"): reduces and deletes personal data once the
// schedule says it is no longer kept. Idempotent: a second run finds nothing left to do.

const DAY_MS = 86_400_000;
/** Rows one statement touches at most. */
export const RETENTION_BATCH = 1000;

export interface RetentionDeps {
  db: Db;
  schedule: RetentionSchedule;
  /** The pruning other modules own, fed the schedule's limits (one policy, no second copy). */
  pruneVerifications(limits: { codeDays: number; eventDays: number }, now: Date): Promise<number>;
  pruneTranslations(days: number, now: Date): Promise<number>;
  pruneReadings(days: number, now: Date): Promise<number>;
  batch?: number;
}

/** Rows reduced or deleted by one run, per schedule. */
export interface RetentionResult {
  network: number;
  endedSessions: number;
  oneTimeCodes: number;
  riskEvents: number;
  translations: number;
}

export function createRetention(deps: RetentionDeps) {
  const { db, schedule } = deps;
  const batch = deps.batch ?? RETENTION_BATCH;

  /** Repeats one batched statement until a batch comes back short. */
  async function drain(step: (before: Date, batch: number) => Promise<number>, before: Date) {
    let total = 0;
    for (;;) {
      const n = await step(before, batch);
      total += n;
      if (n < batch) return total;
    }
  }

  return {
    schedule,
    async apply(now = new Date()): Promise<RetentionResult> {
      const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
      // deletions first: a row about to go is not reduced before
      const riskEvents = await drain(
        (b, n) => store.deleteRiskEvents(db, b, n),
        ago(schedule.riskEventDays),
      );
      const endedSessions = await drain(
        (b, n) => store.deleteEndedSessions(db, b, n),
        ago(schedule.endedSessionDays),
      );
      const oneTimeCodes =
        (await drain(
          (b, n) => store.deleteConfirmedStepUps(db, b, n),
          ago(schedule.oneTimeCodeDays),
        )) +
        (await deps.pruneVerifications(
          { codeDays: schedule.oneTimeCodeDays, eventDays: schedule.securityEventDays },
          now,
        ));
      const networkBefore = ago(schedule.networkDays);
      const network =
        (await drain((b, n) => store.reduceSessionRegions(db, b, n), networkBefore)) +
        (await drain((b, n) => store.reduceSecurityEventRegions(db, b, n), networkBefore)) +
        (await drain((b, n) => store.reduceRiskEventNetworks(db, b, n), networkBefore));
      const translations =
        (await deps.pruneTranslations(schedule.translationDays, now)) +
        (await deps.pruneReadings(schedule.translationDays, now));
      return { network, endedSessions, oneTimeCodes, riskEvents, translations };
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
