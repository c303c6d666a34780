import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEdit, asDetail, scenePng } from '../../../test/fixtures/scenes.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import { DomainError } from '../../http/errors.js';
import { createHashBank, parseHashList } from './hash-bank.js';
import { runHashesCommand } from './hash-bank-cli.js';
import { createHashChecker } from './hash-checker.js';
import { perceptualHash } from './perceptual-hash.js';

// The bank's imports and matches, and the `hash` checker's findings, on a real database.

let test: TestDatabase;
beforeEach(async () => {
  test = await createTestDatabase();
});
afterEach(async () => {
  await test.close();
});

const A = 'a'.repeat(64);
const B = `${'0'.repeat(63)}1`;

/** A hash with its first `bits` bits flipped. */
function flip(hash: string, bits: number): string {
  const digits = [...hash].map((digit) => Number.parseInt(digit, 16));
  for (let bit = 0; bit < bits; bit++) digits[bit >> 2]! ^= 8 >> (bit & 3);
  return digits.map((digit) => digit.toString(16)).join('');
}

/** The DomainError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('hash lists', () => {
  it('parses one hash a line, skipping blanks and comments, lower-casing and deduplicating', () => {
    expect(parseHashList(`# list\n${A.toUpperCase()}\n\n  ${B}  \n${A}\r\n`)).toEqual([A, B]);
  });

  it('refuses a file with malformed lines, naming them, or with no hash at all', async () => {
    const bank = createHashBank({ db: test.database.db });
    const bad = await failure(bank.importList(`${A}\nnot-a-hash\n${A.slice(1)}\n`, 'list-1'));
    expect(bad.code).toBe('HASH_LIST_INVALID');
    expect(bad.extra.lines).toEqual([2, 3]);
    expect((await failure(bank.importList('# nothing\n', 'list-1'))).code).toBe(
      'HASH_LIST_INVALID',
    );
    expect((await failure(bank.importList(A, 'bad name!'))).code).toBe('HASH_LIST_NAME_INVALID');
    expect(await bank.size()).toBe(0);
  });

  it('imports a list once, and matches within the distance with its name', async () => {
    const bank = createHashBank({ db: test.database.db });
    expect(await bank.importList(`${A}\n${B}\n`, 'ngo.2026-12')).toEqual({ hashes: 2, added: 2 });
    expect(await bank.importList(`${A}\n`, 'ngo.2026-12')).toEqual({ hashes: 1, added: 0 });
    expect(await bank.match(flip(A, 5), 10)).toMatchObject({
      hash: A,
      distance: 5,
      source: 'imported',
      listName: 'ngo.2026-12',
    });
    expect(await bank.match(flip(A, 11), 10)).toBeNull();
  });

  it('sees hashes another process banked at its next match', async () => {
    const server = createHashBank({ db: test.database.db });
    expect(await server.match(A, 0)).toBeNull();
    await createHashBank({ db: test.database.db }).importList(A, 'later');
    expect((await server.match(A, 0))?.listName).toBe('later');
  });

  it('imports from the command line with clear exit codes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-hashes-'));
    try {
      const good = path.join(dir, 'good.txt');
      const bad = path.join(dir, 'bad.txt');
      writeFileSync(good, `${A}\n${B}\n`);
      writeFileSync(bad, `${A}\nxyz\n`);
      const lines: string[] = [];
      const io = {
        out: (line: string) => lines.push(line),
        err: (line: string) => lines.push(line),
      };
      const db = test.database.db;
      expect(await runHashesCommand(db, ['import', good, '--list', 'csam-ngo'], io)).toBe(0);
      expect(lines.at(-1)).toContain('2 hashes, 2 new');
      expect(await runHashesCommand(db, ['import', bad, '--list', 'csam-ngo'], io)).toBe(1);
      expect(lines.at(-1)).toContain('HASH_LIST_INVALID');
      expect(await runHashesCommand(db, ['import', good], io)).toBe(2);
      expect(
        await runHashesCommand(db, ['import', path.join(dir, 'none'), '--list', 'x'], io),
      ).toBe(1);
      expect(await createHashBank({ db }).size()).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the hash checker', () => {
  it('finds a re-upload of an imported picture: block when near-certain, review further out', async () => {
    const original = await asDetail(await scenePng(41, 640, 480));
    const bank = createHashBank({ db: test.database.db });
    await bank.importList(await perceptualHash(original), 'removed-elsewhere');
    const input = { width: 640, height: 480, ownerId: 'owner-1' };

    const checker = createHashChecker({ bank });
    expect(checker.name).toBe('hash');
    const copy = await asDetail(await applyEdit(original, { kind: 'jpeg', quality: 60 }));
    const [finding] = await checker.check({ bytes: copy, ...input, atSecond: 3 });
    expect(finding).toMatchObject({
      checker: 'hash',
      category: 'known_bad.imported',
      action: 'block',
      atSecond: 3,
      detail: { source: 'imported', list: 'removed-elsewhere' },
    });
    expect(finding!.detail.distance).toBeLessThanOrEqual(40);
    expect(finding!.score).toBeGreaterThan(0.5);

    // the same match with a stricter near-certain band, or an operator who queues everything
    const strict = createHashChecker({ bank, options: { blockDistance: 0 } });
    expect((await strict.check({ bytes: copy, ...input }))[0]?.action).toBe(
      finding!.detail.distance === 0 ? 'block' : 'review',
    );
    const queueing = createHashChecker({ bank, options: { action: 'review' } });
    expect((await queueing.check({ bytes: copy, ...input }))[0]?.action).toBe('review');

    const other = await asDetail(await scenePng(42, 640, 480));
    expect(await checker.check({ bytes: other, ...input })).toEqual([]);
  });

  it('throws when it cannot look at the image', async () => {
    const checker = createHashChecker({ bank: createHashBank({ db: test.database.db }) });
    await expect(
      checker.check({ bytes: Buffer.from('not an image'), width: 1, height: 1, ownerId: 'x' }),
    ).rejects.toThrow();
  });
});
