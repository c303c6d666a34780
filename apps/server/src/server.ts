import path from 'node:path';
import { type AtriumApp, buildApp } from './app.js';
import { startControlSocket } from './backup/control-socket.js';
import { snapshot } from './backup/snapshot.js';
import { type Config, describeConfig } from './config.js';
import { type Database, openPGlite, openPostgres } from './db/database.js';
import { migrate } from './db/migrate.js';
import { isDatabaseEmpty, seedDemoDatabase } from './demo/demo-app.js';
import { DemoUnavailableError, describeSeedCounts } from './demo/seed-demo.js';
import { startPeriodic } from './lib/scheduler.js';
import { type IpLocator, loadIpLocator } from './modules/geo/ip-location.js';
import { createFirstAdmin } from './modules/staff/first-admin.js';

/** Opens the configured database: PostgreSQL with DATABASE_URL, else PGlite under DATA_DIR. */
export function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : openPGlite({ dataDir: config.dataDir });
}

export function loadLocator(config: Config): Promise<IpLocator> {
  return loadIpLocator({ cacheFile: path.join(config.dataDir, 'cache', 'ip-ranges.bin') });
}

export interface RunningServer extends AtriumApp {
  database: Database;
  address: string;
  /** Drains requests, closes the database and releases the data directory. Idempotent. */
  stop(): Promise<void>;
  /** The periodic tasks this node runs (none on an API node or a cluster worker but the first). */
  periodicTasks: string[];
}

/**
 * Opens the database, migrates, builds the app and listens. `periodicTasks: false` leaves the
 * counting and cleanup tasks to another process (cluster workers other than the first).
 */
export async function startServer(
  config: Config,
  options: { periodicTasks?: boolean } = {},
): Promise<RunningServer> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const locator = await loadLocator(config);
    if (config.demo && (await isDatabaseEmpty(database))) {
      await seedOnFirstStart(config, database, locator);
    }
    const atrium = await buildApp({ config, database, locator });
    // Here, not in buildApp: test and demo apps never get an administrator they did not ask for.
    await createFirstAdmin(atrium.staff.service);
    // compiles the lexicon (a few hundred ms) now rather than in the first write's request
    await atrium.policies.current();
    // every process keeps its own copy of the shared surge state fresh (10 s)
    atrium.surgeMode.start();
    // the staff dashboard's samples, every 10 s
    atrium.metrics.start((error) =>
      atrium.app.log.warn({ err: error }, 'metrics sample not taken'),
    );
    // switches flipped on another node or at the command line apply here within a second
    await atrium.switches.start();
    // every node writes its figures each second; the one holding the lease evaluates the rules
    atrium.alerts.start();
    // with NATS (docs/scale.md): every node relays its outbox; workers take the work queue
    atrium.events?.relay.start();
    if (config.role !== 'api') atrium.events?.startConsumers();
    const address = await atrium.app.listen({ port: config.port, host: config.host });
    // `atrium backup` reaches the embedded database through its owner (backup/control-socket)
    const control =
      database.kind === 'pglite'
        ? await startControlSocket(
            config.dataDir,
            () =>
              snapshot({ database, dataDir: config.dataDir, mediaStore: config.mediaStore.kind }),
            atrium.app.log,
          )
        : null;
    // an API node leaves them to the workers (ATRIUM_ROLE=api, docs/scale.md)
    const tasks =
      options.periodicTasks === false || config.role === 'api' ? [] : Object.values(atrium.tasks);
    const periodic = startPeriodic(
      tasks,
      atrium.app.log,
      // with Redis, each period's run of a task happens on one node of all
      atrium.redis?.taskLock,
    );
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        atrium.ops.draining = true;
        await periodic.stop();
        await control?.close();
        await atrium.app.close(); // waits for in-flight requests; new ones get 503
        await database.close();
      })();
      return stopping;
    };
    return { ...atrium, database, address, stop, periodicTasks: tasks.map((task) => task.name) };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * First start with an empty database and ATRIUM_DEMO on: seed the demo community before
 * listening. A failure is reported and the server starts anyway.
 */
async function seedOnFirstStart(config: Config, database: Database, locator: IpLocator) {
  const say = (line: string) => {
    if (config.logLevel !== 'silent') process.stdout.write(`${line}\n`);
  };
  say('Empty database: seeding demo content (ATRIUM_DEMO=0 turns this off)…');
  try {
    const counts = await seedDemoDatabase({ config, database, locator, onProgress: say });
    say(`Demo content seeded: ${describeSeedCounts(counts)}.`);
  } catch (error) {
    const reason = error instanceof DemoUnavailableError ? error.message : String(error);
    process.stderr.write(`Demo content was not seeded: ${reason}\n`);
  }
}

export function printBanner(config: Config, address: string): void {
  const lines = describeConfig(config);
  const width = Math.max(...lines.map((line) => line.length)) + 2;
  const rule = '─'.repeat(width);
  process.stdout.write(
    [
      `┌${rule}┐`,
      `│ ${'Atrium is running'.padEnd(width - 1)}│`,
      `├${rule}┤`,
      ...lines.map((line) => `│ ${line.padEnd(width - 1)}│`),
      `└${rule}┘`,
      `Open ${address}/api/openapi.json for the API description.`,
      '',
    ].join('\n'),
  );
}
