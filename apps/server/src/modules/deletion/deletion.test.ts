import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import {
  buildTestApp,
  failure,
  IPS,
  signedIn,
  signUpByPhone,
  startPhoneCode,
  type TestApp,
} from '../../../test/helper.js';
import { DELETION_GRACE_MS } from './deletion.service.js';

const PASSWORD = 'correct horse battery staple';
const DAY = 24 * 60 * 60 * 1000;

let test: TestApp;
// the clock the app sees: moved past the grace period instead of waiting 30 days
let offset = 0;
beforeAll(async () => {
  test = await buildTestApp(
    { ATRIUM_DISABLE_RATE_LIMITS: '1' },
    { clock: () => new Date(Date.now() + offset) },
  );
});
afterAll(async () => {
  await test.close();
});

async function upload(token: string) {
  const bytes = await makeImage('jpeg', 400, 300);
  return test
    .client({ token })
    .media.upload(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
}

async function mediaFiles(): Promise<string[]> {
  const root = path.join(test.dataDir, 'media');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function rowsOf(accountId: string) {
  const db = test.database.db;
  const count = async (table: 'notes' | 'comments', column: 'author_id') =>
    (await db.selectFrom(table).select('id').where(column, '=', accountId).execute()).length;
  const edges = async (table: 'likes' | 'collects' | 'comment_likes') =>
    (await db.selectFrom(table).selectAll().where('account_id', '=', accountId).execute()).length;
  return {
    notes: await count('notes', 'author_id'),
    comments: await count('comments', 'author_id'),
    likes: await edges('likes'),
    collects: await edges('collects'),
    commentLikes: await edges('comment_likes'),
    follows: (
      await db
        .selectFrom('follows')
        .selectAll()
        .where((eb) =>
          eb.or([eb('follower_id', '=', accountId), eb('followee_id', '=', accountId)]),
        )
        .execute()
    ).length,
    blocks: (
      await db
        .selectFrom('account_blocks')
        .selectAll()
        .where((eb) => eb.or([eb('blocker_id', '=', accountId), eb('blocked_id', '=', accountId)]))
        .execute()
    ).length,
    media: (await db.selectFrom('media').select('id').where('owner_id', '=', accountId).execute())
      .length,
  };
}

describe('deleting an account (DELETE /api/me)', () => {
  it('deactivates at once, a login in the grace period undoes it, the purge takes everything', async () => {
    const alice = await signedIn(test, 'del_alice', IPS.US);
    const bob = await signedIn(test, 'del_bob', IPS.US);
    const carol = await signedIn(test, 'del_carol', IPS.US);
    const image = await upload(alice.token);
    const filesBefore = (await mediaFiles()).length;
    const aliceNote = await alice.client.notes.create({
      title: 'Harbour walk',
      body: 'Boats at dawn #harbourwalks',
      mediaIds: [image.id],
    });
    const bobNote = await bob.client.notes.create({ body: 'Gulls over the pier #harbourwalks' });
    await alice.client.notes.like(bobNote.id);
    await alice.client.notes.collect(bobNote.id);
    const aliceComment = await alice.client.notes.comment(bobNote.id, { body: 'Lovely light' });
    const bobComment = await bob.client.notes.comment(bobNote.id, { body: 'Thanks, early start' });
    await alice.client.comments.like(bobComment.id);
    await bob.client.notes.like(aliceNote.id);
    await bob.client.notes.comment(aliceNote.id, { body: 'Which pier?' });
    await alice.client.users.follow('del_bob');
    await bob.client.users.follow('del_alice');
    await carol.client.users.follow('del_bob');
    await alice.client.users.block('del_carol');
    // a cached translation of what alice wrote
    await test.database.db
      .insertInto('translations')
      .values({
        source_hash: createHashOf('Boats at dawn #harbourwalks'),
        source_lang: 'en',
        target_lang: 'de',
        engine: 'test',
        text: 'Boote im Morgengrauen',
      })
      .execute();
    await test.settle();
    const before = await bob.client.notes.get(bobNote.id);
    expect(before.counts).toMatchObject({ likes: 1, collects: 1, comments: 2 });
    expect((await bob.client.users.get('del_bob')).counts).toMatchObject({
      followers: 2,
      following: 1,
    });
    expect((await bob.client.topics.get('harbourwalks')).counts.notes).toBe(2);

    // re-authentication first
    const none = await failure(alice.client.me.delete({}));
    expect([none.status, none.code]).toEqual([400, 'REAUTH_REQUIRED']);
    const wrong = await failure(alice.client.me.delete({ password: 'not my password' }));
    expect([wrong.status, wrong.code]).toEqual([403, 'WRONG_PASSWORD']);
    expect((await alice.client.me.get()).handle).toBe('del_alice');

    const scheduled = await alice.client.me.delete({ password: PASSWORD });
    const due = new Date(scheduled.dueAt).getTime();
    expect(Math.abs(due - (Date.now() + DELETION_GRACE_MS))).toBeLessThan(60_000);
    // deactivated: the session is over, the profile and the content are out of view
    const ended = await failure(alice.client.me.get());
    expect([ended.status, ended.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await failure(bob.client.users.get('del_alice'))).status).toBe(404);
    expect((await failure(bob.client.notes.get(aliceNote.id))).status).toBe(404);
    expect((await bob.client.search('del_alice', 'users')).items).toEqual([]);
    await test.settle();
    expect((await bob.client.notes.get(bobNote.id)).counts.comments).toBe(1);
    expect((await bob.client.topics.get('harbourwalks')).counts.notes).toBe(1);

    // a login in the grace period cancels the deletion and says so
    const back = await test.client({}).auth.login({ login: 'del_alice', password: PASSWORD });
    expect(back.deletionCancelled).toBe(true);
    const again = test.client({ token: back.token });
    expect((await bob.client.notes.get(aliceNote.id)).title).toBe('Harbour walk');
    expect((await bob.client.users.get('del_alice')).handle).toBe('del_alice');
    expect((await bob.client.search('del_alice', 'users')).items).toHaveLength(1);
    await test.settle();
    expect((await bob.client.notes.get(bobNote.id)).counts.comments).toBe(2);
    expect((await bob.client.topics.get('harbourwalks')).counts.notes).toBe(2);
    // a second login has nothing to cancel
    const plain = await test.client({}).auth.login({ login: 'del_alice', password: PASSWORD });
    expect(plain.deletionCancelled).toBeUndefined();

    // deleted again; the purge does nothing before the grace period is over
    await again.me.delete({ password: PASSWORD });
    expect(await test.tasks.purgeDeletedAccounts.run()).toBe(0);
    expect((await rowsOf(alice.account.id)).notes).toBe(1);
    offset = DELETION_GRACE_MS + DAY;
    try {
      expect(await test.tasks.purgeDeletedAccounts.run()).toBe(1);
    } finally {
      offset = 0;
    }

    // everything of alice's is gone
    expect(await rowsOf(alice.account.id)).toEqual({
      notes: 0,
      comments: 0,
      likes: 0,
      collects: 0,
      commentLikes: 0,
      follows: 0,
      blocks: 0,
      media: 0,
    });
    const account = await test.database.db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', alice.account.id)
      .executeTakeFirst();
    expect(account).toBeUndefined();
    expect((await mediaFiles()).length).toBeLessThan(filesBefore);
    const served = await test.app.inject({ method: 'GET', url: image.url });
    expect(served.statusCode).toBe(404);
    const translations = await test.database.db
      .selectFrom('translations')
      .select('text')
      .where('engine', '=', 'test')
      .execute();
    expect(translations).toEqual([]);
    const gone = await failure(
      test.client({}).auth.login({ login: 'del_alice', password: PASSWORD }),
    );
    expect(gone.code).toBe('INVALID_CREDENTIALS');

    // what alice gave to others is taken back; their own content stays
    await test.settle();
    const after = await bob.client.notes.get(bobNote.id);
    expect(after.counts).toMatchObject({ likes: 0, collects: 0, comments: 1 });
    const comments = await bob.client.notes.comments(bobNote.id);
    expect(comments.items.map((item) => item.id)).toEqual([bobComment.id]);
    expect(comments.items[0]!.likeCount).toBe(0);
    expect((await bob.client.users.get('del_bob')).counts).toMatchObject({
      followers: 1,
      following: 0,
      notes: 1,
    });
    expect((await carol.client.users.get('del_carol')).counts.following).toBe(1);
    expect((await bob.client.topics.get('harbourwalks')).counts.notes).toBe(1);
    expect(aliceComment.id).not.toBe(bobComment.id);

    // the audit record names the account by its id only
    const audit = await test.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', alice.account.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['account.purge']);
    expect(JSON.stringify(audit)).not.toMatch(/del_alice|example\.org|Harbour/);
  });

  it('keeps a pseudonymous tombstone of an account a moderation case names', async () => {
    const dave = await signedIn(test, 'del_dave', IPS.US);
    const erin = await signedIn(test, 'del_erin', IPS.US);
    const note = await dave.client.notes.create({ body: 'Buy followers cheap' });
    await erin.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'spam' });
    await dave.client.me.delete({ password: PASSWORD });
    offset = DELETION_GRACE_MS + DAY;
    try {
      expect(await test.tasks.purgeDeletedAccounts.run()).toBe(1);
    } finally {
      offset = 0;
    }
    const row = await test.database.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', dave.account.id)
      .executeTakeFirstOrThrow();
    expect(row.handle).toMatch(/^deleted\.[0-9a-f]{20}$/);
    expect(row).toMatchObject({
      display_name: '',
      bio: '',
      email: null,
      phone_e164: null,
      email_index: null,
      email_sealed: null,
      phone_index: null,
      phone_sealed: null,
      password_hash: null,
      ip_country: null,
      signup_country: null,
    });
    expect(row.deleted_at).not.toBeNull();
    const cases = await test.database.db
      .selectFrom('moderation_cases')
      .select('id')
      .where('subject_id', '=', dave.account.id)
      .execute();
    expect(cases).toHaveLength(1);
    expect((await rowsOf(dave.account.id)).notes).toBe(0);
    expect((await failure(erin.client.users.get(row.handle))).status).toBe(404);
    // a new account may take the freed handle
    await signedIn(test, 'del_dave', IPS.US);
  });

  it('purges atomically: a failure half-way leaves nothing half-deleted, the next run finishes', async () => {
    const frank = await signedIn(test, 'del_frank', IPS.US);
    const gina = await signedIn(test, 'del_gina', IPS.US);
    const ginaNote = await gina.client.notes.create({ body: 'Morning market' });
    await frank.client.notes.create({ body: 'Evening market' });
    await frank.client.notes.like(ginaNote.id);
    await frank.client.users.follow('del_gina');
    await frank.client.me.delete({ password: PASSWORD });
    // the purge's last statement fails, after everything else in its transaction ran
    await sql`CREATE FUNCTION refuse_purge() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk on fire'; END; $$`.execute(test.database.db);
    await sql`CREATE TRIGGER refuse_purge BEFORE UPDATE ON account_deletions
      FOR EACH ROW EXECUTE FUNCTION refuse_purge()`.execute(test.database.db);
    offset = DELETION_GRACE_MS + DAY;
    try {
      expect(await test.tasks.purgeDeletedAccounts.run()).toBe(0);
      expect(await rowsOf(frank.account.id)).toMatchObject({ notes: 1, likes: 1, follows: 1 });
      expect((await gina.client.notes.get(ginaNote.id)).counts.likes).toBe(1);
      expect((await gina.client.users.get('del_gina')).counts.followers).toBe(1);
      const kept = await test.database.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', frank.account.id)
        .executeTakeFirstOrThrow();
      expect(kept.handle).toBe('del_frank');
      // the data key survived the failed purge with the rest
      expect((await test.vault.contactOf(test.database.db, kept)).email).toBe(
        'del_frank@example.org',
      );
      await sql`DROP TRIGGER refuse_purge ON account_deletions`.execute(test.database.db);
      await sql`DROP FUNCTION refuse_purge()`.execute(test.database.db);
      expect(await test.tasks.purgeDeletedAccounts.run()).toBe(1);
    } finally {
      offset = 0;
    }
    expect(await rowsOf(frank.account.id)).toMatchObject({ notes: 0, likes: 0, follows: 0 });
    expect((await gina.client.notes.get(ginaNote.id)).counts.likes).toBe(0);
    expect((await gina.client.users.get('del_gina')).counts.followers).toBe(0);
  });

  it('refuses staff with 409 STAFF_MUST_STEP_DOWN, before any password is checked', async () => {
    const mod = await signedInStaff(test, 'del_mod', 'moderator');
    const refused = await failure(mod.client.me.delete({ password: PASSWORD }));
    expect([refused.status, refused.code]).toEqual([409, 'STAFF_MUST_STEP_DOWN']);
    expect((await mod.client.me.get()).handle).toBe('del_mod');
  });

  it('asks an account with no password for a fresh code sent to its own number', async () => {
    const phone = '+14155550123';
    const { token } = await signUpByPhone(test, { phone, handle: 'del_phone' });
    const me = test.client({ token });
    const none = await failure(me.me.delete({ password: 'anything at all' }));
    expect([none.status, none.code]).toEqual([400, 'REAUTH_REQUIRED']);
    // a code sent to another number does not count
    const other = await startPhoneCode(test.client({}), { phone: '+14155550124' });
    const otherCode = test.outbox.messagesTo('+14155550124')[0]!.code!;
    const foreign = await failure(
      me.me.delete({ verificationId: other.verificationId, code: otherCode }),
    );
    expect(foreign.code).toBe('INVALID_CODE');
    const started = await startPhoneCode(me, { phone });
    const code = test.outbox.messagesTo(phone)[0]!.code!;
    const wrongCode = code === '000000' ? '111111' : '000000';
    const bad = await failure(
      me.me.delete({ verificationId: started.verificationId, code: wrongCode }),
    );
    expect(bad.code).toBe('INVALID_CODE');
    const scheduled = await me.me.delete({ verificationId: started.verificationId, code });
    expect(scheduled.dueAt).toBeTruthy();
    // the code was spent, and signing in with a new one cancels the deletion
    const again = await startPhoneCode(test.client({}), { phone });
    const fresh = await test.client({}).auth.phoneVerify({
      verificationId: again.verificationId,
      code: test.outbox.messagesTo(phone)[0]!.code!,
    });
    expect(fresh.deletionCancelled).toBe(true);
  });
});

function createHashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
