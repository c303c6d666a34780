import type { TranslationEngine } from '@atrium/lang';
import { observeEngineCall } from '../../lib/metrics.js';

interface Waiting {
  text: string;
  resolve: (value: { text: string; engine: string }) => void;
  reject: (error: unknown) => void;
}

/**
 * Merges translation requests into engine calls: texts asked for the same pair within a few
 * milliseconds go in one call (engines and their pipelines work per batch), and a text already
 * on its way is not asked for twice (two readers opening the same note at once cost one
 * translation).
 */
export class TranslationBatcher {
  readonly #queues = new Map<string, Waiting[]>();
  readonly #inFlight = new Map<string, Promise<{ text: string; engine: string }>>();

  constructor(
    private readonly engine: TranslationEngine,
    private readonly options: { delayMs?: number; maxBatch?: number } = {},
  ) {}

  translate(text: string, from: string, to: string): Promise<{ text: string; engine: string }> {
    const key = `${from}>${to}\u0000${text}`;
    const existing = this.#inFlight.get(key);
    if (existing) return existing;
    const promise = new Promise<{ text: string; engine: string }>((resolve, reject) => {
      const pair = `${from}>${to}`;
      const queue = this.#queues.get(pair);
      const waiting = { text, resolve, reject };
      if (queue) {
        queue.push(waiting);
        if (queue.length >= (this.options.maxBatch ?? 50)) this.#flush(pair, from, to);
        return;
      }
      this.#queues.set(pair, [waiting]);
      setTimeout(() => this.#flush(pair, from, to), this.options.delayMs ?? 5);
    }).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, promise);
    return promise;
  }

  #flush(pair: string, from: string, to: string): void {
    const batch = this.#queues.get(pair);
    if (!batch) return;
    this.#queues.delete(pair);
    const started = performance.now();
    this.engine
      .translate({ texts: batch.map((item) => item.text), from, to })
      .then((result) => {
        observeEngineCall(result.engine, true, performance.now() - started);
        batch.forEach((item, index) => {
          item.resolve({ text: result.texts[index] ?? '', engine: result.engine });
        });
      })
      .catch((error: unknown) => {
        // the chain's name when every engine failed: it is not known which one answered last
        observeEngineCall(this.engine.name, false, performance.now() - started);
        for (const item of batch) item.reject(error);
      });
  }
}
