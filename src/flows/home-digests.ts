import { slotSchedule } from "../digest/slots";
import type { DigestHealthRow } from "../render/home-digests";
import type { Store } from "../store/store";
import type { DigestRun, Subscription } from "../store/types";
import type { Person } from "./ports";

/**
 * The Home tab's digests: those in channels the person may read (the access rule, as for
 * everything else), each with a minimal health from the store's runs: how the newest run
 * ended, and when the next is due. `digestHealthOf` is the one place that decides it, so a
 * richer health view (run history, failure notices) can take its place.
 */

/** Digests whose runs are read for one tab: more than a tab shows, failing ones first. */
const HEALTH_READ_CAP = 50;

/** One digest's health, from its newest run (`undefined`: never run) and its schedule. */
export const digestHealthOf = (
  subscription: Subscription,
  newest: DigestRun | undefined,
  now: Date,
): DigestHealthRow => {
  const compiled = subscription.paused
    ? undefined
    : slotSchedule(subscription.schedule.cron, subscription.schedule.timeZone);
  const next = compiled && "schedule" in compiled ? compiled.schedule.next(now) : undefined;
  return {
    channelId: subscription.channelId,
    cron: subscription.schedule.cron,
    paused: subscription.paused,
    ...(newest && {
      last: {
        at: newest.finishedAt ?? newest.claimedAt,
        outcome: newest.outcome ?? "running",
      },
    }),
    ...(next && { next }),
    failing: newest?.outcome === "failed",
  };
};

export interface HomeDigestsDeps {
  store: Pick<Store, "subscriptions" | "runs">;
  /** Whether this person may read tickets in this channel (the access rule, every setting). */
  mayRead: (userId: string, channelId: string) => Promise<boolean>;
}

/** The workspace's digests the person may see, failing first, then by channel; and how many. */
export const homeDigests = async (
  deps: HomeDigestsDeps,
  person: Person,
  now: Date,
): Promise<{ rows: DigestHealthRow[]; total: number }> => {
  const all = await deps.store.subscriptions.listForWorkspace(person.workspaceId);
  const allowed = await Promise.all(all.map((s) => deps.mayRead(person.userId, s.channelId)));
  const visible = all
    .filter((_, i) => allowed[i])
    .sort((a, b) => (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : a.id - b.id));
  const rows = await Promise.all(
    visible
      .slice(0, HEALTH_READ_CAP)
      .map(async (s) => digestHealthOf(s, (await deps.store.runs.lastRuns(s.id, 1))[0], now)),
  );
  // Stable: within each kind, the channels' order stays.
  rows.sort((a, b) => Number(b.failing) - Number(a.failing));
  return { rows, total: visible.length };
};
