import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';
import type { MediaChecker, MediaFinding } from './media-check.js';
import { createMediaChecks } from './media-checks.service.js';
import * as checksStore from './media-checks.store.js';
import { LocalDiskMediaStore } from './media-store.js';

// The media checks' pipeline end to end, driven by a test checker (a port: the real checkers
// are models this file does not need). What it finds depends on the image's width, so each
// test picks its outcome by the size of the image it uploads.

const FOUND: Record<number, Omit<MediaFinding, 'checker'>> = {
  // text in the image that the policy sends to review
  201: {
    category: 'spam.contact_lure',
    ruleId: 'contact-lure',
    action: 'review',
    score: 0.97,
    box: { x: 10, y: 12, width: 120, height: 30 },
    detail: { text: '加V: abc123' },
  },
  // explicit imagery: blocked
  202: {
    category: 'sexual.explicit',
    action: 'block',
    score: 0.99,
    detail: { classes: { Porn: 0.99, Neutral: 0.01 } },
  },
  // allowed by default, withheld in Germany
  203: {
    category: 'drugs.cannabis',
    action: 'allow',
    regionActions: { DE: 'withhold' },
    score: 0.9,
    detail: { text: 'cannabis' },
  },
  // labelled everywhere
  204: {
    category: 'violence.graphic',
    action: 'label',
    score: 0.8,
    detail: { label: 'Graphic content' },
  },
};
const THROWS = 205;
const HANGS = 206;

const calls: number[] = [];
const testChecker: MediaChecker = {
  name: 'ocr',
  async check(input) {
    calls.push(input.width);
    if (input.width === THROWS) throw new Error('the model failed to load');
    if (input.width === HANGS) return new Promise<MediaFinding[]>(() => {});
    const found = FOUND[input.width];
    return found ? [{ ...found, checker: 'ocr' }] : [];
  },
};

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp(
    { ATRIUM_DISABLE_RATE_LIMITS: '1', MEDIA_CHECK_TIMEOUT_MS: '200' },
    { mediaCheckers: [testChecker] },
  );
});
afterAll(async () => {
  await test?.close();
});

async function uploadAs(client: ReturnType<TestApp['client']>, width: number) {
  const bytes = await makeImage('png', width, 100);
  return client.media.upload(new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'a.png');
}

/** An author's note with one image of `width`, and another account looking at it. */
async function noteWithImage(handle: string, width: number, body = `A photo ${handle}`) {
  const author = await signedIn(test, handle);
  const viewer = await signedIn(test, `${handle}_v`);
  const image = await uploadAs(author.client, width);
  const note = await author.client.notes.create({ body, mediaIds: [image.id] });
  return { author, viewer, image, note };
}

