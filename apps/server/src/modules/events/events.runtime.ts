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
   * A durable consumer of domain events: nodes with the same `name` share the events (each is
   * handled by one of them, once, however often it is delivered).
   */
  onEvent(name: string, handler: (tx: Tx, event: DeliveredEvent) => Promise<void>): void;
  /** Takes work from the queue (worker and `all` nodes). */
  consumeWork(): void;
}

export function createEventsRuntime(deps: {
  db: Db;
  nats: SharedNats;
  warn: (error: unknown, message: string) => void;
  relayEveryMs?: number;
}): EventsRuntime {
  const { db, nats } = deps;
  const handlers = new Map<string, WorkHandler>();
  let consuming = false;
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
      nats.consume('events', name, async (event) => {
        await handleOnce(db, name, event, handler);
      });
    },
    consumeWork() {
      if (consuming) return;
      consuming = true;
      nats.consume('work', WORK_CONSUMER, async (work) => {
        const handler = handlers.get(work.type);
        // a node of an older version: delivered again, to a worker that knows it
        if (!handler) throw new Error(`no handler for work ${work.type}`);
        await handleOnce(db, WORK_CONSUMER, work, handler);
      });
    },
  };
}
