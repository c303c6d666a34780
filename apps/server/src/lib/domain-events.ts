import type { Tx } from '../db/database.js';

/**
 * Domain events and work for other nodes (docs/scale.md, "Events and work queues"), recorded
 * in the writer's transaction: an event exists if and only if its change committed, and a relay
 * publishes it to NATS JetStream later, so none is lost while NATS or the node is down.
 *
 * The embedded default (no `NATS_URL`) uses `noDomainEvents`: nothing is recorded and every
 * write is what it was before.
 */
export type DomainEventType =
  | 'note.created'
  | 'note.edited'
  | 'note.moderated'
  | 'account.sanctioned'
  | 'switch.flipped';

export interface DomainEvent {
  type: DomainEventType;
  /** What the event is about: a note's or an account's id, a switch's name. */
  key: string;
  /** A few facts about the change; never a copy of the row (readers read the database). */
  data?: Record<string, unknown>;
}

/** What a consumer receives: the event as recorded, with its id and time. */
export interface DeliveredEvent {
  /** The outbox row's id (uuidv7): the message id consumers deduplicate by. */
  id: string;
  type: string;
  key: string;
  data: Record<string, unknown>;
  /** When the change committed, near enough (ISO 8601). */
  at: string;
}

export interface DomainEvents {
  /** Whether events are recorded (NATS configured). */
  readonly enabled: boolean;
  /** Records `event` in `tx`: it is published if and only if `tx` commits. */
  record(tx: Tx, event: DomainEvent): Promise<void>;
  /**
   * Records work of `kind` for a worker node in `tx` (a JetStream work queue): it runs on one
   * worker, once its transaction committed.
   */
  enqueue(tx: Tx, kind: string, key: string, data?: Record<string, unknown>): Promise<void>;
}

export const noDomainEvents: DomainEvents = {
  enabled: false,
  async record() {},
  async enqueue() {},
};
