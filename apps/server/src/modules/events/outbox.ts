import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type { DeliveredEvent, DomainEvents } from '../../lib/domain-events.js';
import { uuidv7 } from '../../lib/uuid7.js';
import * as store from './outbox.store.js';

export type { OutboxRow } from './outbox.store.js';

/** How long sent rows and the consumers' records of handled events are kept. */
export const SENT_KEPT_MS = 24 * 3_600_000;
export const CONSUMED_KEPT_MS = 7 * 24 * 3_600_000;

/**
 * The outbox (docs/scale.md, "Events and work queues"): events and work are rows written in the
 * caller's transaction, so a rolled-back change leaves none and a committed one cannot lose its
 * event, whatever happens to NATS or this node afterwards.
 */
export function createDomainEvents(): DomainEvents {
  const write = (tx: Tx, subject: string, type: string, key: string, data = {}) =>
    store.insertOutbox(tx, { id: uuidv7(), subject, payload: { type, key, data } });
  return {
    enabled: true,
    record: (tx, event) => write(tx, `event.${event.type}`, event.type, event.key, event.data),
    enqueue: (tx, kind, key, data) => write(tx, `work.${kind}`, kind, key, data),
  };
}

/** The event a row carries, as consumers receive it (the message body). */
export function deliveredOf(row: store.OutboxRow): DeliveredEvent {
  const payload = row.payload as { type?: unknown; key?: unknown; data?: unknown };
  return {
    id: row.id,
    type: String(payload.type ?? ''),
    key: String(payload.key ?? ''),
    data: (payload.data as Record<string, unknown> | undefined) ?? {},
    at: new Date(row.created_at).toISOString(),
  };
}

/** Where the relay sends rows: JetStream (nats/nats.ts) or a test's own. */
export interface OutboxPublisher {
  /** Whether a publish can succeed now (connected): the relay does not lock rows otherwise. */
  ready(): boolean;
  /** Resolves once the row is stored (or recognised as a duplicate of one stored). */
  publish(row: store.OutboxRow): Promise<void>;
}

export interface OutboxRelayOptions {
  db: Db;
  publisher: OutboxPublisher;
  /** Rows per transaction. */
  batch?: number;
  /** The pause between polls when nothing is waiting. */
  everyMs?: number;
  warn: (error: unknown, message: string) => void;
}

/**
 * Publishes unsent rows in the order written and marks them sent in the same transaction.
 * At-least-once: a row published whose mark did not commit (the node died in between) is
 * published again; JetStream drops it within its duplicate window (the message id is the row's
 * id), and consumers deduplicate by id beyond it (`handleOnce`).
 */
export function createOutboxRelay(options: OutboxRelayOptions) {
  const { db, publisher, warn } = options;
  const batch = options.batch ?? 100;
  const everyMs = options.everyMs ?? 250;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let failing = false;

  async function relayBatch(): Promise<{ published: number; more: boolean }> {
    return inTransaction(db, async (tx) => {
      const rows = await store.lockUnsent(tx, batch);
      const sent: string[] = [];
      let failure: unknown = null;
      for (const row of rows) {
        try {
          await publisher.publish(row);
          sent.push(row.id);
        } catch (error) {
          failure = error;
          break;
        }
      }
      await store.markSent(tx, sent);
      if (failure) {
        if (!failing) warn(failure, 'outbox relay cannot publish; events wait in the database');
        failing = true;
      } else if (sent.length > 0) {
        failing = false;
      }
      return { published: sent.length, more: failure === null && rows.length === batch };
    });
  }

  /** Publishes everything waiting now (one run at a time); answers how many rows were sent. */
  async function relayOnce(): Promise<number> {
    while (running) await running.catch(() => 0);
    running = (async () => {
      let total = 0;
      while (publisher.ready()) {
        const { published, more } = await relayBatch();
        total += published;
        if (!more) break;
      }
      return total;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      relayOnce()
        .catch((error: unknown) => warn(error, 'outbox relay failed'))
        .finally(schedule);
    }, everyMs);
    timer.unref();
  }

  return {
    relayOnce,
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => 0);
    },
    /** Rows waiting and the oldest one's time. */
    backlog: () => store.unsentBacklog(db),
  };
}

/** Removes sent rows and old records of handled events (a periodic task on every worker). */
export async function pruneOutbox(db: Db, now = Date.now()): Promise<number> {
  const sent = await store.pruneSent(db, new Date(now - SENT_KEPT_MS));
  const consumed = await store.pruneConsumed(db, new Date(now - CONSUMED_KEPT_MS));
  return sent + consumed;
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

/**
 * Runs `handler` for `event` at most once per `consumer`, however often it is delivered: the
 * record of handling commits with the handler's own writes, or neither does (a failure leaves
 * the event to be delivered again).
 */
export async function handleOnce(
  db: Db,
  consumer: string,
  event: DeliveredEvent,
  handler: (tx: Tx, event: DeliveredEvent) => Promise<void>,
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    if (!(await store.claimConsumed(tx, consumer, event.id))) return false;
    await handler(tx, event);
    return true;
  });
}
