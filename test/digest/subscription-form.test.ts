import { describe, expect, it } from "vitest";
import type { SubscribeForm } from "../../src/contract/subscribe-form";
import { readForm } from "../../src/digest/subscription-form";

const form = (over: Partial<SubscribeForm> = {}): SubscribeForm => ({
  times: ["08:30"],
  days: ["1", "2", "3", "4", "5"],
  zone: "Asia/Tehran",
  state: "2",
  top: "5",
  overdue: "24",
  postWhenEmpty: false,
  language: "fa",
  ...over,
});

describe("the subscribe modal's submission", () => {
  it("becomes a draft when every field is right", () => {
    expect(readForm(form({ category: "10", customer: "@bob", times: ["08:30", "16:30"] }))).toEqual(
      {
        ok: true,
        draft: {
          filter: { stateId: 2, categoryId: 10, username: "bob" },
          when: {
            kind: "weekly",
            times: [
              { hour: 8, minute: 30 },
              { hour: 16, minute: 30 },
            ],
            days: [1, 2, 3, 4, 5],
          },
          timeZone: "Asia/Tehran",
          top: 5,
          overdueHours: 24,
          postWhenEmpty: false,
          language: "fa",
        },
      },
    );
  });

  it("takes a cron instead of times and days, judged in the chosen zone", () => {
    const read = readForm(form({ cron: "0  9 * * 6,0-3", times: [], days: [] }));
    expect(read).toMatchObject({
      ok: true,
      draft: { when: { kind: "cron", expr: "0 9 * * 6,0-3" } },
    });
    expect(readForm(form({ cron: "0 0 30 2 *" }))).toMatchObject({
      ok: false,
      problems: { cron: { kind: "bad-cron" } },
    });
  });

  it("puts each problem under its own field", () => {
    expect(
      readForm(
        form({
          times: ["08:30", "13:00", "25:00"],
          days: [],
          zone: "Mars/Base",
          state: "9",
          category: "0",
          subcategory: "x",
          customer: "a".repeat(101),
          top: "21",
          overdue: "0",
          language: "de",
        }),
      ),
    ).toEqual({
      ok: false,
      problems: {
        time2: { kind: "minutes-differ", first: "08:30" },
        time3: { kind: "bad-time" },
        days: { kind: "no-days" },
        zone: { kind: "unknown-zone" },
        state: { kind: "bad-state" },
        category: { kind: "not-an-id", max: 2_147_483_647 },
        subcategory: { kind: "not-an-id", max: 2_147_483_647 },
        customer: { kind: "too-long", max: 100 },
        top: { kind: "out-of-range", min: 1, max: 20 },
        overdue: { kind: "out-of-range", min: 1, max: 8760 },
        language: { kind: "bad-language" },
      },
    });
    expect(readForm(form({ times: [] }))).toMatchObject({
      ok: false,
      problems: { time1: { kind: "no-time" } },
    });
  });
});
