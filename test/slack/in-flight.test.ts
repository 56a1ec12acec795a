import { describe, expect, it } from "vitest";
import { createInFlight } from "../../src/slack/in-flight";

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe("createInFlight", () => {
  it("counts work until it settles, and hands back the work's own result", async () => {
    const inFlight = createInFlight();
    const work = deferred();
    const tracked = inFlight.track(work.promise.then(() => 42));
    expect(inFlight.size).toBe(1);
    work.resolve();
    expect(await tracked).toBe(42);
    await inFlight.drain(1000);
    expect(inFlight.size).toBe(0);
  });

  it("drains work that fails as well, and work that starts while draining", async () => {
    const inFlight = createInFlight();
    const first = deferred();
    const late = deferred();
    void inFlight.track(first.promise.then(() => Promise.reject(new Error("x")))).catch(() => {});
    const draining = inFlight.drain(5000);
    first.resolve();
    void inFlight.track(late.promise);
    setTimeout(() => late.resolve(), 10);
    expect(await draining).toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it("says false when the time ran out first", async () => {
    const inFlight = createInFlight();
    void inFlight.track(new Promise(() => {}));
    expect(await inFlight.drain(20)).toBe(false);
    expect(inFlight.size).toBe(1);
  });
});
