import type { Logger } from "../logger";

/**
 * One warning per `intervalMs` for something that can happen thousands of times a second under
 * attack or overload (refused bodies, "busy" answers): the first is written at once, the rest
 * are counted and the count goes with the next line written.
 */
export const throttledWarn = (
  logger: Pick<Logger, "warn">,
  o: { intervalMs: number; now: () => number },
): ((line: string) => void) => {
  let lastAt = Number.NEGATIVE_INFINITY;
  let held = 0;
  return (line) => {
    const at = o.now();
    if (at - lastAt < o.intervalMs) {
      held += 1;
      return;
    }
    logger.warn(held > 0 ? `${line} (and ${held} more like it since the last such line)` : line);
    held = 0;
    lastAt = at;
  };
};
