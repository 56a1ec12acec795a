import type { Clock } from "../../src/clock";

/**
 * Time a test moves by hand, for the digest scheduler and the store (a claim's lease, a
 * subscription's times): the bot's scheduler reads schedules as it always does, and a slot is
 * due only once the test has moved time past it and ticked (`bot.tickDigests()`).
 */
export const simulatedTime = (start: Date) => {
  let now = start;
  const clock: Clock = { now: () => now };
  return {
    clock,
    now: () => now,
    set(to: Date) {
      now = to;
    },
  };
};
