import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { DevOutbox } from '../modules/accounts/sms.js';
import type { IpLocator } from '../modules/geo/ip-location.js';
import { countAccounts, trustDemoAccounts } from './demo.store.js';
import { type SeedDemoCounts, seedDemo } from './seed-demo.js';

export interface SeedDatabaseDeps {
  config: Config;
  database: Database;
  locator: IpLocator;
  onProgress?: (message: string) => void;
}

/** True when the database has no accounts yet: the only case demo content goes in. */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  return (await countAccounts(database.db)) === 0;
}

/**
 * Seeds demo content into `database` through an app of its own: rate limits off, loopback
 * trusted as a proxy (so each persona posts from its home address), quiet logs, and codes read
 * from an in-memory outbox — never sent, whatever the SMS configuration.
 */
export async function seedDemoDatabase(deps: SeedDatabaseDeps): Promise<SeedDemoCounts> {
  const outbox = new DevOutbox(100);
  const { app, tasks } = await buildApp({
    config: {
      ...deps.config,
      trustProxy: ['127.0.0.1'],
      rateLimitsEnabled: false,
      // the seeding client signs up every persona from one address: no door for it
      riskEnabled: false,
      // nor trust-level limits: personas post a month of activity in minutes
      trustEnabled: false,
      // nor image checks: the demo's pictures are rendered here, and checking each one with the
      // models would hold every note (and the likes and comments on it) for minutes at first start
      mediaChecks: { ...deps.config.mediaChecks, enabled: [] },
      logLevel: deps.config.logLevel === 'silent' ? 'silent' : 'error',
    },
    database: deps.database,
    locator: deps.locator,
    sms: outbox,
  });
  try {
    const counts = await seedDemo(app, {
      db: deps.database.db,
      readCode: (phone) => {
        const code = outbox.messagesTo(phone)[0]?.code;
        if (!code) throw new Error('no one-time code was sent');
        return code;
      },
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    });
    // fold topic counts now, so the community is complete even if no server runs after `seed`
    await tasks.applyTopicCounts.run();
    // demo personas behave as before trust levels: at least level 1 (docs/risk.md)
    await trustDemoAccounts(deps.database.db);
    return counts;
  } finally {
    await app.close();
  }
}
