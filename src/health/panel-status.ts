import type { Clock } from "../clock";
import { TicketApiRateLimitError, TicketApiRejectedError } from "../tickets/errors";
import type { TicketClient } from "../tickets/ticket-client";

/**
 * How the ticket panel has answered lately, for `/readyz` and `/healthz`. Every call through
 * the bot's ticket client reports here; when nothing was heard for a while, a readiness check
 * asks the panel itself (one row), so a quiet night does not read as an outage.
 */

/** One call's outcome: `answered` means the panel gave a usable answer (a refusal of a query counts). */
export type PanelOutcome =
  | { kind: "answered"; status: number; at: Date }
  | { kind: "failed"; status: number | undefined; error: string; at: Date };

export interface PanelSnapshot {
  /** The most recent outcome, if any arrived within the freshness window. */
  last: PanelOutcome | undefined;
  /** When the panel last gave a usable answer, however long ago. */
  lastAnsweredAt: Date | undefined;
}

export interface PanelStatus {
  record(outcome: PanelOutcome): void;
  snapshot(): PanelSnapshot;
  /** The snapshot, after asking the panel first when nothing was heard for `staleMs`. */
  check(waitMs: number): Promise<PanelSnapshot>;
}

const statusOf = (error: unknown): number | undefined =>
  error && typeof error === "object" && "status" in error && typeof error.status === "number"
    ? error.status
    : undefined;

/** A short name for a failure: `TicketApiTimeoutError` → `timeout`. */
const labelOf = (error: unknown): string =>
  error instanceof Error
    ? error.name
        .replace(/^TicketApi/, "")
        .replace(/Error$/, "")
        .toLowerCase() || "error"
    : "error";

export const outcomeOf = (error: unknown, at: Date): PanelOutcome => {
  // The panel answered: it refused this query, or asked us to slow down. It is up.
  if (error instanceof TicketApiRejectedError)
    return { kind: "answered", status: error.status, at };
  if (error instanceof TicketApiRateLimitError) return { kind: "answered", status: 429, at };
  return { kind: "failed", status: statusOf(error), error: labelOf(error), at };
};

/** The same client, telling `onOutcome` how each call went. Callers see no difference. */
export const observeTicketClient = (
  client: TicketClient,
  clock: Clock,
  onOutcome: (outcome: PanelOutcome) => void,
): TicketClient => {
  const observed =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        onOutcome({ kind: "answered", status: 200, at: clock.now() });
        return result;
      } catch (error) {
        onOutcome(outcomeOf(error, clock.now()));
        throw error;
      }
    };
  return {
    listTickets: observed(client.listTickets.bind(client)),
    findTicket: observed(client.findTicket.bind(client)),
    listDigestRows: observed(client.listDigestRows.bind(client)),
    ...(client.readDigestBody && { readDigestBody: observed(client.readDigestBody.bind(client)) }),
  };
};

export const createPanelStatus = (o: {
  clock: Clock;
  /** Asks the panel for the least it can answer; it reports through `record` like any call. */
  probe: () => Promise<unknown>;
  /** Older outcomes no longer say anything about now. */
  freshMs?: number;
}): PanelStatus => {
  const freshMs = o.freshMs ?? 5 * 60_000;
  let last: PanelOutcome | undefined;
  let lastAnsweredAt: Date | undefined;
  let probing: Promise<unknown> | undefined;

  const age = () => (last ? o.clock.now().getTime() - last.at.getTime() : Number.POSITIVE_INFINITY);
  const snapshot = (): PanelSnapshot => ({
    last: age() <= freshMs ? last : undefined,
    lastAnsweredAt,
  });

  return {
    record(outcome) {
      last = outcome;
      if (outcome.kind === "answered") lastAnsweredAt = outcome.at;
    },
    snapshot,
    async check(waitMs) {
      // Refreshed well before it goes stale, so a probe every few seconds never sees a gap.
      if (age() > freshMs / 5) {
        probing ??= o.probe().then(
          () => undefined,
          () => undefined,
        );
        const done = probing.finally(() => {
          probing = undefined;
        });
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          done,
          new Promise((resolve) => {
            timer = setTimeout(resolve, waitMs);
          }),
        ]);
        clearTimeout(timer);
      }
      return snapshot();
    },
  };
};
