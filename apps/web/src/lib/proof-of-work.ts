import { AtriumError } from '@atrium/sdk';

/** A challenge the server sends with 428 CHALLENGE_REQUIRED (see the server's proof-of-work). */
interface Challenge {
  challenge: string;
  difficulty: number;
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
 * and runs `request` again with the solution.
 */
export async function withProofOfWork<T>(
  request: (proof?: { challenge: string; nonce: string }) => Promise<T>,
  /** Told when solving starts and ends, so the page can say what it is doing. */
  onSolving?: (solving: boolean) => void,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof AtriumError) || error.code !== 'CHALLENGE_REQUIRED') throw error;
    const challenge = (error.problem as { challenge?: Challenge }).challenge;
    if (!challenge) throw error;
    onSolving?.(true);
    let nonce: string;
    try {
      nonce = await solveChallenge(challenge);
    } finally {
      onSolving?.(false);
    }
    return request({ challenge: challenge.challenge, nonce });
  }
}
