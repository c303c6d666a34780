import { AtriumError } from '@atrium/sdk';

/** A challenge the server sends with 428 CHALLENGE_REQUIRED (see the server's proof-of-work). */
interface Challenge {
  challenge: string;
  difficulty: number;
  /** Set when risk is high: say that the device is being checked while solving. */
  visible?: boolean;
}

function leadingZeroBits(digest: Uint8Array): number {
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

/**
 * Finds a nonce such that SHA-256(challenge + nonce) starts with `difficulty` zero bits, with
 * Web Crypto, in batches so the page stays responsive (about 2^difficulty hashes).
 */
export async function solveChallenge({ challenge, difficulty }: Challenge): Promise<string> {
  const encoder = new TextEncoder();
  for (let start = 0; ; start += 256) {
    const batch = Array.from({ length: 256 }, (_, index) => String(start + index));
    const digests = await Promise.all(
      batch.map((nonce) => crypto.subtle.digest('SHA-256', encoder.encode(challenge + nonce))),
    );
    const found = digests.findIndex(
      (digest) => leadingZeroBits(new Uint8Array(digest)) >= difficulty,
    );
    if (found >= 0) return batch[found]!;
  }
}

/**
 * Runs `request`; when the server asks for a proof of work first, solves the challenge it sent
 * and runs `request` again with the solution. `onSolving` is told when solving starts and ends,
 * and whether the server marked the challenge `visible` (high risk: the form then says it is
 * checking the device; otherwise it shows only a quiet status). One path for every sign-in
 * request: code requests, code checks, sign-ups and logins.
 */
export async function withProofOfWork<T>(
  request: (proof?: { challenge: string; nonce: string }) => Promise<T>,
  /** Told when solving starts and ends, and whether risk asked for it to be visible. */
  onSolving?: (solving: boolean, visible: boolean) => void,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof AtriumError) || error.code !== 'CHALLENGE_REQUIRED') throw error;
    const challenge = (error.problem as { challenge?: Challenge }).challenge;
    if (!challenge) throw error;
    const visible = challenge.visible === true;
    onSolving?.(true, visible);
    let nonce: string;
    try {
      nonce = await solveChallenge(challenge);
    } finally {
      onSolving?.(false, visible);
    }
    return request({ challenge: challenge.challenge, nonce });
  }
}
