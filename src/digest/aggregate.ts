import { encodeIdSet } from "../store/id-set-codec";
import { dateSense } from "../tickets/plausible";
import type { DigestPage, DigestRow } from "../tickets/schemas";
import type { CategoryCount, DigestSummary, DigestTicket, FoldedCategories } from "./types";

export interface DigestAggregatorOptions {
  /** How many of the longest-waiting tickets to keep; the only per-ticket memory held. */
  top: number;
  /** A ticket that has waited at least this long is overdue. */
  overdueMs: number;
  /** One instant for the whole digest, so tickets on later pages are not measured later. */
  now: Date;
  /**
   * Rows of any other state are left out and make the result approximate: the API was asked for
   * this state only, so such a row means the filter was not applied (or the ticket moved).
   */
  stateId?: number;
  /**
   * Also keep the id of every ticket counted, for `waitingIds` (what "changed since the last
   * digest" compares): 8 bytes a ticket while folding, a few in the result.
   */
  keepIds?: boolean;
}

export interface DigestAggregator {
  add(page: DigestPage): void;
  result(): DigestSummary;
}

/** Oldest activity first; ticket id breaks ties so the order never depends on page arrival. */
const waitsLonger = (a: DigestTicket, b: DigestTicket): boolean =>
  a.updatedAt.getTime() !== b.updatedAt.getTime()
    ? a.updatedAt.getTime() < b.updatedAt.getTime()
    : a.ticketId < b.ticketId;

const byCountThenName = (a: CategoryCount, b: CategoryCount): number => {
  if (a.count !== b.count) return b.count - a.count;
  if (a.name !== b.name) {
    if (a.name === undefined) return 1;
    if (b.name === undefined) return -1;
    // Code-unit order, not locale order: the same digest whatever the host's ICU locale.
    return a.name < b.name ? -1 : 1;
  }
  return (a.categoryId ?? Number.MAX_SAFE_INTEGER) - (b.categoryId ?? Number.MAX_SAFE_INTEGER);
};

const toDigestTicket = (t: DigestRow, nowMs: number, overdueMs: number): DigestTicket => {
  // A clock behind the provider's would give negative waits; nobody waits less than nothing.
  const waitedMs = Math.max(0, nowMs - t.updated_at.getTime());
  return {
    ticketId: t.ticket_id,
    subject: t.subject,
    username: t.user?.uname,
    categoryName: t.category?.name,
    subCategoryTitle: t.sub_category?.title,
    categoryId: t.category_id,
    updatedAt: t.updated_at,
    waitedMs,
    overdue: waitedMs >= overdueMs,
    adminSeen: t.admin_seen,
    importance: t.importance,
  };
};

/** Numbers appended one by one into a typed array that doubles when full. */
const idList = () => {
  let ids = new Float64Array(1024);
  let size = 0;
  return {
    add(id: number) {
      if (size === ids.length) {
        const grown = new Float64Array(ids.length * 2);
        grown.set(ids);
        ids = grown;
      }
      ids[size++] = id;
    },
    all: () => ids.subarray(0, size),
  };
};

/**
 * Folds a queue page by page, holding at most `top` tickets whatever the queue's size. Unless
 * asked (`keepIds`) there is no set of every ticket id seen: duplicates are caught only among
 * the kept tickets, and any other sign of a moving queue marks the result approximate instead.
 */
