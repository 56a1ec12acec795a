import { describe, expect, it } from "vitest";
import { createLoadShedder } from "../../src/slack/load-shedding";

describe("createLoadShedder", () => {
  const shedder = (o: { now: number; inProgress: number }) =>
    createLoadShedder({
      limits: { ackBudgetMs: 2000, maxAnswersInProgress: 3 },
      answersInProgress: () => o.inProgress,
      now: () => o.now,
    });

  it("takes a request that is on time while there is room", () => {
    expect(shedder({ now: 1999, inProgress: 2 }).verdict(0)).toBeUndefined();
    // A request the receiver did not time (Socket Mode) is judged on room alone.
    expect(shedder({ now: 99_999, inProgress: 2 }).verdict(undefined)).toBeUndefined();
  });

  it("turns away a request that waited its ack budget, first", () => {
    expect(shedder({ now: 2000, inProgress: 0 }).verdict(0)).toBe("late");
    expect(shedder({ now: 2000, inProgress: 3 }).verdict(0)).toBe("late");
  });

  it("turns away a request when answers under way reach the limit", () => {
    expect(shedder({ now: 0, inProgress: 3 }).verdict(0)).toBe("saturated");
  });
});
