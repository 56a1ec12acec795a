import { describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/render/context";
import { renderShareRefused } from "../../src/render/share";
import {
  buttonsOf,
  ctx,
  expectNoHostileMarkup,
  expectWithinSlackLimits,
  HOSTILE,
  mrkdwnObjects,
  shownStrings,
} from "./helpers";

const { t } = ctx;
const shown = (message: SlackMessage) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");

describe("renderShareRefused", () => {
  it.each([
    ["channel_not_found", t.share.advice.notInChannel],
    ["not_in_channel", t.share.advice.notInChannel],
    ["expired_url", t.share.advice.expired],
    ["used_url", t.share.advice.expired],
    ["is_archived", t.share.advice.archived],
    ["restricted_action", t.share.advice.restricted],
    ["msg_blocks_too_long", t.share.advice.tooLong],
    ["ratelimited", t.share.advice.rateLimited],
    ["invalid_auth", t.share.advice.setup],
    ["HTTP 500", t.share.advice.unknown],
    ["constructor", t.share.advice.unknown],
    ["__proto__", t.share.advice.unknown],
  ])("for %s says Slack refused, with plain advice and the code", (reason, advice) => {
    const message = renderShareRefused(reason, ctx);
    expect(message.text).toBe(`${t.share.refused} ${advice}`);
    expect(shown(message)).toContain(t.share.reason(reason));
    expect(buttonsOf(message)).toEqual([]);
    expectWithinSlackLimits(message);
  });

  it("tells expired links to run the command again, and missing access to invite the bot", () => {
    expect(renderShareRefused("expired_url", ctx).text).toMatch(/run the command again/i);
    expect(renderShareRefused("channel_not_found", ctx).text).toMatch(/invite/i);
  });

  it("says Slack gave no reason when it gave none", () => {
    for (const reason of [undefined, "", "   "]) {
      const message = renderShareRefused(reason, ctx);
      expect(message.text).toBe(`${t.share.refused} ${t.share.advice.unknown}`);
      expect(shown(message)).toContain(t.share.noReason);
    }
  });

  it("escapes a hostile reason and keeps it short", () => {
    const message = renderShareRefused(`${HOSTILE}${"x".repeat(5000)}`, ctx);
    expectNoHostileMarkup(message);
    for (const m of mrkdwnObjects(message)) expect(m.verbatim).toBe(true);
    expect(shown(message)).toContain("&lt;!channel&gt;");
    expect(shown(message).length).toBeLessThan(600);
    expectWithinSlackLimits(message);
  });
});
