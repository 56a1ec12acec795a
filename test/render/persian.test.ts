import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fa } from "../../src/i18n";
import { renderAccessDenied, renderWrongWorkspace } from "../../src/render/access";
import { renderButtonExpired, renderTicketApiError } from "../../src/render/api-error";
import { renderCommandErrors } from "../../src/render/command-errors";
import type { RenderContext, SlackMessage } from "../../src/render/context";
import { renderDigest, renderDigestEmpty } from "../../src/render/digest";
import { renderHelp } from "../../src/render/help";
import { renderNoticeModal } from "../../src/render/notice-modal";
import {
  renderBusy,
  renderForeignHooks,
  renderOutdatedMessage,
  renderUnknownCommand,
  renderUnreadableRequest,
} from "../../src/render/request-notices";
import { renderShareRefused } from "../../src/render/share";
import {
  renderDetailsErrorModal,
  renderDetailsLoadingModal,
  renderTicketDetailsMessage,
  renderTicketDetailsModal,
  renderTicketNotFound,
  renderTicketNotFoundModal,
} from "../../src/render/ticket-details";
import { renderTicketList } from "../../src/render/ticket-list";
import type { CommandError } from "../../src/tickets/command";
import {
  TicketApiAuthError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRedirectError,
  TicketApiRejectedError,
  TicketApiServerError,
  TicketApiShapeError,
  TicketApiTimeoutError,
  TicketApiTooLargeError,
  TicketApiUnreachableError,
} from "../../src/tickets/errors";
import { ticketPageSchema, ticketSchema } from "../../src/tickets/schemas";
import { MAX_ID } from "../../src/tickets/ticket-filters";
import { LIST_MAX_PER_PAGE, MAX_PAGE } from "../../src/tickets/ticket-query";
import { detailedTicketJsonArb, metaArb, noticesArb, queryArb, ticketJsonArb } from "./arbitraries";
import {
  expectNoHostileMarkup,
  expectWithinModalLimits,
  expectWithinSlackLimits,
  HOSTILE,
  modalAsMessage,
  NOW,
  PANEL,
  SHARER,
  shownStrings,
  ticketJson,
} from "./helpers";
import {
  WORST_LIST_REQUEST,
  worstDetails as worstDetailsOf,
  worstDigestSummary,
  worstListTicket,
  worstText as worstTextOf,
} from "./worst-case";

/**
 * The Persian catalog through every renderer: Block Kit's limits hold (Persian sentences run
 * longer, and every line carries direction marks), untrusted text stays inert, and the lines
 * read right to left. Golden renders of whole messages are in test/demo/persian-demo.test.ts.
 */

const faCtx: RenderContext = { t: fa, now: NOW, timeZone: "Asia/Tehran" };
const linkedFaCtx: RenderContext = { ...faCtx, ticketUrl: (id) => `${PANEL}${id}` };
const longestLinkFaCtx: RenderContext = {
  ...faCtx,
  ticketUrl: (id) => `https://panel.example.com/${"p".repeat(1000 - 38)}/${id}`,
};

/** Our own mention, isolated so a Latin display name cannot reorder the Persian around it. */
const OWN_MENTION = new RegExp(`<@${SHARER}>`, "g");
/** A panel link whose label is a Persian ticket number, isolated left to right. */
const OWN_LINK = /<https:\/\/panel\.example\.com\/[a-z/]*\d+\|\u2066#[۰-۹]+\u2069>/g;

const FC_SEED = Number(process.env.FC_SEED ?? 1_403_1229);
const NUM_RUNS = 40;

/** Worst-case text with Persian and stray isolates in it. */
const worstText = (n: number) => worstTextOf(n, "سلام\u2067\u2069");

describe("Persian lists within Block Kit's limits", () => {
  it.each([20, 30, 100])("%i worst-case rows", (n) => {
    const page = ticketPageSchema.parse({
      data: Array.from({ length: n }, (_, i) => worstListTicket(i, worstText)),
      meta: { current_page: MAX_PAGE - 1, last_page: MAX_PAGE, per_page: n, total: 2_000_000_000 },
    });
    for (const ctx of [faCtx, longestLinkFaCtx]) {
      const message = renderTicketList(page, WORST_LIST_REQUEST, ctx);
      expectWithinSlackLimits(message);
      expectNoHostileMarkup(message, [OWN_LINK]);
      const titles = message.blocks.filter((b) => b.type === "section").length;
      if (n <= LIST_MAX_PER_PAGE) expect(titles).toBe(n);
    }
  });

  it("for random hostile pages (property)", () => {
    const pageArb = fc.record({ data: fc.array(ticketJsonArb, { maxLength: 24 }), meta: metaArb });
    fc.assert(
      fc.property(pageArb, queryArb, noticesArb, (raw, query, notices) => {
        const page = ticketPageSchema.parse({
          data: raw.data.map((t) => ticketJson(t)),
          meta: raw.meta,
        });
        const message = renderTicketList(page, { query, notices }, linkedFaCtx);
        expectWithinSlackLimits(message);
        expectNoHostileMarkup(message, [OWN_LINK]);
      }),
      { numRuns: NUM_RUNS, seed: FC_SEED },
    );
  });
});

