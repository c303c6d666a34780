import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helper.js';
import { natsNames, openNats, type SharedNats } from './nats.js';

// Cache invalidation over core NATS (docs/scale.md, "Events and work queues"): what nodes use
// when NATS is configured and Redis is not. The machine's NATS (NATS_URL, else 127.0.0.1:4222).

const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const opened: SharedNats[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  for (const nats of opened.splice(0)) await nats.close();
  // the streams each connected node created
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  for (const prefix of prefixes.splice(0)) {
    const names = natsNames(prefix);
    for (const stream of [names.events, names.work]) {
      await jsm.streams.delete(stream).catch(() => false);
    }
  }
  await nc.close();
});

async function node(prefix: string): Promise<SharedNats> {
  prefixes.push(prefix);
  const nats = await openNats({ url: NATS_URL, prefix }, { warn: () => {} });
  opened.push(nats);
  return nats;
}

describe('invalidations over NATS', () => {
  it('reach the other nodes of the prefix, not the sender nor another platform', async () => {
    const prefix = `t${randomBytes(5).toString('hex')}`;
    const [a, b, other] = [await node(prefix), await node(prefix), await node(`${prefix}x`)];
    const heard = { a: [] as string[], b: [] as string[], other: [] as string[] };
    a.invalidations.subscribe('note', (key) => heard.a.push(key));
    b.invalidations.subscribe('note', (key) => heard.b.push(key));
    other.invalidations.subscribe('note', (key) => heard.other.push(key));
    expect(a.invalidations.kind).toBe('nats');
    a.invalidations.publish('note', 'n1');
    a.invalidations.publish('session', 's1');
    await eventually(() => expect(heard.b).toEqual(['n1']));
    // heard again a second later: a read begun before the writer's commit cannot put it back
    await eventually(() => expect(heard.b).toEqual(['n1', 'n1']), 3_000);
    expect(heard.a).toEqual([]);
    expect(heard.other).toEqual([]);
  });

  it('start without NATS and answer that they are not connected', async () => {
    const nats = await node(`t${randomBytes(5).toString('hex')}`);
    // nothing listens on port 1
    const down = await openNats({ url: 'nats://127.0.0.1:1', prefix: 'tdown' }, { warn: () => {} });
    opened.push(down);
    expect(nats.connected()).toBe(true);
    expect(down.connected()).toBe(false);
    expect(down.publisher.ready()).toBe(false);
    // publishing is a no-op, never an error
    down.invalidations.publish('note', 'n1');
  });
});
