import { EventEmitter } from "node:events";

/**
 * A list that tests can wait on: resolves as soon as a matching item arrives. The limit is
 * a guard against a hung test, not a timing assertion.
 */
export class Recorder<T> {
  readonly items: T[] = [];
  // Any number may wait at once (a test waiting for each of 20 answers): each waiter removes
  // itself when it resolves or times out, so many listeners are no leak, and Node's warning at
  // 11 would only be noise in the test output.
  private readonly events = new EventEmitter().setMaxListeners(0);

  push(item: T) {
    this.items.push(item);
    this.events.emit("item", item);
  }

  waitFor(predicate: (item: T) => boolean = () => true, limitMs = 10_000): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off("item", onItem);
        reject(
          new Error(
            `nothing matching arrived within ${limitMs} ms; got ${this.items.length} item(s)`,
          ),
        );
      }, limitMs);
      const onItem = (item: T) => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        this.events.off("item", onItem);
        resolve(item);
      };
      this.events.on("item", onItem);
    });
  }
}
