import { parseArgs } from 'node:util';
import { openMediaStore } from './app.js';
import { BACKUP_USAGE, runBackup, runBackupCommand, runRestore } from './backup/backup-cli.js';
import { isClusterWorker, runPrimary, runWorker } from './cluster.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { seedDemoDatabase } from './demo/demo-app.js';
import {
  DemoDatabaseNotEmptyError,
  DemoUnavailableError,
  describeSeedCounts,
} from './demo/seed-demo.js';
import { createAccountDirectory } from './modules/accounts/account-directory.js';
import { createDomainEvents } from './modules/events/outbox.js';
import { EXPORT_USAGE, runExportCommand } from './modules/exports/exports-cli.js';
import { runHashesCommand } from './modules/media/hash-bank-cli.js';
import { runAuditCommand, runStaffCommand } from './modules/staff/staff-cli.js';
import { runSwitchCommand } from './modules/switches/switches-cli.js';
import { commandLineSwitches } from './modules/switches/switches-cli-app.js';
import { VaultError } from './modules/vault/key-provider.js';
import { runKeysCommand } from './modules/vault/keys-cli.js';
import { keyProviderOf, openVault } from './modules/vault/open-vault.js';
import type { Vault } from './modules/vault/vault.js';
import { loadLocator, openDatabase, printBanner, startServer } from './server.js';

const USAGE = `Usage: atrium <command>

Commands:
  serve       start the server (default); --role api|worker|all (docs/scale.md)
  migrate     apply pending database migrations and exit
  seed        fill an empty database with the demo community and exit
  staff       add, change, remove or list staff members (atrium staff help)
  audit       verify the audit log's hash chain (atrium audit verify)
  backup      snapshot the embedded database and local media (atrium backup help)
  restore     restore a backup into a new data directory (atrium restore help)
  export      write one account's data export to a file (atrium export help)
  keys        key status, rotation and sealing of the personal-data vault (atrium keys help)
  switch      list kill switches, turn one on or off (atrium switch help)
  hashes      import known-bad image hash lists (atrium hashes help)
  surge       generate, replay and score sign-up waves (atrium surge help)
  help        show this help

Configuration comes from environment variables; see the README.`;

async function serve(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && !isClusterWorker()) return runPrimary(config);
  const worker = isClusterWorker();
  const server = worker ? await runWorker(config) : await startServer(config);
  if (!worker && (config.logLevel !== 'silent' || process.stdout.isTTY)) {
    printBanner(config, server.address);
  }
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(1); // a second Ctrl-C: stop now
    server.app.log.info({ signal }, 'shutting down: draining requests');
    server.stop().then(
      () => process.exit(0),
      (error) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function runMigrate(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const ran = await migrate(database);
    process.stdout.write(
      ran.length
        ? `Applied ${ran.length} migration(s): ${ran.join(', ')}\n`
        : 'Database is up to date.\n',
    );
  } finally {
    await database.close();
  }
}

