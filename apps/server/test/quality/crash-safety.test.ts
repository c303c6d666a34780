import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Database, openPGlite, openPostgres } from '../../src/db/database.js';
import { makeImage } from '../fixtures/images.js';

// Crash safety: a real server process is killed (SIGKILL, no shutdown at all) in the middle of
// notes being created with images, a storm of likes and a comment thread, then started again on
// the same data (the PGlite directory, or the PostgreSQL database). Every write is one
// transaction, so nothing may be half there: no note without its images or topics, every counter
// equal to the rows it counts, every referenced image present on disk.

const BIN = fileURLToPath(new URL('../../bin/atrium.mjs', import.meta.url));

interface Target {
  dataDir: string;
  env: Record<string, string>;
  /** Opens the database directly (with the server stopped, for PGlite). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function createTarget(): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-crash-'));
  // the IP ranges are built once per test run; a server finds them in its data directory
  mkdirSync(path.join(dataDir, 'cache'), { recursive: true });
  copyFileSync(inject('locatorCache'), path.join(dataDir, 'cache', 'ip-ranges.bin'));
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${new URL(url).pathname.slice(1)}_t_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(url, { max: 1 });
    await admin.execScript(`CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`);
    const databaseUrl = new URL(url);
    databaseUrl.pathname = `/${name}`;
    return {
      dataDir,
      env: { DATABASE_URL: databaseUrl.toString() },
      open: () => openPostgres(databaseUrl.toString(), { max: 2 }),
      async drop() {
        await admin.execScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  // start from the migrated template image rather than initdb (seconds and ~800 MB saved)
  const seeded = await openPGlite({
    dataDir,
    loadDataDir: new Blob([readFileSync(inject('pgliteImage'))]),
  });
  await seeded.close();
  return {
    dataDir,
    env: { DATABASE_URL: '' },
    open: () => openPGlite({ dataDir }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

interface Server {
  child: ChildProcess;
  address: string;
}

function startServer(target: Target): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      ...target.env,
      DATA_DIR: target.dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ATRIUM_DEMO: '0',
      ATRIUM_DISABLE_RATE_LIMITS: '1',
      TRANSLATION_ENGINES: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.add(child);
  child.on('exit', () => servers.delete(child));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /Open (http:\/\/[^/\s]+)\/api\/openapi\.json/.exec(stdout);
      if (match) resolve({ child, address: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

const servers = new Set<ChildProcess>();
afterAll(() => {
  // never leave a server behind
  for (const child of servers) child.kill('SIGKILL');
});

async function api(
  server: Server,
  method: string,
  url: string,
  options: { token?: string; body?: unknown; form?: FormData } = {},
) {
  const response = await fetch(`${server.address}${url}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.form ? { body: options.form } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Every invariant the data must keep, as a list of what is wrong (empty when all hold). */
async function violations(database: Database, dataDir: string, crashTopic: string) {
  const db = database.db;
  const problems: string[] = [];
  const counters = await sql<{ id: string; kind: string; stored: number; actual: number }>`
    SELECT id, 'likes' AS kind, like_count AS stored,
           (SELECT count(*) FROM likes WHERE likes.note_id = notes.id) AS actual FROM notes
    UNION ALL
    SELECT id, 'collects', collect_count, (SELECT count(*) FROM collects WHERE collects.note_id = notes.id) FROM notes
    UNION ALL
    SELECT id, 'comments', comment_count,
           (SELECT count(*) FROM comments WHERE comments.note_id = notes.id AND comments.status = 'published') FROM notes
    UNION ALL
    SELECT id, 'replies', reply_count,
           (SELECT count(*) FROM comments AS r WHERE r.parent_id = comments.id AND r.status = 'published') FROM comments
    UNION ALL
    SELECT id, 'notes of author', notes_count,
           (SELECT count(*) FROM notes WHERE notes.author_id = accounts.id AND notes.status = 'published') FROM accounts
    UNION ALL
    SELECT id, 'likes received', likes_received_count,
           (SELECT count(*) FROM likes JOIN notes ON notes.id = likes.note_id
             WHERE notes.author_id = accounts.id AND notes.status = 'published') FROM accounts
  `.execute(db);
  for (const row of counters.rows) {
    if (Number(row.stored) !== Number(row.actual)) {
      problems.push(`${row.kind} of ${row.id}: stored ${row.stored}, actual ${row.actual}`);
    }
  }
  // a topic's count, with the deltas not yet folded in, is the notes that carry it
  const topic = await sql<{ stored: number; pending: number; actual: number }>`
    SELECT coalesce((SELECT note_count FROM topics WHERE tag = ${crashTopic}), 0) AS stored,
           coalesce((SELECT sum(notes) FROM topic_deltas WHERE tag = ${crashTopic}), 0) AS pending,
           (SELECT count(*) FROM note_topics JOIN notes ON notes.id = note_topics.note_id
             WHERE note_topics.tag = ${crashTopic} AND notes.status = 'published') AS actual
  `.execute(db);
  const { stored, pending, actual } = topic.rows[0]!;
  if (Number(stored) + Number(pending) !== Number(actual)) {
    problems.push(`topic ${crashTopic}: ${stored} + ${pending} pending ≠ ${actual}`);
  }
  // notes of the storm are whole: their image and their topic, or nothing at all
  const notes = await db
    .selectFrom('notes')
    .select(['id', 'body'])
    .where('body', 'like', 'crash note %')
    .execute();
  for (const note of notes) {
    const links = await db
      .selectFrom('note_media')
      .innerJoin('media', 'media.id', 'note_media.media_id')
      .select(['media.variants', 'media.attached_at'])
      .where('note_media.note_id', '=', note.id)
      .execute();
    if (links.length !== 1) problems.push(`note ${note.id} has ${links.length} images`);
    for (const link of links) {
      if (!link.attached_at) problems.push(`note ${note.id}: its image is not marked attached`);
      for (const key of [link.variants.detail, link.variants.card]) {
        const file = path.join(dataDir, 'media', key.slice(0, 2), key.slice(2, 4), key);
        if (!existsSync(file)) problems.push(`note ${note.id}: file ${key} is missing`);
      }
    }
    const tags = await db
      .selectFrom('note_topics')
      .select('tag')
      .where('note_id', '=', note.id)
      .execute();
    if (!tags.some((row) => row.tag === crashTopic))
      problems.push(`note ${note.id} lost its topic`);
  }
  // an image marked attached belongs to a note
  const strays = await sql<{ id: string }>`
    SELECT id FROM media WHERE attached_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM note_media WHERE note_media.media_id = media.id)
  `.execute(db);
  for (const row of strays.rows) problems.push(`media ${row.id} attached to nothing`);
  return { problems, stormNotes: notes.length };
}

describe('crash safety', () => {
  it('leaves no partial rows, exact counts and no missing media after SIGKILL mid-write', async () => {
    const target = await createTarget();
    try {
      let server = await startServer(target);
      const suffix = randomBytes(3).toString('hex');
      const crashTopic = `crash${suffix}`;
      const accounts: { token: string; handle: string }[] = [];
      for (let index = 0; index < 8; index += 1) {
        const handle = `crash_${suffix}_${index}`;
        const signup = await api(server, 'POST', '/api/auth/signup', {
          body: {
            email: `${handle}@example.org`,
            password: 'correct horse battery staple',
            handle,
          },
        });
        expect(signup.status).toBe(201);
        accounts.push({ token: signup.json.token, handle });
      }
      const [host, uploader, ...crowd] = accounts as [
        (typeof accounts)[0],
        (typeof accounts)[0],
        ...(typeof accounts)[0][],
      ];
      const thread = await api(server, 'POST', '/api/notes', {
        token: host.token,
        body: { body: `The thread everyone replies to #${crashTopic}` },
      });
      expect(thread.status).toBe(201);
      const noteId: string = thread.json.id;
      const first = await api(server, 'POST', `/api/notes/${noteId}/comments`, {
        token: host.token,
        body: { body: 'Start of the thread' },
      });
      expect(first.status).toBe(201);

      const mediaIds: string[] = [];
      for (let index = 0; index < 6; index += 1) {
        const form = new FormData();
        const png = await makeImage('png', 40 + index, 30, { r: 20 * index, g: 80, b: 140 });
        form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'crash.png');
        const uploaded = await api(server, 'POST', '/api/media', { token: uploader.token, form });
        expect(uploaded.status).toBe(201);
        mediaIds.push(uploaded.json.id);
      }

      // The storm: everything at once, and the process killed while it runs.
      let answered = 0;
      let failed = 0;
      const track = (promise: Promise<unknown>) =>
        promise.then(
          () => {
            answered += 1;
          },
          () => {
            failed += 1;
          },
        );
      const storm: Promise<unknown>[] = [];
      mediaIds.forEach((mediaId, index) => {
        storm.push(
          track(
            api(server, 'POST', '/api/notes', {
              token: uploader.token,
              body: { body: `crash note ${index} #${crashTopic}`, mediaIds: [mediaId] },
            }),
          ),
        );
      });
      for (const member of [host, uploader, ...crowd]) {
        storm.push(
          track(
            (async () => {
              for (let round = 0; round < 6; round += 1) {
                await api(server, 'PUT', `/api/notes/${noteId}/like`, { token: member.token });
                await api(server, 'DELETE', `/api/notes/${noteId}/like`, { token: member.token });
                await api(server, 'PUT', `/api/notes/${noteId}/like`, { token: member.token });
              }
            })(),
          ),
        );
        storm.push(
          track(
            (async () => {
              for (let round = 0; round < 4; round += 1) {
                await api(server, 'POST', `/api/notes/${noteId}/comments`, {
                  token: member.token,
                  body: { body: `Reply ${round} from ${member.handle}`, parentId: first.json.id },
                });
                await api(server, 'POST', `/api/notes/${noteId}/comments`, {
                  token: member.token,
                  body: { body: `Comment ${round} from ${member.handle}` },
                });
              }
            })(),
          ),
        );
      }
      // kill once the first writes have landed and while the rest are in flight
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (answered >= 3 || answered + failed === storm.length) {
            clearInterval(check);
            resolve();
          }
        }, 1);
      });
      await stopped(server.child, 'SIGKILL');
      await Promise.all(storm);
      expect(failed).toBeGreaterThan(0);

