import type { Alert } from '@atrium/contracts';

// Delivery of an alert's changes to ALERT_WEBHOOK_URL: a JSON POST, retried with a growing
// pause, given up after its attempts. The caller records the outcome; nothing waits for it.

export interface WebhookOptions {
  url: string;
  /** Tries in all (the first included). */
  attempts?: number;
  /** The pause before each retry (the last one repeats). */
  backoffMs?: number[];
  /** How long one attempt may take. */
  timeoutMs?: number;
}

export const WEBHOOK_ATTEMPTS = 4;
export const WEBHOOK_BACKOFF_MS = [1_000, 5_000, 15_000];
export const WEBHOOK_TIMEOUT_MS = 5_000;

export interface WebhookPayload {
  event: 'firing' | 'resolved';
  /** One line for a chat channel. */
  text: string;
  alert: Alert;
}

export function summary(event: 'firing' | 'resolved', alert: Alert): string {
  const about = alert.subject ? ` (${alert.subject})` : '';
  return event === 'firing'
    ? `[${alert.severity}] ${alert.ruleId}${about} firing: ${alert.figure} = ${alert.value} (limit ${alert.limit}); runbook ${alert.runbook}`
    : `[resolved] ${alert.ruleId}${about}: ${alert.figure} = ${alert.value}`;
}

/** Posts until an answer 2xx or out of attempts; stops early when `signal` aborts. */
export async function postWithRetries(
  options: WebhookOptions,
  payload: WebhookPayload,
  signal: AbortSignal,
): Promise<{ ok: boolean; attempts: number; error: string | null }> {
  const attempts = options.attempts ?? WEBHOOK_ATTEMPTS;
  const backoff = options.backoffMs ?? WEBHOOK_BACKOFF_MS;
  const body = JSON.stringify(payload);
  let error: string | null = null;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'atrium-alerts' },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([
          signal,
          AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
        ]),
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, attempts: attempt, error: null };
      error = `HTTP ${response.status}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    if (signal.aborted) return { ok: false, attempts: attempt, error };
    if (attempt < attempts) {
      const pause = backoff[Math.min(attempt - 1, backoff.length - 1)] ?? 1_000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (signal.aborted) return { ok: false, attempts: attempt, error };
    }
  }
  return { ok: false, attempts, error };
}