describe('image checks off the request path', () => {
  it('shows a note to its author at once and to others once its image passed', async () => {
    const { author, viewer, image, note } = await noteWithImage('pending_pass', 200, 'Lake #mist');
    expect(image.check).toBe('pending');
    expect(note.status).toBe('pending_review');
    expect(note.moderation?.mediaCheck).toBe('pending');
    // the author sees it everywhere they look; nobody else does, nor its image
    expect((await author.client.notes.get(note.id)).moderation?.mediaCheck).toBe('pending');
    expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);
    expect((await failure(test.client().notes.get(note.id))).status).toBe(404);
    const own = await author.client.feeds.user('pending_pass');
    expect(own.items.map((item) => item.id)).toEqual([note.id]);
    expect((await viewer.client.feeds.user('pending_pass')).items).toEqual([]);
    expect((await viewer.client.search('mist')).items).toEqual([]);
    const imageUrl = (await author.client.notes.get(note.id)).media[0]!.url;
    const asAuthor = await test.app.inject({
      method: 'GET',
      url: imageUrl,
      headers: { authorization: `Bearer ${author.token}` },
    });
    expect(asAuthor.statusCode).toBe(200);
    expect((await test.app.inject({ method: 'GET', url: imageUrl })).statusCode).toBe(404);
    // the non-author view never carries the check
    expect(JSON.stringify(await author.client.notes.get(note.id))).toContain('mediaCheck');

    expect(await test.mediaChecks.runPending()).toMatchObject({ checked: 1, settled: 1 });
    const seen = await viewer.client.notes.get(note.id);
    expect(seen).toMatchObject({ status: 'published' });
    expect(seen).not.toHaveProperty('moderation');
    expect(JSON.stringify(seen)).not.toContain('check');
    expect((await author.client.notes.get(note.id)).moderation).toMatchObject({
      status: 'published',
      mediaCheck: 'passed',
    });
    expect((await viewer.client.feeds.user('pending_pass')).items.map((item) => item.id)).toEqual([
      note.id,
    ]);
    expect((await test.app.inject({ method: 'GET', url: imageUrl })).statusCode).toBe(200);
    // published late, counted then: the topic counts the note once
    await test.settle();
    expect((await test.client().topics.get('mist')).counts.notes).toBe(1);
  });

  it('holds a note whose image needs review and opens a case with the evidence', async () => {
    const { author, viewer, image, note } = await noteWithImage('held_img', 201);
    await test.mediaChecks.runPending();
    const held = await author.client.notes.get(note.id);
    expect(held.moderation).toMatchObject({ status: 'pending_review', mediaCheck: 'flagged' });
    expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);

    const moderator = await signedInStaff(test, 'held_img_mod', 'moderator');
    const queue = await moderator.client.moderation.cases({ status: 'active', limit: 100 });
    const modCase = queue.items.find((item) => item.targetId === note.id)!;
    expect(modCase).toMatchObject({ source: 'automated', category: 'spam.contact_lure' });
    const detail = await moderator.client.moderation.get(modCase.id);
    expect(detail.mediaEvidence).toEqual([
      {
        mediaId: image.id,
        url: image.url,
        checker: 'ocr',
        category: 'spam.contact_lure',
        ruleId: 'contact-lure',
        action: 'review',
        score: 0.97,
        box: { x: 10, y: 12, width: 120, height: 30 },
        detail: { text: '加V: abc123' },
      },
    ]);
    // the reviewer opens the held image; others still cannot
    const asModerator = await test.app.inject({
      method: 'GET',
      url: image.url,
      headers: { authorization: `Bearer ${moderator.token}` },
    });
    expect(asModerator.statusCode).toBe(200);
    // the author's statement names the check, never what moderators see of it
    const statement = (await author.client.me.statements()).items.find(
      (item) => item.targetId === note.id,
    )!;
    expect(statement).toMatchObject({ action: 'review', automated: true });
    expect(statement.facts).toEqual(['Text recognized in an image: spam.contact_lure']);
    expect(JSON.stringify(statement)).not.toContain('abc123');
    // a moderator's approval publishes it
    await moderator.client.moderation.claim(modCase.id);
    await moderator.client.moderation.decide(modCase.id, {
      decision: 'approve',
      reasonCode: 'not_a_lure',
    });
    expect((await viewer.client.notes.get(note.id)).status).toBe('published');
  });

  it('removes a note whose image is blocked, with a statement of reasons', async () => {
    const { author, viewer, note } = await noteWithImage('blocked_img', 202);
    await test.mediaChecks.runPending();
    expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);
    const row = await test.database.db
      .selectFrom('notes')
      .select(['status', 'media_check', 'media_hold'])
      .where('id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'removed', media_check: 'flagged', media_hold: false });
    const statement = (await author.client.me.statements()).items.find(
      (item) => item.targetId === note.id,
    )!;
    expect(statement).toMatchObject({
      action: 'remove',
      restriction: 'Removed',
      automated: true,
      facts: ['Text recognized in an image: sexual.explicit'],
    });
    expect(statement.appeal.allowed).toBe(true);
    const decision = await test.database.db
      .selectFrom('moderation_decisions')
      .select(['media_evidence', 'case_id'])
      .where('target_id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(decision.case_id).toBeNull();
    expect(decision.media_evidence[0]).toMatchObject({
      checker: 'ocr',
      detail: { classes: { Porn: 0.99, Neutral: 0.01 } },
    });
  });

  it('withholds a note in the one country its image is withheld in (451 there only)', async () => {
    const { author, viewer, note } = await noteWithImage('de_img', 203);
    await test.mediaChecks.runPending();
    expect((await viewer.client.notes.get(note.id)).status).toBe('published');
    const inGermany = test.client({ token: viewer.token, ip: IPS.GERMANY });
    const withheld = await failure(inGermany.notes.get(note.id));
    expect(withheld.status).toBe(451);
    expect(withheld.code).toBe('WITHHELD_IN_REGION');
    expect((await author.client.notes.get(note.id)).moderation).toMatchObject({
      withheldIn: ['DE'],
      mediaCheck: 'flagged',
    });
    const image = (await viewer.client.notes.get(note.id)).media[0]!;
    const fromGermany = await test.app.inject({
      method: 'GET',
      url: image.url,
      headers: { 'x-forwarded-for': IPS.GERMANY },
    });
    expect(fromGermany.statusCode).toBe(451);
  });

  it('labels a note whose image is labelled', async () => {
    const { viewer, note } = await noteWithImage('label_img', 204);
    await test.mediaChecks.runPending();
    expect(await viewer.client.notes.get(note.id)).toMatchObject({
      status: 'published',
      labels: ['Graphic content'],
    });
  });

  it.each([
    ['throws', THROWS, 'threw'],
    ['hangs past its timeout', HANGS, 'timeout'],
  ])(
    'sends a note to review when its checker %s, never publishing it',
    async (_, width, reason) => {
      const { author, viewer, note } = await noteWithImage(`fail_${width}`, width);
      await test.mediaChecks.runPending();
      expect((await failure(viewer.client.notes.get(note.id))).status).toBe(404);
      expect((await author.client.notes.get(note.id)).moderation).toMatchObject({
        status: 'pending_review',
        mediaCheck: 'failed',
      });
      const modCase = await test.database.db
        .selectFrom('moderation_cases')
        .select(['category', 'status'])
        .where('target_id', '=', note.id)
        .executeTakeFirstOrThrow();
      expect(modCase).toEqual({ category: 'media.check_failed', status: 'open' });
      const decision = await test.database.db
        .selectFrom('moderation_decisions')
        .select('media_evidence')
        .where('target_id', '=', note.id)
        .executeTakeFirstOrThrow();
      expect(decision.media_evidence).toMatchObject([
        { checker: 'ocr', category: 'media.check_failed', action: 'review', detail: { reason } },
      ]);
    },
  );

  it('checks again the images of an edited note, and keeps the outcome of its images', async () => {
    const { author, viewer, note } = await noteWithImage('edit_img', 203);
    await test.mediaChecks.runPending();
    const edited = await author.client.notes.update(note.id, { body: 'A new caption' });
    expect(edited.moderation?.mediaCheck).toBe('pending');
    await test.mediaChecks.runPending();
    expect((await viewer.client.notes.get(note.id)).body).toBe('A new caption');
    const inGermany = test.client({ token: viewer.token, ip: IPS.GERMANY });
    expect((await failure(inGermany.notes.get(note.id))).status).toBe(451);
  });
});

