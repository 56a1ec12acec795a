import type { ModalView } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { ChannelCheck, ChannelPost } from "../../src/flows/ports";
import type { SlotRun } from "../../src/flows/subscription-run";
import { createSubscriptionFlows, type SubscriptionDeps } from "../../src/flows/subscriptions";
import { catalogFor, en } from "../../src/i18n";
import type { SlackMessage } from "../../src/render/context";
import type { Store } from "../../src/store/store";
import { allText } from "../support/blocks";
import { recordingLogger } from "../support/listener-fakes";
import { created, movableClock, useStore } from "./store-fixture";

const fresh = useStore();
const WHO = { workspaceId: "T111", userId: "U0ALICE", channelId: "C111" };

const ports = (o: { check?: ChannelCheck; post?: ChannelPost; openFails?: boolean } = {}) => {
  const answers: SlackMessage[] = [];
  const replaced: SlackMessage[] = [];
  const posted: { channel: string; message: SlackMessage }[] = [];
  const opened: ModalView[] = [];
  return {
    answers,
    replaced,
    posted,
    opened,
    answerPrivately: async (m: SlackMessage) => {
      answers.push(m);
    },
    replaceInPlace: async (m: SlackMessage) => {
      replaced.push(m);
    },
    checkChannel: async () => o.check ?? { kind: "can-post" as const },
    postInChannel: async (channel: string, message: SlackMessage): Promise<ChannelPost> => {
      posted.push({ channel, message });
      return o.post ?? { posted: true, ts: "1.000001" };
    },
    openSubscribeModal: async (view: ModalView) => {
      if (o.openFails) throw new Error("expired_trigger_id");
      opened.push(view);
    },
  };
};

const setUp = async (over: Partial<SubscriptionDeps> = {}, store?: Store) => {
  const clock = movableClock("2026-03-09T08:00:00Z");
  const opened = store ? { store } : await fresh(clock);
  const { logger, lines } = recordingLogger();
  const runs: number[] = [];
  const flows = createSubscriptionFlows({
    store: opened.store,
    clock,
    logger,
    renderContext: () => ({ t: en, now: clock.now(), timeZone: "UTC" }),
    channelContext: (language, timeZone) => ({
      t: catalogFor(language),
      now: clock.now(),
      timeZone,
    }),
    defaults: { timeZone: "UTC", top: 10, overdueHours: 24, postWhenEmpty: false, language: "en" },
    limits: { perChannel: 3, perWorkspace: 4 },
    mayRead: async () => true,
    runNow: async (subscription): Promise<SlotRun> => {
      runs.push(subscription.id);
      return { kind: "ran", subscription, outcome: undefined, report: { outcome: "posted" } };
    },
    ...over,
  });
  return { flows, store: opened.store, lines, runs };
};

const said = (p: { answers: SlackMessage[] }) => p.answers.map((m) => allText(m)).join("\n");

describe("managing a channel's digests", () => {
  it("refuses a digest past the workspace's limit, naming it, and saves nothing", async () => {
    const { flows, store } = await setUp();
    for (const channelId of ["C1", "C2", "C3", "C4"]) await created(store, { channelId });
    const p = ports();
    await flows.subscribe(WHO, "at:08:30", p);
    expect(said(p)).toContain("This workspace already has 4 digests, the most it can have is 4");
    expect(await store.subscriptions.countForWorkspace("T111")).toBe(4);
    expect(p.posted).toEqual([]);
  });

  it("keeps a digest Slack would not announce for a passing reason, and says the announcement failed", async () => {
    const { flows, store } = await setUp();
    const p = ports({ post: { posted: false, reason: "ratelimited", detail: "429" } });
    await flows.subscribe(WHO, "at:08:30", p);
    expect(await store.subscriptions.listAll()).toHaveLength(1);
    expect(said(p)).toContain("Subscribed");
    expect(said(p)).toContain("could not announce this in the channel (Slack said `ratelimited`)");
  });

  it("answers in words when the store cannot be reached, and changes nothing", async () => {
    const { store: real } = await fresh(movableClock("2026-03-09T08:00:00Z"));
    const broken = {
      ...real,
      subscriptions: {
        ...real.subscriptions,
        create: async () => Promise.reject(new Error("SQLITE_BUSY")),
        listForChannel: async () => Promise.reject(new Error("SQLITE_BUSY")),
      },
    } as Store;
    const { flows, lines } = await setUp({}, broken);
    const p = ports();
    await flows.subscribe(WHO, "at:08:30", p);
    await flows.list(WHO, p);
    expect(p.answers.map((m) => allText(m))).toEqual([
      expect.stringContaining("couldn't reach its database"),
      expect.stringContaining("couldn't reach its database"),
    ]);
    expect(p.posted).toEqual([]);
    expect(lines.join("\n")).toMatch(/the store failed: Error: SQLITE_BUSY/);
  });

  it("answers with a message when the modal cannot be opened in time", async () => {
    const { flows } = await setUp();
    const p = ports({ openFails: true });
    await flows.subscribe(WHO, "", p);
    expect(said(p)).toContain("couldn't open the form");
  });

  it("tells the person when Run now posted nothing, and why", async () => {
    const { flows, store } = await setUp({
      runNow: async (subscription) => ({
        kind: "ran",
        subscription,
        outcome: undefined,
        report: { outcome: "failed", errorCause: "the ticket panel did not answer" },
      }),
    });
    const digest = await created(store);
    const p = ports();
    await flows.runNow(WHO, digest.id, p);
    expect(said(p)).toContain("The digest could not be posted: the ticket panel did not answer");
    expect(p.replaced).toHaveLength(1);
  });

  it("says a digest is gone, or elsewhere, and runs nothing for it", async () => {
    const { flows, store, runs } = await setUp();
    const elsewhere = await created(store, { channelId: "C999" });
    const p = ports();
    await flows.runNow(WHO, 424242, p);
    await flows.runNow(WHO, elsewhere.id, p);
    await flows.runNow({ ...WHO, workspaceId: "T999" }, elsewhere.id, p);
    await flows.edit(WHO, undefined, p);
    expect(p.answers.map((m) => allText(m))).toEqual([
      expect.stringContaining("no longer exists"),
      expect.stringContaining("belongs to another channel"),
      expect.stringContaining("no longer exists"),
      expect.stringContaining("no longer exists"),
    ]);
    expect(runs).toEqual([]);
    expect(p.opened).toEqual([]);
  });
});
