/**
 * One deadline for a whole piece of work: waiting for a turn, every attempt, every wait between
 * attempts, every body. Everything that may take time listens to its one `signal`.
 *
 * The controller is ours and held here (by the timer, and by `dispose`) for as long as the work
 * runs: fetch in Node 20 follows a signal only through a weak reference, so a signal nobody
 * holds can be collected and an abort never arrive (undici issues 3644 and 4068).
 */
export interface Deadline {
  /** Aborts when time runs out (reason: `expired()`), or when the parent signal aborts (its reason). */
  readonly signal: AbortSignal;
  /** Milliseconds left; 0 once past. */
  remainingMs(): number;
  /** Stops the timer and lets go of the parent; call it once the work is over. */
  dispose(): void;
}

export interface DeadlineOptions {
  ms: number;
  /** The abort reason when time runs out. */
  expired: () => unknown;
  /** A signal that ends the work early too (the caller's own cancellation). */
  parent?: AbortSignal;
  /** When the time started counting, as `performance.now()`; default: now. */
  startedAt?: number;
}

export const startDeadline = (o: DeadlineOptions): Deadline => {
  const controller = new AbortController();
  const endsAt = (o.startedAt ?? performance.now()) + o.ms;
  const timer = setTimeout(
    () => controller.abort(o.expired()),
    Math.max(0, endsAt - performance.now()),
  );
  const { parent } = o;
  const onParentAbort = () => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  return {
    signal: controller.signal,
    remainingMs: () => (controller.signal.aborted ? 0 : Math.max(0, endsAt - performance.now())),
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
};
