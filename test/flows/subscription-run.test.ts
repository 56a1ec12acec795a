import { describe, expect, it } from "vitest";
import { createSlotRunner, type SlotRunnerDeps } from "../../src/flows/subscription-run";
import { catalogFor } from "../../src/i18n";
import type { SlackMessage } from "../../src/render/context";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import type { Store } from "../../src/store/store";
import { TicketApiAuthError } from "../../src/tickets/errors";
import { answeringTickets, recordingLogger } from "../support/listener-fakes";
import { created, movableClock, useStore } from "./store-fixture";

const fresh = useStore();
const SLOT = new Date("2026-03-09T09:00:00Z");
const LEASE = 60_000;

const setUp = async (over: Partial<SlotRunnerDeps> = {}) => {
  const clock = movableClock("2026-03-09T09:00:05Z");
  const { store, another } = await fresh(clock);
  const { logger, lines } = recordingLogger();
  const posted: { channel: string; message: SlackMessage; ts: string }[] = [];
  const waiting = [makeTicket({ id: 1, ticket_id: 1, state_id: 2 })];
  const deps: SlotRunnerDeps = {
    runs: store.runs,
    subscriptions: store.subscriptions,
    digest: { tickets: answeringTickets(waiting).tickets, clock, logger, retry: { attempts: 1 } },
    channelContext: (language, timeZone) => ({
      t: catalogFor(language),
      now: clock.now(),
      timeZone,
    }),
    postMessage: async (channel, message) => {
      const ts = `1700000000.${String(posted.length + 1).padStart(6, "0")}`;
      posted.push({ channel, message, ts });
      return ts;
    },
    mayPostIn: async () => true,
    logger,
    owner: "owner-a",
    leaseMs: LEASE,
    renewEveryMs: 60_000,
    fallbackLanguage: "en",
    ...over,
  };
  return { store, another, clock, lines, posted, deps, runner: createSlotRunner(deps) };
};

/** The digest's panel refusing the bot's token until the test fixes it. */
const refusingUntilFixed = (deps: SlotRunnerDeps) => {
  let refuse = true;
  const answering = deps.digest.tickets;
  const tickets: typeof answering = {
    ...answering,
    listDigestRows: async (query, options) => {
      if (refuse) throw new TicketApiAuthError(401, undefined);
      return answering.listDigestRows(query, options);
    },
  };
  return {
    tickets,
    fix: () => {
      refuse = false;
    },
  };
};

const lastRun = async (store: Store, id: number) => (await store.runs.lastRuns(id, 1))[0];

