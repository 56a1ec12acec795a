import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { decodeListState } from "../../src/contract/list-state";
import { digestCategories } from "../../src/digest/aggregate";
import type { CategoryCount, DigestSummary, DigestTicket } from "../../src/digest/types";
import type { SlackMessage } from "../../src/render/context";
import { renderDigest, renderDigestEmpty } from "../../src/render/digest";
import { MAX_ID } from "../../src/tickets/ticket-filters";
import { nastyText } from "./arbitraries";
import {
  buttonsOf,
  ctx,
  DATE_TOKEN,
  expectNoHostileMarkup,
  expectWithinSlackLimits,
  HOSTILE,
  mrkdwnObjects,
  NOW,
  shownStrings,
  stringsOf,
} from "./helpers";
import { worstDigestSummary, worstText as worstTextOf } from "./worst-case";

const { t } = ctx;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPTIONS = { overdueHours: 24, top: 10 };

const FC_SEED = Number(process.env.FC_SEED ?? 20_250_102);
const NUM_RUNS = 40;

const waiting = (waitedMs: number, over: Partial<DigestTicket> = {}): DigestTicket => ({
  ticketId: 100_001,
  subject: "Mail server not sending",
  username: "sampleuser",
  categoryName: "Hosting",
  subCategoryTitle: "Email",
  categoryId: 10,
  updatedAt: new Date(NOW.getTime() - waitedMs),
  waitedMs,
  overdue: waitedMs >= DAY,
  adminSeen: true,
  ...over,
});

const BY_CATEGORY: CategoryCount[] = [
  { name: "Hosting", categoryId: 10, count: 15 },
  { name: "Domains", categoryId: 11, count: 9 },
  { name: "صورتحساب", categoryId: 12, count: 7 },
  { categoryId: 13, count: 4 },
  { count: 3 },
  { name: "API", categoryId: 15, count: 2 },
  { name: "SSL", categoryId: 16, count: 1 },
  { name: "VPS", categoryId: 17, count: 1 },
];

/** A summary as the aggregator makes it: `byCategory` (largest first) folded as digests fold it. */
const summaryOf = ({
  byCategory = BY_CATEGORY,
  ...over
}: Partial<DigestSummary> & { byCategory?: CategoryCount[] } = {}): DigestSummary => ({
  total: 42,
  approximate: false,
  counted: 42,
  longestWaitMs: 3 * DAY + 4 * HOUR,
  overdueCount: 5,
  unseenCount: 3,
  categories: digestCategories(byCategory),
  top: [
    waiting(3 * DAY + 4 * HOUR, { ticketId: 100_001, adminSeen: false }),
    waiting(2 * DAY, { ticketId: 100_002, subject: "سلام، سرور من کار نمی‌کند", username: "علی" }),
    waiting(30 * HOUR, { ticketId: 100_003, subCategoryTitle: undefined }),
    waiting(3 * HOUR, { ticketId: 100_004, adminSeen: false, categoryName: undefined }),
    waiting(20 * 60_000, {
      ticketId: 100_005,
      username: undefined,
      categoryName: undefined,
      subCategoryTitle: undefined,
    }),
  ],
  unreadable: 0,
  generatedAt: NOW,
  ...over,
});

const shown = (message: SlackMessage) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");

