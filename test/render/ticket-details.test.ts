import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { renderTicketApiError } from "../../src/render/api-error";
import type { RenderContext, SlackMessage } from "../../src/render/context";
import { ELLIPSIS } from "../../src/render/mrkdwn";
import {
  renderDetailsErrorModal,
  renderDetailsLoadingModal,
  renderTicketDetailsMessage,
  renderTicketDetailsModal,
  renderTicketNotFound,
  renderTicketNotFoundModal,
} from "../../src/render/ticket-details";
import {
  TicketApiAuthError,
  TicketApiRateLimitError,
  TicketApiServerError,
  TicketApiTimeoutError,
} from "../../src/tickets/errors";
import { ticketSchema } from "../../src/tickets/schemas";
import { MAX_ID } from "../../src/tickets/ticket-filters";
import {
  buttonsOf,
  ctx,
  expectNoHostileMarkup,
  expectWithinModalLimits,
  expectWithinSlackLimits,
  HOSTILE,
  linkedCtx,
  modalAsMessage,
  mrkdwnObjects,
  OWN_LINK,
  OWN_MENTION,
  PANEL,
  SHARER,
  sampleJson,
  shownStrings,
  ticketOf,
} from "./helpers";

const { t } = ctx;
const shown = (message: SlackMessage) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");
const fieldTexts = (message: SlackMessage) =>
  message.blocks.flatMap((b) =>
    b.type === "section" && b.fields ? b.fields.map((f) => f.text) : [],
  );

/** The plain_text sections under a long text's heading, in order. */
const piecesUnder = (blocks: readonly KnownBlock[], label: string): string[] => {
  const start = blocks.findIndex(
    (b) => b.type === "section" && b.text?.text === t.details.heading(label),
  );
  if (start < 0) return [];
  const pieces: string[] = [];
  for (const b of blocks.slice(start + 1)) {
    if (b.type !== "section" || b.text?.type !== "plain_text") break;
    pieces.push(b.text.text);
  }
  return pieces;
};

const CREATED = "<!date^1735725600^{date_short_pretty} {time}|2025-01-01 10:00 UTC>";
const UPDATED = "<!date^1735729200^{date_short_pretty} {time}|2025-01-01 11:00 UTC>";

describe("details of the provider's first sample ticket", () => {
  const ticket = ticketOf();
  const message = renderTicketDetailsMessage(ticket, ctx, {});
  const text = shown(message);
  const fields = fieldTexts(message);

  it("heads with the subject, then number, state and its marker", () => {
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Sample ticket with file" },
    });
    expect(text).toContain("🟢 *#100001* · Answered");
    expect(text).not.toContain("🆕");
  });

  it("shows every field the ticket has, each labelled", () => {
    expect(fields).toEqual([
      "*Importance*\nacute",
      "*Customer*\nsampleuser",
      "*Category*\nPlugins, Domains, API › System Errors",
      "*Jira*\n40001",
      `*Created*\n1 d 2 h ago\n${CREATED}`,
      `*Updated*\n1 d 1 h ago\n${UPDATED}`,
      "*Interactions*\n1",
      "*Longest interaction*\n0",
      "*Seen by staff*\nYes",
      "*Seen by customer*\nYes",
      `*Forwarded*\nfrom 200001 to 1\n1 d 2 h ago\n${CREATED}\nseen`,
    ]);
  });

  it("shows the description whole, under its heading", () => {
    expect(piecesUnder(message.blocks, t.details.description)).toEqual([
      "Sample description for file upload",
    ]);
  });

  it("leaves out what the panel left empty: no rating (0, no comment), no comments", () => {
    expect(text).not.toContain(t.details.rating);
    expect(text).not.toContain(t.details.managerComment);
    expect(text).not.toContain(t.details.closeDescription);
    expect(text).not.toContain(t.details.rateComment);
    expect(text).not.toMatch(/null|undefined|NaN/);
  });

  it("offers Share of this ticket, and no panel link without a template", () => {
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      [ACTION_IDS.shareTicket, t.details.share, "100001"],
    ]);
    expect(JSON.stringify(message)).not.toContain("http");
  });

  it("says when it was fetched, and has a fallback naming ticket and state", () => {
    expect(text).toContain("As of <!date^1735819200^");
    expect(message.text).toBe("#100001 Sample ticket with file · Answered");
  });

  it("stays within limits, verbatim, with nothing but date tokens as markup", () => {
    expectWithinSlackLimits(message);
    expectNoHostileMarkup(message);
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
  });
});

