import { describe, expect, it } from 'vitest';
import { createProofOfWork, leadingZeroBits, solve, solves } from './proof-of-work.js';

describe('proof of work', () => {
  const pow = createProofOfWork({ secret: 'test-secret', ttlMs: 60_000 });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0x0f, 0xff]))).toBe(12);
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
  });

  it('accepts a solution once, for its purpose, at the difficulty signed into it', async () => {
    const issued = pow.issue('phone-code', 8);
    const nonce = solve(issued.challenge, 8);
    expect(solves(issued.challenge, nonce, 8)).toBe(true);
    const solution = { challenge: issued.challenge, nonce };
    expect(await pow.verify('login', solution, 8)).toEqual({ ok: false, reason: 'forged' });
    expect(await pow.verify('phone-code', solution, 9)).toEqual({ ok: false, reason: 'too_easy' });
    expect(await pow.verify('phone-code', solution, 8)).toEqual({ ok: true });
    expect(await pow.verify('phone-code', solution, 8)).toEqual({ ok: false, reason: 'spent' });
  });

  it('refuses a changed difficulty, another secret, an expired challenge and a wrong nonce', async () => {
    const issued = pow.issue('phone-code', 8);
    const easier = issued.challenge.replace('.8.', '.0.');
    expect(await pow.verify('phone-code', { challenge: easier, nonce: '0' }, 0)).toEqual({
      ok: false,
      reason: 'forged',
    });
    const other = createProofOfWork({ secret: 'another-secret' });
    const nonce = solve(issued.challenge, 8);
    expect((await other.verify('phone-code', { challenge: issued.challenge, nonce }, 8)).ok).toBe(
      false,
    );
    const later = Date.now() + 61_000;
    expect(
      await pow.verify('phone-code', { challenge: issued.challenge, nonce }, 8, later),
    ).toEqual({
      ok: false,
      reason: 'expired',
    });
    let wrong = 0;
    while (solves(issued.challenge, String(wrong), 8)) wrong += 1;
    expect(
      await pow.verify('phone-code', { challenge: issued.challenge, nonce: String(wrong) }, 8),
    ).toEqual({ ok: false, reason: 'wrong' });
    expect((await pow.verify('phone-code', { challenge: 'nonsense', nonce: '1' }, 8)).ok).toBe(
      false,
    );
  });

  it('spends a solution once across every node sharing a store, and falls back to its own memory', async () => {
    const shared = new Set<string>();
    const store = {
      spendOnce: async (challenge: string) => {
        if (shared.has(challenge)) return false;
        shared.add(challenge);
        return true;
      },
    };
    const [nodeA, nodeB] = [1, 2].map(() =>
      createProofOfWork({ secret: 'test-secret', ttlMs: 60_000, spent: store }),
    );
    const issued = nodeA!.issue('login', 4);
    const solution = { challenge: issued.challenge, nonce: solve(issued.challenge, 4) };
    expect(await nodeA!.verify('login', solution, 4)).toEqual({ ok: true });
    expect(await nodeB!.verify('login', solution, 4)).toEqual({ ok: false, reason: 'spent' });
    // a store that cannot answer: this process's memory decides
    const down = createProofOfWork({
      secret: 'test-secret',
      spent: { spendOnce: () => Promise.reject(new Error('connection is closed')) },
    });
    const again = down.issue('login', 4);
    const solved = { challenge: again.challenge, nonce: solve(again.challenge, 4) };
    expect(await down.verify('login', solved, 4)).toEqual({ ok: true });
    expect(await down.verify('login', solved, 4)).toEqual({ ok: false, reason: 'spent' });
  });
});
