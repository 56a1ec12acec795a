import { forEachId } from "../store/id-set-codec";
import type { TicketFilter } from "../tickets/ticket-filters";
import type { DigestSummary } from "./types";

/**
 * What changed since a digest's previous successful run: the tickets its filters match now
 * against those they matched then (the set of ids the store keeps, one per subscription). The
 * two moments are compared, not what happened between them: a ticket answered and waiting
 * again by the next digest is still waiting from last time.
 */
export type DigestChanges =
  /** The digest's first run: nothing to compare with yet. */
  | { kind: "first" }
  /** Its filters changed since: the last set is about other tickets. */
  | { kind: "filters-changed" }
  /** This run's figures are approximate (the queue moved while it was read): no claim made. */
  | { kind: "not-claimed" }
  /** What the last run saw could not be read (the store failed, or the set is damaged). */
  | { kind: "unavailable" }
  | {
      kind: "compared";
      /** When the run compared with read the queue. */
      since: Date;
      /** Match the filters now, did not then: entered the filtered state. */
      added: number;
      /** Matched then, not now: answered, closed, forwarded (or no longer in the filters). */
      left: number;
      /** Matched then and now. */
      still: number;
      /** Of the tickets this digest lists, those that were waiting last time too. */
      seenBefore: ReadonlySet<number>;
    };

/** The change in how many wait, as the top line shows it (▲ / ▼): new minus left. */
export const netChange = (changes: Extract<DigestChanges, { kind: "compared" }>): number =>
  changes.added - changes.left;

/**
 * A digest's filters as one string, the same whatever order they were written in: two runs
 * compare only when theirs are equal. Versioned, so that a later change of meaning (a filter
 * read differently) can make old snapshots incomparable instead of wrong.
 */
export const filtersKeyOf = (filter: TicketFilter): string => {
  const entries = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `v1:${JSON.stringify(Object.fromEntries(entries))}`;
};

export interface WaitingComparison {
  added: number;
  left: number;
  still: number;
  /** Those of `probe` found in `previous`. */
  found: Set<number>;
}

/** Whether `id` is in `sorted` (ascending). */
const contains = (sorted: readonly number[], id: number): boolean => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = sorted[mid] as number;
    if (m === id) return true;
    if (m < id) lo = mid + 1;
    else hi = mid;
  }
  return false;
};

/**
 * One walk over both sets in order (the current one read straight from its encoded bytes, no
 * list built): linear in the queue, and no memory but the counts. `previous` is ascending, as
 * the store gives it back.
 */
export const compareWaiting = (
  previous: readonly number[],
  current: Uint8Array,
  probe: Iterable<number> = [],
): WaitingComparison => {
  let i = 0;
  let left = 0;
  let still = 0;
  let added = 0;
  forEachId(current, (id) => {
    while (i < previous.length && (previous[i] as number) < id) {
      left += 1;
      i += 1;
    }
    if (i < previous.length && previous[i] === id) {
      still += 1;
      i += 1;
    } else {
      added += 1;
    }
  });
  left += previous.length - i;
  const found = new Set<number>();
  for (const id of probe) if (contains(previous, id)) found.add(id);
  return { added, left, still, found };
};

/** What the last successful run left to compare with, as the store keeps it. */
export interface PreviousRun {
  takenAt: Date;
  filtersKey: string;
  complete: boolean;
  /** Ascending. */
  ids: readonly number[];
}

/**
 * What the digest says at its top. `previous` is what the store holds (`undefined`: nothing
 * yet, `"unreadable"`: it could not be read); `summary` is this run's, with its `waitingIds`.
 */
export const changesSince = (
  previous: PreviousRun | undefined | "unreadable",
  filtersKey: string,
  summary: Pick<DigestSummary, "approximate" | "waitingIds" | "top">,
): DigestChanges => {
  if (summary.approximate) return { kind: "not-claimed" };
  if (previous === "unreadable" || summary.waitingIds === undefined) return { kind: "unavailable" };
  if (previous === undefined) return { kind: "first" };
  if (previous.filtersKey !== filtersKey) return { kind: "filters-changed" };
  // Only exact sets are kept; one that is not says nothing certain about then.
  if (!previous.complete) return { kind: "unavailable" };
  const compared = compareWaiting(
    previous.ids,
    summary.waitingIds,
    summary.top.map((t) => t.ticketId),
  );
  return {
    kind: "compared",
    since: previous.takenAt,
    added: compared.added,
    left: compared.left,
    still: compared.still,
    seenBefore: compared.found,
  };
};