describe("details of the second sample ticket", () => {
  const second = sampleJson().data[1] ?? {};
  const message = renderTicketDetailsMessage(ticketSchema.parse(second), ctx);
  const fields = fieldTexts(message);

  it("shows the longest interaction as the number given, with no invented unit", () => {
    expect(fields).toContain("*Longest interaction*\n1234");
    expect(shown(message)).not.toMatch(/1,?234 ?(s|sec|seconds|min|minutes|ms|h)\b/);
  });

  it("says the customer has not seen it yet, and a forward not yet seen", () => {
    expect(fields).toContain("*Seen by customer*\nNot yet");
    expect(fields.find((f) => f.startsWith("*Forwarded*"))).toMatch(/\nnot seen yet$/);
  });
});

describe("details with every optional text", () => {
  const ticket = ticketOf({
    state_id: 4,
    admin_seen: 0,
    manager_comment: "Escalated to the network team.",
    close_desc: "Fixed by restarting the mail queue.",
    rate: 4,
    rate_comment: "Quick, thanks!",
    jira_id: "OPS-1234",
    desc: "First line\nSecond line\n\n\n\n\nAfter many blank lines   \n",
  });
  const message = renderTicketDetailsMessage(ticket, ctx);
  const text = shown(message);

  it("shows each, under its own heading", () => {
    expect(piecesUnder(message.blocks, t.details.managerComment)).toEqual([
      "Escalated to the network team.",
    ]);
    expect(piecesUnder(message.blocks, t.details.closeDescription)).toEqual([
      "Fixed by restarting the mail queue.",
    ]);
    expect(piecesUnder(message.blocks, t.details.rateComment)).toEqual(["Quick, thanks!"]);
    expect(fieldTexts(message)).toContain("*Rating*\n4");
    expect(fieldTexts(message)).toContain("*Jira*\nOPS-1234");
  });

  it("keeps the description's lines, shortening runs of blank ones", () => {
    expect(piecesUnder(message.blocks, t.details.description)).toEqual([
      "First line\nSecond line\n\nAfter many blank lines",
    ]);
  });

  it("marks a ticket staff have not seen, and names state 4", () => {
    expect(text).toContain("⚪ *#100001* · Closed · 🆕 *New*");
  });

  it("shows a rating of 0 that came with a comment", () => {
    const rated = renderTicketDetailsMessage(ticketOf({ rate: 0, rate_comment: "bad" }), ctx);
    expect(fieldTexts(rated)).toContain("*Rating*\n0");
    expect(piecesUnder(rated.blocks, t.details.rateComment)).toEqual(["bad"]);
  });
});

describe("details with empty and null fields", () => {
  const ticket = ticketOf({
    state_id: 6,
    subject: "  ",
    desc: null,
    importance: "",
    user: null,
    category: { name: null },
    sub_category: { title: "Email" },
    user_seen: null,
    interaction_count: null,
    longest_interaction: null,
    jira_id: null,
    rate: null,
    forward: null,
    manager_comment: "",
    close_desc: " \n ",
  });
  const message = renderTicketDetailsMessage(ticket, ctx);
  const text = shown(message);

  it("names an unknown state and a missing subject without crashing", () => {
    expect(text).toContain(`⚫ *#100001* · ${t.unknownState(6)}`);
    expect(message.blocks[0]).toMatchObject({ text: { text: t.list.noSubject } });
  });

  it("leaves every empty field out, never writing null or undefined", () => {
    expect(fieldTexts(message)).toEqual([
      "*Category*\nEmail",
      `*Created*\n1 d 2 h ago\n${CREATED}`,
      `*Updated*\n1 d 1 h ago\n${UPDATED}`,
      "*Seen by staff*\nYes",
    ]);
    for (const label of [
      t.details.description,
      t.details.closeDescription,
      t.details.managerComment,
      t.details.forwarded,
      t.details.jira,
    ])
      expect(text).not.toContain(label);
    expect(text).not.toMatch(/null|undefined|NaN/);
    expect(message.blocks.some((b) => b.type === "divider")).toBe(false);
    expectWithinSlackLimits(message);
  });

  it("leaves out a forward record that holds nothing, and shows a partial one", () => {
    const empty = renderTicketDetailsMessage(
      ticketOf({ forward: { from: null, to: null, created_at: null, seen: null } }),
      ctx,
    );
    expect(shown(empty)).not.toContain(t.details.forwarded);
    const partial = renderTicketDetailsMessage(ticketOf({ forward: { to: "Billing" } }), ctx);
    expect(fieldTexts(partial)).toContain("*Forwarded*\nto Billing");
  });
});

