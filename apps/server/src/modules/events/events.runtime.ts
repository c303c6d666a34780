import type { Db, Tx } from '../../db/database.js';
import type { DeliveredEvent, DomainEvents } from '../../lib/domain-events.js';
import type { SharedNats } from '../../nats/nats.js';
import { createDomainEvents, createOutboxRelay, handleOnce, type OutboxRelay } from './outbox.js';

export type WorkHandler = (tx: Tx, work: DeliveredEvent) => Promise<void>;

/** The durable consumer of the work queue every worker node shares. */
export const WORK_CONSUMER = 'workers';

/**
 * Events and work on NATS JetStream, as one node runs them (docs/scale.md, "Events and work
 * queues"): the outbox its writes record into, the relay that publishes it, the work queue's
 * handlers and the durable consumers of events.
 */
export interface EventsRuntime {
  readonly domainEvents: DomainEvents;
  readonly relay: OutboxRelay;
  readonly nats: SharedNats;
  /** How work of `kind` is done on a worker node; the handler's writes commit with its record. */
  registerWork(kind: string, handler: WorkHandler): void;
  /**
   * A durable consumer of domain events, started with `startConsumers`: nodes with the same
   * `name` share the events (each goes to one of them), and each is handled once however often
   * it is delivered (its record commits with the handler's writes in `tx`).
   */
  onEvent(name: string, handler: (tx: Tx, event: DeliveredEvent) => Promise<void>): void;
  /**
   * Like `onEvent` for a handler that is idempotent by itself and must not hold a transaction
   * (it calls out, e.g. a translation engine): an event delivered again runs it again.
   */
  follow(name: string, handler: (event: DeliveredEvent) => Promise<void>): void;
  /** Takes work from the queue and events for the consumers (worker and `all` nodes). */
  startConsumers(): void;
}

export function createEventsRuntime(deps: {
  db: Db;
  nats: SharedNats;
  warn: (error: unknown, message: string) => void;
  relayEveryMs?: number;
}): EventsRuntime {
  const { db, nats } = deps;
  const handlers = new Map<string, WorkHandler>();
  let started = false;
  type Consumer = Parameters<SharedNats['consume']>;
  const waiting: { stream: Consumer[0]; name: string; handler: Consumer[2] }[] = [];
  const consume = (stream: Consumer[0], name: string, handler: Consumer[2]) => {
    if (started) nats.consume(stream, name, handler);
    else waiting.push({ stream, name, handler });
  };
  return {
    domainEvents: createDomainEvents(),
    relay: createOutboxRelay({
      db,
      publisher: nats.publisher,
      warn: deps.warn,
      ...(deps.relayEveryMs ? { everyMs: deps.relayEveryMs } : {}),
    }),
    nats,
    registerWork(kind, handler) {
      if (handlers.has(kind)) throw new Error(`work ${kind} is registered twice`);
      handlers.set(kind, handler);
    },
    onEvent(name, handler) {
      consume('events', name, (event) => handleOnce(db, name, event, handler).then(() => {}));
    },
    follow(name, handler) {
      consume('events', name, handler);
    },
    startConsumers() {
      if (started) return;
      started = true;
      consume('work', WORK_CONSUMER, async (work) => {
        const handler = handlers.get(work.type);
        // a node of an older version: delivered again, to a worker that knows it
        if (!handler) throw new Error(`no handler for work ${work.type}`);
        await handleOnce(db, WORK_CONSUMER, work, handler);
      });
      for (const consumer of waiting.splice(0)) {
        nats.consume(consumer.stream, consumer.name, consumer.handler);
      }
    },
  };
}
