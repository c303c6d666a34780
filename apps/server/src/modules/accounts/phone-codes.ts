import { createHmac } from 'node:crypto';
import type { PhoneStartBody } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { PhoneVerificationRow } from '../../db/schema.js';
import { rateLimitKey } from '../../http/client-address.js';
import type { ClientInfo } from '../../http/request-context.js';
import { sameBytes } from '../../lib/aead.js';
import type { ProofOfWork } from '../../lib/proof-of-work.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Vault } from '../vault/vault.js';
import { accountsError } from './accounts.errors.js';
import * as store from './accounts.store.js';
import { type DoorAttempt, type DoorGuard, passDoor } from './door.js';
import { parseMobileNumber } from './phone.js';
import type { SmsSender } from './sms.js';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
/** Asked again within this time, the code just sent is not sent again (a double click). */
export const CODE_RESEND_INTERVAL_MS = 30 * 1000;
/** Budgets over CODE_WINDOW_MS, counted in texts sent (a code sent again counts again). */
export const CODE_WINDOW_MS = 60 * 60 * 1000;
export const CODES_PER_NUMBER_AND_CLIENT = 5;
export const CODES_PER_CLIENT = 10;
/** Proof of work in front of a repeated request: 2^16 hashes, more as a number is asked for. */
export const CHALLENGE_BASE_DIFFICULTY = 16;
export const CHALLENGE_MAX_DIFFICULTY = 18;
export const PHONE_CHALLENGE_PURPOSE = 'phone-code';

export function codeHash(secret: string, verificationId: string, code: string): Buffer {
  return createHmac('sha256', secret).update(`otp:${verificationId}:${code}`).digest();
}

/**
 * The code of a verification, derived from its id under the server secret (a keyed PRF), so the
 * same code can be sent again without being stored: the table keeps only its HMAC.
 */