describe("hostile text in details", () => {
  const hostile = ticketOf({
    subject: HOSTILE,
    desc: `${HOSTILE}\n${HOSTILE}`,
    importance: HOSTILE,
    manager_comment: HOSTILE,
    close_desc: HOSTILE,
    rate: 3,
    rate_comment: HOSTILE,
    jira_id: HOSTILE,
    admin_seen: 0,
    user: { uname: HOSTILE },
    category: { name: HOSTILE },
    sub_category: { title: HOSTILE },
    forward: { from: HOSTILE, to: HOSTILE, created_at: "2025-01-01T10:00:00Z", seen: 0 },
  });
  const views: [string, SlackMessage][] = [
    ["a private message", renderTicketDetailsMessage(hostile, ctx)],
    ["a linked message", renderTicketDetailsMessage(hostile, linkedCtx)],
    ["a shared copy", renderTicketDetailsMessage(hostile, linkedCtx, { sharedBy: SHARER })],
    ["a modal", modalAsMessage(renderTicketDetailsModal(hostile, linkedCtx, { canShare: true }))],
  ];

  it.each(views)("never acts as markup in %s", (_name, message) => {
    expectNoHostileMarkup(message, [OWN_MENTION, OWN_LINK]);
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
    for (const s of shownStrings(message)) {
      const ours = s.value.replace(OWN_MENTION, "").replace(OWN_LINK, "");
      expect(ours).not.toMatch(/<@|<http|<!(?!date\^)/);
    }
  });

  it("is escaped, not removed: exact in plain text, with look-alikes in mrkdwn", () => {
    const [, message] = views[0] ?? [];
    if (!message) throw new Error("no message");
    const escaped = "&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|x&gt; &lt;!here&gt;";
    const [description] = piecesUnder(message.blocks, t.details.description);
    expect(description).toContain(`${escaped} &amp; &amp;amp; *bold* _it_ ~strike~ \`code\``);
    expect(description).toContain("\n");
    expect(description).not.toContain("\u202E");
    expect(fieldTexts(message)).toContain(
      `*Customer*\n${escaped} &amp; &amp;amp; ∗bold∗ ˍitˍ ∼strike∼ ˋcodeˋ evil.exe`,
    );
    expect(message.text).toContain(escaped);
  });

  it("writes the sharer's mention only for a real user id", () => {
    for (const sharedBy of ["<!channel>", "U123|x>", "u123", "U", "B0BOT", `U${"A".repeat(40)}`]) {
      const message = renderTicketDetailsMessage(hostile, ctx, { sharedBy });
      const text = shown(message);
      expect(text).toContain("Shared · as of <!date^");
      expect(text).not.toContain("<@");
      expect(buttonsOf(message).map((b) => b.action_id)).not.toContain(ACTION_IDS.shareTicket);
      expectNoHostileMarkup(message);
    }
  });
});

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemes = (s: string) => [...segmenter.segment(s)].map((g) => g.segment);
const unescapeEntities = (s: string) =>
  s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** ~20,000 UTF-16 units of Persian, ZWJ emoji, flags, marks, markup characters and lines. */
const longDescription = (() => {
  const units = ["سلام", " ", "دنیا", "👨‍👩‍👧‍👦", "🇮🇷", "مُحَمَّد", "<", "&", ">", "،", "\n"];
  let text = "";
  for (let i = 0; text.length < 20_000; i++) text += units[i % units.length];
  return text;
})();

/** The kept text must be a whole-grapheme start of the original, cut with an ellipsis. */
const expectGraphemePrefix = (pieces: string[]) => {
  const joined = pieces.join("");
  expect(joined.endsWith(ELLIPSIS)).toBe(true);
  const kept = unescapeEntities(joined.slice(0, -ELLIPSIS.length));
  const original = graphemes(longDescription);
  expect(original.slice(0, graphemes(kept).length).join("")).toBe(kept);
  expect(kept).toContain("\n");
  return kept;
};

