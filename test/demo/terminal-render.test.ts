import { describe, expect, it } from "vitest";
import { renderMessageForTerminal, shouldUseColor } from "../../src/demo/terminal-render";
import { en } from "../../src/i18n";
import { renderTicketApiError } from "../../src/render/api-error";
import {
  actions,
  button,
  context,
  divider,
  header,
  mrkdwn,
  plain,
  section,
} from "../../src/render/blocks";
import { renderHelp } from "../../src/render/help";
import { slackDate } from "../../src/render/mrkdwn";
import { renderTicketList } from "../../src/render/ticket-list";
import { generateTickets } from "../../src/sample-api/generate-tickets";
import { TicketApiRateLimitError } from "../../src/tickets/errors";
import { ticketPageSchema } from "../../src/tickets/schemas";

const ESC = "\u001b[";

/** SGR as util.styleText writes it: each format opened in order, closed in reverse. */
const OPEN = {
  bold: 1,
  dim: 2,
  italic: 3,
  underline: 4,
  strike: 9,
  red: 31,
  green: 32,
  blue: 34,
  cyan: 36,
};
const CLOSE = {
  bold: 22,
  dim: 22,
  italic: 23,
  underline: 24,
  strike: 29,
  red: 39,
  green: 39,
  blue: 39,
  cyan: 39,
};
type Format = keyof typeof OPEN;
const sgr = (formats: Format[], text: string): string =>
  `${formats.map((f) => `${ESC}${OPEN[f]}m`).join("")}${text}${[...formats]
    .reverse()
    .map((f) => `${ESC}${CLOSE[f]}m`)
    .join("")}`;
const NOW = new Date("2026-11-27T14:05:00Z");
const NOW_UNIX = Math.floor(NOW.getTime() / 1000);

const plainOut = (blocks: unknown[], width?: number) =>
  renderMessageForTerminal({ blocks }, { color: false, width });
const colourOut = (blocks: unknown[], width?: number) =>
  renderMessageForTerminal({ blocks }, { color: true, width });
const textOut = (text: string, color = false) =>
  renderMessageForTerminal({ text }, { color, timeZone: "UTC" });
const mrkdwnSection = (text: string) => section(mrkdwn(text));

/** The same rough rule as the renderer, to check widths independently of its code. */
const columns = (line: string): number =>
  Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(line)).reduce(
    (sum, { segment }) => sum + (/\p{Emoji_Presentation}/u.test(segment) ? 2 : 1),
    0,
  );

const expectNoAnsi = (out: string) => expect(out).not.toContain("\u001b");

