/**
 * LibreTranslate, self-hosted: `POST /translate` with `q` as an array, `GET /languages` for the
 * pairs. Its text mode has no way to mark a span as untranslatable, so entities are sent as they
 * are and checked (see `entities.ts`).
 */
import { baseLanguage, normalizeLanguageTag, UNDETERMINED } from '../languages.js';
import type {
  LanguagePair,
  TranslationEngine,
  TranslationRequest,
  TranslationResult,
} from './engine.js';
import { TranslationEngineError } from './errors.js';
import { cached, type HttpEngineOptions, requestJson } from './http.js';

export interface LibreTranslateOptions extends HttpEngineOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:5000`. */
  url: string;
  apiKey?: string;
  name?: string;
  /** How long the language list is kept. Default 1 hour. */
  languagesTtlMs?: number;
}

interface LibreLanguage {
  code: string;
  targets?: string[];
}

// LibreTranslate's own codes for variants: `zt` (older servers) for Traditional Chinese, `pb` for
// Brazilian Portuguese; newer servers list `zh-Hans`/`zh-Hant`.
const ALTERNATIVE_CODES: Readonly<Record<string, readonly string[]>> = {
  'zh-Hans': ['zh-Hans', 'zh'],
  'zh-Hant': ['zh-Hant', 'zt', 'zh-TW'],
  'pt-BR': ['pb', 'pt-BR', 'pt'],
};

function fromLibreCode(code: string): string {
  if (code === 'zt') return 'zh-Hant';
  if (code === 'pb') return 'pt-BR';
  return normalizeLanguageTag(code);
}

export class LibreTranslateEngine implements TranslationEngine {
  readonly name: string;
  private readonly url: string;
  private readonly apiKey: string | undefined;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  // Shared by concurrent callers, so it is bounded by the engine's timeout, not a caller's signal.
  private readonly languages: () => Promise<LibreLanguage[]>;

  constructor(options: LibreTranslateOptions) {
    this.name = options.name ?? 'libretranslate';
    this.url = options.url.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.languages = cached(options.languagesTtlMs ?? 3_600_000, () => this.loadLanguages());
  }

  async pairs(): Promise<LanguagePair[]> {
    const languages = await this.languages();
    const all = languages.map((language) => language.code);
    return languages.flatMap((language) =>
      (language.targets ?? all)
        .filter((target) => target !== language.code)
        .map((target) => ({ from: fromLibreCode(language.code), to: fromLibreCode(target) })),
    );
  }

  async supports(from: string, to: string): Promise<boolean> {
    return (await this.codesFor(from, to)) !== undefined;
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const codes = await this.codesFor(request.from, request.to);
    if (!codes) {
      throw new TranslationEngineError(
        this.name,
        'unsupported_pair',
        `${request.from} → ${request.to} not served`,
      );
    }
    if (request.texts.length === 0) return { texts: [], engine: this.name };
    const body = await requestJson(
      this.name,
      `${this.url}/translate`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          q: request.texts,
          source: codes.source,
          target: codes.target,
          format: 'text',
          ...(this.apiKey ? { api_key: this.apiKey } : {}),
        }),
        timeoutMs: this.timeoutMs,
        fetch: this.fetch,
      },
      request.signal,
    );
    const translated = (body as { translatedText?: unknown }).translatedText;
    if (
      !Array.isArray(translated) ||
      translated.length !== request.texts.length ||
      !translated.every((text) => typeof text === 'string')
    ) {
      throw new TranslationEngineError(this.name, 'bad_response', 'unexpected translatedText');
    }
    return { texts: translated as string[], engine: this.name };
  }

  private async loadLanguages(): Promise<LibreLanguage[]> {
    const body = await requestJson(this.name, `${this.url}/languages`, {
      method: 'GET',
      timeoutMs: this.timeoutMs,
      fetch: this.fetch,
    });
    if (!Array.isArray(body)) {
      throw new TranslationEngineError(this.name, 'bad_response', 'unexpected /languages answer');
    }
    return (body as LibreLanguage[]).filter((language) => typeof language?.code === 'string');
  }

  /** The server's codes for a pair, or undefined when it does not serve it. */
  private async codesFor(
    from: string,
    to: string,
  ): Promise<{ source: string; target: string } | undefined> {
    const languages = await this.languages();
    const byCode = new Map(languages.map((language) => [language.code, language]));
    const pick = (tag: string): LibreLanguage | undefined => {
      const normalized = normalizeLanguageTag(tag);
      const options = ALTERNATIVE_CODES[normalized] ?? [normalized, baseLanguage(normalized)];
      for (const code of options) {
        const language = byCode.get(code);
        if (language) return language;
      }
      return undefined;
    };
    const target = pick(to === 'zh' ? 'zh-Hans' : to);
    if (!target) return undefined;
    if (normalizeLanguageTag(from) === UNDETERMINED) return { source: 'auto', target: target.code };
    const source = pick(from === 'zh' ? 'zh-Hans' : from);
    if (!source || source.code === target.code) return undefined;
    if (source.targets && !source.targets.includes(target.code)) return undefined;
    return { source: source.code, target: target.code };
  }
}
