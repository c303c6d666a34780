/**
 * The engine the server talks to: routes each language pair to a list of engines, tries them in
 * order with a timeout each, skips an engine whose circuit is open, and preserves entities
 * whichever engine answers.
 */
import { baseLanguage, normalizeLanguageTag } from '../languages.js';
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
} from './circuit-breaker.js';
import type {
  LanguagePair,
  TranslationEngine,
  TranslationRequest,
  TranslationResult,
} from './engine.js';
import { preservingEntities } from './entities.js';
import {
  abortReason,
  type EngineFailure,
  TranslationEngineError,
  TranslationUnavailableError,
} from './errors.js';

/**
 * Engine names per pair. Keys are `from-to` with BCP-47 tags (`en-es`, `zh-Hans-en`, `pt-BR-es`),
 * either side may be `*` (`en-*`, `*-es`, `*`); `from>to` is accepted too. The most specific key
 * that matches a request wins: the exact pair, then base languages (`zh-en` for `zh-Hant` → `en`),
 * then `from-*`, then `*-to`, then `*`.
 */
export type TranslationRoutes = Readonly<Record<string, readonly string[]>>;

export interface TranslationChainOptions {
  engines: readonly TranslationEngine[];
  /** Default: every engine, in the order given, for every pair (`{ '*': [...] }`). */
  routes?: TranslationRoutes;
  /** How long one engine may take for one request before the next is tried. Default 10 s. */
  engineTimeoutMs?: number;
  breaker?: CircuitBreakerOptions;
  /** Protect entities and line breaks (see `entities.ts`). Default true. */
  preserveEntities?: boolean;
}

export interface EngineStatus {
  engine: string;
  circuit: CircuitState;
}

const WILDCARD = '*';

/** Splits a route key into its two tags; throws on a key that is not a pair. */
export function parseRouteKey(key: string): [string, string] {
  const explicit = key.split(/\s*(?:>|→)\s*/);
  if (explicit.length === 2)
    return [tagOrWildcard(explicit[0]!, key), tagOrWildcard(explicit[1]!, key)];
  if (key.trim() === WILDCARD) return [WILDCARD, WILDCARD];
  // BCP-47 casing tells the parts apart: a language subtag is lower case (es), a script title
  // case (Hans), a region upper case or digits (BR, 419). The pair splits before the second
  // lower-case language subtag.
  const parts = key.trim().split('-');
  for (let index = 1; index < parts.length; index++) {
    const part = parts[index]!;
    if (part === WILDCARD || /^[a-z]{2,3}$/.test(part)) {
      return [
        tagOrWildcard(parts.slice(0, index).join('-'), key),
        tagOrWildcard(parts.slice(index).join('-'), key),
      ];
    }
  }
  throw new Error(`translation route "${key}" is not a pair like "en-es" or "zh-Hans>en"`);
}

function tagOrWildcard(part: string, key: string): string {
  if (part.trim() === WILDCARD) return WILDCARD;
  const tag = normalizeLanguageTag(part);
  if (tag === 'und') throw new Error(`translation route "${key}": "${part}" is not a language`);
  return tag;
}

interface Route {
  from: string;
  to: string;
  engines: readonly string[];
}