describe("renderMessageForTerminal: blocks", () => {
  it("draws a header bold and underlined, or underlined with ═ when colourless", () => {
    const blocks = [header("Open tickets")];
    expect(colourOut(blocks)).toBe(sgr(["bold", "underline"], "Open tickets"));
    const out = plainOut(blocks);
    expectNoAnsi(out);
    expect(out).toBe("Open tickets\n════════════");
  });

  it("draws a section's mrkdwn, and its fields in two columns or one per line", () => {
    const block = {
      type: "section",
      text: mrkdwn("*Ticket* details"),
      fields: [mrkdwn("*State*\nOpen"), plain("Owner\nbob"), mrkdwn("Category")],
    };
    const wide = plainOut([block], 60).split("\n");
    expect(wide[0]).toBe("Ticket details");
    expect(wide[1]).toMatch(/^State {24,} Owner$/);
    expect(wide[2]).toMatch(/^Open {25,} bob$/);
    expect(wide[3]).toBe("Category");
    expect(plainOut([block], 30).split("\n")).toEqual([
      "Ticket details",
      "State",
      "Open",
      "Owner",
      "bob",
      "Category",
    ]);
    const coloured = colourOut([block], 60);
    expect(coloured).toContain(`${sgr(["bold"], "Ticket")} details`);
    expect(coloured).toContain(sgr(["bold"], "State"));
  });

  it("puts a section's accessory button at the right of its first line", () => {
    const block = { ...mrkdwnSection("Ticket #100001"), accessory: button("Open", "open", "1") };
    const out = plainOut([block], 40);
    expect(out).toMatch(/^Ticket #100001 +\[ Open \]$/);
    expect(columns(out)).toBe(40);
    expect(colourOut([block], 40)).toContain(sgr(["bold"], "[ Open ]"));
  });

  it("draws context dim, elements joined with ·", () => {
    const blocks = [context([plain("Open"), mrkdwn("*New*"), plain("👤 bob")])];
    expect(plainOut(blocks)).toBe("Open · New · 👤 bob");
    expect(colourOut(blocks)).toBe(
      `${sgr(["dim"], "Open · ")}${sgr(["bold", "dim"], "New")}${sgr(["dim"], " · 👤 bob")}`,
    );
  });

  it("draws a divider as a line of the width", () => {
    expect(plainOut([divider()], 30)).toBe("─".repeat(30));
    expect(plainOut([divider()])).toBe("─".repeat(80));
    expect(colourOut([divider()], 30)).toBe(sgr(["dim"], "─".repeat(30)));
  });

  it("draws buttons as [ Label ], primary green and danger red when coloured", () => {
    const blocks = [
      actions([
        button("◀ Previous", "prev", "1"),
        { ...button("Next ▶", "next", "2"), style: "primary" },
        { ...button("Delete", "del", "3"), style: "danger" },
      ]),
    ];
    const out = plainOut(blocks);
    expectNoAnsi(out);
    expect(out).toBe("[ ◀ Previous ]   [ Next ▶ ]   [ Delete ]");
    const coloured = colourOut(blocks);
    expect(coloured).toContain(sgr(["bold", "green"], "[ Next ▶ ]"));
    expect(coloured).toContain(sgr(["bold", "red"], "[ Delete ]"));
  });

  it("moves buttons that do not fit to the next line without splitting one", () => {
    const labels = ["First page", "Previous", "Next", "Last page (12)"];
    const out = plainOut([actions(labels.map((l, i) => button(l, `a${i}`, `${i}`)))], 30);
    for (const line of out.split("\n")) expect(columns(line)).toBeLessThanOrEqual(30);
    for (const label of labels) expect(out).toContain(`[ ${label} ]`);
  });

  it("draws images and input blocks as short markers", () => {
    const blocks = [
      { type: "image", image_url: "https://x.test/a.png", alt_text: "queue chart" },
      { type: "input", label: plain("Reply"), element: { type: "plain_text_input" } },
    ];
    expect(plainOut(blocks)).toBe("[image: queue chart]\n[input: Reply]");
    expect(colourOut(blocks)).toContain(sgr(["dim"], "[image: queue chart]"));
  });

  it("draws rich text: styled sections, lists, preformatted and quotes", () => {
    const block = {
      type: "rich_text",
      elements: [
        {
          type: "rich_text_section",
          elements: [
            { type: "text", text: "Hi " },
            { type: "user", user_id: "U123" },
            { type: "text", text: " see ", style: { bold: true } },
            { type: "link", url: "https://x.test", text: "docs" },
            { type: "text", text: " in " },
            { type: "channel", channel_id: "C9" },
            { type: "emoji", name: "wave", unicode: "1f44b" },
            { type: "text", text: " run " },
            { type: "text", text: "ls", style: { code: true } },
          ],
        },
        {
          type: "rich_text_list",
          style: "bullet",
          elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "one" }] }],
        },
        {
          type: "rich_text_list",
          style: "ordered",
          elements: [
            { type: "rich_text_section", elements: [{ type: "text", text: "first" }] },
            { type: "rich_text_section", elements: [{ type: "text", text: "second" }] },
          ],
        },
        { type: "rich_text_preformatted", elements: [{ type: "text", text: "npm test" }] },
        { type: "rich_text_quote", elements: [{ type: "text", text: "quoted &lt; raw" }] },
      ],
    };
    expect(plainOut([block]).split("\n")).toEqual([
      "Hi @U123 see docs (https://x.test) in #C9👋 run `ls`",
      "• one",
      "1. first",
      "2. second",
      "  npm test",
      "│ quoted &lt; raw",
    ]);
    const coloured = colourOut([block]);
    expect(coloured).toContain(sgr(["bold"], " see "));
    expect(coloured).toContain(sgr(["cyan"], "ls"));
    expect(coloured).toContain(sgr(["cyan"], "npm test"));
  });

  it("never crashes on unknown or malformed blocks", () => {
    const odd: unknown[] = [
      { type: "carousel", items: [] },
      null,
      42,
      "section",
      { type: 7 },
      { noType: true },
      { type: "section", text: 5, fields: "x", accessory: { type: "weird" } },
      { type: "section", text: { type: "mrkdwn" } },
      { type: "context", elements: [null, { type: "mrkdwn", text: 3 }, { type: "thing" }] },
      { type: "actions", elements: [{}, { type: "button" }, { type: "static_select" }] },
      { type: "rich_text", elements: [null, { type: "rich_text_list", elements: [5] }] },
      { type: "header" },
      { type: "image" },
      { type: "divider" },
    ];
    for (const color of [true, false]) {
      const out = renderMessageForTerminal({ blocks: odd }, { color });
      expect(out).toContain("[carousel]");
      expect(out).toContain("[unknown]");
      expect(out).toContain("[weird]");
      expect(out).toContain("[ button ]");
      if (!color) expectNoAnsi(out);
    }
  });

  it("shows text when there are no blocks, and says when there is nothing", () => {
    expect(renderMessageForTerminal({ text: "*Hi* there", blocks: [] }, { color: false })).toBe(
      "Hi there",
    );
    expect(renderMessageForTerminal({ text: "Hi" }, { color: false })).toBe("Hi");
    expect(renderMessageForTerminal({}, { color: false })).toBe("[empty message]");
  });

  it("shows blocks, not the fallback text, when both are there", () => {
    const out = renderMessageForTerminal(
      { text: "fallback", blocks: [mrkdwnSection("shown")], response_type: "ephemeral" },
      { color: false },
    );
    expect(out).toBe("shown");
  });
});

