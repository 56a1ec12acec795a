import { describe, expect, it } from "vitest";
import {
  formatEcho,
  formatJson,
  formatShown,
  type OutputOptions,
} from "../../src/demo/demo-output";
import type { Shown } from "../../src/demo/demo-session";
import { button, header, mrkdwn, section } from "../../src/render/blocks";

const plain: OutputOptions = {
  color: false,
  width: 40,
  timeZone: "UTC",
  now: new Date("2026-01-15T09:00:00Z"),
};
const message = (how: "new" | "replaced", audience: "private" | "channel" = "private"): Shown => ({
  kind: "message",
  how,
  audience,
  message: { response_type: "ephemeral", blocks: [section(mrkdwn("*Hello*"))] },
});

describe("formatShown", () => {
  it("says whether a message is new, replaced or in the channel, across the width", () => {
    const lines = (shown: Shown) => formatShown(shown, plain).split("\n");
    expect(lines(message("new"))[0]).toBe(`── new message, only you see it ${"─".repeat(8)}`);
    expect(lines(message("new"))[1]).toBe("Hello");
    expect(lines(message("replaced"))[0]).toMatch(/^── replaces the message you clicked/);
    expect(lines(message("new", "channel"))[0]).toMatch(/^── posted in the channel/);
    for (const line of lines(message("new"))) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it("draws a modal under its title, with its close button at the foot", () => {
    const view = {
      type: "modal",
      title: { type: "plain_text", text: "Ticket #100001" },
      close: { type: "plain_text", text: "Close" },
      blocks: [header("Cannot renew"), section(mrkdwn("Body")), { type: "actions", elements: [] }],
    };
    const out = formatShown({ kind: "modal", view }, plain);
    expect(out.split("\n")[0]).toMatch(/^── modal: Ticket #100001 ─+$/);
    expect(out).toContain("Cannot renew\n════════════\nBody");
    expect(out.trimEnd().endsWith("[ Close ]")).toBe(true);
  });

  it("colours the rule and the echo only when asked", () => {
    const coloured = { ...plain, color: true };
    expect(formatShown(message("new"), coloured)).toContain("\u001b[2m\u001b[36m── new message");
    expect(formatEcho("next", coloured)).toBe("\u001b[1m› next\u001b[22m\n");
    expect(formatEcho("next", plain)).toBe("› next\n");
  });
});

describe("formatJson", () => {
  it("prints the message, or a modal's view, as the bot sent it", () => {
    const shown = message("new");
    expect(JSON.parse(formatJson(shown))).toEqual(shown.kind === "message" && shown.message);
    const view = { type: "modal", blocks: [section(mrkdwn("x"), button("Go", "go", "1"))] };
    expect(JSON.parse(formatJson({ kind: "modal", view }))).toEqual(view);
  });
});