describe('the claims of several workers', () => {
  async function pendingImages(handle: string, count: number) {
    const author = await signedIn(test, handle);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await uploadAs(author.client, 300 + i)).id);
    return ids;
  }

  function runner(node: string, checker: MediaChecker, reclaimMs = 60_000) {
    return createMediaChecks({
      db: test.database.db,
      store: new LocalDiskMediaStore(path.join(test.dataDir, 'media')),
      checkers: [checker],
      outcomes: { settleNote: async () => {} },
      node,
      timeoutMs: 5_000,
      reclaimMs,
      batch: 2,
    });
  }

  it('checks each image once when two runners race', async () => {
    await test.mediaChecks.runPending();
    const ids = await pendingImages('race', 6);
    const seen: number[] = [];
    const counting: MediaChecker = {
      name: 'hash',
      async check(input) {
        seen.push(input.width);
        await new Promise((resolve) => setImmediate(resolve));
        return [];
      },
    };
    const [a, b] = await Promise.all([
      runner('node-a', counting).checkPending(),
      runner('node-b', counting).checkPending(),
    ]);
    expect(a + b).toBe(6);
    expect(seen.sort()).toEqual([300, 301, 302, 303, 304, 305]);
    const states = await test.database.db
      .selectFrom('media')
      .select(['check_state', 'check_attempts', 'check_progress', 'check_claimed_by'])
      .where('id', 'in', ids)
      .execute();
    expect(states).toEqual(
      ids.map(() => ({
        check_state: 'passed',
        check_attempts: 1,
        check_progress: 100,
        check_claimed_by: null,
      })),
    );
  });

  it('takes over the claim of a worker that died, once it is old enough', async () => {
    await test.mediaChecks.runPending();
    const [id] = await pendingImages('crash', 1);
    // a worker claims it and dies before finishing
    const claimed = await checksStore.claimPending(test.database.db, 'dead-node/1', 60_000, 10);
    expect(claimed.map((row) => row.id)).toEqual([id]);
    const fine: MediaChecker = { name: 'explicit', check: async () => [] };
    expect(await runner('node-c', fine).checkPending()).toBe(0);
    // its claim is older than the reclaim timeout now
    await sql`UPDATE media SET check_claimed_at = now() - interval '2 minutes' WHERE id = ${id}`.execute(
      test.database.db,
    );
    expect(await runner('node-c', fine).checkPending()).toBe(1);
    const row = await test.database.db
      .selectFrom('media')
      .select(['check_state', 'check_attempts'])
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ check_state: 'passed', check_attempts: 2 });
    // the dead worker's late answer no longer counts
    expect(
      await checksStore.finishCheck(test.database.db, id!, 'dead-node/1', {
        state: 'flagged',
        findings: [],
        outcome: {
          action: 'block',
          regionActions: null,
          categories: [],
          labels: [],
          failures: [],
        },
      }),
    ).toBe(false);
  });

  it('sends an image that keeps killing its worker to review instead of trying forever', async () => {
    await test.mediaChecks.runPending();
    const [id] = await pendingImages('bomb', 1);
    // three workers claimed it and died, one after the other
    await sql`UPDATE media SET check_attempts = 3, check_claimed_by = 'dying/3',
      check_claimed_at = now() - interval '2 minutes' WHERE id = ${id}`.execute(test.database.db);
    const checker: MediaChecker = {
      name: 'explicit',
      check: async () => {
        throw new Error('never called');
      },
    };
    expect(await runner('node-d', checker).checkPending()).toBe(1);
    const row = await test.database.db
      .selectFrom('media')
      .select(['check_state', 'check_outcome'])
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(row.check_state).toBe('failed');
    expect(row.check_outcome?.failures).toEqual([{ checker: 'pipeline', reason: 'attempts' }]);
  });
});

