import { randomUUID } from 'node:crypto';
import {
  AckPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import type { NatsConfig } from '../config.js';
import type { DeliveredEvent } from '../lib/domain-events.js';
import { type Invalidations, invalidationHub } from '../lib/invalidations.js';
import { deliveredOf, type OutboxPublisher } from '../modules/events/outbox.js';

/**
 * NATS JetStream shared by the nodes (docs/scale.md, "Events and work queues"):
 *
 * - `<prefix>_events`: every domain event (`<prefix>.event.<type>`), kept 7 days, for any
 *   number of durable consumers;
 * - `<prefix>_work`: the work queue (`<prefix>.work.<kind>`), each message taken by one worker
 *   node and removed once acknowledged;
 * - `<prefix>.invalidate`: cache invalidation over core NATS when Redis is not configured.
 *
 * The outbox relay is the only publisher of events and work. NATS is never the truth: while it
 * is down events wait in the outbox table, and nodes reconnect by themselves.
 */
export interface SharedNats {
  readonly publisher: OutboxPublisher;
  readonly invalidations: Invalidations;
  readonly streams: { events: string; work: string };
  /**
   * Takes messages from a durable consumer `<prefix>_<name>` of the work queue or the event
   * stream (nodes using the same name share its messages: each goes to one of them). A message
   * is acknowledged once `handler` resolves and delivered again later when it throws.
   */
  consume(
    stream: 'events' | 'work',
    name: string,
    handler: (event: DeliveredEvent) => Promise<void>,
  ): void;
  /** Whether the connection is up and the streams exist. */
  connected(): boolean;
  close(): Promise<void>;
}

export interface NatsOptions {
  warn: (error: unknown, what: string) => void;
}

const TIMEOUT_MS = 2_000;
const RETRY_MS = 2_000;
const DAY_MS = 86_400_000;
/** Deliveries of one message before it is given up (it stays in the events stream). */
const MAX_DELIVER = 20;
const ACK_WAIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Stream and durable names may not hold dots; subjects are dot-separated tokens. */
export function natsNames(prefix: string) {
  return {
    events: `${prefix}_events`,
    work: `${prefix}_work`,
    eventSubjects: `${prefix}.event.>`,
    workSubjects: `${prefix}.work.>`,
    invalidate: `${prefix}.invalidate`,
  };
}

export async function openNats(config: NatsConfig, options: NatsOptions): Promise<SharedNats> {
  const names = natsNames(config.prefix);
  const node = randomUUID();
  let nc: NatsConnection | null = null;
  let js: JetStreamClient | null = null;
  let up = false;
  let closed = false;
  let reported = false;
  const report = (error: unknown, what: string) => {
    if (!reported) options.warn(error, what);
    reported = true;
  };
  const consumers: { stream: 'events' | 'work'; name: string; handler: Handler }[] = [];
  const running = new Set<ConsumerMessages>();

  async function ensureStreams(jsm: JetStreamManager): Promise<void> {
    const streams: (Partial<StreamConfig> & { name: string })[] = [
      {
        name: names.events,
        subjects: [names.eventSubjects],
        retention: RetentionPolicy.Limits,
        max_age: nanos(7 * DAY_MS),
        duplicate_window: nanos(120_000),
      },
      {
        name: names.work,
        subjects: [names.workSubjects],
        retention: RetentionPolicy.Workqueue,
        duplicate_window: nanos(120_000),
      },
    ];
    for (const stream of streams) {
      const exists = await jsm.streams.info(stream.name).then(
        () => true,
        () => false,
      );
      if (!exists) await jsm.streams.add({ ...stream, storage: StorageType.File });
    }
  }

  async function ensureConsumer(jsm: JetStreamManager, stream: string, durable: string) {
    const exists = await jsm.consumers.info(stream, durable).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(ACK_WAIT_MS),
        max_deliver: MAX_DELIVER,
      });
    }
  }

  type Handler = (event: DeliveredEvent) => Promise<void>;

  async function runConsumer(stream: 'events' | 'work', name: string, handler: Handler) {
    const streamName = names[stream];
    const durable = `${config.prefix}_${name}`;
    while (!closed) {
      try {
        if (!js || !nc) {
          await sleep(200);
          continue;
        }
        await ensureConsumer(
          await jetstreamManager(nc, { timeout: TIMEOUT_MS }),
          streamName,
          durable,
        );
        const consumer = await js.consumers.get(streamName, durable);
        const messages = await consumer.consume({ max_messages: 16 });
        running.add(messages);
        try {
          for await (const message of messages) {
            let event: DeliveredEvent;
            try {
              event = message.json<DeliveredEvent>();
            } catch {
              message.term();
              continue;
            }
            try {
              await handler(event);
              message.ack();
            } catch (error) {
              options.warn(error, `${stream} consumer ${name} failed on ${event.type}`);
              // again later, a little later each time
              message.nak(Math.min(1_000 * 2 ** (message.info.deliveryCount - 1), 60_000));
            }
          }
        } finally {
          running.delete(messages);
        }
      } catch (error) {
        if (closed) break;
        report(error, `NATS consumer ${name} interrupted; retrying`);
        await sleep(RETRY_MS);
      }
    }
  }

  async function watch(connection: NatsConnection) {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        up = false;
        report(new Error('disconnected'), 'NATS unavailable; events wait in the outbox');
      } else if (status.type === 'reconnect') {
        try {
          // a server started afresh (no stored state) has lost its streams
          await ensureStreams(await jetstreamManager(connection, { timeout: TIMEOUT_MS }));
          up = true;
          reported = false;
        } catch (error) {
          report(error, 'NATS streams could not be created');
        }
      }
    }
  }

  async function open(): Promise<void> {
    while (!closed) {
      try {
        const connection = await connect({
          servers: config.url,
          name: 'atrium',
          timeout: TIMEOUT_MS,
          reconnect: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1_000,
        });
        if (closed) {
          await connection.close();
          return;
        }
        nc = connection;
        await ensureStreams(await jetstreamManager(connection, { timeout: TIMEOUT_MS }));
        js = jetstream(connection, { timeout: TIMEOUT_MS });
        connection.subscribe(names.invalidate, {
          callback: (_error, message) => hub.hear(message.string()),
        });
        up = true;
        reported = false;
        void watch(connection);
        return;
      } catch (error) {
        report(error, 'NATS unavailable; events wait in the outbox');
        if (nc) {
          await nc.close().catch(() => {});
          nc = null;
        }
        await sleep(RETRY_MS);
      }
    }
  }

  // invalidations over core NATS (at most once, like Redis pub/sub: the caches' lifetimes bound
  // what a lost message costs)
  const hub = invalidationHub(node, options.warn);

  // The first connection is tried once before answering (a NATS that is up is used from the
  // start); one that is down is retried in the background and the node starts without it.
  const opening = open();
  await Promise.race([opening, sleep(TIMEOUT_MS + 500)]);

  return {
    streams: { events: names.events, work: names.work },
    publisher: {
      ready: () => up && js !== null,
      async publish(row) {
        if (!js) throw new Error('NATS is not connected');
        await js.publish(`${config.prefix}.${row.subject}`, JSON.stringify(deliveredOf(row)), {
          msgID: row.id,
          timeout: TIMEOUT_MS,
        });
      },
    },
    invalidations: {
      kind: 'nats',
      publish(topic, key) {
        if (!up || !nc) return;
        try {
          nc.publish(names.invalidate, hub.encode(topic, key));
        } catch {
          // not sent: the caches' lifetimes bound the staleness
        }
      },
      subscribe: hub.subscribe,
    },
    consume(stream, name, handler) {
      consumers.push({ stream, name, handler });
      void runConsumer(stream, name, handler);
    },
    connected: () => up,
    async close() {
      closed = true;
      hub.close();
      for (const messages of running) messages.stop();
      await opening.catch(() => {});
      if (nc) await nc.close().catch(() => {});
    },
  };
}
