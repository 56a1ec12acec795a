import { describe, expect, it } from "vitest";
import { refusalForNode } from "../../bench/lib/judged-node";

describe("the Node a full run writes the docs table from", () => {
  it("is 24 or later", () => {
    expect(refusalForNode("v24.11.1")).toBeUndefined();
    expect(refusalForNode("v26.0.0")).toBeUndefined();
  });

  it("refuses an older one, naming the command that runs on 24", () => {
    const why = refusalForNode("v20.20.2");
    expect(why).toContain("Node v20.20.2");
    expect(why).toContain("npx -y node@24 node_modules/.bin/tsx bench/run.ts");
    expect(refusalForNode("v22.12.0")).toContain("Node 24 or later");
  });

  it("refuses a version it cannot read", () => {
    expect(refusalForNode("unknown")).toContain("Node 24 or later");
  });
});
