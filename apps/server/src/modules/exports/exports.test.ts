import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { AccountExport } from '@atrium/contracts';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import {
  buildTestApp,
  eventually,
  failure,
  IPS,
  signedIn,
  type TestApp,
} from '../../../test/helper.js';
import { readTar } from '../../backup/tar.js';
import { LocalDiskMediaStore } from '../media/media-store.js';
import { runExportCommand } from './exports-cli.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

type Client = ReturnType<TestApp['client']>;

async function upload(client: Client, colour: { r: number; g: number; b: number }) {
  const bytes = await makeImage('jpeg', 120, 90, colour);
  return client.media.upload(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'p.jpg');
}

async function finished(client: Client): Promise<AccountExport> {
  let last: AccountExport | null = null;
  await eventually(async () => {
    last = (await client.me.export()).export;
    expect(last?.status).toBe('done');
  }, 20_000);
  return last!;
}

async function unpack(body: Buffer): Promise<Map<string, Buffer>> {
  const members = new Map<string, Buffer>();
  for await (const entry of readTar(Readable.from([gunzipSync(body)])))
    members.set(entry.name, entry.content);
  return members;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('account exports', () => {
  it("packs the holder's data and images, and only theirs, behind an expiring link", async () => {
    const lin = await signedIn(test, 'lin', IPS.US);
    const mei = await signedIn(test, 'mei', IPS.US);
    const linImage = await upload(lin.client, { r: 10, g: 200, b: 30 });
    const meiImage = await upload(mei.client, { r: 250, g: 10, b: 10 });
    const linNote = await lin.client.notes.create({
      body: 'Harbour at dawn #harbour',
      mediaIds: [linImage.id],
      mediaAlt: ['Boats'],
    });
    // an automated decision about the holder's note: a statement of reasons in the export
    const flagged = await lin.client.notes.create({ body: 'Legal weed in LA is wild' });
    const meiNote = await mei.client.notes.create({ body: 'Noodles', mediaIds: [meiImage.id] });
    const comment = await lin.client.notes.comment(meiNote.id, { body: 'Looks great' });
    await mei.client.notes.comment(linNote.id, { body: 'Not lin' });
    await lin.client.notes.like(meiNote.id);
    await lin.client.notes.collect(meiNote.id);
    const board = await lin.client.boards.create({ name: 'Noodle spots', visibility: 'private' });
    await lin.client.boards.add(board.id, meiNote.id);
    await lin.client.users.follow('mei');
    await mei.client.users.follow('lin');
    const kai = await signedIn(test, 'kai', IPS.US);
    await lin.client.users.block('kai');
    await kai.client.users.block('lin');

    const started = await lin.client.me.requestExport();
    expect(['queued', 'running', 'done']).toContain(started.status);
    // one at a time: a second request while it runs is refused (unless it finished already)
    const again = await lin.client.me.requestExport().then(
      () => null,
      (error: unknown) => error,
    );
    if (again !== null) {
      expect((again as { code: string }).code).toBe('EXPORT_IN_PROGRESS');
      expect((again as { status: number }).status).toBe(409);
    }
    const done = await finished(lin.client);
    expect(done.id).toBe(started.id);
    expect(done.progress).toMatchObject({
      notes: 2,
      comments: 1,
      likes: 1,
      collects: 1,
      following: 1,
      followers: 1,
      blocks: 1,
      media: 1,
      mediaDone: 1,
    });
    expect(done.progress.statements).toBeGreaterThanOrEqual(1);
    expect(done.progress.sessions).toBeGreaterThanOrEqual(1);
    expect(done.downloadUrl).toMatch(/^\/api\/exports\/[0-9a-f-]{36}\/archive\?token=/);
    expect(new Date(done.expiresAt!).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    // the link alone opens it
    const response = await test.app.inject({ method: 'GET', url: done.downloadUrl! });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="atrium-export-lin-/,
    );
    expect(response.rawPayload.length).toBe(done.bytes);
    const members = await unpack(response.rawPayload);
    const document = JSON.parse(members.get('atrium-export-lin/account.json')!.toString('utf8'));
    expect(document.format).toBe('atrium-account-export');
    expect(document.account.profile).toMatchObject({ handle: 'lin', email: 'lin@example.org' });
    expect(document.account.settings).toHaveProperty('languages');
    expect(JSON.stringify(document)).not.toContain('password');
    expect(document.notes.map((note: { id: string }) => note.id).sort()).toEqual(
      [linNote.id, flagged.id].sort(),
    );
    const exportedNote = document.notes.find((note: { id: string }) => note.id === linNote.id);
    expect(exportedNote).toMatchObject({ body: 'Harbour at dawn #harbour', topics: ['harbour'] });
    expect(exportedNote.media).toEqual([
      expect.objectContaining({ id: linImage.id, alt: 'Boats', file: `media/${linImage.id}.webp` }),
    ]);
    expect(document.comments).toEqual([
      expect.objectContaining({ id: comment.id, noteId: meiNote.id, body: 'Looks great' }),
    ]);
    expect(document.likes).toEqual([expect.objectContaining({ noteId: meiNote.id })]);
    expect(document.collects).toEqual([expect.objectContaining({ noteId: meiNote.id })]);
    expect(document.boards).toEqual([
      expect.objectContaining({
        id: board.id,
        name: 'Noodle spots',
        visibility: 'private',
        notes: [expect.objectContaining({ noteId: meiNote.id })],
      }),
    ]);
    expect(document.following).toEqual([expect.objectContaining({ handle: 'mei' })]);
    expect(document.followers).toEqual([expect.objectContaining({ handle: 'mei' })]);
    expect(document.blocks).toEqual([expect.objectContaining({ handle: 'kai' })]);
    expect(
      document.statementsOfReasons.map((statement: { targetId: string }) => statement.targetId),
    ).toContain(flagged.id);
    expect(document.sessions.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(document.sessions)).not.toContain('token');
    expect(Array.isArray(document.securityEvents)).toBe(true);
    // nothing of mei's beyond the handles of the graph
    expect(JSON.stringify(document)).not.toContain('Not lin');
    expect(JSON.stringify(document)).not.toContain(meiNote.body);
    // the holder's image, byte for byte as served, and not mei's
    const image = members.get(`atrium-export-lin/media/${linImage.id}.webp`);
    const served = await test.app.inject({ method: 'GET', url: linImage.url });
    expect(image && sha(image)).toBe(sha(served.rawPayload));
    expect([...members.keys()].some((name) => name.includes(meiImage.id))).toBe(false);
    expect([...members.keys()].filter((name) => name.includes('/media/'))).toHaveLength(1);

    // the holder's session opens it without the token; another account's does not
    const archiveUrl = done.downloadUrl!.split('?')[0]!;
    const own = await test.app.inject({
      method: 'GET',
      url: archiveUrl,
      headers: { authorization: `Bearer ${lin.token}` },
    });
    expect(own.statusCode).toBe(200);
    for (const attempt of [
      { url: archiveUrl, headers: { authorization: `Bearer ${mei.token}` } },
      { url: archiveUrl, headers: {} },
      {
        url: `${archiveUrl}?token=${'x'.repeat(43)}`,
        headers: { authorization: `Bearer ${mei.token}` },
      },
    ]) {
      const refused = await test.app.inject({ method: 'GET', ...attempt });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('EXPORT_NOT_FOUND');
    }
    // mei sees no export of lin's as hers
    expect((await mei.client.me.export()).export).toBeNull();

    // past its expiry the link answers 410, and the periodic prune removes the file
    await sql`UPDATE account_exports SET expires_at = now() - interval '1 second'
      WHERE id = ${done.id}`.execute(test.database.db);
    const expired = await test.app.inject({ method: 'GET', url: done.downloadUrl! });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('EXPORT_EXPIRED');
    const mine = (await lin.client.me.export()).export!;
    expect(mine.status).toBe('expired');
    expect(mine.downloadUrl).toBeNull();
    await test.tasks.pruneExports.run();
    expect(await readdir(path.join(test.dataDir, 'exports'))).toEqual([]);
    const stillExpired = await test.app.inject({
      method: 'GET',
      url: archiveUrl,
      headers: { authorization: `Bearer ${lin.token}` },
    });
    expect(stillExpired.statusCode).toBe(410);
  });

  it('refuses a second export while one is queued, and more than a few a day', async () => {
    const lin = await signedIn(test, 'lin', IPS.US);
    // queued directly, so no run can finish it between the two requests
    await sql`INSERT INTO account_exports (id, account_id, nonce)
      VALUES (gen_random_uuid(), ${lin.account.id}, '\\x00')`.execute(test.database.db);
    const busy = await failure(lin.client.me.requestExport());
    expect(busy.status).toBe(409);
    expect(busy.code).toBe('EXPORT_IN_PROGRESS');
    expect((await lin.client.me.export()).export?.status).toBe('queued');
    // the periodic task runs what no request kicked off
    await test.tasks.runExports.run();
    expect((await lin.client.me.export()).export?.status).toBe('done');
    await lin.client.me.requestExport();
    await finished(lin.client);
    await lin.client.me.requestExport();
    await finished(lin.client);
    const limited = await failure(lin.client.me.requestExport());
    expect(limited.status).toBe(429);
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.problem.retryAfter).toBeGreaterThan(23 * 3600);
    // only the newest archive is kept (the older one goes right after the newer is marked done)
    const newest = (await lin.client.me.export()).export!.id;
    await eventually(async () => {
      expect(await readdir(path.join(test.dataDir, 'exports'))).toEqual([`${newest}.tar.gz`]);
    }, 10_000);
  });

  it('takes over an export whose process stopped midway, and leaves no partial file visible', async () => {
    const lin = await signedIn(test, 'lin', IPS.US);
    await lin.client.notes.create({ body: 'One note' });
    const dir = path.join(test.dataDir, 'exports');
    const { rows } = await sql<{ id: string }>`
      INSERT INTO account_exports (id, account_id, nonce, status, attempts, locked_until, started_at)
      VALUES (gen_random_uuid(), ${lin.account.id}, '\\x01', 'running', 1,
        now() - interval '1 second', now() - interval '2 minutes')
      RETURNING id`.execute(test.database.db);
    const id = rows[0]!.id;
    // what a process killed mid-write leaves: a temporary file, never the archive's own name
    await (await import('node:fs/promises')).mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `.tmp-${id}.tar.gz-dead`), 'half an archive');
    const before = (await lin.client.me.export()).export!;
    expect(before).toMatchObject({ status: 'running', downloadUrl: null });
    await test.tasks.pruneExports.run();
    expect(await readdir(dir)).toEqual([]);
    await test.tasks.runExports.run();
    const done = (await lin.client.me.export()).export!;
    expect(done).toMatchObject({ id, status: 'done' });
    expect(done.progress.notes).toBe(1);
    const archive = await readFile(path.join(dir, `${id}.tar.gz`));
    expect((await unpack(archive)).has('atrium-export-lin/account.json')).toBe(true);
  });

  it('fails an export cleanly once its runs have died too often', async () => {
    const lin = await signedIn(test, 'lin', IPS.US);
    await sql`INSERT INTO account_exports (id, account_id, nonce, status, attempts, locked_until)
      VALUES (gen_random_uuid(), ${lin.account.id}, '\\x02', 'running', 3,
        now() - interval '1 second')`.execute(test.database.db);
    await test.tasks.runExports.run();
    const failed = (await lin.client.me.export()).export!;
    expect(failed).toMatchObject({ status: 'failed', error: 'INTERNAL_ERROR', downloadUrl: null });
    // and the account may ask again
    expect((await lin.client.me.requestExport()).status).toMatch(/queued|running|done/);
  });

  it('writes an account export to a file from the command line, audited', async () => {
    const lin = await signedIn(test, 'lin', IPS.US);
    const image = await upload(lin.client, { r: 0, g: 0, b: 255 });
    await lin.client.notes.create({ body: 'From the command line', mediaIds: [image.id] });
    const file = path.join(test.dataDir, 'lin-export.tar.gz');
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    const media = new LocalDiskMediaStore(path.join(test.dataDir, 'media'));
    expect(
      await runExportCommand(test.database, media, ['@lin', '--out', file], io, test.vault),
    ).toBe(0);
    expect(lines.join('\n')).toMatch(/Exported @lin .*1 notes.*1 images/);
    const members = await unpack(await readFile(file));
    const document = JSON.parse(members.get('atrium-export-lin/account.json')!.toString('utf8'));
    expect(document.notes[0].body).toBe('From the command line');
    expect(members.has(`atrium-export-lin/media/${image.id}.webp`)).toBe(true);
    // no temporary file left beside it
    expect((await readdir(test.dataDir)).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    const { rows } = await sql<{ action: string; actor_kind: string }>`
      SELECT action, actor_kind FROM audit_log WHERE target_id = ${lin.account.id}`.execute(
      test.database.db,
    );
    expect(rows).toContainEqual({ action: 'account.export', actor_kind: 'cli' });
    // an unknown handle, and a missing --out
    expect(
      await runExportCommand(test.database, media, ['nobody', '--out', file], io, test.vault),
    ).toBe(1);
    expect(await runExportCommand(test.database, media, ['lin'], io, test.vault)).toBe(2);
  });
});
