import { createHash } from 'node:crypto';
import type {
  CommentTranslation,
  NoteTranslation,
  TranslationCapabilities,
} from '@atrium/contracts';
import {
  ApertiumEngine,
  baseLanguage,
  chineseScript,
  createTranslationChain,
  DeepLEngine,
  isRomanized,
  LibreTranslateEngine,
  normalizeLanguageTag,
  type TranslationEngine,
  TranslationUnavailableError,
} from '@atrium/lang';
import type { TranslationConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import { languageOf } from '../../lib/language-of.js';
import { countTranslationTexts } from '../../lib/metrics.js';
import { TranslationBatcher } from './batcher.js';
import { langError } from './lang.errors.js';
import * as store from './lang.store.js';

/** The configured engines as one chain (in the configured order), or null when translation is off. */
export function createTranslationEngine(config: TranslationConfig): TranslationEngine | null {
  const engines: TranslationEngine[] = config.engines.map((name) => {
    if (name === 'apertium') return new ApertiumEngine();
    if (name === 'libretranslate')
      return new LibreTranslateEngine({
        url: config.libreTranslateUrl!,
        ...(config.libreTranslateApiKey ? { apiKey: config.libreTranslateApiKey } : {}),
      });
    return new DeepLEngine({ authKey: config.deeplApiKey! });
  });
  if (engines.length === 0) return null;
  return createTranslationChain({ engines, engineTimeoutMs: config.timeoutMs });
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Same language for a reader: same base language, and for Chinese the same script. */
export function sameLanguage(a: string, b: string): boolean {
  if (baseLanguage(a) !== baseLanguage(b)) return false;
  if (baseLanguage(a) !== 'zh') return true;
  return (chineseScript(a) ?? 'Hans') === (chineseScript(b) ?? 'Hans');
}

/**
 * Translation with a shared cache: every text is translated once per language pair, whoever
 * reads it; concurrent requests are merged into batched engine calls.
 */
export function createLangService(deps: {
  db: Db;
  engine: TranslationEngine | null;
  /**
   * The author's language (their recent notes, then their interface language) for content whose
   * own cannot be told: the translation pair's source then (docs/lang.md). Optional: without
   * it, such content is `unknown_source_language`.
   */
  authorLanguage?: (authorId: string) => Promise<string | null>;
  /**
   * The `translation` kill switch: while it is on, no engine is called; translations already
   * cached are still served, the rest answer TRANSLATION_UNAVAILABLE (reason `paused`).
   */
  paused?: () => boolean;
}) {
  const { db, engine } = deps;
  const batcher = engine ? new TranslationBatcher(engine) : null;

  function unavailable(reason: string, from: string, to: string) {
    return langError(
      'TRANSLATION_UNAVAILABLE',
      reason === 'not_configured'
        ? 'Translation is not configured on this server.'
        : reason === 'paused'
          ? 'Machine translation is paused for now.'
          : `No translation engine serves ${from} → ${to} right now (${reason}).`,
      { reason, from, to },
    );
  }

  // The engines' pairs change only when engines are installed or configured: asked once in a while.
  let pairs: { at: number; list: Promise<TranslationCapabilities['translation']> } | null = null;
  function translationPairs(): Promise<TranslationCapabilities['translation']> {
    if (!engine) return Promise.resolve([]);
    if (!pairs || Date.now() - pairs.at > 10 * 60_000) {
      pairs = {
        at: Date.now(),
        list: engine
          .pairs()
          .then((list) => list.map(({ from, to }) => ({ from, to })))
          .catch(() => {
            pairs = null; // an engine that cannot say now is asked again next time
            return [];
          }),
      };
    }
    return pairs.list;
  }

  type Translated = { texts: string[]; engine: string; cached: boolean };
  const running = new Map<string, Promise<Translated>>();

  /**
   * Translates texts (empty ones stay empty), from the cache where it can. Identical requests
   * under way in this process share one lookup and one engine call: five readers opening the
   * same note at once cost one translation however the cache lookups interleave.
   */
  function translateTexts(texts: string[], from: string, to: string): Promise<Translated> {
    const hashes = texts.map(hashOf);
    const key = `${from}>${to}\u0000${hashes.join(',')}`;
    const joined = running.get(key);
    if (joined) return joined;
    const work = lookupOrTranslate(texts, hashes, from, to).finally(() => running.delete(key));
    running.set(key, work);
    return work;
  }

  async function lookupOrTranslate(
    texts: string[],
    hashes: string[],
    from: string,
    to: string,
  ): Promise<Translated> {
    if (!batcher) throw unavailable('not_configured', from, to);
    const cachedRows = await store.findTranslations(db, [...new Set(hashes)], from, to);
    const cache = new Map<string, { text: string; engine: string }>();
    for (const row of cachedRows) if (!cache.has(row.source_hash)) cache.set(row.source_hash, row);
    const results: ({ text: string; engine: string } | null)[] = texts.map((text, index) =>
      text.trim() === '' ? { text, engine: '' } : (cache.get(hashes[index]!) ?? null),
    );
    const missing = [...new Set(texts.filter((_text, index) => results[index] === null))];
    countTranslationTexts(
      results.filter((result, index) => result !== null && texts[index]!.trim() !== '').length,
      missing.length,
    );
    let engineName: string | null = null;
    if (missing.length > 0 && deps.paused?.()) throw unavailable('paused', from, to);
    if (missing.length > 0) {
      let translated: { text: string; engine: string }[];
      try {
        translated = await Promise.all(missing.map((text) => batcher.translate(text, from, to)));
      } catch (error) {
        if (error instanceof TranslationUnavailableError) throw unavailable(error.reason, from, to);
        throw unavailable('engine_failed', from, to);
      }
      await store.insertTranslations(
        db,
        missing.map((text, index) => ({
          source_hash: hashOf(text),
          source_lang: from,
          target_lang: to,
          engine: translated[index]!.engine,
          text: translated[index]!.text,
        })),
      );
      const byText = new Map(missing.map((text, index) => [text, translated[index]!]));
      texts.forEach((text, index) => {
        results[index] ??= byText.get(text)!;
      });
      engineName = translated[0]!.engine;
    }
    const named = results.find((result) => result?.engine)?.engine;
    return {
      texts: results.map((result) => result!.text),
      engine: engineName ?? named ?? 'none',
      cached: missing.length === 0,
    };
  }

  /**
   * Content a reviewer does not read, in the first language they do (moderation's translation
   * port): null when the source language or the reviewer's languages are unknown.
   */
  async function translateForReview(
    content: { title: string; body: string },
    from: string | null,
    to: readonly string[],
  ): Promise<Omit<NoteTranslation, 'cached'> | null> {
    if (!from || !to[0]) return null;
    const result = await translateNote({ ...content, lang: from }, to[0]);
    return {
      title: result.title,
      body: result.body,
      from: result.from,
      to: result.to,
      engine: result.engine,
    };
  }

  /**
   * The source language of stored content: as stored, else detected now, else its author's
   * language (`decisionLanguage`, docs/lang.md), else null.
   */
  async function sourceOf(
    content: { lang: string | null; author_id?: string },
    ...texts: string[]
  ): Promise<string | null> {
    const own = content.lang ?? languageOf(...texts);
    if (own || !content.author_id || !deps.authorLanguage) return own;
    // nothing to translate in text without letters (emoji, numbers, kaomoji)
    if (!texts.some((text) => /\p{L}/u.test(text))) return null;
    return deps.authorLanguage(content.author_id);
  }

  async function translateNote(
    note: { title: string; body: string; lang: string | null; author_id?: string },
    toTag: string,
  ): Promise<NoteTranslation> {
    const to = normalizeLanguageTag(toTag);
    const from = await sourceOf(note, note.title, note.body);
    if (!from) throw unavailable('unknown_source_language', 'und', to);
    // pinyin, Arabizi, romaji: no engine reads them; say so rather than translate nonsense
    if (isRomanized(from)) throw unavailable('romanized_source', from, to);
    if (sameLanguage(from, to)) throw langError('SAME_LANGUAGE', `The note is already in ${to}.`);
    const result = await translateTexts([note.title, note.body], from, to);
    return {
      title: result.texts[0]!,
      body: result.texts[1]!,
      from,
      to,
      engine: result.engine,
      cached: result.cached,
    };
  }

  async function translateComment(
    comment: { body: string; lang: string | null; author_id?: string },
    toTag: string,
  ): Promise<CommentTranslation> {
    const to = normalizeLanguageTag(toTag);
    const from = await sourceOf(comment, comment.body);
    if (!from) throw unavailable('unknown_source_language', 'und', to);
    // pinyin, Arabizi, romaji: no engine reads them; say so rather than translate nonsense
    if (isRomanized(from)) throw unavailable('romanized_source', from, to);
    if (sameLanguage(from, to))
      throw langError('SAME_LANGUAGE', `The comment is already in ${to}.`);
    const result = await translateTexts([comment.body], from, to);
    return { body: result.texts[0]!, from, to, engine: result.engine, cached: result.cached };
  }

  return {
    translationPairs,
    translateTexts,
    translateNote,
    translateComment,
    translateForReview,
    /** Drops cached translations older than this many days. */
    pruneCache: (days = 90, now = new Date()) =>
      store.deleteTranslationsBefore(db, new Date(now.getTime() - days * 86_400_000)),
    close: () => engine?.close?.() ?? Promise.resolve(),
  };
}

export type LangService = ReturnType<typeof createLangService>;
