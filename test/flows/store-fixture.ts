import { afterEach } from "vitest";
import { silentLogger } from "../../src/logger";
import { openStore } from "../../src/store/open-store";
import type { Store } from "../../src/store/store";
import type { NewSubscription, Subscription } from "../../src/store/types";
import { sqliteTestEngine } from "../store/support/test-engines";

/**
 * A real store for flow tests: a SQLite file in a fresh directory, on a clock the test moves.
 * Each test's stores are closed and removed after it.
 */
export const useStore = () => {
  const engine = sqliteTestEngine();
  const open: Store[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await engine.cleanup();
  });
  return async (clock: { now(): Date }) => {
    const location = await engine.fresh();
    const store = await openStore(location, silentLogger(), { clock });
    open.push(store);
    /** Another process's handle on the same file (a second replica). */
    const another = async () => {
      const other = await openStore(location, silentLogger(), { clock });
      open.push(other);
      return other;
    };
    return { store, another };
  };
};

/** A clock the test moves by hand. */
export const movableClock = (start: string) => {
  let now = new Date(start);
  return {
    now: () => now,
    set: (to: string | Date) => {
      now = new Date(to);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
};

export const LIMITS = { perChannel: 20, perWorkspace: 1000 };

export const aDigest = (over: Partial<NewSubscription> = {}): NewSubscription => ({
  workspaceId: "T111",
  channelId: "C111",
  filters: { stateId: 2 },
  schedule: { cron: "0 9 * * *", timeZone: "UTC" },
  top: 5,
  overdueHours: 24,
  postWhenEmpty: false,
  language: "en",
  createdBy: "U0ALICE",
  ...over,
});

export const created = async (store: Store, over: Partial<NewSubscription> = {}) => {
  const result = await store.subscriptions.create(aDigest(over), LIMITS);
  if (!result.created) throw new Error("not created");
  return result.subscription;
};

/** A subscription as the store returns it, for pure code that takes one (health, reports). */
export const aSubscription = (over: Partial<Subscription> = {}): Subscription => ({
  id: 7,
  ...aDigest({ workspaceId: "T1", channelId: "C1", createdBy: "U1" }),
  paused: false,
  origin: "slack",
  operatorKey: undefined,
  createdAt: new Date("2026-03-01T00:00:00Z"),
  updatedBy: "U1",
  updatedAt: new Date("2026-03-01T00:00:00Z"),
  ...over,
});