const worstDetails = worstDetailsOf(0, worstText);

describe("Persian details within Block Kit's limits", () => {
  it.each([
    ["no link", faCtx],
    ["links", linkedFaCtx],
    ["the longest links", longestLinkFaCtx],
  ])("worst-case ticket with %s: message and modal", (_name, ctx) => {
    for (const message of [
      renderTicketDetailsMessage(worstDetails, ctx),
      renderTicketDetailsMessage(worstDetails, ctx, { sharedBy: SHARER }),
    ]) {
      expectWithinSlackLimits(message);
      expectNoHostileMarkup(message, [OWN_MENTION, OWN_LINK]);
    }
    const modal = renderTicketDetailsModal(worstDetails, ctx, { canShare: true });
    expectWithinModalLimits(modal);
    expectNoHostileMarkup(modalAsMessage(modal), [OWN_LINK]);
  });

  it("for random hostile tickets (property)", () => {
    fc.assert(
      fc.property(detailedTicketJsonArb, fc.boolean(), (raw, canShare) => {
        const ticket = ticketSchema.parse(ticketJson(raw));
        const message = renderTicketDetailsMessage(ticket, linkedFaCtx, { sharedBy: SHARER });
        expectWithinSlackLimits(message);
        expectNoHostileMarkup(message, [OWN_MENTION, OWN_LINK]);
        const modal = renderTicketDetailsModal(ticket, linkedFaCtx, { canShare });
        expectWithinModalLimits(modal);
        expectNoHostileMarkup(modalAsMessage(modal), [OWN_LINK]);
      }),
      { numRuns: NUM_RUNS, seed: FC_SEED },
    );
  });

  it("titles a modal with the longest ticket number within 24 characters", () => {
    for (const modal of [
      renderDetailsLoadingModal(MAX_ID, faCtx),
      renderTicketNotFoundModal(MAX_ID, faCtx),
      renderTicketDetailsModal(ticketSchema.parse(ticketJson({ ticket_id: MAX_ID })), faCtx, {
        canShare: true,
      }),
    ]) {
      expectWithinModalLimits(modal);
      expect(modal.title.text).toBe("\u200Fتیکت \u2066#۲۱۴۷۴۸۳۶۴۷\u2069\u200F");
    }
  });
});

const worstSummary = (tickets: number) => worstDigestSummary(tickets, worstText);

describe("Persian digests within Block Kit's limits", () => {
  it.each([20, 21, 30])("%i worst-case tickets", (n) => {
    for (const ctx of [faCtx, longestLinkFaCtx]) {
      const message = renderDigest(worstSummary(n), { overdueHours: 24 * 365, top: n }, ctx);
      expectWithinSlackLimits(message);
      expectNoHostileMarkup(message, [OWN_LINK]);
      const rows = shownStrings(message).filter((s) => s.value.startsWith("⏳ ")).length;
      if (n <= 20) expect(rows).toBe(n);
    }
  });

  it("an empty queue", () => {
    const message = renderDigestEmpty(faCtx);
    expectWithinSlackLimits(message);
    expect(message.text).toBe(
      "\u200Fهیچ تیکتی در انتظار پشتیبانی نیست · وضعیت در ۱۳ دی ۱۴۰۳، ساعت ۱۵:۳۰\u200F",
    );
  });
});

const everyCommandError = (token: string): CommandError[] => [
  { kind: "unknown-key", token, key: token, suggestion: "state" },
  { kind: "repeated-key", token, key: "state" },
  { kind: "missing-value", token, key: "user" },
  { kind: "not-an-integer", token, key: "page" },
  { kind: "out-of-range", token, key: "id", min: 1, max: MAX_ID },
  { kind: "unknown-state", token, suggestion: "در-انتظار-پشتیبانی" },
  { kind: "too-long", token, key: "user", max: 100 },
  { kind: "bare-word", token, suggestion: "state:باز" },
  { kind: "command-too-long", token, max: 2000 },
];

