import { BOARDS_MAX } from '@atrium/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// Named boards for collects: validation, the per-account limit, privacy (another account, a
// blocked one, a note withheld where the reader is), pagination, and the collect contract of
// docs/api.md left as it was. One app for the file; every test makes its own accounts.

let test: TestApp;
beforeAll(async () => {
  test = await buildStaffTestApp();
});
afterAll(async () => {
  await test?.close();
});

type Client = Awaited<ReturnType<typeof signedIn>>['client'];

async function noteWithImage(client: Client, body: string, shade: number) {
  const bytes = await makeImage('png', 30 + shade, 20, { r: shade * 3, g: 90, b: 40 });
  const image = await client.media.upload(
    new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
    'x.png',
  );
  return { note: await client.notes.create({ body, mediaIds: [image.id] }), image };
}

function statusOf(response: { statusCode: number }) {
  return response.statusCode;
}

describe('creating and changing boards', () => {
  it('validates names and descriptions with VALIDATION_FAILED, trims names, refuses duplicates', async () => {
    const ana = await signedIn(test, 'bd_ana');
    for (const name of ['', '   ', 'x'.repeat(41), 'tab\u0007bell', 'zero\u200bwidth']) {
      const error = await failure(ana.client.boards.create({ name }));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.status).toBe(400);
    }
    // 40 characters counted as characters, not UTF-16 units (emoji and CJK)
    const long = await ana.client.boards.create({ name: `${'旅行'.repeat(19)}🍜🍜` });
    expect([...long.name]).toHaveLength(40);
    expect(
      (await failure(ana.client.boards.create({ name: 'd', description: 'x'.repeat(201) }))).code,
    ).toBe('VALIDATION_FAILED');
    // unknown fields and bad visibilities are refused by the contract
    const raw = await test.app.inject({
      method: 'POST',
      url: '/api/me/boards',
      headers: { authorization: `Bearer ${ana.token}`, 'content-type': 'application/json' },
      payload: { name: 'ok', visibility: 'friends' },
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().code).toBe('VALIDATION_FAILED');

    const board = await ana.client.boards.create({
      name: '  Tokyo   eats ',
      description: 'Ramen and more',
    });
    expect(board).toMatchObject({
      owner: 'bd_ana',
      name: 'Tokyo eats',
      description: 'Ramen and more',
      visibility: 'public',
      notes: 0,
      coverUrl: null,
    });
    expect((await failure(ana.client.boards.create({ name: 'TOKYO EATS' }))).code).toBe(
      'BOARD_NAME_TAKEN',
    );
    const renamed = await ana.client.boards.update(board.id, {
      name: 'Osaka eats',
      visibility: 'private',
    });
    expect(renamed).toMatchObject({ name: 'Osaka eats', visibility: 'private' });
    expect((await failure(ana.client.boards.update(long.id, { name: 'osaka EATS' }))).code).toBe(
      'BOARD_NAME_TAKEN',
    );
    expect((await failure(ana.client.boards.update(long.id, { name: ' ' }))).code).toBe(
      'VALIDATION_FAILED',
    );
    // checked like profile texts: what the policy would hold or withhold is refused, by field
    const rejected = await failure(ana.client.boards.create({ name: 'I sell cocaine' }));
    expect(rejected.code).toBe('CONTENT_REJECTED');
    expect(rejected.status).toBe(422);
    expect(
      (
        await failure(
          ana.client.boards.update(long.id, {
            description: 'I sell cocaine',
            visibility: 'private',
          }),
        )
      ).code,
    ).toBe('CONTENT_REJECTED');
    expect((await ana.client.boards.get(long.id)).visibility).toBe('public');
  });

  it('holds a per-account limit with BOARD_LIMIT', async () => {
    const bo = await signedIn(test, 'bd_limit');
    const rows = Array.from({ length: BOARDS_MAX - 1 }, (_, index) => ({
      id: crypto.randomUUID(),
      account_id: bo.account.id,
      name: `board ${index}`,
    }));
    await test.database.db.insertInto('boards').values(rows).execute();
    await bo.client.boards.create({ name: 'the last one' });
    const error = await failure(bo.client.boards.create({ name: 'one too many' }));
    expect(error.code).toBe('BOARD_LIMIT');
    expect(error.status).toBe(409);
  });

  it('deleting a board keeps the collects; uncollecting takes a note out of every board', async () => {
    const author = await signedIn(test, 'bd_author1');
    const cy = await signedIn(test, 'bd_cy');
    const [one, two] = [
      await author.client.notes.create({ body: 'First keeper' }),
      await author.client.notes.create({ body: 'Second keeper' }),
    ];
    const trips = await cy.client.boards.create({ name: 'Trips' });
    const food = await cy.client.boards.create({ name: 'Food' });
    expect(await cy.client.boards.setForNote(one.id, [trips.id, food.id])).toEqual({
      collected: true,
      boardIds: [trips.id, food.id],
    });
    await cy.client.boards.add(trips.id, two.id);
    await cy.client.boards.add(trips.id, two.id); // idempotent
    expect((await author.client.notes.get(one.id)).counts.collects).toBe(1);
    expect((await author.client.notes.get(two.id)).counts.collects).toBe(1);

    // move: the new set replaces the old one
    expect(await cy.client.boards.setForNote(one.id, [food.id])).toEqual({
      collected: true,
      boardIds: [food.id],
    });
    // out of a board: still collected
    await cy.client.boards.remove(trips.id, two.id);
    expect(await cy.client.boards.ofNote(two.id)).toEqual({ collected: true, boardIds: [] });

    await cy.client.boards.delete(food.id);
    expect((await failure(cy.client.boards.get(food.id))).code).toBe('BOARD_NOT_FOUND');
    const collected = (await cy.client.feeds.collects('bd_cy')).items.map((note) => note.id);
    expect(collected.sort()).toEqual([one.id, two.id].sort());

    await cy.client.boards.add(trips.id, one.id);
    await cy.client.notes.uncollect(one.id);
    expect((await cy.client.boards.notes(trips.id)).items).toEqual([]);
    expect(await cy.client.boards.ofNote(one.id)).toEqual({ collected: false, boardIds: [] });
    expect((await author.client.notes.get(one.id)).counts.collects).toBe(0);
  });

  it('keeps the collect contract of docs/api.md: PUT and DELETE /collect, 204, idempotent, no body', async () => {
    const author = await signedIn(test, 'bd_author2');
    const dee = await signedIn(test, 'bd_dee');
    const note = await author.client.notes.create({ body: 'Plain collect' });
    for (const method of ['PUT', 'PUT', 'DELETE', 'DELETE', 'PUT'] as const) {
      const response = await test.app.inject({
        method,
        url: `/api/notes/${note.id}/collect`,
        headers: { authorization: `Bearer ${dee.token}` },
      });
      expect(response.statusCode).toBe(204);
    }
    expect((await dee.client.notes.get(note.id)).viewer.collected).toBe(true);
    expect(await dee.client.boards.ofNote(note.id)).toEqual({ collected: true, boardIds: [] });
    expect((await author.client.notes.get(note.id)).counts.collects).toBe(1);
  });

  it('refuses another account’s board: 404 when private, 403 when public, and a stranger’s ids in a set', async () => {
    const owner = await signedIn(test, 'bd_owner');
    const other = await signedIn(test, 'bd_other');
    const note = await owner.client.notes.create({ body: 'Mine' });
    const open = await owner.client.boards.create({ name: 'Open' });
    const closed = await owner.client.boards.create({ name: 'Closed', visibility: 'private' });
    expect((await failure(other.client.boards.update(open.id, { name: 'Hijack' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(other.client.boards.delete(open.id))).code).toBe('FORBIDDEN');
    expect((await failure(other.client.boards.add(open.id, note.id))).code).toBe('FORBIDDEN');
    expect((await failure(other.client.boards.update(closed.id, { name: 'x' }))).code).toBe(
      'BOARD_NOT_FOUND',
    );
    expect((await failure(other.client.boards.remove(closed.id, note.id))).code).toBe(
      'BOARD_NOT_FOUND',
    );
    expect((await failure(other.client.boards.setForNote(note.id, [open.id]))).code).toBe(
      'BOARD_NOT_FOUND',
    );
    // nothing was collected by the refused set
    expect((await other.client.boards.ofNote(note.id)).collected).toBe(false);
    // a note that does not exist
    expect(
      (await failure(owner.client.boards.add(open.id, '01a1fe23-0118-7000-aebb-b828a830ddd7')))
        .code,
    ).toBe('NOT_FOUND');
    // anonymous writers are 401
    const anonymous = await test.app.inject({ method: 'POST', url: '/api/me/boards', payload: {} });
    expect(statusOf(anonymous)).toBe(401);
  });
});

describe('reading boards', () => {
  it('shows all boards to the owner in created order, public ones to others, none across a block', async () => {
    const eve = await signedIn(test, 'bd_eve');
    const fan = await signedIn(test, 'bd_fan');
    const foe = await signedIn(test, 'bd_foe');
    const a = await eve.client.boards.create({ name: 'A public' });
    const b = await eve.client.boards.create({ name: 'B private', visibility: 'private' });
    const c = await eve.client.boards.create({ name: 'C public' });
    expect((await eve.client.boards.of('bd_eve')).items.map((board) => board.id)).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
    expect((await fan.client.boards.of('bd_eve')).items.map((board) => board.id)).toEqual([
      a.id,
      c.id,
    ]);
    expect((await test.client().boards.of('bd_eve')).items.map((board) => board.id)).toEqual([
      a.id,
      c.id,
    ]);
    // private: the 404 of a board that does not exist, for the board and its notes
    for (const client of [fan.client, test.client()]) {
      expect((await failure(client.boards.get(b.id))).code).toBe('BOARD_NOT_FOUND');
      expect((await failure(client.boards.notes(b.id))).code).toBe('BOARD_NOT_FOUND');
    }
    expect((await eve.client.boards.get(b.id)).name).toBe('B private');

    // a block, either way: no boards at all
    await foe.client.users.block('bd_eve');
    expect((await foe.client.boards.of('bd_eve')).items).toEqual([]);
    expect((await failure(foe.client.boards.get(a.id))).code).toBe('BOARD_NOT_FOUND');
    expect((await failure(foe.client.boards.notes(a.id))).code).toBe('BOARD_NOT_FOUND');
    await eve.client.users.block('bd_fan');
    expect((await fan.client.boards.of('bd_eve')).items).toEqual([]);
    expect((await failure(fan.client.boards.get(c.id))).code).toBe('BOARD_NOT_FOUND');

    expect((await failure(test.client().boards.of('bd_nobody'))).code).toBe('NOT_FOUND');
    // a malformed id is a validation error
    const malformed = await test.app.inject({ method: 'GET', url: '/api/boards/not-an-id' });
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
  });

  it('hides the boards of an account being deleted from everyone else', async () => {
    const ida = await signedIn(test, 'bd_ida');
    const board = await ida.client.boards.create({ name: 'Leaving soon' });
    expect((await test.client().boards.get(board.id)).name).toBe('Leaving soon');
    await ida.client.me.delete({ password: 'correct horse battery staple' });
    expect((await failure(test.client().boards.get(board.id))).code).toBe('BOARD_NOT_FOUND');
    expect((await failure(test.client().boards.notes(board.id))).code).toBe('BOARD_NOT_FOUND');
    expect((await failure(test.client().boards.of('bd_ida'))).code).toBe('NOT_FOUND');
  });

  it('lists a board’s notes newest filed first, page by page, with counts and a cover', async () => {
    const gus = await signedIn(test, 'bd_gus');
    const author = await signedIn(test, 'bd_author3');
    const board = await gus.client.boards.create({ name: 'Paged' });
    const filed: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const note = await author.client.notes.create({ body: `Paged note ${index}` });
      await gus.client.boards.add(board.id, note.id);
      filed.push(note.id);
    }
    const { note: pictured, image } = await noteWithImage(author.client, 'With a picture', 1);
    await gus.client.boards.add(board.id, pictured.id);
    filed.push(pictured.id);
    const text = await author.client.notes.create({ body: 'Text only, filed last' });
    await gus.client.boards.add(board.id, text.id);
    filed.push(text.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await test
        .client()
        .boards.notes(board.id, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((note) => note.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual([...filed].reverse());
    expect(pages).toBe(3);
    // the cover is the newest note that has an image
    const listed = (await test.client().boards.of('bd_gus')).items[0]!;
    expect(listed).toMatchObject({ notes: 7, coverUrl: image.cardUrl });
    // a tampered cursor
    expect((await failure(test.client().boards.notes(board.id, { cursor: 'bm9wZQ' }))).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('leaves out notes withheld where the reader is, deleted ones, and those across a block', async () => {
    const moderator = await signedInStaff(test, 'bd_mod', 'moderator');
    const reporter = await signedIn(test, 'bd_reporter');
    const hal = await signedIn(test, 'bd_hal');
    const author = await signedIn(test, 'bd_author4');
    const blocker = await signedIn(test, 'bd_blocker');
    const board = await hal.client.boards.create({ name: 'Mixed' });
    const kept = await author.client.notes.create({ body: 'Seen everywhere' });
    const { note: withheld, image } = await noteWithImage(author.client, 'Local law', 2);
    const deleted = await author.client.notes.create({ body: 'Gone soon' });
    const blocked = await blocker.client.notes.create({ body: 'From someone who blocks' });
    for (const note of [kept, withheld, deleted, blocked])
      await hal.client.boards.add(board.id, note.id);

    const german = test.client({ ip: IPS.GERMANY });
    expect((await german.boards.get(board.id)).coverUrl).toBe(image.cardUrl);

    await reporter.client.reports.create({
      targetType: 'note',
      targetId: withheld.id,
      reason: 'illegal',
    });
    const open = await moderator.client.moderation.cases({ status: 'open', limit: 100 });
    const caseId = open.items.find((item) => item.targetId === withheld.id)!.id;
    await moderator.client.moderation.claim(caseId);
    await moderator.client.moderation.decide(caseId, {
      decision: 'withhold',
      regions: ['DE'],
      reasonCode: 'legal.local_law',
    });
    await author.client.notes.delete(deleted.id);
    await blocker.client.users.block('bd_hal');

    const ids = async (client: Client | ReturnType<TestApp['client']>) =>
      (await client.boards.notes(board.id)).items.map((note) => note.id);
    expect(await ids(german)).toEqual([blocked.id, kept.id]);
    expect(await ids(test.client({ ip: IPS.US }))).toEqual([blocked.id, withheld.id, kept.id]);
    expect(await ids(hal.client)).toEqual([withheld.id, kept.id]);
    // counts and cover follow the reader
    expect(await german.boards.get(board.id)).toMatchObject({ notes: 2, coverUrl: null });
    expect(await hal.client.boards.get(board.id)).toMatchObject({
      notes: 2,
      coverUrl: image.cardUrl,
    });
  });
});