/** Race a promise against a signal, so a slow engine cannot hold the chain past its timeout. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export class TranslationChain implements TranslationEngine {
  readonly name = 'chain';
  private readonly engines = new Map<string, TranslationEngine>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly routes: Route[];
  private readonly engineTimeoutMs: number;

  constructor(options: TranslationChainOptions) {
    const preserve = options.preserveEntities ?? true;
    for (const engine of options.engines) {
      if (this.engines.has(engine.name)) throw new Error(`two engines named "${engine.name}"`);
      this.engines.set(engine.name, preserve ? preservingEntities(engine) : engine);
      this.breakers.set(engine.name, new CircuitBreaker(options.breaker));
    }
    const routes = options.routes ?? { [WILDCARD]: options.engines.map((engine) => engine.name) };
    this.routes = Object.entries(routes).map(([key, engines]) => {
      for (const name of engines) {
        if (!this.engines.has(name))
          throw new Error(`route "${key}" names unknown engine "${name}"`);
      }
      const [from, to] = parseRouteKey(key);
      return { from, to, engines };
    });
    this.engineTimeoutMs = options.engineTimeoutMs ?? 10_000;
  }

  /** The engines configured for a pair, in the order they are tried (empty when none). */
  route(from: string, to: string): readonly string[] {
    const source = normalizeLanguageTag(from);
    const target = normalizeLanguageTag(to);
    const sources = [...new Set([source, baseLanguage(source)])];
    const targets = [...new Set([target, baseLanguage(target)])];
    const candidates: [string, string][] = [
      ...sources.flatMap((s) => targets.map((t): [string, string] => [s, t])),
      ...sources.map((s): [string, string] => [s, WILDCARD]),
      ...targets.map((t): [string, string] => [WILDCARD, t]),
      [WILDCARD, WILDCARD],
    ];
    for (const [wantedFrom, wantedTo] of candidates) {
      const route = this.routes.find((r) => r.from === wantedFrom && r.to === wantedTo);
      if (route) return route.engines;
    }
    return [];
  }

  /** Circuit state of every engine, for health pages and metrics. */
  status(): EngineStatus[] {
    return [...this.breakers].map(([engine, breaker]) => ({ engine, circuit: breaker.state }));
  }

  async supports(from: string, to: string, signal?: AbortSignal): Promise<boolean> {
    for (const name of this.route(from, to)) {
      try {
        if (await this.withTimeout(this.engines.get(name)!.supports(from, to, signal), signal))
          return true;
      } catch {
        // An engine that cannot say is not counted as serving the pair.
      }
    }
    return false;
  }

  async pairs(signal?: AbortSignal): Promise<LanguagePair[]> {
    const seen = new Map<string, LanguagePair>();
    for (const engine of this.engines.values()) {
      let pairs: LanguagePair[];
      try {
        pairs = await this.withTimeout(engine.pairs(signal), signal);
      } catch {
        continue;
      }
      for (const pair of pairs) {
        if (this.route(pair.from, pair.to).includes(engine.name)) {
          seen.set(`${pair.from}>${pair.to}`, pair);
        }
      }
    }
    return [...seen.values()];
  }

  /**
   * Translates with the first engine of the pair's route that answers. Throws
   * `TranslationUnavailableError` when none can: `no_engine_for_pair` (no route, or no engine of
   * it serves the pair), `circuit_open` (the only engines that could are open), or
   * `all_engines_failed` (with each engine's failure). The caller's abort is rethrown as is.
   */
  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const { from, to, signal } = request;
    if (normalizeLanguageTag(from) === normalizeLanguageTag(to)) {
      return { texts: [...request.texts], engine: 'none' };
    }
    const names = this.route(from, to);
    const failures: EngineFailure[] = [];
    let skippedOpen = false;
    for (const name of names) {
      if (signal?.aborted) throw abortReason(signal);
      const engine = this.engines.get(name)!;
      const breaker = this.breakers.get(name)!;
      if (!breaker.tryAcquire()) {
        skippedOpen = true;
        continue;
      }
      // One time budget per engine, for asking whether it serves the pair and translating.
      const timeout = AbortSignal.timeout(this.engineTimeoutMs);
      const attempt = signal ? AbortSignal.any([signal, timeout]) : timeout;
      try {
        const served = await raceSignal(engine.supports(from, to, attempt), attempt);
        if (!served) {
          breaker.release();
          continue;
        }
        const result = await raceSignal(engine.translate({ ...request, signal: attempt }), attempt);
        breaker.recordSuccess();
        return { texts: result.texts, engine: name };
      } catch (error) {
        if (signal?.aborted) {
          breaker.release();
          throw abortReason(signal);
        }
        breaker.recordFailure();
        failures.push(describeFailure(name, error, this.engineTimeoutMs));
      }
    }
    const reason =
      failures.length > 0
        ? 'all_engines_failed'
        : skippedOpen
          ? 'circuit_open'
          : 'no_engine_for_pair';
    throw new TranslationUnavailableError(reason, from, to, failures);
  }

  async close(): Promise<void> {
    await Promise.all([...this.engines.values()].map((engine) => engine.close?.()));
  }

  private withTimeout<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    const timeout = AbortSignal.timeout(this.engineTimeoutMs);
    return raceSignal(promise, signal ? AbortSignal.any([signal, timeout]) : timeout);
  }
}

function describeFailure(engine: string, error: unknown, timeoutMs: number): EngineFailure {
  if (error instanceof TranslationEngineError) {
    return { engine, kind: error.kind, message: error.message };
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { engine, kind: 'timeout', message: `${engine}: no answer within ${timeoutMs} ms` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { engine, kind: 'unavailable', message: `${engine}: ${message}` };
}

/** Creates the chain engine (see `TranslationChainOptions`). */
export function createTranslationChain(options: TranslationChainOptions): TranslationChain {
  return new TranslationChain(options);
}
