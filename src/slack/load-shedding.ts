/**
 * When to turn a request away with "busy, try again" instead of taking it: an honest answer
 * before Slack's deadline beats a late one that Slack shows as an error, and beats queueing
 * more answers than the ticket panel can serve before they time out.
 */

export interface LoadLimits {
  /**
   * A request that waited this long (from its first byte to the edge) is answered "busy" at
   * once: Slack gives up 3 s after sending, and the network and the ack need the rest.
   */
  ackBudgetMs: number;
  /** Answers under way (fetching, rendering, posting) beyond which new requests are turned away. */
  maxAnswersInProgress: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  ackBudgetMs: 2_000,
  // 16 panel requests at once, each well under a second, clear about this many within the
  // default 10 s deadline; past it, answers would mostly be "the panel did not answer in time".
  maxAnswersInProgress: 1_000,
};

export type Overload = "late" | "saturated";

export interface LoadShedder {
  /** Why a request that arrived at `receivedAt` (monotonic ms) should be turned away, if at all. */
  verdict(receivedAt: number | undefined): Overload | undefined;
}

export const createLoadShedder = (o: {
  limits: LoadLimits;
  answersInProgress: () => number;
  /** Monotonic milliseconds, the same clock `receivedAt` was read from. */
  now: () => number;
}): LoadShedder => ({
  verdict(receivedAt) {
    if (receivedAt !== undefined && o.now() - receivedAt >= o.limits.ackBudgetMs) return "late";
    if (o.answersInProgress() >= o.limits.maxAnswersInProgress) return "saturated";
    return undefined;
  },
});