describe('without checkers', () => {
  it('passes uploads at once: nothing waits', async () => {
    const plain = await buildTestApp();
    try {
      const author = await signedIn(plain, 'no_checks');
      const bytes = await makeImage('png', 80, 60);
      const image = await author.client.media.upload(
        new Blob([new Uint8Array(bytes)], { type: 'image/png' }),
        'a.png',
      );
      expect(image.check).toBe('passed');
      const note = await author.client.notes.create({ body: 'Hi', mediaIds: [image.id] });
      expect(note.status).toBe('published');
      expect(note.moderation?.mediaCheck).toBe('passed');
      expect((await plain.client().notes.get(note.id)).status).toBe('published');
    } finally {
      await plain.close();
    }
  });

  it('never passes an image another node left pending', async () => {
    const author = await signedIn(test, 'left_pending');
    const image = await uploadAs(author.client, 200);
    expect(image.check).toBe('pending');
    const idle = createMediaChecks({
      db: test.database.db,
      store: new LocalDiskMediaStore(path.join(test.dataDir, 'media')),
      checkers: [],
      outcomes: { settleNote: async () => {} },
      node: 'no-checkers',
      timeoutMs: 200,
      reclaimMs: 60_000,
    });
    expect(await idle.checkPending()).toBe(0);
    const row = await test.database.db
      .selectFrom('media')
      .select(['check_state', 'check_claimed_by'])
      .where('id', '=', image.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ check_state: 'pending', check_claimed_by: null });
  });
});