describe("one slot of one digest", () => {
  it("posts once, records the message's ts and the outcome; the same slot again is left alone", async () => {
    const { store, runner, posted } = await setUp();
    const digest = await created(store, { language: "fa", channelId: "C0FA" });
    const first = await runner.runSlot(digest, SLOT);
    expect(first).toMatchObject({ kind: "ran", report: { outcome: "posted", waitingCount: 1 } });
    expect(posted.map((p) => p.channel)).toEqual(["C0FA"]);
    // In the digest's own language.
    expect(posted[0]?.message.text).toContain("در انتظار پشتیبانی");
    expect(await lastRun(store, digest.id)).toMatchObject({
      slot: SLOT,
      outcome: "posted",
      messageTs: posted[0]?.ts,
      claimedBy: "owner-a",
    });
    expect(await runner.runSlot(digest, SLOT)).toMatchObject({
      kind: "taken",
      run: { outcome: "posted" },
    });
    expect(posted).toHaveLength(1);
  });

  it("skips a paused digest unless asked for by hand; fails, saying so once, in a channel the rules no longer allow", async () => {
    let allowed = true;
    const { store, deps, posted, lines } = await setUp({ mayPostIn: async () => allowed });
    const runner = createSlotRunner({
      ...deps,
      memory: { snapshots: store.snapshots, health: store.health },
    });
    const digest = await created(store, { paused: true });
    expect(await runner.runSlot(digest, SLOT)).toMatchObject({
      report: { outcome: "skipped", errorCause: "paused" },
    });
    expect(posted).toEqual([]);
    expect(
      await runner.runSlot(digest, new Date("2026-03-09T09:01:00Z"), { manual: true }),
    ).toMatchObject({
      report: { outcome: "posted" },
    });
    allowed = false;
    expect(
      await runner.runSlot(digest, new Date("2026-03-09T09:02:00Z"), { manual: true }),
    ).toMatchObject({
      report: { outcome: "failed", errorClass: "AccessDenied", failure: "channel-not-allowed" },
    });
    expect(
      await runner.runSlot(digest, new Date("2026-03-09T09:03:00Z"), { manual: true }),
    ).toMatchObject({ report: { outcome: "failed", failure: "channel-not-allowed" } });
    // The digest, then one notice of why it stopped (not one a run): never silent, never noisy.
    expect(posted).toHaveLength(2);
    expect(JSON.stringify(posted[1])).toContain("ALLOWED_CHANNEL_IDS");
    expect(lines.join("\n")).toMatch(/ALLOWED_CHANNEL_IDS does not allow C111/);
  });

  it("records a refused post as failed, and a retry of that slot posts", async () => {
    let refuse = true;
    const { store, deps, posted } = await setUp();
    const runner = createSlotRunner({
      ...deps,
      postMessage: async (channel, message) => {
        if (refuse) throw new Error("Slack refused the post (not_in_channel)");
        return deps.postMessage(channel, message);
      },
    });
    const digest = await created(store);
    expect(await runner.runSlot(digest, SLOT)).toMatchObject({
      report: { outcome: "failed", errorCause: "Slack refused the post (not_in_channel)" },
    });
    // The scheduler does not retry a failed slot by itself; a retried job does.
    expect(await runner.runSlot(digest, SLOT)).toMatchObject({ kind: "taken" });
    refuse = false;
    expect(await runner.runSlot(digest, SLOT, { retryFailed: true })).toMatchObject({
      report: { outcome: "posted" },
    });
    expect(posted).toHaveLength(1);
    expect(await lastRun(store, digest.id)).toMatchObject({ attempt: 2, outcome: "posted" });
  });

  it("stopped by the shutdown, posts nothing and leaves its claim to expire for a take-over", async () => {
    const shutdown = new AbortController();
    const { store, deps, posted, clock, lines } = await setUp();
    const stalled = answeringTickets([]).tickets;
    const runner = createSlotRunner({
      ...deps,
      signal: shutdown.signal,
      digest: {
        ...deps.digest,
        tickets: {
          ...stalled,
          // The panel never answers; the bot shuts down meanwhile.
          listDigestRows: (_query, options) =>
            new Promise((_resolve, reject) => {
              options?.signal?.addEventListener("abort", () => reject(options.signal?.reason));
              shutdown.abort(new Error("the bot is shutting down"));
            }),
        },
      },
    });
    const digest = await created(store);
    await runner.runSlot(digest, SLOT);
    expect(posted).toEqual([]);
    // No outcome: not "failed", which only a retried job would take over.
    expect(await lastRun(store, digest.id)).toMatchObject({ outcome: undefined });
    expect(lines.join("\n")).toMatch(/stopped by the shutdown.*left to expire/);
    // Once the lease is over, another process (or this one, restarted) posts the slot.
    clock.advance(LEASE + 1);
    const other = createSlotRunner({ ...deps, owner: "owner-b" });
    expect(await other.runSlot(digest, SLOT)).toMatchObject({ report: { outcome: "posted" } });
    expect(posted).toHaveLength(1);
  });

  it("never posts on a claim another process took over while this one stalled", async () => {
    let resume: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      resume = resolve;
    });
    const { store, clock, deps, posted, lines } = await setUp();
    const slow = answeringTickets([makeTicket({ id: 1, ticket_id: 1, state_id: 2 })]).tickets;
    const runner = createSlotRunner({
      ...deps,
      digest: {
        ...deps.digest,
        tickets: {
          ...slow,
          listDigestRows: async (query, options) => {
            await stalled;
            return slow.listDigestRows(query, options);
          },
        },
      },
    });
    const digest = await created(store);
    const running = runner.runSlot(digest, SLOT);
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.advance(2 * LEASE);
    const rescuer = await store.runs.claimSlot(digest.id, SLOT, "owner-b", LEASE);
    expect(rescuer).toMatchObject({ claimed: true, claim: { takenOver: true } });
    resume();
    expect(await running).toMatchObject({ report: { outcome: "failed" } });
    expect(posted).toEqual([]);
    expect(lines.join("\n")).toMatch(/another process took this slot over/);
    // The rescuer's claim stands: the stalled owner wrote nothing over it.
    expect(await lastRun(store, digest.id)).toMatchObject({
      claimedBy: "owner-b",
      outcome: undefined,
    });
  });

  it("says so in the log when a slot is posted twice, and when a posted ts could not be recorded", async () => {
    const { store, clock, deps, lines } = await setUp();
    const digest = await created(store);
    // The owner's post is accepted by Slack, but slowly: meanwhile its lease ran out, and
    // another process took the slot over and posted it first.
    const runner = createSlotRunner({
      ...deps,
      postMessage: async (channel, message) => {
        clock.advance(2 * LEASE);
        const other = await store.runs.claimSlot(digest.id, SLOT, "owner-b", LEASE);
        if (!other.claimed) throw new Error("the other owner could not claim");
        await store.runs.recordPosted(other.claim, "1700000000.000099");
        return deps.postMessage(channel, message);
      },
    });
    await runner.runSlot(digest, SLOT);
    expect(lines.join("\n")).toMatch(
      /digest \d+ \(C111\) slot 2026-03-09T09:00:00.000Z was posted twice \(messages 1700000000.000099 and 1700000000.000001\)/,
    );

    const unrecorded = createSlotRunner({
      ...deps,
      runs: {
        ...store.runs,
        recordPosted: async () => Promise.reject(new Error("database is locked")),
      },
    });
    await unrecorded.runSlot(digest, new Date("2026-03-10T09:00:00Z"));
    expect(lines.join("\n")).toMatch(
      /slot 2026-03-10T09:00:00.000Z was posted \(message \S+\) but that could not be recorded \(Error: database is locked\): if this process stops before finishing, another may post this slot again/,
    );
  });

  it("logs a take-over, which is where a duplicate can come from", async () => {
    const { store, clock, runner, lines } = await setUp();
    const digest = await created(store);
    await store.runs.claimSlot(digest.id, SLOT, "dead-owner", LEASE);
    clock.advance(2 * LEASE);
    expect(await runner.runSlot(digest, SLOT)).toMatchObject({ report: { outcome: "posted" } });
    expect(lines.join("\n")).toMatch(/taken over \(attempt 2\).*posted twice/);
  });

  it("does nothing for a digest deleted meanwhile", async () => {
    const { store, runner, posted } = await setUp();
    const digest = await created(store);
    await store.subscriptions.delete(digest.id);
    expect(await runner.runSlot(digest, SLOT)).toEqual({ kind: "gone" });
    expect(posted).toEqual([]);
  });
});

