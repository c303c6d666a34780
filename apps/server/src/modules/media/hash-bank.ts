import { buffer } from 'node:stream/consumers';
import type { DbHandle, Tx } from '../../db/database.js';
import {
  type BankedHash,
  bankedSince,
  bankState,
  deleteBankedBy,
  insertImported,
  insertRemoved,
  noteDetailImages,
  removedNoteImagesOf,
} from './hash-bank.store.js';
import { mediaError } from './media.errors.js';
import type { MediaStore } from './media-store.js';
import { bankHashes, hashWords, isPerceptualHash, wordDistance } from './perceptual-hash.js';

// The known-bad hash bank (docs/media.md, "Known-bad hashes"): images moderation removed and
// operator-imported lists, matched by Hamming distance. A 256-bit hash cannot be range-indexed
// by distance, so the bank is held in memory as packed words and scanned; it reloads only the
// rows banked since its last look (the `seq` primary key), so another node's or the command
// line's additions are seen at the next check.

/** The closest banked hash within the distance, with where it came from. */
export interface BankMatch {
  hash: string;
  distance: number;
  source: 'removed' | 'imported';
  listName: string | null;
  decisionId: string | null;
  caseId: string | null;
}

/** A list name: letters, digits, `.`, `_`, `-`, at most 64 (it is shown to moderators). */
const LIST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Parses an imported hash list: one hex hash per line; blank lines and `#` comments skipped. */
export function parseHashList(text: string): string[] {
  const hashes: string[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (isPerceptualHash(line)) hashes.push(line.toLowerCase());
    else bad.push(index + 1);
  });
  if (bad.length > 0)
    throw mediaError(
      'HASH_LIST_INVALID',
      `Line${bad.length > 1 ? 's' : ''} ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ` and ${bad.length - 10} more` : ''}: not a 64-digit hex hash`,
      { lines: bad.slice(0, 100) },
    );
  if (hashes.length === 0) throw mediaError('HASH_LIST_INVALID', 'The list has no hashes');
  return [...new Set(hashes)];
}

export function createHashBank(deps: { db: DbHandle; store?: MediaStore }) {
  const { db } = deps;
  let words = new Uint32Array(0);
  let entries: BankedHash[] = [];
  let lastSeq = '0';
  let loading: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    const state = await bankState(db);
    if (BigInt(state.seq) <= BigInt(lastSeq) && state.count === entries.length) return;
    const added = await bankedSince(db, lastSeq);
    // rows were unbanked (a removal reversed on appeal), or one committed late under a lower
    // seq: the in-memory bank is rebuilt from the table
    if (entries.length + added.length !== state.count) {
      words = new Uint32Array(0);
      entries = [];
      lastSeq = '0';
      return append(await bankedSince(db, '0'));
    }
    append(added);
  }

  function append(added: BankedHash[]): void {
    if (added.length === 0) return;
    const grown = new Uint32Array(words.length + added.length * 8);
    grown.set(words);
    added.forEach((entry, index) => {
      grown.set(hashWords(entry.hash), words.length + index * 8);
    });
    words = grown;
    entries = entries.concat(added);
    lastSeq = added.at(-1)!.seq;
  }

  /** Brings the in-memory bank up to date (one load at a time). */
  async function current(): Promise<void> {
    loading ??= refresh().finally(() => {
      loading = null;
    });
    await loading;
  }

  /** The closest banked hash at most `maxDistance` bits from `hash`, or null. */
  async function match(hash: string, maxDistance: number): Promise<BankMatch | null> {
    await current();
    return nearest(hashWords(hash), maxDistance);
  }

  function nearest(query: Uint32Array, maxDistance: number): BankMatch | null {
    let best = -1;
    let bestDistance = maxDistance + 1;
    for (let index = 0; index < entries.length; index++) {
      const distance = wordDistance(query, words, index * 8);
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
        if (distance === 0) break;
      }
    }
    if (best < 0) return null;
    const entry = entries[best]!;
    return {
      hash: entry.hash,
      distance: bestDistance,
      source: entry.source,
      listName: entry.listName,
      decisionId: entry.decisionId,
      caseId: entry.caseId,
    };
  }

  /**
   * Banks the images of a note a moderator removed, in the decision's transaction: each detail
   * image whole and as its crop variants. An image whose bytes cannot be read or decoded is
   * skipped (the removal stands); the count says how many images were banked.
   */
  function bankRemovedNote(
    tx: Tx,
    noteId: string,
    ref: { decisionId: string; caseId: string | null },
  ): Promise<number> {
    return bankImages(tx, () => noteDetailImages(tx, noteId), ref);
  }

  /**
   * Banks the images of an account's removed notes (all of them when it is banned) under the
   * decision of its ban or suspension for spam or farming, in that decision's transaction.
   */
  function bankRemovedNotesOf(
    tx: Tx,
    accountId: string,
    ref: { decisionId: string; caseId: string | null },
  ): Promise<number> {
    return bankImages(tx, () => removedNoteImagesOf(tx, accountId), ref);
  }

  /**
   * Unbanks what one decision banked, in the transaction that reverses it (an appeal that
   * restores the note): hashes banked by another decision or imported stay. Answers how many.
   */
  function unbankDecision(tx: Tx, decisionId: string): Promise<number> {
    return deleteBankedBy(tx, decisionId);
  }

  async function bankImages(
    tx: Tx,
    images: () => Promise<{ id: string; variants: { detail: string } }[]>,
    ref: { decisionId: string; caseId: string | null },
  ): Promise<number> {
    if (!deps.store) return 0;
    let banked = 0;
    const seen = new Set<string>();
    for (const media of await images()) {
      if (seen.has(media.id)) continue;
      seen.add(media.id);
      let hashes: string[];
      try {
        const stored = await deps.store.get(media.variants.detail);
        if (!stored) continue;
        hashes = await bankHashes(await buffer(stored.body));
      } catch {
        continue;
      }
      await insertRemoved(
        tx,
        hashes.map((hash, index) => ({ hash, whole: index === 0 })),
        { mediaId: media.id, ...ref },
      );
      banked++;
    }
    return banked;
  }

  /** Imports a list (the text of a file, one hash a line) under a name: how many were new. */
  async function importList(
    text: string,
    listName: string,
  ): Promise<{ hashes: number; added: number }> {
    if (!LIST_NAME.test(listName))
      throw mediaError(
        'HASH_LIST_NAME_INVALID',
        'A list name is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
    const hashes = parseHashList(text);
    const added = await insertImported(db, hashes, listName);
    return { hashes: hashes.length, added };
  }

  return {
    match,
    bankRemovedNote,
    bankRemovedNotesOf,
    unbankDecision,
    importList,
    /** How many hashes the in-memory bank holds (after bringing it up to date). */
    async size() {
      await current();
      return entries.length;
    },
  };
}

export type HashBank = ReturnType<typeof createHashBank>;
