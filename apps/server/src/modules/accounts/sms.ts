import type { OutboxChannel } from '@atrium/contracts';

/** One text message to a phone number. `code` is set for one-time codes (dev outbox only). */
export interface SmsMessage {
  to: string;
  body: string;
  code?: string;
}

/**
 * The port SMS delivery goes through. Production plugs in a gateway adapter; development and
 * tests use the outbox, readable at `GET /api/dev/outbox`.
 */
export interface SmsSender {
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}

export interface OutboxEntry {
  to: string;
  channel: OutboxChannel;
  body: string;
  code?: string;
  createdAt: Date;
}

/** Keeps messages in memory instead of sending them (never in production). */
export class DevOutbox implements SmsSender {
  readonly name = 'dev-outbox';
  readonly #entries: OutboxEntry[] = [];

  constructor(private readonly capacity = 1000) {}

  async send(message: SmsMessage): Promise<void> {
    this.#entries.push({ ...message, channel: 'sms', createdAt: new Date() });
    if (this.#entries.length > this.capacity) this.#entries.shift();
  }

  /** A message to an e-mail address (security notices; there is no e-mail gateway yet). */
  sendEmail(message: { to: string; body: string; code?: string }): void {
    this.#entries.push({ ...message, channel: 'email', createdAt: new Date() });
    if (this.#entries.length > this.capacity) this.#entries.shift();
  }

  /** Messages to one recipient, newest first. */
  messagesTo(to: string): OutboxEntry[] {
    return this.#entries.filter((entry) => entry.to === to).reverse();
  }
}

/**
 * Posts `{ to, body }` as JSON to an operator's SMS gateway (`SMS_WEBHOOK_URL`), e.g. a small
 * bridge to their provider. A non-2xx answer is a delivery failure.
 */
export class WebhookSmsSender implements SmsSender {
  readonly name = 'webhook';
  constructor(
    private readonly url: string,
    private readonly bearer: string | null,
    private readonly timeoutMs = 5000,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
      },
      body: JSON.stringify({ to: message.to, body: message.body }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}

/** Production without a gateway: phone sign-in is unavailable rather than silently lost. */
export class UnconfiguredSmsSender implements SmsSender {
  readonly name = 'unconfigured';
  async send(): Promise<void> {
    throw new Error('no SMS gateway configured (set SMS_WEBHOOK_URL)');
  }
}
