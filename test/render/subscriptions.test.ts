import { describe, expect, it } from "vitest";
import { COMMON_ZONES } from "../../src/digest/common-zones";
import { en, fa } from "../../src/i18n";
import type { RenderContext } from "../../src/render/context";
import { LIMITS } from "../../src/render/limits";
import { renderSubscribeModal, type SubscribeModalInput } from "../../src/render/subscribe-modal";
import {
  type DigestView,
  renderAnnouncement,
  renderDigestList,
  renderSubscribeErrors,
} from "../../src/render/subscriptions";
import { expectNoLeaks, expectValidMessage } from "../fuzz/validate-message";
import { allText, buttonsOf } from "../support/blocks";

const NOW = new Date("2026-03-10T12:00:00Z");
const enCtx: RenderContext = { t: en, now: NOW, timeZone: "UTC" };
const faCtx: RenderContext = { t: fa, now: NOW, timeZone: "Asia/Tehran" };

const digest = (over: Partial<DigestView> = {}): DigestView => ({
  id: 7,
  channelId: "C0123",
  filter: { stateId: 2, categoryId: 10 },
  cron: "30 8 * * 1-5",
  timeZone: "Asia/Tehran",
  top: 5,
  overdueHours: 24,
  postWhenEmpty: false,
  language: "fa",
  paused: false,
  operator: false,
  createdBy: "U0ALICE",
  createdAt: new Date("2026-03-01T09:00:00Z"),
  next: new Date("2026-03-11T05:00:00Z"),
  last: {
    at: new Date("2026-03-10T05:00:03Z"),
    outcome: "posted",
    waitingCount: 12,
  },
  ...over,
});

/** The most a digest can hold: a customer of 100 hostile characters, a long cron, a failure. */
const heaviest = (id: number): DigestView =>
  digest({
    id,
    filter: {
      stateId: 1,
      username: "<!channel>*`~_".repeat(7).slice(0, 100),
      categoryId: 2_147_483_647,
      subCategoryId: 2_147_483_647,
    },
    cron: "0,5,10,15,20,25,30,35,40,45,50,55 0,2,4,6,8,10,12,14,16,18,20,22 1-31 1-12 0-6",
    timeZone: "America/Argentina/ComodRivadavia",
    postWhenEmpty: true,
    last: {
      at: NOW,
      outcome: "failed",
      waitingCount: 3,
      failure: { kind: "slack-other", detail: "x".repeat(60) },
    },
  });

describe("the digest list", () => {
  it.each([
    ["en", enCtx],
    ["fa", faCtx],
  ])(
    "%s: fits Slack's limits with the most digests a channel has, each as heavy as it gets",
    (_, ctx) => {
      const digests = [
        digest({ operator: true }),
        ...Array.from({ length: 20 }, (_, i) => heaviest(i + 1)),
      ];
      const message = renderDigestList(digests, ctx);
      expectValidMessage(message);
      expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.message.maxBlocks);
      expectNoLeaks(message);
      expect(allText(message)).not.toMatch(/<!channel>/);
    },
  );

  it("shows everything about a few digests, and the buttons of each but the operator's", () => {
    const message = renderDigestList([digest({ operator: true, id: 1 }), digest()], enCtx);
    const text = allText(message);
    expect(text).toContain("*Waiting for support · category 10*\n08:30, Mon–Fri (Asia/Tehran)");
    expect(text).toMatch(/Next: <!date\^1773205200\^/);
    expect(text).toMatch(/Last: <!date\^\d+\^[^>]+>, posted ✅ \(12 waiting\)/);
    expect(text).toContain("Lists the 5 longest waiting · overdue after 1 d · Persian");
    expect(text).toContain("Set up by <@U0ALICE>");
    expect(text).toContain("Set by the operator");
    expect(buttonsOf(message)).toHaveLength(4);
  });

  it("says a paused digest is paused, and offers Resume instead of Pause", () => {
    const message = renderDigestList([digest({ paused: true, next: undefined })], enCtx);
    expect(allText(message)).toContain("⏸️ Paused");
    expect(buttonsOf(message).map((b) => b.action_id)).toContain("tickets.digests.resume.7");
  });

  it("names an operator digest that is not scheduled for what it is", () => {
    const message = renderDigestList(
      [digest({ operator: true, paused: true, next: undefined, cron: "off" })],
      enCtx,
    );
    expect(allText(message)).toContain("only when `npm run digest` posts it");
    expect(allText(message)).not.toContain("Paused");
  });

  it("says when a channel has none", () => {
    expect(allText(renderDigestList([], faCtx))).toContain("هنوز گزارش دوره‌ای ندارد");
  });
});

