/**
 * What of the panel's values can be true. The contract types them (a date is a date, a count a
 * number) but not their range: a placeholder date (`0001-01-01`, `1970-01-01`), a clock ahead of
 * ours, a negative count. Such values are shown for what they are, never as "2027 y ago".
 */

/** No ticket of this panel predates it: anything earlier is a placeholder, not a moment. */
const EARLIEST_MS = Date.UTC(1990, 0, 1);

/** How far the panel's clock may run ahead of ours before a date counts as in the future. */
const CLOCK_SKEW_MS = 2 * 60_000;

/** A moment relative to now: in the past (or within clock skew), in the future, or not a moment. */
export type DateSense = "past" | "future" | "unknown";

export const dateSense = (date: Date, now: Date): DateSense => {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms < EARLIEST_MS) return "unknown";
  return ms - now.getTime() > CLOCK_SKEW_MS ? "future" : "past";
};

/** The largest value of each count worth showing; past it, or below 0, the count is nonsense. */
export const PLAUSIBLE_MAX = {
  interactions: 100_000,
  /** The scale is undocumented (the sample says 0); 100 covers stars, tens and percentages. */
  rate: 100,
  /** The unit is undocumented (the sample says 1234). */
  longestInteraction: 1_000_000_000,
} as const;

/** `n` when it is a sensible count (finite, 0 to `max`, whole when asked), else `undefined`. */
export const plausibleCount = (
  n: number | undefined | null,
  max: number,
  whole = true,
): number | undefined =>
  n != null && Number.isFinite(n) && n >= 0 && n <= max && (!whole || Number.isInteger(n))
    ? n
    : undefined;