/** Every `<!…>` a reader could see must be a date token: no mention of the bot's making. */
const expectOnlyDateTokens = (message: SlackMessage) => {
  for (const s of stringsOf(message)) {
    expect(s.value.replace(DATE_TOKEN, "")).not.toMatch(/<[!@#]/);
    expect(s.value).not.toMatch(/<!(?!date\^)/);
  }
};

describe("renderDigest with a realistic queue", () => {
  const message = renderDigest(summaryOf(), OPTIONS, ctx);
  const text = shown(message);

  it("heads with the number waiting", () => {
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "🔴 42 tickets waiting for support" },
    });
  });

  it("gives the longest wait, overdue and unseen counts", () => {
    expect(text).toContain("⌛ Longest wait: *3 d 4 h*");
    expect(text).toContain("⏰ *5 overdue* (waiting 1 d or more)");
    expect(text).toContain("🆕 *3 new* (not yet seen by staff)");
  });

  it("counts per category, largest first, the tail folded into other", () => {
    const section = mrkdwnObjects(message).find((m) => m.text.startsWith("*By category*"));
    expect(section?.text.split("\n")).toEqual([
      "*By category*",
      "• *15* · Hosting",
      "• *9* · Domains",
      "• *7* · صورتحساب",
      "• *4* · category 13 (no name)",
      "• *3* · no category",
      "• *4* · other (3 categories)",
    ]);
  });

  it("names a sixth category rather than folding it alone into other", () => {
    const six = BY_CATEGORY.slice(0, 6);
    const folded = shown(renderDigest(summaryOf({ byCategory: six }), OPTIONS, ctx));
    expect(folded).toContain("• *2* · API");
    expect(folded).not.toContain("other (");
  });

  it("lists the longest waiting with their details and marks", () => {
    expect(text).toContain("*5 longest waiting*");
    expect(text).toContain("*#100001* · ⏰ *Overdue* · 🆕 *New* · Mail server not sending");
    expect(text).toContain("*#100002* · ⏰ *Overdue* · سلام، سرور من کار نمی‌کند");
    expect(text).toContain("*#100004* · 🆕 *New* · Mail server not sending");
    expect(text).toContain("*#100005* · Mail server not sending");
    expect(text).toContain("👤 sampleuser");
    expect(text).toContain("👤 علی");
    expect(text).toContain("👤 unknown customer");
    expect(text).toContain("📁 Hosting › Email");
    expect(text).toContain("📁 Hosting\n");
    expect(text).toContain("📁 Email");
    expect(text).toContain("📁 no category");
    expect(text).toContain(
      "⏳ waiting 3 d 4 h (since <!date^1735545600^{date_short_pretty} {time}|2024-12-30 08:00 UTC>)",
    );
    expect(text).toContain("⏳ waiting 20 min (since ");
  });

  it("says how many more are waiting than are shown", () => {
    expect(text).toContain("+37 more waiting");
  });

  it("offers View all, opening page 1 of the waiting-for-support list", () => {
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.action_id)).toEqual([ACTION_IDS.openList]);
    expect(buttons[0]?.text.text).toBe(t.digest.viewAll);
    expect(decodeListState(buttons[0]?.value ?? "")).toEqual({
      filter: { stateId: 2 },
      page: 1,
      perPage: 10,
    });
  });

  it("says when the figures were taken", () => {
    expect(text).toContain(
      "As of <!date^1735819200^{date_short_pretty} {time}|2025-01-02 12:00 UTC>",
    );
  });

  it("has a fallback that states the count, with times written out", () => {
    expect(message.text.split("\n")[0]).toBe(
      "42 tickets waiting for support · longest 3 d 4 h · 5 overdue · as of 2025-01-02 12:00 UTC",
    );
    expect(message.text).toContain("#100002 سلام، سرور من کار نمی‌کند");
    expect(message.text).not.toContain("<!date");
  });

  it("writes fallback times in the context's zone", () => {
    const tehran = renderDigest(summaryOf(), OPTIONS, { ...ctx, timeZone: "Asia/Tehran" });
    expect(tehran.text).toContain("as of 2025-01-02 15:30 +03:30");
  });

  it("does not claim figures are approximate when they are not", () => {
    expect(text).not.toContain(t.digest.approximate);
  });

  it("stays within limits, verbatim, with no mention but date tokens", () => {
    expectWithinSlackLimits(message);
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
    expectOnlyDateTokens(message);
    for (const s of shownStrings(message)) expect(s.value).not.toContain("@");
  });
});

