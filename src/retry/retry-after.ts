/** A `Retry-After` beyond this is nonsense; clamping keeps the moment it names a valid Date. */
const MAX_RETRY_AFTER_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * `Retry-After` (RFC 9110) as delay-seconds or an HTTP-date, in milliseconds from `now`;
 * `undefined` when absent or unusable. The one parser for the ticket panel and Slack alike.
 */
export const parseRetryAfter = (
  value: string | null | undefined,
  now: Date,
): number | undefined => {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  // Date.parse reads "1.5" as a date; an HTTP-date always has a day or month name.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
};
