import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import {
  actions,
  blocksTextLength,
  button,
  context,
  mrkdwn,
  section,
} from "../../src/render/blocks";

describe("blocksTextLength (what counts toward Slack's total-size refusal)", () => {
  it("counts every text, button value and link, at any depth, and nothing else", () => {
    const blocks: KnownBlock[] = [
      section(mrkdwn("12345")), // text: 5
      context([mrkdwn("ab"), mrkdwn("cde")]), // 2 + 3
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Next" }, // 4
            action_id: "page_next_with_a_long_id", // not counted
            value: "0123456789", // 10
            url: "https://e.x/1", // 13
          },
        ],
      },
    ];
    expect(blocksTextLength(blocks)).toBe(5 + 2 + 3 + 4 + 10 + 13);
  });

  it("is 0 for no blocks, and counts a button made by the renderers' own helpers", () => {
    expect(blocksTextLength([])).toBe(0);
    const made = actions([button("Go", "page_next", "v1")]);
    expect(blocksTextLength([made])).toBe("Go".length + "v1".length);
  });
});