describe("renderMessageForTerminal: every block type, with and without colour", () => {
  /** Only SGR codes are ever written, so dropping them leaves what a colourless reader sees. */
  const stripSgr = (out: string) =>
    out
      .split(ESC)
      .map((part, i) => (i === 0 ? part : part.replace(/^[\d;]*m/, "")))
      .join("");
  // Colour replaces the markers a colourless terminal needs (═ under headers, `code`).
  const words = (out: string) => out.replace(/[`═]/g, " ").split(/\s+/).filter(Boolean);

  it.each([
    ["header", header("Open tickets"), true],
    ["section (mrkdwn)", mrkdwnSection("*Ticket* _one_ `code` ~gone~"), true],
    [
      "section (fields)",
      { type: "section", fields: [mrkdwn("*State*\nOpen"), plain("Owner")] },
      true,
    ],
    ["section (accessory)", section(mrkdwn("Row"), button("Details", "d", "1")), true],
    ["context", context([plain("Open"), mrkdwn("*New*")]), true],
    ["divider", divider(), true],
    ["actions", actions([button("Next ▶", "n", "2")]), true],
    ["image", { type: "image", image_url: "https://x.test/a.png", alt_text: "chart" }, true],
    [
      "rich_text",
      {
        type: "rich_text",
        elements: [
          {
            type: "rich_text_section",
            elements: [{ type: "text", text: "bold", style: { bold: true } }],
          },
        ],
      },
      true,
    ],
    [
      "input",
      { type: "input", label: plain("Reply"), element: { type: "plain_text_input" } },
      true,
    ],
    ["markdown", { type: "markdown", text: "**as written**" }, false],
  ] as [string, unknown, boolean][])("%s", (_, block, styled) => {
    const colourless = plainOut([block], 60);
    const coloured = colourOut([block], 60);
    expectNoAnsi(colourless);
    expect(colourless.trim()).not.toBe("");
    if (styled) expect(coloured).toContain(ESC);
    else expect(coloured).toBe(colourless);
    expect(words(stripSgr(coloured))).toEqual(words(colourless));
  });
});

describe("renderMessageForTerminal: mrkdwn", () => {
  it("styles bold, italic, strike and code when coloured", () => {
    const out = textOut("*b* _i_ ~s~ `c` *_both_*", true);
    expect(out).toBe(
      `${sgr(["bold"], "b")} ${sgr(["italic"], "i")} ${sgr(["strike"], "s")} ${sgr(["cyan"], "c")} ${sgr(["bold", "italic"], "both")}`,
    );
  });

  it("drops emphasis markers without colour but keeps code backticks", () => {
    const out = textOut("*b* _i_ ~s~ `c`");
    expect(out).toBe("b i s `c`");
  });

  it("leaves markers that are not emphasis alone", () => {
    expect(textOut("snake_case_name 2*3*4 a * b * c")).toBe("snake_case_name 2*3*4 a * b * c");
    expect(textOut("`*not bold*` *open")).toBe("`*not bold*` *open");
    expect(textOut("*across\nlines*")).toBe("*across\nlines*");
  });

  it("draws ``` blocks as indented code and > lines as quotes", () => {
    expect(textOut("Run:\n```npm  test\n*x*```\ndone")).toBe("Run:\n  npm  test\n  *x*\ndone");
    expect(textOut("```npm test```", true)).toBe(`  ${sgr(["cyan"], "npm test")}`);
    expect(textOut("> quoted *bold*\nplain")).toBe("│ quoted bold\nplain");
  });

  it("hangs wrapped list items under their text", () => {
    const out = renderMessageForTerminal(
      { text: "• one two three four five six" },
      { color: false, width: 20 },
    );
    expect(out).toBe("• one two three four\n  five six");
  });

  it("decodes links, mentions and broadcasts", () => {
    expect(textOut("<https://x.test/a?b=1&amp;c=2|the docs>")).toBe(
      "the docs (https://x.test/a?b=1&c=2)",
    );
    expect(textOut("<https://x.test>")).toBe("https://x.test");
    expect(textOut("<mailto:a@x.test|a@x.test>")).toBe("a@x.test");
    expect(textOut("<@U123> <@U9|bob> <#C123|general> <#C7>")).toBe("@U123 @bob #general #C7");
    expect(textOut("<!here> <!channel> <!everyone> <!subteam^S1|@ops>")).toBe(
      "@here @channel @everyone @ops",
    );
    expect(textOut("<https://x.test/a_b_c|*label*>")).toBe("*label* (https://x.test/a_b_c)");
  });

  it("colours mentions and link targets", () => {
    expect(textOut("<@U1>", true)).toBe(sgr(["bold", "blue"], "@U1"));
    expect(textOut("<https://x.test|docs>", true)).toBe(
      `docs (${sgr(["underline", "blue"], "https://x.test")})`,
    );
  });

  it("shows escaped markup literally: &lt;!channel&gt; is not a mention", () => {
    const out = textOut("&lt;!channel&gt; &lt;@U1&gt; &lt;https://x.test|y&gt; a &amp;lt; b");
    expect(out).toBe("<!channel> <@U1> <https://x.test|y> a &lt; b");
    expect(out).not.toContain("@channel");
  });

  it("formats date tokens in the given zone, or shows the fallback", () => {
    const token = `<!date^${NOW_UNIX}^{date_short_pretty} {time}|fallback>`;
    const render = (text: string, timeZone: string, now?: Date) =>
      renderMessageForTerminal({ text }, { color: false, timeZone, now });
    expect(render(token, "UTC")).toBe("Nov 27, 2026 14:05");
    expect(render(token, "Asia/Tehran")).toBe("Nov 27, 2026 17:35");
    expect(render(`<!date^${NOW_UNIX}^{time}|x>`, "UTC")).toBe("14:05");
    expect(render(`<!date^${NOW_UNIX}^{date_num} {time_secs}|x>`, "UTC")).toBe(
      "2026-11-27 14:05:00",
    );
    expect(render(`<!date^${NOW_UNIX}^{date_long}|x>`, "UTC")).toBe("Friday, November 27th, 2026");
    expect(render(token, "UTC", NOW)).toBe("today 14:05");
    expect(render(token, "UTC", new Date("2026-11-28T09:00:00Z"))).toBe("yesterday 14:05");
    expect(render(`<!date^${NOW_UNIX - 7200}^{ago}|x>`, "UTC", NOW)).toBe("2 hours ago");
    expect(render(token, "Not/AZone")).toBe("fallback");
    expect(render("<!date^soon^{time}|2026-11-27 &amp; later>", "UTC")).toBe("2026-11-27 & later");
  });

  it("turns the bot's own slackDate output into a readable time", () => {
    const text = `As of ${slackDate(NOW, "2026-11-27 14:05 UTC")}`;
    expect(textOut(text)).toBe("As of Nov 27, 2026 14:05");
  });

  it("decodes plain_text entities without reading markup", () => {
    const out = plainOut([section(plain("*a* &lt;!here&gt; &amp; <@U1>"))]);
    expect(out).toBe("*a* <!here> & <@U1>");
  });

  it("never lets control characters from message text through", () => {
    const out = textOut("red \u001b[31mtext\u0007 and \u009b2J");
    expectNoAnsi(out);
    expect(out).not.toMatch(/\p{Cc}/u);
  });
});

