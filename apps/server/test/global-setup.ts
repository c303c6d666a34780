import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPGlite, openPostgres } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { loadIpLocator } from '../src/modules/geo/ip-location.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
    postgresTemplate: string;
    locatorCache: string;
    /** Where the browser tests' build of the web app goes: built by the first file, reused. */
    webDist: string;
  }
}

/**
 * Runs once per test run: migrates one database and keeps it as the template every test database
 * starts from (a PGlite data-directory image, or a PostgreSQL template database), and builds the
 * IP-location cache. Starting from a template skips initdb and migrations per test.
 */
export default async function setup(project: TestProject) {
  const work = path.join(tmpdir(), `atrium-test-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const locatorCache = path.join(tmpdir(), 'atrium-test-cache', 'ip-ranges.bin');
  await loadIpLocator({ cacheFile: locatorCache });
  project.provide('locatorCache', locatorCache);
  const webDist = path.join(work, 'web-dist');
  project.provide('webDist', webDist);
  // the run's files (the PGlite image, the web build) go with it
  const removeWork = () => rmSync(work, { recursive: true, force: true });

  // The migrated embedded database, on both runs: the PostgreSQL run needs it too for what
  // only the embedded database does (backups of the data directory).
  const database = await openPGlite({ dataDir: null });
  await migrate(database);
  const image = await database.dump!();
  await database.close();
  const imageFile = path.join(work, 'pglite-image.tar');
  writeFileSync(imageFile, Buffer.from(await image.arrayBuffer()));
  project.provide('pgliteImage', imageFile);

  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = await openPostgres(url, { max: 1 });
    const base = new URL(url).pathname.slice(1);
    const template = `${base}_tpl_${process.pid}`;
    await admin.execScript(`DROP DATABASE IF EXISTS "${template}"`);
    await admin.execScript(`CREATE DATABASE "${template}"`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const templateDb = await openPostgres(templateUrl.toString(), { max: 1 });
    await migrate(templateDb);
    await templateDb.close();
    project.provide('postgresTemplate', template);
    return async () => {
      // Drop the template and any test database a crashed worker left behind.
      const leftovers = await admin.db
        .selectFrom('pg_database' as never)
        .select('datname' as never)
        .where('datname' as never, 'like', `${base}_t_%` as never)
        .execute();
      for (const row of leftovers as Array<{ datname: string }>) {
        await admin.execScript(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      }
      await admin.execScript(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.close();
      removeWork();
    };
  }

  project.provide('postgresTemplate', '');
  return removeWork;
}
