import { describe, expect, it } from "vitest";
import {
  decodeViewRef,
  decodeViewsPage,
  encodeViewRef,
  tryEncodeViewsPage,
} from "../../src/contract/saved-view-ref";
import { LIMITS } from "../../src/render/limits";

describe("a saved view's button value", () => {
  it("carries the view, and the page of the list a Delete was on, through one codec", () => {
    expect(encodeViewRef({ viewId: 12 })).toBe('{"v":1,"w":12}');
    expect(decodeViewRef(encodeViewRef({ viewId: 12 }))).toEqual({ viewId: 12 });
    expect(decodeViewRef(encodeViewRef({ viewId: 12, page: 3 }))).toEqual({ viewId: 12, page: 3 });
    const widest = encodeViewRef({ viewId: Number.MAX_SAFE_INTEGER, page: 1000 });
    expect(widest.length).toBeLessThanOrEqual(LIMITS.button.value);
  });

  it("reads a button made before pages were carried as page-less", () => {
    expect(decodeViewRef('{"v":1,"w":7}')).toEqual({ viewId: 7 });
  });

  it("refuses anything else, never throwing", () => {
    for (const value of [
      undefined,
      "",
      "7",
      '{"v":2,"w":7}',
      '{"v":1,"w":0}',
      '{"v":1,"w":7,"p":0}',
      '{"v":1,"w":7,"p":1001}',
      '{"v":1,"w":7,"x":1}',
    ]) {
      expect(decodeViewRef(value)).toBeUndefined();
    }
    expect(() => encodeViewRef({ viewId: 7, page: 0 })).toThrow();
  });

  it("is told apart from a page of the list", () => {
    const page = tryEncodeViewsPage({ page: 2 });
    expect(decodeViewsPage(page)).toEqual({ page: 2 });
    expect(decodeViewRef(page)).toBeUndefined();
    expect(decodeViewsPage(encodeViewRef({ viewId: 2 }))).toBeUndefined();
  });
});
