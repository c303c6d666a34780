import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TtlMap } from './ttl-map.js';

/**
 * Hashcash-style proof of work: the server hands out `{ challenge, difficulty }`; the client finds
 * a `nonce` such that SHA-256(challenge + nonce), as bytes of the UTF-8 text, starts with
 * `difficulty` zero bits (about 2^difficulty hashes of work), and sends both back with the request
 * the challenge was asked for.
 *
 * The challenge is `v1.<purpose>.<difficulty>.<expiry ms>.<random>.<HMAC>`: signed with the
 * server secret, so it is verified without storing it (any node can check it), bound to one
 * purpose, and short-lived. A solved challenge is accepted once: spent challenges are kept until
 * they expire in a `SpentChallenges` store — Redis when nodes share one (`SET NX`, so a solution
 * is spent once across every node), else a bounded in-memory set of this process. When the shared
 * store cannot answer, this process's own set decides (a solution could then be spent once per
 * node: each costs the same work, which is what the challenge is for).
 *
 * It does not stop a determined attacker; it makes each repeated request cost CPU time, so a
 * burst of them costs far more than a person asking twice.
 */
export interface Challenge {
  challenge: string;
  difficulty: number;
  expiresAt: Date;
}

/** Where spent challenges are remembered: `spendOnce` is true the first time only. */
export interface SpentChallenges {
  spendOnce(challenge: string, ttlMs: number): Promise<boolean>;
}

export interface ProofOfWorkOptions {
  secret: string;
  /** A store shared by every node (Redis); without it, this process's memory. */
  spent?: SpentChallenges;
  /** How long a challenge may be solved and used. */
  ttlMs?: number;
  /** How many spent challenges are remembered (the oldest are dropped first). */
  maxSpent?: number;
}

export type ProofCheck =
  | { ok: true }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'too_easy' | 'wrong' | 'spent' };

const VERSION = 'v1';
const PURPOSE = /^[a-z][a-z0-9-]{0,31}$/;

/** Counts the leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Whether `nonce` solves `challenge` at `difficulty`. */
export function solves(challenge: string, nonce: string, difficulty: number): boolean {
  const digest = createHash('sha256').update(`${challenge}${nonce}`, 'utf8').digest();
  return leadingZeroBits(digest) >= difficulty;
}

/** Finds a nonce by counting up (tests, scripts; the web app does the same with Web Crypto). */
export function solve(challenge: string, difficulty: number): string {
  for (let nonce = 0; ; nonce += 1) {
    if (solves(challenge, String(nonce), difficulty)) return String(nonce);
  }
}

export function createProofOfWork(options: ProofOfWorkOptions) {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  // kept longer than a challenge lives: TtlMap shortens lifetimes by up to a quarter
  const local = new TtlMap<string, true>(ttlMs * 1.4, options.maxSpent ?? 100_000);
  const spendLocally = (challenge: string): boolean => {
    if (local.get(challenge)) return false;
    local.set(challenge, true);
    return true;
  };
  const spendOnce = async (challenge: string): Promise<boolean> => {
    if (!options.spent) return spendLocally(challenge);
    try {
      return await options.spent.spendOnce(challenge, Math.ceil(ttlMs * 1.4));
    } catch {
      return spendLocally(challenge);
    }
  };
  const sign = (payload: string) =>
    createHmac('sha256', options.secret).update(`pow:${payload}`).digest('base64url');

  /** A new challenge for `purpose` at `difficulty` leading zero bits. */
  function issue(purpose: string, difficulty: number, now = Date.now()): Challenge {
    if (!PURPOSE.test(purpose)) throw new Error(`invalid proof-of-work purpose: ${purpose}`);
    const expires = now + ttlMs;
    const payload = [VERSION, purpose, difficulty, expires, randomBytes(12).toString('base64url')];
    const text = payload.join('.');
    return { challenge: `${text}.${sign(text)}`, difficulty, expiresAt: new Date(expires) };
  }

  /**
   * Checks a solution for `purpose` needing at least `minDifficulty` bits, and spends it. The
   * difficulty that counts is the one signed into the challenge.
   */
  async function verify(
    purpose: string,
    solution: { challenge: string; nonce: string },
    minDifficulty: number,
    now = Date.now(),
  ): Promise<ProofCheck> {
    const parts = solution.challenge.split('.');
    if (parts.length !== 6 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
    const [, claimedPurpose, difficultyText, expiresText, , signature] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const expected = Buffer.from(sign(parts.slice(0, 5).join('.')));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'forged' };
    }
    if (claimedPurpose !== purpose) return { ok: false, reason: 'forged' };
    if (Number(expiresText) <= now) return { ok: false, reason: 'expired' };
    const difficulty = Number(difficultyText);
    if (difficulty < minDifficulty) return { ok: false, reason: 'too_easy' };
    if (!solves(solution.challenge, solution.nonce, difficulty))
      return { ok: false, reason: 'wrong' };
    if (!(await spendOnce(solution.challenge))) return { ok: false, reason: 'spent' };
    return { ok: true };
  }

  return { issue, verify };
}

export type ProofOfWork = ReturnType<typeof createProofOfWork>;