async function runSeed(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const locator = await loadLocator(config);
    const say = (line: string) => process.stdout.write(`${line}\n`);
    const counts = await seedDemoDatabase({ config, database, locator, onProgress: say });
    say(`Seeded ${describeSeedCounts(counts)}.`);
  } catch (error) {
    if (error instanceof DemoDatabaseNotEmptyError || error instanceof DemoUnavailableError) {
      process.stderr.write(`atrium seed: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await database.close();
  }
}

/**
 * `atrium staff …` and `atrium audit …` on the configured database (migrated first). With the
 * embedded database the server must be stopped: one process owns the data directory.
 */
type DatabaseCommand = (
  database: Database,
  args: string[],
  io: { out(line: string): void; err(line: string): void },
  vault: Vault,
) => Promise<number>;

async function runOnDatabase(command: DatabaseCommand, args: string[]): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const vault = await openVault(config.keys, database.db);
    process.exitCode = await command(
      database,
      args,
      {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      },
      vault,
    );
  } finally {
    await database.close();
  }
}

/** Entry point of the `atrium` command. Configuration errors exit with code 2 and a clear line. */
export async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { role: { type: 'string' } },
  });
  const command = positionals[0] ?? 'serve';
  // `atrium serve --role api|worker|all` is ATRIUM_ROLE (docs/scale.md), checked with the rest
  if (command === 'serve' && typeof values.role === 'string') process.env.ATRIUM_ROLE = values.role;
  try {
    switch (command) {
      case 'serve':
        return await serve();
      case 'migrate':
        return await runMigrate();
      case 'seed':
        return await runSeed();
      case 'staff':
        return await runOnDatabase(
          (database, args, io, vault) =>
            runStaffCommand(database, args, io, createAccountDirectory(database.db, vault)),
          argv.slice(argv.indexOf('staff') + 1),
        );
      case 'audit':
        return await runOnDatabase(runAuditCommand, argv.slice(argv.indexOf('audit') + 1));
      case 'export': {
        const args = argv.slice(argv.indexOf('export') + 1);
        if (args[0] === 'help' || args[0] === '--help') {
          process.stdout.write(`${EXPORT_USAGE}\n`);
          return;
        }
        const config = loadConfig();
        const media = await openMediaStore(config);
        try {
          return await runOnDatabase(
            (database, commandArgs, io, vault) =>
              runExportCommand(database, media, commandArgs, io, vault),
            args,
          );
        } finally {
          await media.close?.();
        }
      }
      case 'backup':
      case 'restore': {
        const args = argv.slice(argv.indexOf(command) + 1);
        const io = {
          out: (line: string) => process.stdout.write(`${line}\n`),
          err: (line: string) => process.stderr.write(`${line}\n`),
        };
        if (args[0] === 'help' || args[0] === '--help') {
          io.out(BACKUP_USAGE);
          return;
        }
        process.exitCode = await runBackupCommand(
          command,
          () => (command === 'backup' ? runBackup(loadConfig(), args, io) : runRestore(args, io)),
          io,
        );
        return;
      }
      case 'keys': {
        const args = argv.slice(argv.indexOf('keys') + 1);
        const config = loadConfig();
        const database = await openDatabase(config);
        try {
          await migrate(database);
          // an interrupt stops the rotation after its batch; run it again to go on
          const stop = new AbortController();
          process.once('SIGINT', () => stop.abort());
          process.exitCode = await runKeysCommand(
            database,
            args,
            {
              out: (line) => process.stdout.write(`${line}\n`),
              err: (line) => process.stderr.write(`${line}\n`),
            },
            keyProviderOf(config.keys),
            { signal: stop.signal },
          );
        } finally {
          await database.close();
        }
        return;
      }
      case 'switch':
        return await runOnDatabase(
          async (database, args, io, vault) =>
            runSwitchCommand(
              await commandLineSwitches(database, vault, {
                ...(loadConfig().nats ? { events: createDomainEvents() } : {}),
              }),
              args,
              io,
            ),
          argv.slice(argv.indexOf('switch') + 1),
        );
      case 'hashes':
        return await runOnDatabase(
          (database, args, io) => runHashesCommand(database.db, args, io),
          argv.slice(argv.indexOf('hashes') + 1),
        );
      case 'surge': {
        // a client of the API: it never opens the database
        const { runSurgeCommand } = await import('../../../tools/surge/src/cli.js');
        process.exitCode = await runSurgeCommand(argv.slice(argv.indexOf('surge') + 1), {
          out: (line) => process.stdout.write(`${line}\n`),
          err: (line) => process.stderr.write(`${line}\n`),
        });
        return;
      }
      case 'help':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        return;
      default:
        process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
        process.exitCode = 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof VaultError) {
      process.stderr.write(`Key error: ${error.message}\n`);
      process.exit(4);
    }
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(3);
    }
    throw error;
  }
}
