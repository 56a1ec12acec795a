import { describe, expect, it } from "vitest";
import { renderTicketApiError } from "../../src/render/api-error";
import { renderCommandErrors } from "../../src/render/command-errors";
import { renderTicketList } from "../../src/render/ticket-list";
import { TicketApiAuthError, TicketApiRejectedError } from "../../src/tickets/errors";
import {
  ctx,
  expectNoHostileMarkup,
  HOSTILE,
  HOSTILE_FORMATTING,
  linkedCtx,
  mrkdwnObjects,
  OWN_LINK,
  OWN_MENTION,
  pageOf,
  SHARER,
  shownStrings,
  ticketJson,
} from "./helpers";

const hostileTicket = ticketJson({
  subject: HOSTILE,
  importance: HOSTILE,
  admin_seen: 0,
  user: { uname: HOSTILE },
  category: { name: HOSTILE },
  sub_category: { title: HOSTILE },
});

const hostileList = (meta: Record<string, unknown>, tickets = [hostileTicket]) =>
  renderTicketList(
    pageOf(tickets, meta),
    {
      query: { filter: { username: HOSTILE.slice(0, 100), stateId: 2 }, page: 2, perPage: 10 },
      notices: [{ kind: "per-page-lowered", requested: 50, used: 20 }],
    },
    ctx,
  );

const messages = {
  list: hostileList({ current_page: 2, last_page: 3, total: 30 }),
  empty: hostileList({ total: 0, last_page: 0 }, []),
  outOfRange: hostileList({ current_page: 2, last_page: 1, total: 3 }, []),
  commandErrors: renderCommandErrors(
    [
      { kind: "unknown-key", token: `${HOSTILE}:x`, key: HOSTILE },
      { kind: "bare-word", token: HOSTILE, suggestion: HOSTILE },
      { kind: "unknown-state", token: `state:${HOSTILE}`, suggestion: "`closed`" },
    ],
    ctx,
  ),
  authError: renderTicketApiError(new TicketApiAuthError(401, HOSTILE), ctx),
  rejected: renderTicketApiError(new TicketApiRejectedError(422, HOSTILE, { HOSTILE }), ctx),
};

describe.each(Object.entries(messages))("hostile text in %s", (_name, message) => {
  it("never appears as markup, in blocks or in the fallback text", () => {
    expectNoHostileMarkup(message);
  });

  it("marks every mrkdwn object verbatim", () => {
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
  });
});

describe("hostile text in a list", () => {
  it("is still readable: escaped in plain text, formatting characters kept there", () => {
    const plain = shownStrings(messages.list).filter((s) => s.textType === "plain_text");
    expect(plain.some((s) => s.value.includes(`👤 &lt;!channel&gt; &lt;@U123&gt;`))).toBe(true);
    const formatted = hostileList({}, [ticketJson({ user: { uname: HOSTILE_FORMATTING } })]);
    const plainFormatted = shownStrings(formatted).filter((s) => s.textType === "plain_text");
    expect(plainFormatted.map((s) => s.value)).toContain(`👤 ${HOSTILE_FORMATTING}`);
  });

  it("puts the subject in the mrkdwn title escaped, with look-alikes for formatting", () => {
    const title = mrkdwnObjects(messages.list).find((m) => m.text.includes("#100001"));
    expect(title?.text).toContain("&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|x&gt;");
    expect(title?.text).toContain("∗bold∗ ˍitˍ ∼strike∼ ˋcodeˋ");
  });
});

describe("hostile text in a shared list with panel links", () => {
  const message = renderTicketList(
    pageOf([hostileTicket], { current_page: 2, last_page: 3, total: 30 }),
    {
      query: { filter: { username: HOSTILE.slice(0, 100) }, page: 2, perPage: 10 },
      notices: [],
    },
    linkedCtx,
    { sharedBy: SHARER },
  );

  it("only our own mention and links are markup", () => {
    expectNoHostileMarkup(message, [OWN_MENTION, OWN_LINK]);
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
    const title = mrkdwnObjects(message).find((m) => m.text.includes("#100001"));
    expect(title?.text).toMatch(
      /^🟢 \*<https:\/\/panel\.example\.com\/tickets\/100001\|#100001>\* · /,
    );
  });
});

describe("command errors keep code spans closed", () => {
  it("replaces backticks inside tokens, so each line has balanced backticks", () => {
    const section = mrkdwnObjects(messages.commandErrors)[0]?.text ?? "";
    for (const line of section.split("\n")) {
      expect((line.match(/`/g) ?? []).length % 2).toBe(0);
    }
  });
});