describe("renderDigest edge cases", () => {
  it("says the figures are approximate when the queue moved", () => {
    const message = renderDigest(summaryOf({ approximate: true, counted: 44 }), OPTIONS, ctx);
    expect(shown(message)).toContain(
      "⚠️ These figures are approximate: the queue changed while it was being read.",
    );
    expect(message.text).toMatch(/^About 42 tickets waiting for support · /);
  });

  it("has no +more when everything waiting is shown", () => {
    const message = renderDigest(summaryOf({ total: 5, counted: 5 }), OPTIONS, ctx);
    expect(shown(message)).not.toContain("more waiting");
  });

  it("leaves out what it does not know and shows no empty sections", () => {
    const message = renderDigest(
      summaryOf({ longestWaitMs: undefined, byCategory: [], top: [] }),
      { ...OPTIONS, top: 0 },
      ctx,
    );
    const text = shown(message);
    expect(text).not.toContain("Longest wait");
    expect(text).not.toContain("By category");
    expect(text).not.toContain("longest waiting");
    expect(text).toContain("+42 more waiting");
    expect(message.blocks.map((b) => b.type)).toEqual([
      "header",
      "section",
      "context",
      "context",
      "actions",
    ]);
    expect(message.text).toBe(
      "42 tickets waiting for support · 5 overdue · as of 2025-01-02 12:00 UTC",
    );
  });

  it("shows no more rows than options.top", () => {
    const message = renderDigest(summaryOf(), { ...OPTIONS, top: 2 }, ctx);
    expect(shown(message)).toContain("*2 longest waiting*");
    expect(shown(message)).not.toContain("#100003");
    expect(shown(message)).toContain("+40 more waiting");
  });

  it("keeps a short subject whole and says so when there is none", () => {
    const subject = "x".repeat(250);
    const message = renderDigest(
      summaryOf({
        top: [waiting(HOUR, { subject }), waiting(HOUR, { ticketId: 2, subject: " " })],
      }),
      OPTIONS,
      ctx,
    );
    expect(shown(message)).toContain(subject);
    expect(shown(message)).toContain("*#2* · (no subject)");
  });
});