describe("renderMessageForTerminal: wrapping", () => {
  it("wraps by words to the width", () => {
    const text = "the quick brown fox jumps over the lazy dog again and again";
    const out = renderMessageForTerminal({ text }, { color: false, width: 20 });
    const lines = out.split("\n");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(20);
    expect(lines.join(" ")).toBe(text);
  });

  it("counts emoji as two columns and never splits a grapheme", () => {
    const family = "👨‍👩‍👧";
    const text = `${"🟠".repeat(15)} ${family.repeat(15)}`;
    const lines = renderMessageForTerminal({ text }, { color: false, width: 20 }).split("\n");
    expect(lines[0]).toBe("🟠".repeat(10));
    for (const line of lines) {
      expect(columns(line)).toBeLessThanOrEqual(20);
      expect(line.replaceAll(family, "").replaceAll("🟠", "")).toBe("");
    }
  });

  it("cuts a word longer than the width between graphemes", () => {
    const out = renderMessageForTerminal({ text: "x".repeat(45) }, { color: false, width: 20 });
    expect(out.split("\n")).toEqual(["x".repeat(20), "x".repeat(20), "x".repeat(5)]);
  });

  it("wraps styled text without styles leaking past a line", () => {
    const out = renderMessageForTerminal(
      { text: "*one two three four five six seven*" },
      { color: true, width: 20 },
    );
    for (const line of out.split("\n")) {
      expect(line.startsWith(`${ESC}1m`)).toBe(true);
      expect(line.endsWith(`${ESC}22m`)).toBe(true);
    }
  });

  it("wraps Persian by words, one column a letter, and CJK two columns a character", () => {
    const persian = "گواهی SSL برای دامنهٔ مشتری صادر نشده است و سایت از دسترس خارج شده";
    const lines = renderMessageForTerminal({ text: persian }, { color: false, width: 20 }).split(
      "\n",
    );
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(20);
    expect(lines.join(" ")).toBe(persian);
    const cjk = renderMessageForTerminal(
      { text: "工单已关闭 工单已关闭 工单已关闭" },
      { color: false, width: 21 },
    );
    expect(cjk.split("\n")).toEqual(["工单已关闭 工单已关闭", "工单已关闭"]);
  });

  it("keeps a paragraph's own indentation, and drops the spaces where it wraps", () => {
    const out = renderMessageForTerminal(
      { text: "    indented code line that is long enough" },
      { color: false, width: 20 },
    );
    expect(out.split("\n")).toEqual(["    indented code", "line that is long", "enough"]);
  });

  it("colours when asked even where Node itself would not (no terminal, NO_COLOR set)", () => {
    const before = process.env.NO_COLOR;
    process.env.NO_COLOR = "1";
    try {
      expect(textOut("*bold*", true)).toBe(sgr(["bold"], "bold"));
    } finally {
      if (before === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = before;
    }
  });

  it("prints right-to-left text as it is", () => {
    const persian = "گواهی SSL صادر نشده است";
    expect(textOut(`*${persian}*`)).toBe(persian);
  });
});

describe("renderMessageForTerminal: the bot's real messages", () => {
  const renderCtx = { t: en, now: NOW, timeZone: "UTC" };
  const tickets = generateTickets({ count: 5, seed: 7, now: NOW });
  const page = ticketPageSchema.parse({
    data: tickets,
    meta: { current_page: 1, last_page: 3, per_page: 5, total: 15, from: 1, to: 5 },
  });
  const list = renderTicketList(
    page,
    { query: { filter: {}, page: 1, perPage: 5 }, notices: [] },
    renderCtx,
  );

  it("turns a ticket list into text with every ticket and the Next button", () => {
    const out = renderMessageForTerminal(list, { color: false, width: 80 });
    expectNoAnsi(out);
    for (const ticket of tickets) expect(out).toContain(`#${ticket.ticket_id}`);
    expect(out).toContain("[ Next ▶ ]");
    expect(out).toContain("As of Nov 27, 2026 14:05");
    expect(out).not.toMatch(/<!date|&lt;|&gt;|&amp;|\*#/);
    for (const line of out.split("\n")) expect(columns(line)).toBeLessThanOrEqual(80);
  });

  it("colours the same list when asked", () => {
    const out = renderMessageForTerminal(list, { color: true, width: 60, now: NOW });
    expect(out).toContain(ESC);
    expect(out).toContain("[ Next ▶ ]");
    expect(out).toContain("As of today 14:05");
  });

  it("draws help and API errors without leftover markup", () => {
    const help = renderMessageForTerminal(renderHelp(renderCtx), { color: false });
    expect(help).toContain("`/tickets state:open`");
    expect(help).not.toContain("*");
    const error = renderTicketApiError(
      new TicketApiRateLimitError(new Date(NOW.getTime() + 60_000)),
      renderCtx,
    );
    const out = renderMessageForTerminal(error, { color: false });
    expect(out).toContain("14:06");
    expect(out).not.toContain("<!date");
  });
});

describe("shouldUseColor", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: "dumb" }, true, false],
    [{ TERM: "xterm-256color" }, true, true],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, false],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "" }, false, true],
    [{ FORCE_COLOR: "1", TERM: "dumb" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
  ] as [Record<string, string>, boolean, boolean][])("%j, tty %s → %s", (env, isTTY, expected) => {
    expect(shouldUseColor(env, isTTY)).toBe(expected);
  });
});