describe("a 20,000-character Persian and emoji description", () => {
  const ticket = ticketOf({ desc: longDescription });

  it("in a message fits one section, cut by grapheme, with a notice", () => {
    expect(longDescription.length).toBeGreaterThanOrEqual(20_000);
    const message = renderTicketDetailsMessage(ticket, ctx);
    const pieces = piecesUnder(message.blocks, t.details.description);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]?.length).toBeLessThanOrEqual(3000);
    expect(pieces[0]?.length).toBeGreaterThan(2900);
    expectGraphemePrefix(pieces);
    expect(shown(message)).toContain("✂️ Shortened: too long to show here in full.");
    expectWithinSlackLimits(message);
  });

  it("in a modal spans several sections, shows more, and points to the panel", () => {
    const modal = renderTicketDetailsModal(ticket, linkedCtx, { canShare: false });
    const pieces = piecesUnder(modal.blocks as KnownBlock[], t.details.description);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    const kept = expectGraphemePrefix(pieces);
    expect(kept.length).toBeGreaterThan(9000);
    expect(shown(modalAsMessage(modal))).toContain(
      "✂️ Shortened: too long to show here in full. The whole text is in the panel.",
    );
    expectWithinModalLimits(modal);
  });

  it("is not cut, and says nothing about cutting, when it fits", () => {
    const message = renderTicketDetailsMessage(ticketOf({ desc: "short" }), ctx);
    expect(shown(message)).not.toContain("✂️ Shortened");
  });
});

describe("panel links in details", () => {
  const ticket = ticketOf();

  it("links the number and offers Open in panel when a template is set", () => {
    const message = renderTicketDetailsMessage(ticket, linkedCtx);
    expect(shown(message)).toContain(`🟢 *<${PANEL}100001|#100001>* · Answered`);
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.action_id)).toEqual([
      ACTION_IDS.openInPanel,
      ACTION_IDS.shareTicket,
    ]);
    expect(buttons[0]?.url).toBe(`${PANEL}100001`);
    expect(buttons[0]?.text.text).toBe(t.details.openInPanel);
    expectWithinSlackLimits(message);
  });

  it("has neither without a template", () => {
    const message = renderTicketDetailsMessage(ticket, ctx);
    expect(shown(message)).toContain("🟢 *#100001* · Answered");
    expect(buttonsOf(message).some((b) => b.url !== undefined)).toBe(false);
  });

  it.each<[string, NonNullable<RenderContext["ticketUrl"]>]>([
    ["a javascript: URL", () => "javascript:alert(1)"],
    ["something that is not a URL", () => "panel tickets 1"],
    [
      "nothing, by throwing",
      () => {
        throw new Error("bad template");
      },
    ],
    ["a URL over 1000 characters", (id) => `https://panel.example.com/${"a".repeat(1000)}/${id}`],
  ])("has neither when the template gives %s", (_name, ticketUrl) => {
    const message = renderTicketDetailsMessage(ticket, { ...ctx, ticketUrl });
    expect(shown(message)).toContain("🟢 *#100001* · Answered");
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual([ACTION_IDS.shareTicket]);
  });

  it("re-encodes characters that would end a link early", () => {
    const message = renderTicketDetailsMessage(ticket, {
      ...ctx,
      ticketUrl: (id) => `https://panel.example.com/a|b>c d/t?id=${id}&x=<y>`,
    });
    const url = "https://panel.example.com/a%7Cb%3Ec%20d/t?id=100001&x=%3Cy%3E";
    expect(shown(message)).toContain(`*<${url.replace("&", "&amp;")}|#100001>*`);
    expect(buttonsOf(message)[0]?.url).toBe(url);
    expectWithinSlackLimits(message);
  });
});

