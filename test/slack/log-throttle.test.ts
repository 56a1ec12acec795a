import { describe, expect, it } from "vitest";
import { throttledWarn } from "../../src/slack/log-throttle";

describe("throttledWarn", () => {
  it("writes the first line at once, then one per interval carrying the count held back", () => {
    const lines: string[] = [];
    let now = 0;
    const warn = throttledWarn(
      { warn: (line: string) => lines.push(line) },
      {
        intervalMs: 10_000,
        now: () => now,
      },
    );
    warn("refused a body");
    for (now = 1; now < 10_000; now += 1_000) warn("refused a body");
    expect(lines).toEqual(["refused a body"]);
    now = 10_000;
    warn("refused a body");
    now = 20_000;
    warn("refused a body");
    expect(lines).toEqual([
      "refused a body",
      "refused a body (and 10 more like it since the last such line)",
      "refused a body",
    ]);
  });
});