export const createDigestAggregator = (o: DigestAggregatorOptions): DigestAggregator => {
  if (!Number.isInteger(o.top) || o.top < 0) throw new RangeError(`top must be >= 0, got ${o.top}`);
  if (!(o.overdueMs >= 0)) throw new RangeError(`overdueMs must be >= 0, got ${o.overdueMs}`);
  const nowMs = o.now.getTime();

  let total: number | undefined;
  let totalsDiffer = false;
  let movedUnderUs = false;
  let counted = 0;
  let unreadable = 0;
  let longestWaitMs: number | undefined;
  let overdueCount = 0;
  let unseenCount = 0;
  // Keyed by category id: bounded by the number of categories, not of tickets.
  const categories = new Map<number | undefined, CategoryCount>();
  // Spares below the top N: a ticket seen again with newer activity leaves the list, and the
  // next-longest waiting must still be there to take its place.
  const keep = o.top === 0 ? 0 : o.top * 2;
  const top: DigestTicket[] = [];
  const inTop = new Map<number, DigestTicket>();
  const ids = o.keepIds ? idList() : undefined;

  const removeFromTop = (t: DigestTicket) => {
    top.splice(top.indexOf(t), 1);
    inTop.delete(t.ticketId);
  };

  const offerToTop = (t: DigestTicket) => {
    const seen = inTop.get(t.ticketId);
    if (seen) {
      // The ticket moved between pages while they were read, so it was counted twice.
      movedUnderUs = true;
      // Keep the more recent activity: a newer updated_at is the truer one.
      if (seen.updatedAt.getTime() >= t.updatedAt.getTime()) return;
      removeFromTop(seen);
    }
    if (keep === 0) return;
    const last = top[top.length - 1];
    if (top.length >= keep && last && !waitsLonger(t, last)) return;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = top[mid];
      if (m && waitsLonger(m, t)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, t);
    inTop.set(t.ticketId, t);
    const evicted = top.length > keep ? top[top.length - 1] : undefined;
    if (evicted) removeFromTop(evicted);
  };

  const addTicket = (raw: DigestRow) => {
    if (o.stateId !== undefined && raw.state_id !== o.stateId) {
      movedUnderUs = true;
      return;
    }
    const t = toDigestTicket(raw, nowMs, o.overdueMs);
    counted += 1;
    ids?.add(t.ticketId);
    if (!t.adminSeen) unseenCount += 1;
    // A placeholder date (year 1) or one ahead of now says nothing of how long the ticket has
    // waited: counted, not measured. One ahead may still be listed (its row says so).
    const sense = dateSense(t.updatedAt, o.now);
    const measured = sense === "past";
    if (measured && (longestWaitMs === undefined || t.waitedMs > longestWaitMs)) {
      longestWaitMs = t.waitedMs;
    }
    if (measured && t.overdue) overdueCount += 1;
    const category = categories.get(t.categoryId);
    if (category) {
      category.count += 1;
      category.name ??= t.categoryName;
    } else {
      categories.set(t.categoryId, {
        name: t.categoryName,
        categoryId: t.categoryId,
        count: 1,
      });
    }
    if (sense !== "unknown") offerToTop(t);
  };

  return {
    add(page) {
      if (total === undefined) total = page.meta.total;
      else if (page.meta.total !== total) totalsDiffer = true;
      for (const t of page.data) addTicket(t);
      unreadable += page.unreadable.length;
    },
    result() {
      const reported = total ?? 0;
      return {
        total: reported,
        approximate: totalsDiffer || movedUnderUs || counted + unreadable !== reported,
        counted,
        longestWaitMs,
        overdueCount,
        unseenCount,
        categories: digestCategories(
          [...categories.values()].map((c) => ({ ...c })).sort(byCountThenName),
        ),
        top: top.slice(0, o.top).map((t) => ({ ...t })),
        unreadable,
        generatedAt: new Date(nowMs),
        ...(ids ? { waitingIds: encodeIdSet(ids.all()) } : {}),
      };
    },
  };
};

/** The first `keep` categories (already largest first), the rest summed into one "other". */
export const foldCategories = (
  byCategory: readonly CategoryCount[],
  keep: number,
): FoldedCategories => {
  const n = Math.max(0, Math.floor(keep));
  const rest = byCategory.slice(n);
  return {
    kept: byCategory.slice(0, n),
    other: rest.reduce((sum, c) => sum + c.count, 0),
    otherCategories: rest.length,
  };
};

/** Enough to show where the queue piles up while staying a glance; the tail becomes "other". */
export const CATEGORIES_SHOWN = 5;

/**
 * The categories a digest shows: the largest few, the rest as one "other". Folding a lone
 * category into "other" would hide its name and save no line, so a sixth is named instead.
 */
export const digestCategories = (byCategory: readonly CategoryCount[]): FoldedCategories =>
  foldCategories(
    byCategory,
    byCategory.length === CATEGORIES_SHOWN + 1 ? byCategory.length : CATEGORIES_SHOWN,
  );