describe("renderDigestEmpty", () => {
  const message = renderDigestEmpty(ctx);

  it("is a short note stating 0, with its time written out in the fallback", () => {
    expect(message.text).toBe("0 tickets waiting for support · as of 2025-01-02 12:00 UTC");
    expect(shown(message)).toContain(t.digest.empty);
    expect(shown(message)).toContain("As of <!date^1735819200^");
    expect(buttonsOf(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(2);
  });

  it("stays within limits, verbatim, with no mention but date tokens", () => {
    expectWithinSlackLimits(message);
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
    expectOnlyDateTokens(message);
  });
});

describe("hostile text in a digest", () => {
  const hostile = (id: number) =>
    waiting(5 * DAY, {
      ticketId: id,
      subject: HOSTILE,
      username: HOSTILE,
      categoryName: HOSTILE,
      subCategoryTitle: HOSTILE,
      adminSeen: false,
    });
  const message = renderDigest(
    summaryOf({
      byCategory: [{ name: HOSTILE, categoryId: 1, count: 9 }, ...BY_CATEGORY],
      top: [hostile(1), hostile(2)],
    }),
    OPTIONS,
    ctx,
  );

  it("never appears as markup, in blocks or in the fallback text", () => {
    expectNoHostileMarkup(message);
    expectOnlyDateTokens(message);
  });

  it("marks every mrkdwn object verbatim", () => {
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
  });

  it("is escaped, not removed, wherever it appears", () => {
    const text = shown(message);
    const escaped = "&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|x&gt;";
    expect(text).toContain(`*#1* · ⏰ *Overdue* · 🆕 *New* · ${escaped}`);
    expect(text).toContain(`👤 ${escaped}`);
    expect(text).toContain(`• *9* · ${escaped}`);
    expect(message.text).toContain(`#1 ${escaped}`);
  });

  it("strips bidi overrides but keeps right-to-left text and its marks", () => {
    const rtl = "\u200Fسلام\u202E دنیا";
    const text = shown(
      renderDigest(
        summaryOf({ top: [waiting(HOUR, { subject: rtl, username: rtl })] }),
        OPTIONS,
        ctx,
      ),
    );
    expect(text).toContain("· \u200Fسلام دنیا");
    expect(text).toContain("👤 \u200Fسلام دنیا");
  });
});

const worstText = (n: number) => worstTextOf(n, "سلام");
const worstSummary = (tickets: number) => worstDigestSummary(tickets, worstText);

const rowsOf = (message: SlackMessage) =>
  shownStrings(message).filter((s) => s.value.startsWith("⏳ waiting")).length;

describe("renderDigest with tickets the panel sent malformed", () => {
  it("says how many could not be read, and that the figures leave them out", () => {
    const one = shown(renderDigest(summaryOf({ unreadable: 1 }), OPTIONS, ctx));
    expect(one).toContain(
      "⚠️ 1 waiting ticket could not be read (the panel sent it in a form the bot does not understand), so it is left out of the figures. The details are in the bot's log.",
    );
    const many = shown(renderDigest(summaryOf({ unreadable: 1200 }), OPTIONS, ctx));
    expect(many).toContain("⚠️ 1,200 waiting tickets could not be read");
    expect(shown(renderDigest(summaryOf(), OPTIONS, ctx))).not.toContain("could not be read");
  });
});

describe("Block Kit limits hold whatever the summary holds", () => {
  it.each([20, 21, 30])("%i worst-case tickets: rows shrunk, not dropped, while they fit", (n) => {
    const message = renderDigest(worstSummary(n), { overdueHours: 24 * 365, top: n }, ctx);
    expectWithinSlackLimits(message);
    expectNoHostileMarkup(message);
    expectOnlyDateTokens(message);
    const rows = rowsOf(message);
    if (n <= 20) expect(rows).toBe(n);
    expect(shown(message)).toContain(t.digest.more(2_000_000_000 - rows));
  });

  it("for random hostile summaries (property)", () => {
    console.log(`fast-check seed ${FC_SEED}, ${NUM_RUNS} runs (FC_SEED=… to replay)`);
    const id = fc.integer({ min: 1, max: MAX_ID });
    const count = fc.integer({ min: 0, max: 2_000_000_000 });
    const optionalText = fc.option(nastyText(), { nil: undefined });
    const ticketArb: fc.Arbitrary<DigestTicket> = fc.record({
      ticketId: id,
      subject: nastyText(),
      username: optionalText,
      categoryName: optionalText,
      subCategoryTitle: optionalText,
      categoryId: fc.option(id, { nil: undefined }),
      updatedAt: fc.date({ min: new Date("2000-01-01"), max: NOW, noInvalidDate: true }),
      waitedMs: fc.integer({ min: 0, max: 40 * 365 * DAY }),
      overdue: fc.boolean(),
      adminSeen: fc.boolean(),
    });
    const categoryArb: fc.Arbitrary<CategoryCount> = fc.record({
      name: optionalText,
      categoryId: fc.option(id, { nil: undefined }),
      count: fc.integer({ min: 1, max: 2_000_000_000 }),
    });
    const summaryArb: fc.Arbitrary<DigestSummary> = fc.record({
      total: count,
      approximate: fc.boolean(),
      counted: count,
      longestWaitMs: fc.option(fc.integer({ min: 0, max: 40 * 365 * DAY }), { nil: undefined }),
      overdueCount: count,
      unseenCount: count,
      categories: fc.array(categoryArb, { maxLength: 200 }).map(digestCategories),
      top: fc.array(ticketArb, { maxLength: 25 }),
      unreadable: count,
      generatedAt: fc.constant(NOW),
    });
    const optionsArb = fc.record({
      overdueHours: fc.integer({ min: 1, max: 24 * 365 }),
      top: fc.integer({ min: 0, max: 25 }),
    });
    fc.assert(
      fc.property(summaryArb, optionsArb, (summary, options) => {
        const message = renderDigest(summary, options, ctx);
        expectWithinSlackLimits(message);
        expectNoHostileMarkup(message);
        expectOnlyDateTokens(message);
        for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
        expect(message.text).toContain(t.digest.title(summary.total));
        expect(message.text).not.toContain("<!date");
      }),
      { numRuns: NUM_RUNS, seed: FC_SEED },
    );
  });
});