describe("the details modal", () => {
  const ticket = ticketOf();

  it("is titled with the number, closes with Close, and has no submit", () => {
    const modal = renderTicketDetailsModal(ticket, ctx, { canShare: false });
    expect(modal.type).toBe("modal");
    expect(modal.title).toEqual({ type: "plain_text", text: "Ticket #100001" });
    expect(modal.close).toEqual({ type: "plain_text", text: t.details.close });
    expect(modal.callback_id).toBeUndefined();
    expect(modal.private_metadata).toBeUndefined();
    expectWithinModalLimits(modal);
  });

  it("keeps the title within 24 characters for the largest number", () => {
    const modal = renderTicketDetailsModal(ticketOf({ ticket_id: MAX_ID }), ctx, {
      canShare: true,
    });
    expect(modal.title.text).toBe(`Ticket #${MAX_ID}`);
    expectWithinModalLimits(modal);
  });

  it("offers Share only when it can, and Open in panel only with a template", () => {
    const ids = (c: RenderContext, canShare: boolean) =>
      buttonsOf(modalAsMessage(renderTicketDetailsModal(ticket, c, { canShare }))).map(
        (b) => b.action_id,
      );
    expect(ids(ctx, false)).toEqual([]);
    expect(ids(ctx, true)).toEqual([ACTION_IDS.shareTicket]);
    expect(ids(linkedCtx, false)).toEqual([ACTION_IDS.openInPanel]);
    expect(ids(linkedCtx, true)).toEqual([ACTION_IDS.openInPanel, ACTION_IDS.shareTicket]);
    const share = buttonsOf(
      modalAsMessage(renderTicketDetailsModal(ticket, ctx, { canShare: true })),
    )[0];
    expect(share?.value).toBe("100001");
  });

  it("shows the same fields as the message", () => {
    const modal = modalAsMessage(renderTicketDetailsModal(ticket, ctx, { canShare: false }));
    expect(fieldTexts(modal)).toEqual(fieldTexts(renderTicketDetailsMessage(ticket, ctx)));
  });
});

describe("a shared copy of a ticket", () => {
  const message = renderTicketDetailsMessage(ticketOf(), linkedCtx, { sharedBy: SHARER });

  it("says who shared it and when, and has no Share of its own", () => {
    expect(shown(message)).toContain(
      `Shared by <@${SHARER}> · as of <!date^1735819200^{date_short_pretty} {time}|2025-01-02 12:00 UTC>`,
    );
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual([ACTION_IDS.openInPanel]);
  });

  it("does not ping the sharer from the notification text", () => {
    expect(message.text).not.toContain("<@");
  });
});

describe("loading, not found and failure", () => {
  it("shows a loading modal at once, titled with the number", () => {
    const modal = renderDetailsLoadingModal(100_001, ctx);
    expect(modal.title.text).toBe("Ticket #100001");
    expect(shown(modalAsMessage(modal))).toContain("⏳ Fetching ticket #100001 from the panel…");
    expectWithinModalLimits(modal);
    expectWithinModalLimits(renderDetailsLoadingModal(MAX_ID, ctx));
  });

  it("says a ticket was not found, in words unlike a failure", () => {
    const message = renderTicketNotFound(100_001, ctx);
    expect(message.text).toBe(
      "No ticket #100001 was found. The panel answered normally; check the number, or run `/tickets` to see the list.",
    );
    expect(message.text).toContain("No ticket #100001 was found");
    expect(message.text).not.toMatch(/try again|could not|went wrong/i);
    expectWithinSlackLimits(message);
    const modal = renderTicketNotFoundModal(100_001, ctx);
    expect(modal.title.text).toBe("Ticket #100001");
    expect(shown(modalAsMessage(modal))).toContain("No ticket #100001 was found.");
    expectWithinModalLimits(modal);
  });

  it.each([
    ["auth", new TicketApiAuthError(401, "<!channel> nope")],
    ["rate limit", new TicketApiRateLimitError(new Date("2025-01-02T12:05:00Z"))],
    ["server", new TicketApiServerError(503)],
    ["timeout", new TicketApiTimeoutError(8000)],
    ["a plain Error", new Error("secret")],
    ["undefined", undefined],
  ])("explains a failure (%s) in the modal exactly as a message would", (_name, error) => {
    const modal = renderDetailsErrorModal(error, ctx);
    expect(modal.title.text).toBe(t.details.errorTitle);
    expect(shown(modalAsMessage(modal))).toBe(
      `${t.details.errorTitle}\n${renderTicketApiError(error, ctx).text}`,
    );
    expectNoHostileMarkup(modalAsMessage(modal));
    expectWithinModalLimits(modal);
  });
});
