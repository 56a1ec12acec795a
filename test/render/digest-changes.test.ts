import { describe, expect, it } from "vitest";
import type { DigestChanges } from "../../src/digest/changes";
import { FAILURE_KINDS } from "../../src/digest/failure";
import type { DigestSummary, DigestTicket } from "../../src/digest/types";
import { en, fa } from "../../src/i18n";
import type { RenderContext } from "../../src/render/context";
import { renderDigest, renderDigestEmpty } from "../../src/render/digest";
import {
  renderFailingAlert,
  renderFailingNotice,
  renderRecoveredNotice,
} from "../../src/render/digest-notice";
import { allText } from "../support/blocks";
import { ctx, expectNoHostileMarkup, expectWithinSlackLimits, NOW } from "./helpers";

const ticket = (ticketId: number): DigestTicket => ({
  ticketId,
  subject: `Subject ${ticketId}`,
  updatedAt: new Date(NOW.getTime() - 3_600_000),
  waitedMs: 3_600_000,
  overdue: false,
  adminSeen: true,
});
const summary: DigestSummary = {
  total: 3,
  approximate: false,
  counted: 3,
  overdueCount: 0,
  unseenCount: 0,
  categories: { kept: [], other: 0, otherCategories: 0 },
  top: [ticket(1), ticket(2), ticket(3)],
  unreadable: 0,
  generatedAt: NOW,
};
const compared: DigestChanges = {
  kind: "compared",
  since: new Date(NOW.getTime() - 86_400_000),
  added: 1_200,
  left: 5,
  still: 2,
  seenBefore: new Set([2, 3]),
};
const faCtx: RenderContext = { t: fa, now: NOW, timeZone: "Asia/Tehran" };
const text = (m: { blocks: unknown[] }) => allText(m);

describe("the digest's word on what changed", () => {
  it("says new, left, still waiting and the change in the total under the figures, and marks tickets seen before", () => {
    const message = renderDigest(summary, { overdueHours: 24, top: 10, changes: compared }, ctx);
    const all = text(message);
    expect(all).toMatch(
      /Since the last digest \(<!date\^\d+\^[^>]+>\): \*1,200 new\*, \*5 left\*, 2 still waiting · ▲ 1,195/,
    );
    expect(all.match(/🔁 in the last digest too/g)).toHaveLength(2);
    // The mark sits with its own ticket: #1 is new.
    const rows = message.blocks.map((b) => JSON.stringify(b));
    const firstRow = rows.findIndex((r) => r.includes("#1*"));
    expect(rows[firstRow + 1]).not.toContain("🔁");
    expectWithinSlackLimits(message);
    expectNoHostileMarkup(message, [/<!date\^\d+\^[^>]+>/g]);
  });

  it("says why nothing is compared, in each case, and a falling total with ▼", () => {
    for (const [changes, words] of [
      [{ kind: "first" }, /first run: nothing to compare with yet/],
      [{ kind: "filters-changed" }, /filters changed since its last run/],
      [
        { kind: "not-claimed" },
        /No comparison with the last digest: this one's figures are approximate/,
      ],
      [{ kind: "unavailable" }, /could not be recalled/],
      [{ ...compared, added: 0, left: 4 }, /▼ 4/],
    ] as const) {
      expect(text(renderDigest(summary, { overdueHours: 24, top: 10, changes }, ctx))).toMatch(
        words,
      );
    }
    expect(text(renderDigest(summary, { overdueHours: 24, top: 10 }, ctx))).not.toMatch(
      /last digest|first run/,
    );
    expect(text(renderDigestEmpty(ctx, undefined, { ...compared, added: 0, still: 0 }))).toMatch(
      /\*5 left\*/,
    );
  });

  it("speaks Persian with Persian digits", () => {
    const all = text(
      renderDigest(summary, { overdueHours: 24, top: 10, changes: compared }, faCtx),
    );
    expect(all).toContain("۱٬۲۰۰ تازه");
    expect(all).toContain("▲ ۱٬۱۹۵");
    expect(all).toContain("در گزارش قبلی هم بود");
  });
});

describe("a failing digest's notices", () => {
  const data = {
    cron: "30 8 * * 1-5",
    channelId: "C0123456789",
    failure: { kind: "panel-auth", detail: "401" } as const,
    runs: 3,
  };

  it("name the cause in plain words and who can fix it, once failing and once recovered", () => {
    expect(renderFailingNotice(data, ctx).text).toBe(
      "⚠️ the 08:30 digest could not be posted: the ticket panel refused the bot's token (HTTP 401): an operator must check TICKET_API_TOKEN. It will keep trying at its usual times; this channel hears again when it works.",
    );
    expect(renderRecoveredNotice(data, ctx).text).toBe(
      "✅ the 08:30 digest works again, after 3 failed runs.",
    );
    // An operator's digest without a schedule (DIGEST_SCHEDULE=off) has no times to be named by.
    // Nor times to keep trying at: it runs again when an operator or their scheduler runs it.
    const unscheduled = renderFailingNotice({ ...data, cron: "off" }, ctx).text;
    expect(unscheduled).toMatch(/^⚠️ the operator's digest could not be posted/);
    expect(unscheduled).toContain("It will be tried again the next time it is run;");
    expect(unscheduled).not.toContain("usual times");
    expect(renderFailingNotice({ ...data, cron: "off" }, faCtx).text).toContain(
      "دفعهٔ بعد که اجرا شود",
    );
    expect(renderFailingAlert(data, ctx).blocks).toHaveLength(1);
    expect(text(renderFailingAlert(data, ctx))).toContain("<#C0123456789>");
    // Told in ALERT_CHANNEL, a channel's own trouble is the digest's channel's, not "this" one's.
    const notInChannel = {
      ...data,
      failure: { kind: "slack-not-in-channel", detail: "not_in_channel" },
    } as const;
    expect(renderFailingNotice(notInChannel, ctx).text).toContain(
      "the bot is not a member of this channel (not_in_channel): anyone here can invite it",
    );
    expect(renderFailingAlert(notInChannel, ctx).text).toContain(
      "the bot is not a member of the digest's channel (not_in_channel): anyone in it can invite the bot",
    );
    expect(text(renderFailingAlert({ ...data, channelId: "<!channel>" }, ctx))).not.toContain(
      "<!channel>",
    );
    expect(renderFailingNotice({ ...data, failure: undefined }, faCtx).text).toContain(
      "خود ربات به مشکل خورد",
    );
  });
});

describe("every kind of failure, in words", () => {
  const ISOLATED = /[\u2066\u2067\u2068][^\u2066-\u2069]*\u2069/g;
  it.each(FAILURE_KINDS)("%s: worded in both catalogs, here and elsewhere", (kind) => {
    for (const elsewhere of [false, true]) {
      const english = en.digestHealth.cause(kind, "503", elsewhere);
      expect(english).toMatch(/^\S.+: .+/);
      const persian = fa.digestHealth.cause(kind, "503", elsewhere);
      // Latin (settings, codes) and digits only inside isolates.
      expect(persian.replace(ISOLATED, "")).not.toMatch(/[A-Za-z0-9]/);
    }
  });
});