describe("Persian answers, notices and errors within Block Kit's limits", () => {
  const messages: [string, SlackMessage][] = [
    ["help", renderHelp(faCtx)],
    ["every command error", renderCommandErrors(everyCommandError(HOSTILE), faCtx)],
    [
      "200 command errors",
      renderCommandErrors(
        Array.from({ length: 20 }, () => everyCommandError(worstText(60))).flat(),
        faCtx,
      ),
    ],
    ["access (user)", renderAccessDenied("ALLOWED_USER_IDS", faCtx)],
    ["access (channel)", renderAccessDenied("ALLOWED_CHANNEL_IDS", faCtx)],
    ["wrong workspace", renderWrongWorkspace(faCtx)],
    ["button expired", renderButtonExpired(faCtx)],
    ["out of date", renderOutdatedMessage(faCtx)],
    ["busy", renderBusy(faCtx)],
    ["unreadable request", renderUnreadableRequest(faCtx)],
    ["foreign hooks", renderForeignHooks(faCtx)],
    ["unknown command", renderUnknownCommand(HOSTILE, faCtx)],
    ["share refused", renderShareRefused(HOSTILE, faCtx)],
    ["not found", renderTicketNotFound(MAX_ID, faCtx)],
    ...[
      new TicketApiAuthError(401, HOSTILE),
      new TicketApiRateLimitError(new Date(NOW.getTime() + 60_000)),
      new TicketApiServerError(503),
      new TicketApiRejectedError(422, worstText(5000)),
      new TicketApiNotJsonError(200, "text/html", "<html>"),
      new TicketApiShapeError("issues"),
      new TicketApiTimeoutError(10_000),
      new TicketApiUnreachableError("ECONNREFUSED"),
      new TicketApiTooLargeError(5_000_000),
      new TicketApiRedirectError(302, worstText(5000), "other-origin"),
      new Error("a bug"),
    ].map((error): [string, SlackMessage] => [
      `API error ${error.name}`,
      renderTicketApiError(error, faCtx),
    ]),
  ];

  it.each(messages)("%s", (_name, message) => {
    expectWithinSlackLimits(message);
    expectNoHostileMarkup(message);
    expectWithinModalLimits(renderNoticeModal(message, faCtx));
  });

  it("an error in the details modal", () => {
    const modal = renderDetailsErrorModal(new TicketApiServerError(500), faCtx);
    expectWithinModalLimits(modal);
    expect(modal.title.text).toBe("\u200Fجزئیات تیکت\u200F");
  });
});

describe("Persian lines read right to left", () => {
  const page = ticketPageSchema.parse({
    data: [
      ticketJson({
        ticket_id: 100374,
        state_id: 2,
        subject: "خطای 500 در پنل SSL",
        admin_seen: 0,
        user: { uname: "ali.rezaei" },
        category: { name: "مالی و فروش" },
        sub_category: { title: "Refunds" },
      }),
    ],
    meta: { current_page: 1, last_page: 1, per_page: 10, total: 1 },
  });
  const message = renderTicketList(
    page,
    { query: { filter: {}, page: 1, perPage: 10 }, notices: [] },
    faCtx,
  );
  const texts = shownStrings(message).map((s) => s.value);

  it("isolates the ticket number, badge and subject in a row's title", () => {
    expect(texts).toContain(
      "🔴 \u200F*\u2066#۱۰۰۳۷۴\u2069* · \u2068🆕\u2069 *جدید* · \u2068خطای 500 در پنل SSL\u2069\u200F",
    );
  });

  it("isolates each name in a category path, whichever its direction", () => {
    expect(texts).toContain("📁 \u200F\u2068مالی و فروش\u2069 › \u2068Refunds\u2069\u200F");
  });

  it("writes ages and dates in Persian, in the context's zone", () => {
    const updated = texts.find((t) => t.startsWith("🕒"));
    expect(updated).toMatch(
      /^🕒 \u200Fآخرین تغییر: .+ پیش \(.+ ۱۴۰۳، ساعت [۰-۹]{2}:[۰-۹]{2}\)\u200F$/,
    );
    expect(texts).toContain("\u200Fوضعیت در ۱۳ دی ۱۴۰۳، ساعت ۱۵:۳۰\u200F");
  });

  it("writes no Slack date token: those would show Gregorian dates", () => {
    expect(JSON.stringify(message)).not.toContain("<!date");
  });
});
