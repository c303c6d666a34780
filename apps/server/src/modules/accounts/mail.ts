import type { DevOutbox } from './sms.js';

/** One e-mail. `code` is set for one-time codes (dev outbox only). */
export interface MailMessage {
  to: string;
  body: string;
  code?: string;
}

/**
 * The port e-mail delivery goes through (step-up codes). There is no production e-mail gateway
 * yet: development and tests use the outbox, readable at `GET /api/dev/outbox`; production has
 * none, and what needs one is skipped (docs/risk.md, "Step-up").
 */
export interface MailSender {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
}

/** Keeps e-mails in the dev outbox instead of sending them (never in production). */
export class OutboxMailSender implements MailSender {
  readonly name = 'dev-outbox';
  constructor(private readonly outbox: DevOutbox) {}

  async send(message: MailMessage): Promise<void> {
    this.outbox.sendEmail(message);
  }
}
