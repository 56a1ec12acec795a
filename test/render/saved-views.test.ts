import { describe, expect, it } from "vitest";
import { fa } from "../../src/i18n";
import type { RenderContext } from "../../src/render/context";
import { renderViewList, type ViewItem } from "../../src/render/saved-views";
import { allText } from "../support/blocks";
import { ctx, expectNoHostileMarkup, expectWithinSlackLimits } from "./helpers";

const faCtx: RenderContext = { ...ctx, t: fa, timeZone: "Asia/Tehran" };

const item = (over: Partial<ViewItem> = {}): ViewItem => ({
  id: 1,
  name: "billing",
  query: { filter: { stateId: 2, categoryId: 10 }, page: 1, perPage: 20 },
  team: false,
  createdBy: "U0ALICE",
  deletable: true,
  ...over,
});

describe("the list of saved views", () => {
  it("describes each view's list, and marks a team view with who made it", () => {
    const text = allText(
      renderViewList([item(), item({ id: 2, name: "all", team: true })], 1, ctx),
    );
    expect(text).toContain("`billing`");
    expect(text).toMatch(/category/i);
    expect(text).toMatch(/`all` · .+ · by <@U0ALICE>/);
  });

  it.each([
    ["en", ctx, /can no longer be read: delete it and save it again/],
    ["fa", faCtx, /دیگر خوانا نیست/],
  ])("%s: says so, in words, of a view whose stored filters no longer read", (_, c, words) => {
    const message = renderViewList([item({ query: undefined })], 1, c);
    expectWithinSlackLimits(message);
    expectNoHostileMarkup(message);
    const text = allText(message);
    expect(text).toMatch(words);
    expect(text).not.toContain("· ?");
  });
});