describe("the subscribe modal", () => {
  const input = (over: Partial<SubscribeModalInput> = {}): SubscribeModalInput => ({
    channelId: "C0123456789",
    editing: false,
    values: {
      times: ["08:30", "16:30"],
      days: [1, 2, 3, 4, 5],
      timeZone: "Asia/Tehran",
      stateId: 2,
      categoryId: 10,
      top: 5,
      overdueHours: 24,
      postWhenEmpty: true,
      language: "fa",
    },
    zones: { inUse: [], common: COMMON_ZONES },
    ...over,
  });

  it.each([
    ["en", enCtx],
    ["fa", faCtx],
  ])("%s: is a valid modal within Slack's limits, even with 200 zones in use", (_, ctx) => {
    const zones = Intl.supportedValuesOf("timeZone").slice(0, 200);
    const view = renderSubscribeModal(
      input({ zones: { inUse: zones, common: COMMON_ZONES } }),
      ctx,
    );
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.modal.title);
    expect(view.submit?.text.length).toBeLessThanOrEqual(LIMITS.modal.submit);
    expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.modal.maxBlocks);
    const zone = view.blocks.find((b) => b.block_id === "subscribe.zone") as {
      element: {
        option_groups: { options: { text: { text: string } }[] }[];
        initial_option: { value: string };
      };
    };
    const options = zone.element.option_groups.flatMap((g) => g.options);
    expect(options.length).toBeLessThanOrEqual(100);
    for (const o of options) expect(o.text.text.length).toBeLessThanOrEqual(75);
    expect(zone.element.initial_option.value).toBe("Asia/Tehran");
  });

  it("is filled in with the digest it edits, or a cron when it is not times and days", () => {
    const view = renderSubscribeModal(
      input({
        editing: true,
        values: { ...input().values, times: [], days: [], cron: "*/15 9-17 * * 1-5" },
      }),
      enCtx,
    );
    expect(view.title.text).toBe("Edit digest");
    expect(view.submit?.text).toBe("Save");
    const byId = (id: string) =>
      view.blocks.find((b) => b.block_id === id) as unknown as Record<string, unknown>;
    expect(byId("subscribe.cron")).toMatchObject({
      element: { initial_value: "*/15 9-17 * * 1-5" },
    });
    // With a cron, no time is required or filled in.
    expect(byId("subscribe.time1")).toMatchObject({
      optional: true,
      element: { type: "timepicker" },
    });
    expect(
      (byId("subscribe.time1").element as Record<string, unknown>).initial_time,
    ).toBeUndefined();
  });
});

describe("announcements", () => {
  it("are one line, in the digest's language, naming who did what, and never ping", () => {
    const hostile = digest({ filter: { stateId: 2, username: "<!here> *x*" }, language: "en" });
    const line = renderAnnouncement({ kind: "created", digest: hostile }, "U0BOB", enCtx);
    expect(line.blocks).toHaveLength(1);
    expect(line.text).toBe(
      "📬 <@U0BOB> subscribed this channel to a digest of *Waiting for support · user &lt;!here&gt; ∗x∗*, 08:30, Mon–Fri (Asia/Tehran). `/tickets digests` shows this channel's digests.",
    );
    expectValidMessage(line);
    const persian = renderAnnouncement({ kind: "paused", digest: digest() }, "U0BOB", faCtx);
    expect(persian.text).toContain("گزارش ۰۸:۳۰ را متوقف کرد");
  });
});

describe("a refused /tickets subscribe", () => {
  it("fits however many problems there are", () => {
    const errors = Array.from({ length: 400 }, (_, i) => ({
      kind: "bad-times" as const,
      token: `at:${"9".repeat(50)}${i}`,
    }));
    const message = renderSubscribeErrors(errors, enCtx);
    expectValidMessage(message);
    expect(allText(message)).toMatch(/…and \d+ more problems/);
  });
});

describe("a digest's run history in the list", () => {
  const history = {
    last: {
      at: new Date("2026-03-10T05:00:03Z"),
      outcome: "failed" as const,
      waitingCount: undefined,
      failure: { kind: "panel-auth" as const, detail: "401" },
      messageTs: undefined,
    },
    failing: { since: new Date("2026-03-08T05:00:00Z"), runs: 3, told: true },
    recent: [
      { at: new Date("2026-03-10T05:00:03Z"), outcome: "failed" as const },
      { at: new Date("2026-03-09T05:00:03Z"), outcome: "failed" as const },
      { at: new Date("2026-03-07T05:00:03Z"), outcome: "posted" as const },
    ],
  };

  it("words a failure for people, says since when it fails and that the channel was told", () => {
    const text = allText(renderDigestList([digest({ language: "en", ...history })], enCtx));
    expect(text).toMatch(
      /Last: .+ refused the bot's token \(HTTP 401\): an operator must check `TICKET_API_TOKEN`/,
    );
    expect(text).toMatch(/⚠️ Failing since .+: 3 runs in a row; this channel was told\./);
    expect(text).toMatch(/Recent runs: ❌ .+ · ❌ .+ · ✅ .+/);
    expect(text).not.toMatch(/archives/);
  });

  it("words a failure of no known kind as the bot's own, never showing what an exception said", () => {
    const unknown = { ...history, last: { ...history.last, failure: undefined } };
    const text = allText(renderDigestList([digest({ language: "en", ...unknown })], enCtx));
    expect(text).toMatch(
      /Last: .+ the bot itself ran into trouble: an operator should look at the bot's log/,
    );
  });

  it("links the last posted digest, in Persian too, and refuses a link it cannot trust", () => {
    const posted = {
      last: { ...history.last, outcome: "posted" as const, waitingCount: 4, failure: undefined },
    };
    const en = allText(
      renderDigestList(
        [digest({ ...posted, last: { ...posted.last, messageTs: "1700000000.000100" } })],
        enCtx,
      ),
    );
    expect(en).toContain("<https://slack.com/archives/C0123/p1700000000000100|open>");
    const persian = renderDigestList([digest({ ...history })], faCtx);
    expectValidMessage(persian);
    expect(allText(persian)).toContain("۳ اجرا پشت سر هم");
    const forged = allText(
      renderDigestList(
        [digest({ ...posted, last: { ...posted.last, messageTs: "1|<!channel>" } })],
        enCtx,
      ),
    );
    expect(forged).not.toMatch(/archives|<!channel>/);
  });
});
