import { createHash } from 'node:crypto';
import type { DbHandle } from '../../db/database.js';

export interface CachedTranslation {
  source_hash: string;
  engine: string;
  text: string;
}

/** Cached translations of these texts for the pair, any engine (the newest wins). */
export function findTranslations(
  db: DbHandle,
  hashes: string[],
  from: string,
  to: string,
): Promise<CachedTranslation[]> {
  if (hashes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('translations')
    .select(['source_hash', 'engine', 'text'])
    .where('source_hash', 'in', hashes)
    .where('source_lang', '=', from)
    .where('target_lang', '=', to)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertTranslations(
  db: DbHandle,
  rows: {
    source_hash: string;
    source_lang: string;
    target_lang: string;
    engine: string;
    text: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('translations')
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(['source_hash', 'source_lang', 'target_lang', 'engine']).doNothing(),
    )
    .execute();
}

export async function deleteTranslationsBefore(db: DbHandle, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('translations')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface ReadingToken {
  text: string;
  reading?: string;
  gloss?: string;
  romaji?: string;
}

/** The cached reading of a text for the pair from this dictionary, if any. */
export async function findReading(
  db: DbHandle,
  key: { hash: string; from: string; to: string; dictionary: string },
): Promise<ReadingToken[] | null> {
  const row = await db
    .selectFrom('readings')
    .select('tokens')
    .where('source_hash', '=', key.hash)
    .where('source_lang', '=', key.from)
    .where('target_lang', '=', key.to)
    .where('dictionary', '=', key.dictionary)
    .executeTakeFirst();
  return row ? row.tokens : null;
}

export async function insertReading(
  db: DbHandle,
  key: { hash: string; from: string; to: string; dictionary: string },
  tokens: ReadingToken[],
): Promise<void> {
  await db
    .insertInto('readings')
    .values({
      source_hash: key.hash,
      source_lang: key.from,
      target_lang: key.to,
      dictionary: key.dictionary,
      tokens: JSON.stringify(tokens),
    })
    .onConflict((conflict) =>
      conflict.columns(['source_hash', 'source_lang', 'target_lang', 'dictionary']).doNothing(),
    )
    .execute();
}

export async function deleteReadingsBefore(db: DbHandle, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('readings')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Forgets the cached translations and readings of these texts (a deleted account's notes,
 * comments and bio): keyed like the caches, by the SHA-256 of each text.
 */
export async function forgetCachedTexts(db: DbHandle, texts: string[]): Promise<void> {
  const hashes = [
    ...new Set(
      texts
        .filter((text) => text.trim() !== '')
        .map((text) => createHash('sha256').update(text).digest('base64url')),
    ),
  ];
  if (hashes.length === 0) return;
  await db.deleteFrom('translations').where('source_hash', 'in', hashes).execute();
  await db.deleteFrom('readings').where('source_hash', 'in', hashes).execute();
}
