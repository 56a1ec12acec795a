import { digestHealthOf } from "../digest/health";
import type { DigestHealthRow } from "../render/home-digests";
import type { Store } from "../store/store";
import type { DigestHealthRecord, Subscription } from "../store/types";
import type { Person } from "./ports";

/**
 * The Home tab's digests: those in channels the person may read (the access rule, as for
 * everything else), each with its health as `/tickets digests` and `/healthz` judge it
 * (src/digest/health.ts): how its last run ended, whether it is failing, when the next is due.
 */

/** What the Home tab shows of a digest's health. */
export const homeRowOf = (
  subscription: Subscription,
  record: DigestHealthRecord | undefined,
  now: Date,
): DigestHealthRow => {
  const health = digestHealthOf(subscription, record, now);
  const last = health.lastRun;
  return {
    channelId: subscription.channelId,
    cron: subscription.schedule.cron,
    paused: subscription.paused,
    ...(last && { last: { at: last.finishedAt, outcome: last.outcome } }),
    ...(health.next && { next: health.next }),
    failing: health.state === "failing",
  };
};

export interface HomeDigestsDeps {
  store: {
    subscriptions: Pick<Store["subscriptions"], "listForWorkspace">;
    health: Pick<Store["health"], "listForWorkspace">;
  };
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
  // One read of the workspace's health records (two reads per open, however many digests), so a
  // failing digest is first whatever its channel's place in the order.
  const records = new Map(
    (await deps.store.health.listForWorkspace(person.workspaceId)).map((r) => [
      r.subscriptionId,
      r,
    ]),
  );
  const rows = visible.map((s) => homeRowOf(s, records.get(s.id), now));
  // Stable: within each kind, the channels' order stays.
  rows.sort((a, b) => Number(b.failing) - Number(a.failing));
  return { rows, total: visible.length };
};
