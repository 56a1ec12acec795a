import { afterAll, afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger";
import { encodeIdSet } from "../../src/store/id-set-codec";
import { openStore } from "../../src/store/open-store";
import type { Store } from "../../src/store/store";
import type { NewSubscription } from "../../src/store/types";
import { race } from "./support/race";
import { testEngines } from "./support/test-engines";

/**
 * The store's contract, run unchanged on both real engines: a SQLite file and a PostgreSQL
 * database. Nothing here knows which engine it talks to.
 */

const engines = testEngines();
afterAll(async () => {
  for (const engine of engines) await engine.cleanup();
});

const START = Date.parse("2026-03-02T08:00:00Z");
const clock = {
  at: START,
  now: () => new Date(clock.at),
  advance: (ms: number) => {
    clock.at += ms;
  },
};

const LIMITS = { perChannel: 20, perWorkspace: 1000 };
const SLOT = new Date("2026-03-02T08:30:00Z");
const MINUTE = 60_000;

const billing = (overrides: Partial<NewSubscription> = {}): NewSubscription => ({
  workspaceId: "T0AAAAAAA",
  channelId: "C0BILLING",
  filters: { state: 2, category: 10, note: "صورت‌حساب «ویژه»" },
  schedule: { cron: "30 8 * * 1-5", timeZone: "Asia/Tehran" },
  top: 5,
  overdueHours: 12,
  postWhenEmpty: true,
  language: "fa",
  createdBy: "U0ALICE",
  ...overrides,
});

describe.each(engines)("the store on $name", (engine) => {
  if (engine.skipped) {
    it.skip(`(${engine.name} not tested: ${engine.skipped})`, () => {});
    return;
  }

  const open: Store[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    clock.at = START;
  });
  const fresh = async () => {
    const store = await openStore(await engine.fresh(), silentLogger(), { clock });
    open.push(store);
    return store;
  };
  const subscribed = async (store: Store, overrides: Partial<NewSubscription> = {}) => {
    const result = await store.subscriptions.create(billing(overrides), LIMITS);
    if (!result.created) throw new Error("not created");
    return result.subscription;
  };

  describe("subscriptions", () => {
    it("keeps every field as given, and says who made it and when", async () => {
      const store = await fresh();
      const made = await subscribed(store);
      expect(made).toEqual({
        id: expect.any(Number),
        workspaceId: "T0AAAAAAA",
        channelId: "C0BILLING",
        filters: { state: 2, category: 10, note: "صورت‌حساب «ویژه»" },
        schedule: { cron: "30 8 * * 1-5", timeZone: "Asia/Tehran" },
        top: 5,
        overdueHours: 12,
        postWhenEmpty: true,
        language: "fa",
        paused: false,
        origin: "slack",
        operatorKey: undefined,
        createdBy: "U0ALICE",
        createdAt: new Date(START),
        updatedBy: "U0ALICE",
        updatedAt: new Date(START),
      });
      expect(await store.subscriptions.get(made.id)).toEqual(made);
      expect(await store.subscriptions.get(made.id + 1000)).toBeUndefined();
    });

    it("changes only what an update names, recording who and when", async () => {
      const store = await fresh();
      const made = await subscribed(store);
      clock.advance(MINUTE);
      const changed = await store.subscriptions.update(
        made.id,
        { top: 8, schedule: { cron: "0 9 * * *", timeZone: "UTC" }, postWhenEmpty: false },
        "U0BOB",
      );
      expect(changed).toEqual({
        ...made,
        top: 8,
        schedule: { cron: "0 9 * * *", timeZone: "UTC" },
        postWhenEmpty: false,
        updatedBy: "U0BOB",
        updatedAt: new Date(START + MINUTE),
      });
      expect(await store.subscriptions.get(made.id)).toEqual(changed);
      expect(await store.subscriptions.update(made.id + 1000, { top: 1 }, "U0BOB")).toBeUndefined();
    });

    it("pauses and resumes", async () => {
      const store = await fresh();
      const made = await subscribed(store);
      expect((await store.subscriptions.setPaused(made.id, true, "U0BOB"))?.paused).toBe(true);
      expect((await store.subscriptions.get(made.id))?.paused).toBe(true);
      expect((await store.subscriptions.setPaused(made.id, false, "U0BOB"))?.paused).toBe(false);
      expect(await store.subscriptions.setPaused(made.id + 1000, true, "U0BOB")).toBeUndefined();
    });

    it("deletes a subscription with its runs and snapshot", async () => {
      const store = await fresh();
      const made = await subscribed(store);
      const claim = await claimed(store, made.id);
      await store.snapshots.put({
        subscriptionId: made.id,
        runId: claim.runId,
        takenAt: SLOT,
        filtersKey: "k",
        complete: true,
        ids: [1, 2, 3],
      });
      expect(await store.subscriptions.delete(made.id)).toBe(true);
      expect(await store.subscriptions.get(made.id)).toBeUndefined();
      expect(await store.runs.get(claim.runId)).toBeUndefined();
      expect(await store.snapshots.get(made.id)).toBeUndefined();
      expect(await store.subscriptions.delete(made.id)).toBe(false);
    });

    it("lists and counts by channel, by workspace and in all", async () => {
      const store = await fresh();
      const a = await subscribed(store);
      const b = await subscribed(store, { channelId: "C0SUPPORT" });
      const c = await subscribed(store);
      const other = await subscribed(store, { workspaceId: "T0BBBBBBB" });
      const ids = (list: { id: number }[]) => list.map((s) => s.id);
      expect(ids(await store.subscriptions.listForChannel("T0AAAAAAA", "C0BILLING"))).toEqual([
        a.id,
        c.id,
      ]);
      expect(ids(await store.subscriptions.listForChannel("T0BBBBBBB", "C0BILLING"))).toEqual([
        other.id,
      ]);
      expect(ids(await store.subscriptions.listForWorkspace("T0AAAAAAA"))).toEqual([
        a.id,
        b.id,
        c.id,
      ]);
      expect(ids(await store.subscriptions.listAll())).toEqual([a.id, b.id, c.id, other.id]);
      expect(await store.subscriptions.countForChannel("T0AAAAAAA", "C0BILLING")).toBe(2);
      expect(await store.subscriptions.countForChannel("T0AAAAAAA", "C0NOTHING")).toBe(0);
      expect(await store.subscriptions.countForWorkspace("T0AAAAAAA")).toBe(3);
      expect(await store.subscriptions.listForWorkspace("T0NOBODY")).toEqual([]);
    });

    it("refuses past the channel's and the workspace's limits, saving nothing", async () => {
      const store = await fresh();
      const limits = { perChannel: 2, perWorkspace: 3 };
      for (let i = 0; i < 2; i++) await store.subscriptions.create(billing(), limits);
      expect(await store.subscriptions.create(billing(), limits)).toEqual({
        created: false,
        limit: "channel",
        count: 2,
      });
      expect(
        (await store.subscriptions.create(billing({ channelId: "C0OTHER" }), limits)).created,
      ).toBe(true);
      expect(await store.subscriptions.create(billing({ channelId: "C0THIRD" }), limits)).toEqual({
        created: false,
        limit: "workspace",
        count: 3,
      });
      expect(await store.subscriptions.countForWorkspace("T0AAAAAAA")).toBe(3);
      expect(
        (await store.subscriptions.create(billing({ workspaceId: "T0OTHER" }), limits)).created,
      ).toBe(true);
    });

    it("keeps the channel's limit exact when processes subscribe at the same moment", async () => {
      const location = await engine.fresh();
      open.push(await openStore(location, silentLogger(), { clock }));
      const results = await race(
        Array.from({ length: 4 }, () => ({
          action: "create" as const,
          location,
          workspaceId: "T0AAAAAAA",
          channelId: "C0BILLING",
          perChannel: 2,
        })),
      );
      expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
      expect(results.filter((r) => r.created).length).toBe(2);
      expect(await open[0]?.subscriptions.countForChannel("T0AAAAAAA", "C0BILLING")).toBe(2);
    });

    it("makes the operator's digests exactly what the configuration says, leaving Slack's alone", async () => {
      const store = await fresh();
      const mine = await subscribed(store);
      const settings = {
        filters: { state: 2 },
        schedule: { cron: "0 9 * * *", timeZone: "UTC" },
        top: 10,
        overdueHours: 24,
        postWhenEmpty: false,
        language: "en",
      };
      await store.subscriptions.syncOperator("T0AAAAAAA", [
        { key: "digest:C0OPS", channelId: "C0OPS", ...settings },
        { key: "digest:C0DESK", channelId: "C0DESK", ...settings },
      ]);
      const first = await store.subscriptions.listForWorkspace("T0AAAAAAA");
      expect(first.map((s) => [s.origin, s.operatorKey, s.channelId, s.createdBy])).toEqual([
        ["slack", undefined, "C0BILLING", "U0ALICE"],
        ["operator", "digest:C0OPS", "C0OPS", "operator"],
        ["operator", "digest:C0DESK", "C0DESK", "operator"],
      ]);

      const version = await store.subscriptions.changeVersion();
      await store.subscriptions.syncOperator("T0AAAAAAA", [
        { key: "digest:C0OPS", channelId: "C0OPS", ...settings },
        { key: "digest:C0DESK", channelId: "C0DESK", ...settings },
      ]);
      expect(await store.subscriptions.changeVersion()).toBe(version);

      clock.advance(MINUTE);
      await store.subscriptions.syncOperator("T0AAAAAAA", [
        { key: "digest:C0OPS", channelId: "C0OPS", ...settings, top: 3 },
      ]);
      const second = await store.subscriptions.listForWorkspace("T0AAAAAAA");
      expect(second.map((s) => s.id)).toEqual([mine.id, first[1]?.id]);
      expect(second[1]).toMatchObject({
        top: 3,
        updatedAt: new Date(START + MINUTE),
        updatedBy: "operator",
      });
      expect(await store.subscriptions.changeVersion()).toBeGreaterThan(version);
    });

    it("keeps an operator digest that is not scheduled paused, and unpauses it when it is", async () => {
      const store = await fresh();
      const settings = {
        filters: { state: 2 },
        schedule: { cron: "off", timeZone: "UTC" },
        top: 10,
        overdueHours: 24,
        postWhenEmpty: false,
        language: "en",
      };
      await store.subscriptions.syncOperator("T0AAAAAAA", [
        { key: "digest:C0OPS", channelId: "C0OPS", ...settings, paused: true },
      ]);
      const [off] = await store.subscriptions.listAll();
      expect(off).toMatchObject({ paused: true, schedule: { cron: "off" } });
      const version = await store.subscriptions.changeVersion();
      await store.subscriptions.syncOperator("T0AAAAAAA", [
        {
          key: "digest:C0OPS",
          channelId: "C0OPS",
          ...settings,
          schedule: { cron: "0 9 * * *", timeZone: "UTC" },
        },
      ]);
      const [on] = await store.subscriptions.listAll();
      expect(on).toMatchObject({ id: off?.id, paused: false, schedule: { cron: "0 9 * * *" } });
      expect(await store.subscriptions.changeVersion()).toBeGreaterThan(version);
    });

    it("names the zones a workspace's digests use, the most used first", async () => {
      const store = await fresh();
      const zone = (timeZone: string, channelId: string, workspaceId = "T0AAAAAAA") =>
        store.subscriptions.create(
          billing({ channelId, workspaceId, schedule: { cron: "0 9 * * *", timeZone } }),
          LIMITS,
        );
      await zone("Europe/Berlin", "C1");
      await zone("Asia/Tehran", "C2");
      await zone("Asia/Tehran", "C3");
      await zone("America/Lima", "C4", "T0OTHER");
      expect(await store.subscriptions.timeZones("T0AAAAAAA")).toEqual([
        { timeZone: "Asia/Tehran", count: 2 },
        { timeZone: "Europe/Berlin", count: 1 },
      ]);
      expect(await store.subscriptions.timeZones("T0NOBODY")).toEqual([]);
    });

    it("moves the change version on every change, and only then", async () => {
      const store = await fresh();
      const versions = [await store.subscriptions.changeVersion()];
      const step = async (action: () => Promise<unknown>) => {
        await action();
        versions.push(await store.subscriptions.changeVersion());
      };
      const made = await subscribed(store);
      versions.push(await store.subscriptions.changeVersion());
      await step(() => store.subscriptions.update(made.id, { top: 2 }, "U0BOB"));
      await step(() => store.subscriptions.setPaused(made.id, true, "U0BOB"));
      await step(() => store.subscriptions.delete(made.id));
      const afterChanges = versions.at(-1);
      await step(() => store.subscriptions.listAll());
      await step(() => store.subscriptions.delete(made.id)); // nothing left to delete
      await step(() => store.subscriptions.update(made.id, { top: 3 }, "U0BOB"));
      await step(() => store.subscriptions.create(billing(), { perChannel: 0, perWorkspace: 9 }));
      expect(versions.slice(0, 5).every((v, i) => i === 0 || v > (versions[i - 1] as number))).toBe(
        true,
      );
      expect(versions.slice(4)).toEqual(Array(versions.length - 4).fill(afterChanges));
    });

    it("shows one replica's changes to another at once, without a restart", async () => {
      const location = await engine.fresh();
      const one = await openStore(location, silentLogger(), { clock });
      const two = await openStore(location, silentLogger(), { clock });
      open.push(one, two);
      const before = await two.subscriptions.changeVersion();
      const made = await subscribed(one);
      expect(await two.subscriptions.changeVersion()).not.toBe(before);
      expect(await two.subscriptions.get(made.id)).toEqual(made);
      await one.subscriptions.setPaused(made.id, true, "U0BOB");
      expect((await two.subscriptions.get(made.id))?.paused).toBe(true);
      await two.subscriptions.delete(made.id);
      expect(await one.subscriptions.listAll()).toEqual([]);
    });
  });

  const claimed = async (
    store: Store,
    subscriptionId: number,
    slot = SLOT,
    owner = "replica-a",
  ) => {
    const result = await store.runs.claimSlot(subscriptionId, slot, owner, 5 * MINUTE);
    if (!result.claimed) throw new Error(`not claimed: ${result.reason}`);
    return result.claim;
  };

  describe("digest runs", () => {
    it("lets one claimer have a slot, and tells the others who has it", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const first = await store.runs.claimSlot(sub.id, SLOT, "replica-a", 5 * MINUTE);
      expect(first).toEqual({
        claimed: true,
        claim: {
          runId: expect.any(Number),
          subscriptionId: sub.id,
          slot: SLOT,
          owner: "replica-a",
          attempt: 1,
          leaseUntil: new Date(START + 5 * MINUTE),
          takenOver: false,
        },
      });
      for (const owner of ["replica-b", "replica-a"]) {
        const again = await store.runs.claimSlot(sub.id, SLOT, owner, 5 * MINUTE);
        expect(again).toMatchObject({
          claimed: false,
          reason: "taken",
          run: { claimedBy: "replica-a", attempt: 1, outcome: undefined, slot: SLOT },
        });
      }
      // Another slot, or another subscription's same slot, is another matter.
      expect(
        (await store.runs.claimSlot(sub.id, new Date(SLOT.getTime() + MINUTE), "replica-b", MINUTE))
          .claimed,
      ).toBe(true);
      const other = await subscribed(store);
      expect((await store.runs.claimSlot(other.id, SLOT, "replica-b", MINUTE)).claimed).toBe(true);
    });

    it("hands a slot whose owner died to the next claimer, fencing the old owner off", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const old = await claimed(store, sub.id);
      clock.advance(5 * MINUTE - 1);
      expect((await store.runs.claimSlot(sub.id, SLOT, "replica-b", MINUTE)).claimed).toBe(false);
      clock.advance(1);
      const next = await store.runs.claimSlot(sub.id, SLOT, "replica-b", MINUTE);
      expect(next).toMatchObject({
        claimed: true,
        claim: { runId: old.runId, attempt: 2, takenOver: true, owner: "replica-b" },
      });
      expect(await store.runs.renew(old, MINUTE)).toBeUndefined();
      expect(await store.runs.recordOutcome(old, { outcome: "failed", errorClass: "Late" })).toBe(
        false,
      );
      expect((await store.runs.get(old.runId))?.outcome).toBeUndefined();
    });

    it("never takes over a slot whose message was posted, or that finished", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const posting = await claimed(store, sub.id);
      expect(await store.runs.recordPosted(posting, "1772440200.000100")).toEqual({
        recorded: true,
      });
      const empty = await claimed(store, sub.id, new Date(SLOT.getTime() + MINUTE));
      await store.runs.recordOutcome(empty, { outcome: "empty", waitingCount: 0 });
      clock.advance(60 * MINUTE);
      for (const slot of [SLOT, new Date(SLOT.getTime() + MINUTE)]) {
        const late = await store.runs.claimSlot(sub.id, slot, "replica-b", MINUTE, {
          retryFailed: true,
        });
        expect(late).toMatchObject({ claimed: false, reason: "taken" });
      }
    });

    it("retries a failed slot only when asked to", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const first = await claimed(store, sub.id);
      await store.runs.recordOutcome(first, {
        outcome: "failed",
        errorClass: "TicketApiError",
        errorCause: "down",
      });
      expect((await store.runs.claimSlot(sub.id, SLOT, "job-2", MINUTE)).claimed).toBe(false);
      const retry = await store.runs.claimSlot(sub.id, SLOT, "job-2", MINUTE, {
        retryFailed: true,
      });
      expect(retry).toMatchObject({ claimed: true, claim: { attempt: 2, takenOver: true } });
      const run = await store.runs.get(first.runId);
      expect(run).toMatchObject({
        outcome: undefined,
        errorClass: undefined,
        errorCause: undefined,
        claimedBy: "job-2",
      });
    });

    it("records the message once: a second poster learns it duplicated the first", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const old = await claimed(store, sub.id);
      clock.advance(10 * MINUTE);
      const next = await store.runs.claimSlot(sub.id, SLOT, "replica-b", MINUTE);
      if (!next.claimed) throw new Error("not taken over");
      expect(await store.runs.recordPosted(next.claim, "1772440200.000200")).toEqual({
        recorded: true,
      });
      expect(await store.runs.recordPosted(old, "1772440200.000100")).toEqual({
        recorded: false,
        reason: "posted-by-another",
        existingTs: "1772440200.000200",
      });
      const run = await store.runs.get(old.runId);
      expect(run).toMatchObject({
        messageTs: "1772440200.000200",
        postedAt: new Date(START + 10 * MINUTE),
      });
    });

    it("renews a held claim", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const claim = await claimed(store, sub.id);
      clock.advance(4 * MINUTE);
      const renewed = await store.runs.renew(claim, 5 * MINUTE);
      expect(renewed?.leaseUntil).toEqual(new Date(START + 9 * MINUTE));
      clock.advance(2 * MINUTE); // past the first lease, within the renewed one
      expect((await store.runs.claimSlot(sub.id, SLOT, "replica-b", MINUTE)).claimed).toBe(false);
    });

    it("keeps the outcome, counts and cause of a run", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const claim = await claimed(store, sub.id);
      clock.advance(2000);
      expect(
        await store.runs.recordOutcome(claim, {
          outcome: "failed",
          waitingCount: 17,
          errorClass: "TicketApiAuthError",
          errorCause: `the panel refused the token ${"x".repeat(600)}`,
        }),
      ).toBe(true);
      const run = await store.runs.get(claim.runId);
      expect(run).toEqual({
        id: claim.runId,
        subscriptionId: sub.id,
        slot: SLOT,
        claimedBy: "replica-a",
        claimedAt: new Date(START),
        leaseUntil: new Date(START + 5 * MINUTE),
        attempt: 1,
        outcome: "failed",
        messageTs: undefined,
        postedAt: undefined,
        waitingCount: 17,
        errorClass: "TicketApiAuthError",
        errorCause: expect.stringMatching(/^the panel refused the token x+$/),
        finishedAt: new Date(START + 2000),
      });
      expect(run?.errorCause).toHaveLength(500);
    });

    it("lists the newest runs first, and finds the last success", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      expect(await store.runs.lastRuns(sub.id, 5)).toEqual([]);
      expect(await store.runs.lastSuccess(sub.id)).toBeUndefined();
      const outcomes = ["posted", "empty", "failed", "skipped", "failed"] as const;
      for (const [i, outcome] of outcomes.entries()) {
        const claim = await claimed(store, sub.id, new Date(SLOT.getTime() + i * 60 * MINUTE));
        await store.runs.recordOutcome(claim, { outcome });
      }
      const last = await store.runs.lastRuns(sub.id, 3);
      expect(last.map((r) => r.outcome)).toEqual(["failed", "skipped", "failed"]);
      expect((await store.runs.lastSuccess(sub.id))?.slot).toEqual(
        new Date(SLOT.getTime() + 60 * MINUTE),
      );
    });

    it("prunes old finished runs, keeping each subscription's newest and any unfinished", async () => {
      const store = await fresh();
      const a = await subscribed(store);
      const b = await subscribed(store);
      for (const sub of [a, b]) {
        for (let i = 0; i < 5; i++) {
          const claim = await claimed(store, sub.id, new Date(SLOT.getTime() + i * 60 * MINUTE));
          if (i !== 0) await store.runs.recordOutcome(claim, { outcome: "posted" });
        }
      }
      const cutoff = new Date(SLOT.getTime() + 4 * 60 * MINUTE);
      expect(await store.runs.prune(cutoff, 2)).toBe(4); // per subscription: hours 1 and 2
      const hours = async (id: number) =>
        (await store.runs.lastRuns(id, 10)).map(
          (r) => (r.slot.getTime() - SLOT.getTime()) / (60 * MINUTE),
        );
      expect(await hours(a.id)).toEqual([4, 3, 0]);
      expect(await hours(b.id)).toEqual([4, 3, 0]);
    });

    it("says a deleted subscription is gone", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const claim = await claimed(store, sub.id);
      await store.subscriptions.delete(sub.id);
      expect(await store.runs.claimSlot(sub.id, SLOT, "replica-b", MINUTE)).toEqual({
        claimed: false,
        reason: "gone",
      });
      expect(await store.runs.recordPosted(claim, "1.2")).toEqual({
        recorded: false,
        reason: "gone",
      });
      expect(await store.runs.recordOutcome(claim, { outcome: "posted" })).toBe(false);
    });

    it("gives a slot to exactly one of several processes claiming it at once, and its take-over too", async () => {
      const location = await engine.fresh();
      const store = await openStore(location, silentLogger());
      open.push(store);
      const sub = await subscribed(store);
      const expired = new Date(SLOT.getTime() + 60 * MINUTE);
      const dead = await store.runs.claimSlot(sub.id, expired, "dead-replica", 1);
      expect(dead.claimed).toBe(true);
      await new Promise((r) => setTimeout(r, 5));
      const task = (slot: Date, owner: string) => ({
        action: "claim" as const,
        location,
        subscriptionId: sub.id,
        slot: slot.toISOString(),
        owner,
        leaseMs: 10 * MINUTE,
      });
      const results = await race([
        task(SLOT, "p1"),
        task(SLOT, "p2"),
        task(SLOT, "p3"),
        task(expired, "p4"),
        task(expired, "p5"),
        task(expired, "p6"),
      ]);
      expect(results.map((r) => r.error)).toEqual(Array(6).fill(undefined));
      expect(results.slice(0, 3).filter((r) => r.claimed)).toEqual([
        { ok: true, claimed: true, attempt: 1 },
      ]);
      expect(results.slice(3).filter((r) => r.claimed)).toEqual([
        { ok: true, claimed: true, attempt: 2 },
      ]);
    });
  });

  describe("snapshots", () => {
    it("keeps a run's 100,000 waiting ids, and only the newest snapshot", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const claim = await claimed(store, sub.id);
      const ids = Array.from({ length: 100_000 }, (_, i) => 100_000 + i * 3);
      expect(
        await store.snapshots.put({
          subscriptionId: sub.id,
          runId: claim.runId,
          takenAt: SLOT,
          filtersKey: "state:2",
          complete: true,
          ids: [...ids].reverse(),
        }),
      ).toBe(true);
      const got = await store.snapshots.get(sub.id);
      expect(got).toEqual({
        subscriptionId: sub.id,
        runId: claim.runId,
        takenAt: SLOT,
        filtersKey: "state:2",
        complete: true,
        ids,
      });

      await store.snapshots.put({
        subscriptionId: sub.id,
        runId: undefined,
        takenAt: new Date(START),
        filtersKey: "state:2 category:1",
        complete: false,
        ids: [7, 5, 7],
      });
      expect(await store.snapshots.get(sub.id)).toEqual({
        subscriptionId: sub.id,
        runId: undefined,
        takenAt: new Date(START),
        filtersKey: "state:2 category:1",
        complete: false,
        ids: [5, 7],
      });
      expect(await store.snapshots.get(sub.id + 1000)).toBeUndefined();
    });

    it("keeps an empty set, and forgets a pruned run but not its snapshot", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const claim = await claimed(store, sub.id);
      await store.runs.recordOutcome(claim, { outcome: "empty" });
      await store.snapshots.put({
        subscriptionId: sub.id,
        runId: claim.runId,
        takenAt: SLOT,
        filtersKey: "",
        complete: true,
        ids: [],
      });
      expect(await store.runs.prune(new Date(SLOT.getTime() + 1), 0)).toBe(1);
      expect(await store.snapshots.get(sub.id)).toMatchObject({ runId: undefined, ids: [] });
    });

    it("stores a set handed over already encoded, as it is", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const ids = Array.from({ length: 1000 }, (_, i) => 5 + i * 7);
      await store.snapshots.put({
        subscriptionId: sub.id,
        runId: undefined,
        takenAt: SLOT,
        filtersKey: "k",
        complete: true,
        encodedIds: encodeIdSet(ids),
      });
      expect((await store.snapshots.get(sub.id))?.ids).toEqual(ids);
    });

    it("declines a snapshot of a deleted subscription", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      await store.subscriptions.delete(sub.id);
      expect(
        await store.snapshots.put({
          subscriptionId: sub.id,
          runId: undefined,
          takenAt: SLOT,
          filtersKey: "",
          complete: true,
          ids: [1],
        }),
      ).toBe(false);
    });
  });

  describe("digest health", () => {
    const at = (minutes: number) => new Date(SLOT.getTime() + minutes * MINUTE);
    const failed = (minutes: number, failure = "panel-auth") => ({
      runId: undefined,
      slot: at(minutes),
      outcome: "failed" as const,
      finishedAt: at(minutes + 1),
      failure,
    });
    const posted = (minutes: number) => ({
      runId: undefined,
      slot: at(minutes),
      outcome: "posted" as const,
      finishedAt: at(minutes + 1),
      waitingCount: 12,
      messageTs: "1772440200.000100",
    });

    it("keeps a digest's last run and last success, and a failing streak from its first slot", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      expect(await store.health.get(sub.id)).toBeUndefined();
      expect(await store.health.recordRun(sub.id, posted(0))).toEqual({
        subscriptionId: sub.id,
        lastRun: {
          runId: undefined,
          slot: at(0),
          outcome: "posted",
          finishedAt: at(1),
          waitingCount: 12,
          messageTs: "1772440200.000100",
        },
        lastSuccessAt: at(1),
        failing: false,
        streak: undefined,
        told: { channel: "ok", alerts: "ok" },
        notice: undefined,
      });
      await store.health.recordRun(sub.id, failed(10, "panel-timeout"));
      const third = await store.health.recordRun(sub.id, failed(20, "panel-auth"));
      expect(third).toMatchObject({
        lastRun: { slot: at(20), outcome: "failed", failure: "panel-auth" },
        lastSuccessAt: at(1),
        failing: true,
        streak: { since: at(10), runs: 2, failure: "panel-auth" },
      });
      // A skipped run neither fails nor recovers it.
      const skipped = await store.health.recordRun(sub.id, {
        runId: undefined,
        slot: at(30),
        outcome: "skipped",
        finishedAt: at(30),
      });
      expect(skipped).toMatchObject({ failing: true, streak: { runs: 2 } });
      // A late run of an older slot changes nothing.
      const late = await store.health.recordRun(sub.id, posted(5));
      expect(late).toMatchObject({ failing: true, lastRun: { slot: at(30) } });
      const recovered = await store.health.recordRun(sub.id, posted(40));
      expect(recovered).toMatchObject({
        failing: false,
        lastSuccessAt: at(41),
        // The streak it recovered from stays, for the recovery notice.
        streak: { since: at(10), runs: 2 },
      });
      expect(await store.health.list()).toEqual([recovered]);
      expect(await store.health.listForWorkspace(sub.workspaceId)).toEqual([recovered]);
      // Another workspace's digests, and their health, are not this one's.
      const theirs = await subscribed(store, { workspaceId: "T0BBBBBBB" });
      const theirRun = await store.health.recordRun(theirs.id, posted(50));
      expect(await store.health.listForWorkspace(sub.workspaceId)).toEqual([recovered]);
      expect(await store.health.listForWorkspace("T0BBBBBBB")).toEqual([theirRun]);
      expect(await store.health.listForWorkspace("T0NOBODY")).toEqual([]);
    });

    it("owes a notice to whoever was not told, lets one process claim it, fences off a late owner", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      await store.health.recordRun(sub.id, posted(0));
      // Nothing owed while it works.
      expect(await store.health.claimNotices(sub.id, "replica-a", MINUTE, ["channel"])).toBe(
        undefined,
      );
      await store.health.recordRun(sub.id, failed(10));
      const a = await store.health.claimNotices(sub.id, "replica-a", MINUTE, ["channel"]);
      expect(a?.record).toMatchObject({ failing: true, told: { channel: "ok" } });
      expect(await store.health.claimNotices(sub.id, "replica-b", MINUTE, ["channel"])).toBe(
        undefined,
      );
      if (!a) throw new Error("not claimed");
      expect(await store.health.holdsNotices(a.claim, MINUTE)).toBe(true);
      expect(await store.health.recordTold(a.claim, "channel", "failing")).toBe(true);
      await store.health.releaseNotices(a.claim);
      // Told: nothing more is owed to the channel while it keeps failing; the alerts still are.
      await store.health.recordRun(sub.id, failed(20));
      expect(await store.health.claimNotices(sub.id, "replica-b", MINUTE, ["channel"])).toBe(
        undefined,
      );
      const alerts = await store.health.claimNotices(sub.id, "replica-b", MINUTE, [
        "channel",
        "alerts",
      ]);
      expect(alerts?.record.told).toEqual({ channel: "failing", alerts: "ok" });
      if (!alerts) throw new Error("not claimed");
      // Its owner stalls past the lease: the next process takes the notices over.
      clock.advance(MINUTE);
      const c = await store.health.claimNotices(sub.id, "replica-c", MINUTE, ["alerts"]);
      expect(c?.claim.attempt).toBe(alerts.claim.attempt + 1);
      expect(await store.health.holdsNotices(alerts.claim, MINUTE)).toBe(false);
      expect(await store.health.recordTold(alerts.claim, "alerts", "failing")).toBe(false);
      if (!c) throw new Error("not claimed");
      expect(await store.health.recordTold(c.claim, "alerts", "unreached")).toBe(true);
      await store.health.releaseNotices(c.claim);

      // Recovered: the channel, which heard of the failure, is owed a recovery notice; the
      // alerts, which never heard (refused), are owed nothing.
      const back = await store.health.recordRun(sub.id, posted(30));
      expect(back?.told).toEqual({ channel: "failing", alerts: "ok" });
      expect(await store.health.claimNotices(sub.id, "replica-a", MINUTE, ["alerts"])).toBe(
        undefined,
      );
      const recovery = await store.health.claimNotices(sub.id, "replica-a", MINUTE, [
        "channel",
        "alerts",
      ]);
      expect(recovery?.record).toMatchObject({ failing: false, told: { channel: "failing" } });
    });

    it("lets exactly one of several processes claim a digest's notices", async () => {
      const location = await engine.fresh();
      const store = await openStore(location, silentLogger());
      open.push(store);
      const sub = await subscribed(store);
      await store.health.recordRun(sub.id, failed(0));
      const results = await race<{ claimed: boolean }>(
        ["a", "b", "c", "d"].map((owner) => ({
          action: "claim-notices" as const,
          location,
          subscriptionId: sub.id,
          owner,
          leaseMs: MINUTE,
        })),
      );
      expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
    });

    it("goes with its subscription, and records nothing for one deleted", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      await store.health.recordRun(sub.id, failed(0));
      await store.subscriptions.delete(sub.id);
      expect(await store.health.get(sub.id)).toBeUndefined();
      expect(await store.health.recordRun(sub.id, failed(10))).toBeUndefined();
      expect(await store.health.list()).toEqual([]);
    });

    it("keeps a run's kind of failure, and forgets it when the slot is taken over", async () => {
      const store = await fresh();
      const sub = await subscribed(store);
      const claim = await claimed(store, sub.id);
      await store.runs.recordOutcome(claim, {
        outcome: "failed",
        errorClass: "TicketApiAuthError",
        errorCause: "ticket API refused the token (HTTP 401)",
        failure: "panel-auth",
      });
      expect(await store.runs.get(claim.runId)).toMatchObject({ failure: "panel-auth" });
      const retry = await store.runs.claimSlot(sub.id, SLOT, "replica-b", MINUTE, {
        retryFailed: true,
      });
      expect(retry.claimed).toBe(true);
      expect((await store.runs.get(claim.runId))?.failure).toBeUndefined();
    });
  });

  describe("preferences", () => {
    it("keeps each person's language per workspace", async () => {
      const store = await fresh();
      expect(await store.preferences.get("T0AAAAAAA", "U0ALICE")).toBeUndefined();
      await store.preferences.set("T0AAAAAAA", "U0ALICE", { language: "fa" });
      await store.preferences.set("T0BBBBBBB", "U0ALICE", { language: "en" });
      expect(await store.preferences.get("T0AAAAAAA", "U0ALICE")).toEqual({ language: "fa" });
      await store.preferences.set("T0AAAAAAA", "U0ALICE", { language: "en" });
      expect(await store.preferences.get("T0AAAAAAA", "U0ALICE")).toEqual({ language: "en" });
      expect(await store.preferences.get("T0AAAAAAA", "U0BOB")).toBeUndefined();
    });
  });

  describe("saved views", () => {
    const view = (
      name: string,
      owner: { user: string } | "workspace" = { user: "U0ALICE" },
      filters = { state: 2 },
    ) => ({
      workspaceId: "T0AAAAAAA",
      owner,
      name,
      filters,
      createdBy: "U0ALICE",
    });

    it("lets only its maker replace a shared view, checked in the same write", async () => {
      const store = await fresh();
      expect((await store.views.save(view("billing", "workspace"), 50)).saved).toBe(true);
      const bobs = { ...view("BILLING", "workspace", { state: 4 }), createdBy: "U0BOB" };
      expect(await store.views.save(bobs, 50)).toEqual({ saved: false, takenBy: "U0ALICE" });
      expect(await store.views.get("T0AAAAAAA", "workspace", "billing")).toMatchObject({
        createdBy: "U0ALICE",
        filters: { state: 2 },
      });
      // Its maker still can; and Bob's own view of that name is his to save.
      expect(await store.views.save(view("billing", "workspace", { state: 5 }), 50)).toMatchObject({
        saved: true,
        replaced: true,
      });
      expect((await store.views.save({ ...bobs, owner: { user: "U0BOB" } }, 50)).saved).toBe(true);
    });

    it("saves, finds by name whatever the case or the Arabic or Persian letter, and replaces", async () => {
      const store = await fresh();
      const saved = await store.views.save(view("Billing-۱"), 50);
      expect(saved).toEqual({
        saved: true,
        replaced: false,
        view: {
          id: expect.any(Number),
          workspaceId: "T0AAAAAAA",
          owner: { user: "U0ALICE" },
          name: "Billing-۱",
          filters: { state: 2 },
          createdBy: "U0ALICE",
          createdAt: new Date(START),
          updatedAt: new Date(START),
        },
      });
      expect((await store.views.get("T0AAAAAAA", { user: "U0ALICE" }, "billing-1"))?.name).toBe(
        "Billing-۱",
      );
      await store.views.save(view("مشتری‌ها"), 50);
      expect((await store.views.get("T0AAAAAAA", { user: "U0ALICE" }, "مشتري‌ها"))?.name).toBe(
        "مشتری‌ها",
      );

      clock.advance(MINUTE);
      const again = await store.views.save(
        { ...view("BILLING-1", { user: "U0ALICE" }, { state: 3 }), createdBy: "U0OTHER" },
        50,
      );
      expect(again).toMatchObject({
        saved: true,
        replaced: true,
        view: {
          id: saved.saved ? saved.view.id : -1,
          name: "BILLING-1",
          filters: { state: 3 },
          createdBy: "U0ALICE",
          updatedAt: new Date(START + MINUTE),
        },
      });
      expect(await store.views.count("T0AAAAAAA", { user: "U0ALICE" })).toBe(2);
    });

    it("lists a person's own views, then the workspace's, each by name", async () => {
      const store = await fresh();
      await store.views.save(view("zeta"), 50);
      await store.views.save(view("alpha"), 50);
      await store.views.save(view("Team", "workspace"), 50);
      await store.views.save(view("alpha", "workspace"), 50);
      await store.views.save(view("bob's", { user: "U0BOB" }), 50);
      await store.views.save({ ...view("elsewhere"), workspaceId: "T0BBBBBBB" }, 50);
      const listed = await store.views.list("T0AAAAAAA", "U0ALICE");
      expect(listed.map((v) => [v.owner, v.name])).toEqual([
        [{ user: "U0ALICE" }, "alpha"],
        [{ user: "U0ALICE" }, "zeta"],
        ["workspace", "alpha"],
        ["workspace", "Team"],
      ]);
      expect((await store.views.list("T0AAAAAAA", "U0BOB")).map((v) => v.name)).toEqual([
        "bob's",
        "alpha",
        "Team",
      ]);
    });

    it("refuses a new name past the owner's limit, but still replaces", async () => {
      const store = await fresh();
      await store.views.save(view("one"), 2);
      await store.views.save(view("two"), 2);
      expect(await store.views.save(view("three"), 2)).toEqual({
        saved: false,
        limit: "owner",
        count: 2,
      });
      expect((await store.views.save(view("TWO"), 2)).saved).toBe(true);
      expect((await store.views.save(view("three", "workspace"), 2)).saved).toBe(true);
    });

    it("deletes by id within its workspace only", async () => {
      const store = await fresh();
      const saved = await store.views.save(view("gone"), 50);
      if (!saved.saved) throw new Error("not saved");
      expect(await store.views.getById("T0AAAAAAA", saved.view.id)).toEqual(saved.view);
      expect(await store.views.delete("T0BBBBBBB", saved.view.id)).toBe(false);
      expect(await store.views.getById("T0BBBBBBB", saved.view.id)).toBeUndefined();
      expect(await store.views.delete("T0AAAAAAA", saved.view.id)).toBe(true);
      expect(await store.views.get("T0AAAAAAA", { user: "U0ALICE" }, "gone")).toBeUndefined();
      expect(await store.views.count("T0AAAAAAA", { user: "U0ALICE" })).toBe(0);
    });
  });

  describe("the store itself", () => {
    it("keeps everything across a restart", async () => {
      const location = await engine.fresh();
      const before = await openStore(location, silentLogger(), { clock });
      const sub = await subscribed(before);
      const claim = await claimed(before, sub.id);
      await before.runs.recordPosted(claim, "1772440200.000100");
      await before.snapshots.put({
        subscriptionId: sub.id,
        runId: claim.runId,
        takenAt: SLOT,
        filtersKey: "k",
        complete: true,
        ids: [4, 2],
      });
      await before.preferences.set("T0AAAAAAA", "U0ALICE", { language: "fa" });
      await before.views.save(
        {
          workspaceId: "T0AAAAAAA",
          owner: "workspace",
          name: "all",
          filters: {},
          createdBy: "U0ALICE",
        },
        50,
      );
      const version = await before.subscriptions.changeVersion();
      await before.close();

      const after = await openStore(location, silentLogger(), { clock });
      open.push(after);
      expect(await after.subscriptions.get(sub.id)).toEqual(sub);
      expect((await after.runs.get(claim.runId))?.messageTs).toBe("1772440200.000100");
      expect((await after.snapshots.get(sub.id))?.ids).toEqual([2, 4]);
      expect(await after.preferences.get("T0AAAAAAA", "U0ALICE")).toEqual({ language: "fa" });
      expect((await after.views.list("T0AAAAAAA", "U0BOB")).map((v) => v.name)).toEqual(["all"]);
      expect(await after.subscriptions.changeVersion()).toBe(version);
    });

    it("answers a ping, and says where it is without a password", async () => {
      const store = await fresh();
      await store.ping();
      expect(store.engine).toBe(engine.name);
      expect(store.location).not.toMatch(/@|password/);
      await store.close();
      await store.close(); // twice is harmless
      await expect(store.ping()).rejects.toThrow();
    });
  });
});
