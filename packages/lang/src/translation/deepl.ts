/**
 * DeepL (API key): `POST /v2/translate`, `GET /v2/languages`. Entities travel as `<x>n</x>` with
 * `tag_handling=xml` and `ignore_tags=x`, DeepL's documented way to keep a span untranslated.
 */
import { baseLanguage, normalizeLanguageTag, UNDETERMINED } from '../languages.js';
import type {
  LanguagePair,
  TranslationEngine,
  TranslationRequest,
  TranslationResult,
} from './engine.js';
import { hasPlaceholder, PLACEHOLDER_PATTERN, placeholder } from './entities.js';
import { TranslationEngineError } from './errors.js';
import { cached, type HttpEngineOptions, requestJson } from './http.js';

export interface DeepLOptions extends HttpEngineOptions {
  authKey: string;
  /** Default: `https://api-free.deepl.com` for keys ending in `:fx`, else `https://api.deepl.com`. */
  baseUrl?: string;
  name?: string;
  /** How long the language lists are kept. Default 24 hours. */
  languagesTtlMs?: number;
}

interface DeepLLanguage {
  language: string;
}

interface Languages {
  sources: Set<string>;
  targets: Set<string>;
}

// DeepL's limits per request: 50 texts and 128 KiB of body.
const MAX_TEXTS = 50;
const MAX_BODY_BYTES = 100 * 1024;

/** The default DeepL endpoint for a key: free-plan keys end in `:fx`. */
export function deeplBaseUrl(authKey: string): string {
  return authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
}

/** DeepL target codes to try for a tag, most specific first. */
function targetCandidates(tag: string): string[] {
  const normalized = normalizeLanguageTag(tag);
  const base = baseLanguage(normalized).toUpperCase();
  switch (base) {
    case 'EN':
      return normalized === 'en-GB' ? ['EN-GB', 'EN'] : ['EN-US', 'EN'];
    case 'PT':
      return normalized === 'pt-PT' ? ['PT-PT', 'PT'] : ['PT-BR', 'PT'];
    case 'ZH':
      return normalized === 'zh-Hant' ? ['ZH-HANT'] : ['ZH-HANS', 'ZH'];
    default:
      return [normalized.toUpperCase(), base];
  }
}

function toTag(code: string): string {
  return normalizeLanguageTag(code);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_entity, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** Text with placeholders → XML with each placeholder as an ignored `<x>n</x>`. */
export function toDeepLXml(text: string): string {
  let xml = '';
  let cursor = 0;
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    xml += `${escapeXml(text.slice(cursor, match.index))}<x>${match[1]}</x>`;
    cursor = match.index + match[0].length;
  }
  return xml + escapeXml(text.slice(cursor));
}

/** DeepL's XML answer → text with placeholders. */
export function fromDeepLXml(xml: string): string {
  return unescapeXml(
    xml.replace(/<x>\s*(\d+)\s*<\/x>/g, (_tag, index: string) => placeholder(Number(index))),
  );
}

export class DeepLEngine implements TranslationEngine {
  readonly name: string;
  readonly keepsPlaceholders = true;
  private readonly authKey: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly languages: () => Promise<Languages>;

  constructor(options: DeepLOptions) {
    this.name = options.name ?? 'deepl';
    this.authKey = options.authKey;
    this.baseUrl = (options.baseUrl ?? deeplBaseUrl(options.authKey)).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.languages = cached(options.languagesTtlMs ?? 86_400_000, () => this.loadLanguages());
  }

  async pairs(): Promise<LanguagePair[]> {
    const { sources, targets } = await this.languages();
    return [...sources].flatMap((source) =>
      [...targets]
        .filter((target) => baseLanguage(toTag(target)) !== baseLanguage(toTag(source)))
        .map((target) => ({ from: toTag(source), to: toTag(target) })),
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
    const texts: string[] = [];
    for (const chunk of chunks(request.texts)) {
      texts.push(...(await this.translateChunk(chunk, codes, request.signal)));
    }
    return { texts, engine: this.name };
  }

  private async translateChunk(
    texts: readonly string[],
    codes: { source: string | undefined; target: string },
    signal: AbortSignal | undefined,
  ): Promise<string[]> {
    const xml = texts.some(hasPlaceholder);
    const body = await requestJson(
      this.name,
      `${this.baseUrl}/v2/translate`,
      {
        method: 'POST',
        headers: this.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({
          text: xml ? texts.map(toDeepLXml) : texts,
          target_lang: codes.target,
          ...(codes.source ? { source_lang: codes.source } : {}),
          ...(xml ? { tag_handling: 'xml', ignore_tags: ['x'] } : {}),
        }),
        timeoutMs: this.timeoutMs,
        fetch: this.fetch,
      },
      signal,
    );
    const translations = (body as { translations?: unknown }).translations;
    if (
      !Array.isArray(translations) ||
      translations.length !== texts.length ||
      !translations.every((item) => typeof (item as { text?: unknown })?.text === 'string')
    ) {
      throw new TranslationEngineError(this.name, 'bad_response', 'unexpected translations');
    }
    return translations.map(({ text }: { text: string }) => (xml ? fromDeepLXml(text) : text));
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `DeepL-Auth-Key ${this.authKey}`, ...extra };
  }

  private async loadLanguages(): Promise<Languages> {
    const list = async (type: 'source' | 'target'): Promise<Set<string>> => {
      const body = await requestJson(this.name, `${this.baseUrl}/v2/languages?type=${type}`, {
        method: 'GET',
        headers: this.headers(),
        timeoutMs: this.timeoutMs,
        fetch: this.fetch,
      });
      if (!Array.isArray(body)) {
        throw new TranslationEngineError(this.name, 'bad_response', 'unexpected languages');
      }
      return new Set(
        (body as DeepLLanguage[])
          .map((item) => item?.language)
          .filter((code): code is string => typeof code === 'string')
          .map((code) => code.toUpperCase()),
      );
    };
    const [sources, targets] = await Promise.all([list('source'), list('target')]);
    return { sources, targets };
  }

  /** DeepL's codes for a pair (no source: DeepL detects it), or undefined when not served. */
  private async codesFor(
    from: string,
    to: string,
  ): Promise<{ source: string | undefined; target: string } | undefined> {
    const { sources, targets } = await this.languages();
    const target = targetCandidates(to).find((code) => targets.has(code));
    if (!target) return undefined;
    if (normalizeLanguageTag(from) === UNDETERMINED) return { source: undefined, target };
    const source = baseLanguage(from).toUpperCase();
    if (!sources.has(source)) return undefined;
    // Same language, other variant (en-US → en-GB) is not a translation DeepL makes.
    if (source === target.split('-')[0]) return undefined;
    return { source, target };
  }
}

function* chunks(texts: readonly string[]): Generator<string[]> {
  let chunk: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    const size = Buffer.byteLength(text) + 16;
    if (chunk.length > 0 && (chunk.length >= MAX_TEXTS || bytes + size > MAX_BODY_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(text);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
