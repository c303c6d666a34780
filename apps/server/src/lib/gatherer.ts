/**
 * Background work asked for by many readers, done in batches: items added within `delayMs` of
 * the first are handed to `run` together, so a hundred readers finding an entry due for a reload
 * cost one query. `run` reports its own errors (it must not reject).
 */
export class Gatherer<T> {
  #items: T[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly run: (items: T[]) => Promise<void>,
  ) {}

  add(item: T): void {
    this.#items.push(item);
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.#flush(), this.delayMs);
    // a batch waiting to run never keeps the process alive
    this.#timer.unref?.();
  }

  /** Runs what is gathered now, and resolves when that and a run under way are done; for tests. */
  async settled(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#flush();
    }
    await this.#running;
  }

  #flush(): void {
    const items = this.#items;
    this.#items = [];
    this.#timer = null;
    this.#running = this.run(items);
  }
}