describe("a digest that remembers, across replicas", () => {
  // Taking turns: two SQLite handles in one thread cannot wait on each other's write lock
  // (the wait is synchronous). Claims made at once are the store contract's tests, in processes.
  it("two replicas taking turns at a failing digest post one failure notice; one recovery notice follows", async () => {
    const { store, another, deps, posted } = await setUp();
    const other = await another();
    const panel = refusingUntilFixed(deps);
    const withMemory = (s: Store, owner: string) =>
      createSlotRunner({
        ...deps,
        runs: s.runs,
        subscriptions: s.subscriptions,
        owner,
        digest: { ...deps.digest, tickets: panel.tickets },
        memory: { snapshots: s.snapshots, health: s.health, alertChannel: "C0ALERTS1" },
      });
    const a = withMemory(store, "owner-a");
    const b = withMemory(other, "owner-b");
    const digest = await created(store);
    const slot = (minute: number) => new Date(SLOT.getTime() + minute * 60_000);
    for (const minute of [0, 1, 2, 3])
      await (minute % 2 === 0 ? a : b).runSlot(digest, slot(minute));
    const where = () => posted.map((p) => p.channel).sort();
    expect(where()).toEqual(["C0ALERTS1", "C111"]);
    expect(posted.find((p) => p.channel === "C111")?.message.text).toMatch(
      /refused the bot's token \(HTTP 401\): an operator must check TICKET_API_TOKEN/,
    );
    expect(await store.health.get(digest.id)).toMatchObject({
      failing: true,
      streak: { runs: 4, failure: "panel-auth:401" },
      told: { channel: "failing", alerts: "failing" },
      notice: undefined,
    });

    panel.fix();
    await b.runSlot(digest, slot(4));
    await a.runSlot(digest, slot(5));
    const texts = posted.map((p) => `${p.channel} ${p.message.text}`);
    expect(texts.filter((t) => t.includes("works again"))).toHaveLength(2);
    expect(texts.filter((t) => /^C111 .*waiting for support/.test(t))).toHaveLength(2);
    expect(await store.health.get(digest.id)).toMatchObject({
      failing: false,
      told: { channel: "ok", alerts: "ok" },
    });
    // The second of the two compared with the first: the set each kept is the newest.
    expect(await store.snapshots.get(digest.id)).toMatchObject({ ids: [1], complete: true });
  });

  it("a recovery recorded while another replica was posting the failure notice is told at once by that replica", async () => {
    const { store, another, deps, posted } = await setUp();
    const other = await another();
    const panel = refusingUntilFixed(deps);
    let holdNotice: Promise<void> | undefined;
    let noticePosting: () => void = () => {};
    const noticeStarted = new Promise<void>((resolve) => {
      noticePosting = resolve;
    });
    const runner = (s: Store, owner: string) =>
      createSlotRunner({
        ...deps,
        runs: s.runs,
        subscriptions: s.subscriptions,
        owner,
        digest: { ...deps.digest, tickets: panel.tickets },
        postMessage: async (channel, message) => {
          if (owner === "owner-a" && holdNotice && /TICKET_API_TOKEN/.test(message.text)) {
            noticePosting();
            await holdNotice;
          }
          return deps.postMessage(channel, message);
        },
        memory: { snapshots: s.snapshots, health: s.health },
      });
    const a = runner(store, "owner-a");
    const b = runner(other, "owner-b");
    const digest = await created(store);
    let release: () => void = () => {};
    holdNotice = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A fails and starts telling the channel; while it does, B's run recovers.
    const failing = a.runSlot(digest, SLOT);
    await noticeStarted;
    panel.fix();
    await b.runSlot(digest, new Date(SLOT.getTime() + 60_000));
    expect(posted.filter((p) => /works again/.test(p.message.text))).toHaveLength(0);
    release();
    await failing;
    const texts = posted.map((p) => p.message.text);
    expect(texts.filter((t) => /TICKET_API_TOKEN/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /works again/.test(t))).toHaveLength(1);
    expect(await store.health.get(digest.id)).toMatchObject({
      failing: false,
      told: { channel: "ok" },
    });
  });
});