      // Start again on the same data: the database recovers, the API works, counts stay exact.
      server = await startServer(target);
      const liked = await api(server, 'PUT', `/api/notes/${noteId}/like`, {
        token: crowd[0]!.token,
      });
      expect(liked.status).toBe(204);
      const note = await api(server, 'GET', `/api/notes/${noteId}`, { token: host.token });
      expect(note.status).toBe(200);
      expect(await stopped(server.child, 'SIGTERM')).toBe(0);

      const database = await target.open();
      try {
        const { problems, stormNotes } = await violations(database, target.dataDir, crashTopic);
        expect(problems).toEqual([]);
        const likes = await database.db
          .selectFrom('likes')
          .select(sql<number>`count(*)`.as('count'))
          .where('note_id', '=', noteId)
          .executeTakeFirstOrThrow();
        expect(Number(likes.count)).toBe(note.json.counts.likes);
        expect(stormNotes).toBeLessThanOrEqual(mediaIds.length);
        // the checker itself sees a counter that is off by one, and a note without its image
        await database.db
          .updateTable('notes')
          .set({ like_count: sql`like_count + 1` })
          .where('id', '=', noteId)
          .execute();
        await database.db.deleteFrom('note_media').where('media_id', '=', mediaIds[0]!).execute();
        const broken = await violations(database, target.dataDir, crashTopic);
        expect(broken.problems).toContain(
          `likes of ${noteId}: stored ${Number(likes.count) + 1}, actual ${likes.count}`,
        );
        if (stormNotes > 0)
          expect(broken.problems.join('\n')).toMatch(/has 0 images|attached to nothing/);
      } finally {
        await database.close();
      }
    } finally {
      await target.drop();
    }
  }, 180_000);
});
