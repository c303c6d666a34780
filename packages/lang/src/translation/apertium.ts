/**
 * Apertium, the offline rule-based engine (Debian packages `apertium` + a pair such as
 * `apertium-eng-spa`). The `apertium` command line is run directly — a pipeline of local
 * processes talking over pipes — so there is no network listener to bind or expose.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { baseLanguage, normalizeLanguageTag } from '../languages.js';
import { ApertiumPipeline, isUnitMarker } from './apertium-pipeline.js';
import { decodeUnit, encodeUnit } from './apertium-stream.js';
import type {
  LanguagePair,
  TranslationEngine,
  TranslationRequest,
  TranslationResult,
} from './engine.js';
import { abortReason, TranslationEngineError } from './errors.js';

export interface ApertiumOptions {
  /** Engine name in results and routes. Default `apertium`. */
  name?: string;
  /** Where the installed pairs' `.mode` files are. Default `/usr/share/apertium/modes`. */
  modesDirectory?: string;
  /** Batches translated at the same time (each direction has one pipeline). Default 2. */
  concurrency?: number;
  /** Batches waiting for a slot; past this, requests fail fast with `busy`. Default 100. */
  maxQueue?: number;
  /** A batch unanswered this long means the pipeline hangs; it is restarted. Default 30 s. */
  stallTimeoutMs?: number;
  /** A pipeline unused this long exits. Default 5 minutes. */
  idleMs?: number;
}

// ISO 639-3 codes of Apertium's pairs ↔ the shortest BCP-47 language subtag.
const ISO3_TO_BCP47: Readonly<Record<string, string>> = {
  afr: 'af',
  arg: 'an',
  ara: 'ar',
  bel: 'be',
  bre: 'br',
  bul: 'bg',
  cat: 'ca',
  ces: 'cs',
  cym: 'cy',
  dan: 'da',
  deu: 'de',
  ell: 'el',
  eng: 'en',
  epo: 'eo',
  eus: 'eu',
  fin: 'fi',
  fra: 'fr',
  gle: 'ga',
  glg: 'gl',
  hbs: 'sh',
  hin: 'hi',
  isl: 'is',
  ita: 'it',
  kaz: 'kk',
  mkd: 'mk',
  mlt: 'mt',
  nld: 'nl',
  nno: 'nn',
  nob: 'nb',
  oci: 'oc',
  pol: 'pl',
  por: 'pt',
  ron: 'ro',
  rus: 'ru',
  slk: 'sk',
  slv: 'sl',
  spa: 'es',
  sqi: 'sq',
  swe: 'sv',
  tat: 'tt',
  tur: 'tr',
  ukr: 'uk',
  urd: 'ur',
};

/** `eng` → `en`, `por_BR` → `pt-BR`, `cat_valencia` → `ca-valencia`. */
export function apertiumCodeToTag(code: string): string {
  const [language = '', variant] = code.split('_');
  const base = ISO3_TO_BCP47[language] ?? language;
  return normalizeLanguageTag(variant ? `${base}-${variant}` : base);
}

interface Mode {
  file: string;
  from: string;
  to: string;
}

const MODE_NAME = /^([a-z]{2,3}(?:_[A-Za-z]+)?)-([a-z]{2,3}(?:_[A-Za-z]+)?)\.mode$/;

export class ApertiumEngine implements TranslationEngine {
  readonly name: string;
  readonly keepsPlaceholders = true;
  private readonly modesDirectory: string;
  private readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly stallTimeoutMs: number;
  private readonly idleMs: number;
  private readonly pipelines = new Map<string, ApertiumPipeline>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private modes: Promise<Mode[]> | undefined;

  constructor(options: ApertiumOptions = {}) {
    this.name = options.name ?? 'apertium';
    this.modesDirectory = options.modesDirectory ?? '/usr/share/apertium/modes';
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxQueue = options.maxQueue ?? 100;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 30_000;
    this.idleMs = options.idleMs ?? 5 * 60_000;
  }

  async pairs(): Promise<LanguagePair[]> {
    return (await this.listModes()).map(({ from, to }) => ({ from, to }));
  }

  async supports(from: string, to: string): Promise<boolean> {
    return (await this.findMode(from, to)) !== undefined;
  }

  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const { signal } = request;
    const mode = await this.findMode(request.from, request.to);
    if (!mode) {
      throw new TranslationEngineError(
        this.name,
        'unsupported_pair',
        `no installed pair for ${request.from} → ${request.to}`,
      );
    }
    if (request.texts.length === 0) return { texts: [], engine: this.name };
    await this.acquire(signal);
    try {
      let pipeline = this.pipelines.get(mode.file);
      if (!pipeline) {
        pipeline = new ApertiumPipeline({
          engine: this.name,
          modeFile: mode.file,
          stallTimeoutMs: this.stallTimeoutMs,
          idleMs: this.idleMs,
        });
        this.pipelines.set(mode.file, pipeline);
      }
      const outputs = await pipeline.translate(request.texts.map(encodeUnit), signal);
      return {
        engine: this.name,
        texts: outputs.map((output) => decodeUnit(output, isUnitMarker).text),
      };
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    for (const pipeline of this.pipelines.values()) pipeline.close();
    this.pipelines.clear();
  }

  /** Installed directions, read once from the modes directory. */
  private listModes(): Promise<Mode[]> {
    this.modes ??= readdir(this.modesDirectory).then(
      (names) =>
        names.flatMap((name) => {
          const match = MODE_NAME.exec(name);
          if (!match) return [];
          return [
            {
              file: join(this.modesDirectory, name),
              from: apertiumCodeToTag(match[1]!),
              to: apertiumCodeToTag(match[2]!),
            },
          ];
        }),
      // No modes directory: Apertium is not installed, so no pair is served.
      () => [],
    );
    return this.modes;
  }

  /**
   * The mode for a request: the source must match by language; the target exactly when it names a
   * variant (`en-US` → `spa-eng_US`), else the plain mode is preferred over variants.
   */
  private async findMode(from: string, to: string): Promise<Mode | undefined> {
    const modes = await this.listModes();
    const source = baseLanguage(from);
    const target = normalizeLanguageTag(to);
    const targetBase = baseLanguage(to);
    const candidates = modes.filter(
      (mode) => baseLanguage(mode.from) === source && baseLanguage(mode.to) === targetBase,
    );
    return (
      candidates.find((mode) => mode.to === target) ??
      candidates.find((mode) => mode.to === targetBase) ??
      candidates[0]
    );
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) {
      return Promise.reject(
        new TranslationEngineError(this.name, 'busy', `${this.waiting.length} batches waiting`),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const start = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.running++;
        resolve();
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(start);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(start);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
