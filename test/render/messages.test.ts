import { describe, expect, it } from "vitest";
import { renderButtonExpired, renderTicketApiError } from "../../src/render/api-error";
import { renderCommandErrors } from "../../src/render/command-errors";
import { renderHelp } from "../../src/render/help";
import type { CommandError } from "../../src/tickets/command";
import {
  TicketApiAuthError,
  TicketApiError,
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
import { ctx, expectWithinSlackLimits, shownStrings } from "./helpers";

const { t } = ctx;
const shown = (message: Parameters<typeof shownStrings>[0]) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");

describe("renderHelp", () => {
  it("lists the keys and copyable examples", () => {
    const message = renderHelp(ctx);
    const text = shown(message);
    expect(message.text).toBe(t.help.fallback);
    expect(message.blocks[0]).toMatchObject({ type: "header", text: { text: t.help.title } });
    for (const key of [...Object.values(t.help.filters), t.help.paging]) {
      expect(text).toContain(`• ${key}`);
    }
    // Every filter's line, and every other spelling of its key (from the filter table).
    expect(text).toContain("• `subcategory:` a sub-category id");
    expect(text).toContain(
      "keys also accept `state_id:`, `username:`, `ticket_id:`, `category_id:`, `sub:`, `sub_category_id:`.",
    );
    for (const example of t.help.examples) expect(text).toContain(`\`${example}\``);
    expectWithinSlackLimits(message);
  });
});

describe("renderCommandErrors", () => {
  it("names each offending token, the suggestion and the allowed keys", () => {
    const errors: CommandError[] = [
      { kind: "unknown-key", token: "stat:open", key: "stat", suggestion: "state" },
      { kind: "repeated-key", token: "user:bob", key: "user" },
      { kind: "missing-value", token: "id:", key: "id" },
      { kind: "not-an-integer", token: "page:two", key: "page" },
      { kind: "out-of-range", token: "per_page:0", key: "per_page", min: 1, max: 20 },
      { kind: "unknown-state", token: "state:opne", suggestion: "open" },
      { kind: "too-long", token: "user:aaaa", key: "user", max: 100 },
      { kind: "bare-word", token: "bob", suggestion: "user:bob" },
      { kind: "command-too-long", token: "state:open user:", max: 1000 },
    ];
    const message = renderCommandErrors(errors, ctx);
    const text = shown(message);
    expect(text).toContain("`stat:open`: there is no filter called `stat`. Did you mean `state`?");
    expect(text).toContain("`user:bob`: `user` is given more than once.");
    expect(text).toContain("`id:`: `id` needs a value, like `id:…`.");
    expect(text).toContain("`page:two`: `page` takes a whole number.");
    expect(text).toContain("`per_page:0`: `per_page` must be from 1 to 20.");
    expect(text).toContain(
      "`state:opne`: unknown state. Use 1–5 or a name: `waiting-for-response`, `waiting-for-support`, `answered`, `closed`, `forwarded`. Did you mean `open`?",
    );
    expect(text).toContain("`user:aaaa…`: `user` can be at most 100 characters.");
    expect(text).toContain("Did you mean `user:bob`?");
    expect(text).toContain(
      "`state:open user:…`: the command is longer than 1,000 characters, so it wasn't read.",
    );
    // Derived from the filter table, word for word what it was when it was written by hand.
    expect(text).toContain(
      "Filters: `state:` `user:` `id:` `category:` `subcategory:` `page:` `per_page:`. Type `/tickets help` for examples.",
    );
    expect(message.text).toBe("I couldn't read that /tickets command");
    expectWithinSlackLimits(message);
  });

  it("stays within limits for hundreds of long tokens, saying how many were left out", () => {
    const errors: CommandError[] = Array.from({ length: 300 }, (_, i) => ({
      kind: "bare-word",
      token: `${"<&>".repeat(500)}${i}`,
    }));
    const message = renderCommandErrors(errors, ctx);
    expectWithinSlackLimits(message);
    expect(shown(message)).toMatch(/…and \d+ more problems\./);
  });
});

describe("renderTicketApiError", () => {
  const retryAt = new Date("2025-01-02T12:05:00Z");
  it.each<[string, unknown, string]>([
    [
      "auth with message",
      new TicketApiAuthError(401, "اطلاعات وارد شده صحیح نمی باشد"),
      t.apiErrors.tokenRejected("اطلاعات وارد شده صحیح نمی باشد"),
    ],
    [
      "auth without message",
      new TicketApiAuthError(403, undefined),
      t.apiErrors.tokenRejected(undefined),
    ],
    [
      "auth with a blank message",
      new TicketApiAuthError(401, "  "),
      t.apiErrors.tokenRejected(undefined),
    ],
    [
      "rate limit",
      new TicketApiRateLimitError(retryAt),
      t.apiErrors.rateLimited("<!date^1735819500^{time}|2025-01-02 12:05 UTC>"),
    ],
    ["server", new TicketApiServerError(503), t.apiErrors.server(503)],
    [
      "rejected",
      new TicketApiRejectedError(422, "bad <b>", { a: 1 }),
      t.apiErrors.rejected("bad &lt;b&gt;"),
    ],
    [
      "not JSON",
      new TicketApiNotJsonError(502, "text/html", "<html>secret</html>"),
      t.apiErrors.notJson,
    ],
    ["shape", new TicketApiShapeError("data.0.ticket_id: expected number"), t.apiErrors.shape],
    ["timeout", new TicketApiTimeoutError(8500), t.apiErrors.timeout(9)],
    [
      "unreachable",
      new TicketApiUnreachableError("ECONNREFUSED 10.0.0.1:443"),
      t.apiErrors.unreachable,
    ],
    [
      "too large",
      new TicketApiTooLargeError(1_212_416),
      "The ticket panel answered with far more data than a page of tickets can hold (over 1.2 MB), so the bot did not read it. The details are in the bot's log.",
    ],
    [
      "redirected to another origin, the target escaped",
      new TicketApiRedirectError(302, "https://panel.example/<@U1>`x`", "other-origin"),
      "The ticket panel's address redirects the bot to `https://panel.example/&lt;@U1&gt;ˋxˋ` instead of answering, so no tickets could be fetched. An operator must check `TICKET_API_URL`.",
    ],
    [
      "redirected without a location",
      new TicketApiRedirectError(302, undefined, "no-location"),
      "The ticket panel's address redirects the bot instead of answering, so no tickets could be fetched. An operator must check `TICKET_API_URL`.",
    ],
    ["a plain Error", new Error("db password is hunter2"), t.apiErrors.unexpected],
    ["a string", "boom", t.apiErrors.unexpected],
    ["undefined", undefined, t.apiErrors.unexpected],
  ])("%s", (_name, error, expected) => {
    const message = renderTicketApiError(error, ctx);
    expect(message.text).toBe(expected);
    expect(shown(message)).toContain(expected);
    expectWithinSlackLimits(message);
  });

  it("shows no class name, internal message or stack", () => {
    class TicketApiNewError extends TicketApiError {
      override readonly name = "TicketApiNewError";
      readonly transient = false;
    }
    const errors = [
      new TicketApiNotJsonError(502, "text/html", "<html>secret</html>"),
      new TicketApiShapeError("issues: secret"),
      new TicketApiUnreachableError("ECONNREFUSED 10.0.0.1"),
      new TicketApiNewError("secret"),
      new Error("secret"),
    ];
    for (const error of errors) {
      const text = shown(renderTicketApiError(error, ctx));
      expect(text).not.toMatch(/secret|TicketApi|Error|10\.0\.0\.1|at .*\.ts/);
    }
    expect(renderTicketApiError(new TicketApiNewError("x"), ctx).text).toBe(t.apiErrors.unexpected);
  });

  it("shortens a huge provider message", () => {
    const message = renderTicketApiError(new TicketApiRejectedError(400, "x".repeat(50_000)), ctx);
    expect(message.text.length).toBeLessThan(600);
    expectWithinSlackLimits(message);
  });
});

describe("renderButtonExpired", () => {
  it("asks for the command again", () => {
    const message = renderButtonExpired(ctx);
    expect(message.text).toBe(t.buttons.expired);
    expect(shown(message)).toContain(t.buttons.expired);
  });
});