export function codeOf(secret: string, verificationId: string): string {
  const digest = createHmac('sha256', secret).update(`otp-code:${verificationId}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export interface PhoneCodesDeps {
  db: Db;
  secret: string;
  sms: SmsSender;
  log: FastifyBaseLogger;
  pow: ProofOfWork;
  /** Off only where rate limits are (demo seeding, tests that sign up many accounts). */
  antiAutomation: boolean;
  /** Risk scoring (`openDoor` when it is off). */
  door: DoorGuard;
  /** Numbers are sealed, and found by their blind index (modules/vault). */
  vault: Vault;
}

const sum = (rows: PhoneVerificationRow[]) => rows.reduce((total, row) => total + row.sends, 0);

/**
 * Step 1 of phone sign-in. Whoever asks, the owner of a number is never locked out of it:
 * - budgets count per (number, client) and per client across numbers, never per number alone,
 *   so requests from other addresses cannot use up the owner's;
 * - asked again while its code is alive, a client gets the same code sent again (the same
 *   verification), not a new one and not a refusal; within 30 s, not even a new text;
 * - any request after the first for the number, or from the client, within the hour needs a
 *   solved proof-of-work challenge (428 CHALLENGE_REQUIRED carries one), harder as the number
 *   is asked for more, so texting someone's phone in a loop costs real work.
 */
export function createPhoneCodes(deps: PhoneCodesDeps) {
  const { db, secret, sms, pow } = deps;

  function clientKeyOf(client: ClientInfo): string {
    const key = createHmac('sha256', secret).update(`client:${rateLimitKey(client.ip)}`);
    return key.digest('base64url');
  }

  function retryAfter(rows: PhoneVerificationRow[], now: number): number {
    const oldest = Math.min(...rows.map((row) => row.created_at.getTime()));
    return Math.max(1, Math.ceil((oldest + CODE_WINDOW_MS - now) / 1000));
  }

  async function send(phone: string, verificationId: string): Promise<void> {
    const code = codeOf(secret, verificationId);
    try {
      await sms.send({
        to: phone,
        body: `${code} is your Atrium code. It expires in 10 minutes. Never share it.`,
        code,
      });
    } catch (error) {
      deps.log.error({ err: error, sender: sms.name }, 'SMS delivery failed');
      throw accountsError('SERVICE_UNAVAILABLE', 'The code could not be sent: try again later');
    }
  }

  async function start(input: PhoneStartBody, client: ClientInfo) {
    const phone = parseMobileNumber(input.phone, input.country ?? client.country);
    const attempt: DoorAttempt = { surface: 'phone_start', client, phone, retry: !!input.proof };
    const verdict = await deps.door.assess(attempt);
    const clientKey = clientKeyOf(client);
    const now = Date.now();
    const phoneIndex = deps.vault.index('phone', phone);
    const recent = await store.recentVerifications(
      db,
      phone,
      phoneIndex,
      clientKey,
      new Date(now - CODE_WINDOW_MS),
    );
    const forNumber = recent.filter(
      (row) => sameBytes(row.phone_index, phoneIndex) || row.phone_e164 === phone,
    );
    const fromClient = recent.filter((row) => row.client_key === clientKey);
    const mine = forNumber.filter((row) => row.client_key === clientKey);
    const live = mine.find(
      (row) =>
        !row.consumed_at &&
        row.expires_at.getTime() > now + 60_000 &&
        row.attempts < CODE_MAX_ATTEMPTS,
    );
    // a double click: the text is on its way
    if (live && now - live.last_sent_at.getTime() < CODE_RESEND_INTERVAL_MS) {
      return { verificationId: live.id, expiresAt: live.expires_at };
    }
    if (sum(mine) >= CODES_PER_NUMBER_AND_CLIENT) {
      throw accountsError('RATE_LIMITED', 'Too many codes for this number', {
        retryAfter: retryAfter(mine, now),
      });
    }
    if (deps.antiAutomation) {
      if (sum(fromClient) >= CODES_PER_CLIENT) {
        throw accountsError('RATE_LIMITED', 'Too many codes asked for from this address', {
          retryAfter: retryAfter(fromClient, now),
        });
      }
    }
    // One proof of work answers both asks: risk's (its difficulty scaled by the score) and the
    // repeated request's (harder as the number is asked for more); the harder one counts.
    const repeatDifficulty =
      deps.antiAutomation && recent.length > 0
        ? Math.min(
            CHALLENGE_BASE_DIFFICULTY + Math.max(0, sum(forNumber) - 1),
            CHALLENGE_MAX_DIFFICULTY,
          )
        : 0;
    // Nothing is created here, so review (decided again at verify) challenges at its difficulty.
    const needed = Math.max(verdict.decision === 'deny' ? 0 : verdict.difficulty, repeatDifficulty);
    await passDoor(
      deps.door,
      pow,
      db,
      attempt,
      needed > 0 && verdict.decision !== 'deny'
        ? { ...verdict, decision: 'challenge', difficulty: needed }
        : verdict,
      input.proof,
      PHONE_CHALLENGE_PURPOSE,
    );
    await deps.door.record(db, attempt, verdict, null, input.proof ? { proof: 'passed' } : {});
    if (live) {
      await store.countResend(db, live.id);
      await send(phone, live.id);
      return { verificationId: live.id, expiresAt: live.expires_at };
    }
    const verificationId = uuidv7();
    const expiresAt = new Date(now + CODE_TTL_MS);
    await store.insertPhoneVerification(db, {
      id: verificationId,
      ...(await deps.vault.sealCodePhone(verificationId, phone)),
      code_hash: codeHash(secret, verificationId, codeOf(secret, verificationId)),
      expires_at: expiresAt,
      client_key: clientKey,
    });
    await send(phone, verificationId);
    return { verificationId, expiresAt };
  }

  /** A challenge for a client that wants to solve one before asking (`POST /api/auth/challenge`). */
  function challenge() {
    return serialize(pow.issue(PHONE_CHALLENGE_PURPOSE, CHALLENGE_BASE_DIFFICULTY));
  }

  return { start, challenge };
}

function serialize(challenge: { challenge: string; difficulty: number; expiresAt: Date }) {
  return { ...challenge, expiresAt: challenge.expiresAt.toISOString() };
}

export type PhoneCodes = ReturnType<typeof createPhoneCodes>;
