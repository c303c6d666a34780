/**
 * Listeners of one kind of change, told in the order they were added. A module that changes
 * something others keep (a cache, a ranking) exposes `on…` backed by one of these, and the
 * keepers subscribe: the call is named where it is made and where it lands. A listener that
 * throws does not stop the others; its error goes to `onError`.
 */
export class Listeners<Args extends unknown[]> {
  readonly #listeners: ((...args: Args) => void)[] = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  add(listener: (...args: Args) => void): void {
    this.#listeners.push(listener);
  }

  emit(...args: Args): void {
    for (const listener of this.#listeners) {
      try {
        listener(...args);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
