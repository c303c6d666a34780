import { randomBytes, randomInt } from 'node:crypto';
import type { TranslationEngine, TranslationRequest } from '@atrium/lang';
import { issueSession } from '../../src/modules/accounts/sessions.service.js';
import { makeImage } from '../fixtures/images.js';
import { signedInStaff } from '../fixtures/staff.js';
import { buildTestApp, IPS, signedIn, type TestApp } from '../helper.js';

// One small world of real content, shared by the quality gates: an owner with a published note,
// a held note, comments and a second session; another user; staff in and out of scope; cases.

export const actors = ['anonymous', 'other', 'owner', 'modIn', 'modOut', 'admin'] as const;
export type Actor = (typeof actors)[number];

/** A translation engine for every pair that hands the text back: no processes, no network. */
export const echoEngine: TranslationEngine = {
  name: 'echo',
  supports: async () => true,
  pairs: async () => [],
  translate: async (request: TranslationRequest) => ({
    texts: [...request.texts],
    engine: 'echo',
  }),
};

/** A test app for the gates: rate limits off (they have their own test), echo translation. */
export function buildQualityApp(env: Record<string, string> = {}): Promise<TestApp> {
  return buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1', ...env }, { translation: echoEngine });
}

interface Account {
  id: string;
  handle: string;
  token: string;
}

export interface World {
  test: TestApp;
  accounts: Record<Exclude<Actor, 'anonymous'>, Account>;
  note: { id: string };
  heldNote: { id: string };
  comment: { id: string };
  reply: { id: string };
  /** The automated decision that held `heldNote` (the owner may appeal it). */
  heldDecisionId: string;
  /** The case of `heldNote`: English, from the US — in `modIn`'s scope, not `modOut`'s. */
  caseInScope: string;
  /** A report on a Portuguese note from Brazil: `modOut`'s scope, not `modIn`'s. */
  caseOutOfScope: string;
  mediaId: string;
  topic: string;
  /** Another session of the owner's, for session IDOR checks. */
  ownerSecondSession: string;
  /** A new token for an actor (routes that end or rotate the session they are called with). */
  freshToken(actor: Exclude<Actor, 'anonymous'>): Promise<string>;
  /** A new token for any account. */
  freshTokenOf(accountId: string): Promise<string>;
  /** A new held note of the owner's and its case id. */
  freshCase(): Promise<string>;
  unique(prefix: string): string;
}

/** A US mobile-style number nobody used before (555-01xx are fictional). */
let phoneCounter = 0;
export function freshPhone(): string {
  phoneCounter += 1;
  return `+1 202 555 ${String(1000 + (phoneCounter % 9000)).padStart(4, '0')}`;
}

async function caseOf(test: TestApp, targetId: string): Promise<string> {
  const row = await test.database.db
    .selectFrom('moderation_cases')
    .select('id')
    .where('target_id', '=', targetId)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function buildWorld(test: TestApp): Promise<World> {
  const suffix = String(randomInt(0, 2 ** 24));
  // digits only: hex letters next to digits read as leetspeak in a handle (`a55e` → `asse`), and
  // the handle check would refuse some of them at random
  const unique = (prefix: string) => `${prefix}_${randomInt(0, 2 ** 32)}`;
  const owner = await signedIn(test, `owner_${suffix}`, IPS.US);
  const other = await signedIn(test, `other_${suffix}`, IPS.US);
  const modIn = await signedInStaff(test, `modin_${suffix}`, 'moderator', {
    languages: ['en'],
    regions: ['US'],
  });
  const modOut = await signedInStaff(test, `modout_${suffix}`, 'moderator', {
    languages: ['pt'],
    regions: ['BR'],
  });
  const admin = await signedInStaff(test, `chief_${suffix}`, 'admin');

  const topic = `quality${suffix}`;
  const media = await owner.client.media.upload(
    new Blob([new Uint8Array(await makeImage('png', 32, 24))], { type: 'image/png' }),
  );
  const note = await owner.client.notes.create({
    title: 'Morning light',
    body: `Sunrise over the bay, a quiet start #${topic}`,
    lang: 'en',
    mediaIds: [media.id],
  });
  const held = await owner.client.notes.create({
    title: 'Party',
    body: 'who can get c0caine tonight',
    lang: 'en',
  });
  if (held.status !== 'pending_review') throw new Error('the held fixture was not held');
  const comment = await owner.client.notes.comment(note.id, { body: 'First light is the best' });
  const reply = await other.client.notes.comment(note.id, {
    body: 'Agreed, lovely colours',
    parentId: comment.id,
  });
  const decision = await test.database.db
    .selectFrom('moderation_decisions')
    .select('id')
    .where('target_id', '=', held.id)
    .executeTakeFirstOrThrow();

  const brazilian = await signedIn(test, `autor_${suffix}`, IPS.BRAZIL);
  const portuguese = await brazilian.client.notes.create({
    body: 'Promoção imperdível, chama no privado',
    lang: 'pt-BR',
  });
  await other.client.reports.create({
    targetType: 'note',
    targetId: portuguese.id,
    reason: 'spam',
  });

  const second = await issueSession(
    test.database.db,
    owner.account.id,
    {
      ip: IPS.US,
      country: 'US',
      region: null,
      userAgent: 'second device',
    },
    test.vault,
  );
  await test.settle();

  const accounts = {
    owner: { id: owner.account.id, handle: owner.account.handle, token: owner.token },
    other: { id: other.account.id, handle: other.account.handle, token: other.token },
    modIn: { id: modIn.account.id, handle: modIn.account.handle, token: modIn.token },
    modOut: { id: modOut.account.id, handle: modOut.account.handle, token: modOut.token },
    admin: { id: admin.account.id, handle: admin.account.handle, token: admin.token },
  };
  const freshTokenOf = async (accountId: string) => {
    const session = await issueSession(
      test.database.db,
      accountId,
      {
        ip: IPS.US,
        country: 'US',
        region: null,
        userAgent: 'quality gate',
      },
      test.vault,
    );
    return session.token;
  };
  return {
    test,
    accounts,
    note: { id: note.id },
    heldNote: { id: held.id },
    comment: { id: comment.id },
    reply: { id: reply.id },
    heldDecisionId: decision.id,
    caseInScope: await caseOf(test, held.id),
    caseOutOfScope: await caseOf(test, portuguese.id),
    mediaId: media.id,
    topic,
    ownerSecondSession: second.sessionId,
    freshToken: (actor) => freshTokenOf(accounts[actor].id),
    freshTokenOf,
    async freshCase() {
      const fresh = await owner.client.notes.create({
        body: 'selling fentanyl, message me',
        lang: 'en',
      });
      return caseOf(test, fresh.id);
    },
    unique,
  };
}

/** A multipart/form-data body with one file part (and optional text fields). */
export function multipartBody(
  file: { field?: string; filename: string; type: string; bytes: Buffer },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----atrium${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; ` +
        `filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
