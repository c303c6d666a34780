/**
 * How long an account export takes: one account with many notes and images, on an embedded
 * database in memory and a local media directory. The target (issue 22): 1,000 notes and 2,000
 * images in under a minute.
 *
 *   npx tsx bench/export.ts [--notes 1000] [--images 2000] [--image-kb 200]
 *
 * Images are random bytes (WebP compresses about as badly), each under its own key, so gzip gets
 * no help from repeats. Everything is written under a temporary directory, removed at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPGlite } from '../apps/server/src/db/database.js';
import { migrate } from '../apps/server/src/db/migrate.js';
import { uuidv7 } from '../apps/server/src/lib/uuid7.js';
import { writeAccountArchive } from '../apps/server/src/modules/exports/export-archive.js';
import { LocalDiskMediaStore } from '../apps/server/src/modules/media/media-store.js';
import { EnvKeyProvider } from '../apps/server/src/modules/vault/key-provider.js';
import { Vault } from '../apps/server/src/modules/vault/vault.js';

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '1000' },
    images: { type: 'string', default: '2000' },
    'image-kb': { type: 'string', default: '200' },
  },
});
const noteCount = Number(values.notes);
const imageCount = Number(values.images);
const imageBytes = Number(values['image-kb']) * 1024;

const work = mkdtempSync(path.join(tmpdir(), 'atrium-export-bench-'));
const database = await openPGlite({ dataDir: null });
try {
  await migrate(database);
  const { db } = database;
  const media = new LocalDiskMediaStore(path.join(work, 'media'));
  const accountId = uuidv7();
  await db
    .insertInto('accounts')
    .values({ id: accountId, handle: 'bench', display_name: 'Bench', email: 'bench@example.org' })
    .execute();
  const noteIds = Array.from({ length: noteCount }, () => uuidv7());
  for (let i = 0; i < noteIds.length; i += 500) {
    await db
      .insertInto('notes')
      .values(
        noteIds.slice(i, i + 500).map((id, j) => ({
          id,
          author_id: accountId,
          title: `Note ${i + j}`,
          body: `A day by the harbour, number ${i + j}. `.repeat(8),
          lang: 'en',
        })),
      )
      .execute();
  }
  const setupStarted = performance.now();
  const rows = [];
  for (let i = 0; i < imageCount; i += 1) {
    const bytes = randomBytes(imageBytes);
    const key = `${randomBytes(32).toString('hex')}.webp`;
    await media.put(key, bytes);
    rows.push({
      id: uuidv7(),
      owner_id: accountId,
      content_hash: key.slice(0, 64),
      mime: 'image/webp',
      width: 1080,
      height: 1440,
      bytes: imageBytes,
      placeholder: '',
      variants: JSON.stringify({ detail: key, card: key }),
      attached_at: new Date(),
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('media')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  const links = rows.map((row, i) => ({
    note_id: noteIds[i % noteIds.length]!,
    position: Math.floor(i / noteIds.length),
    media_id: row.id,
  }));
  for (let i = 0; i < links.length; i += 500) {
    await db
      .insertInto('note_media')
      .values(links.slice(i, i + 500))
      .execute();
  }
  console.log(
    `set up ${noteCount} notes, ${imageCount} images of ${values['image-kb']} KB in ` +
      `${Math.round(performance.now() - setupStarted)} ms`,
  );

  const file = path.join(work, 'export.tar.gz');
  const started = performance.now();
  const result = await writeAccountArchive(
    { db, media, statements: async () => [], vault: benchVault() },
    accountId,
    file,
  );
  const ms = performance.now() - started;
  console.log(
    `exported ${result.progress.notes} notes and ${result.progress.mediaDone} images: ` +
      `${(result.bytes / 1048576).toFixed(1)} MiB in ${(ms / 1000).toFixed(1)} s ` +
      `(${(result.bytes / 1048576 / (ms / 1000)).toFixed(1)} MiB/s)`,
  );
} finally {
  await database.close();
  rmSync(work, { recursive: true, force: true });
}

/** A vault with throwaway keys: the bench account's contact details are not sealed. */
function benchVault(): Vault {
  const key = () => randomBytes(32).toString('base64');
  return new Vault(
    EnvKeyProvider.fromEnv({
      ATRIUM_KEK_bench: key(),
      ATRIUM_KEK_CURRENT: 'bench',
      ATRIUM_BLIND_INDEX_KEY: key(),
    }),
  );
}
