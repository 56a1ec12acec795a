import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger";
import { createAnswerLane, responderBehindAcks } from "../../src/slack/answer-lane";
import { createLoadShedder } from "../../src/slack/load-shedding";
import { createResponder, type Responder, SerializedReply } from "../../src/slack/response-url";

/** Keeps the CPU busy, as parsing and rendering an answer does. */
const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
};

describe("the answer lane", () => {
  it("hands out turns in order, one piece of work each", async () => {
    const lane = createAnswerLane();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 5 }, (_, i) => lane.turn().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(lane.waiting).toBe(0);
  });

  it("lets a request that arrives meanwhile be answered before the queued work is done", async () => {
    const server = createServer((_, res) => res.end("ack"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const lane = createAnswerLane();
      const events: string[] = [];
      // 200 answers' worth of work, each a few milliseconds of CPU, all queued at once.
      const answers = Array.from({ length: 200 }, (_, i) =>
        lane.turn().then(() => {
          busyFor(2);
          events.push(`answer ${i}`);
        }),
      );
      const acked = fetch(`http://127.0.0.1:${port}/`).then(async (r) => {
        events.push(`ack ${await r.text()}`);
      });
      await Promise.all([...answers, acked]);
      // Without the lane the request would wait behind all 200 (about 400 ms of work).
      expect(events.indexOf("ack ack")).toBeLessThan(100);
    } finally {
      server.close();
    }
  });
});

describe("answers sent on the lane", () => {
  const recording = () => {
    const sent: { url: string; payload: unknown }[] = [];
    const responder: Responder = {
      async send(url, payload) {
        sent.push({ url, payload });
      },
    };
    return { responder, sent };
  };

  it("are serialized when handed over, and sent on a later turn", async () => {
    const lane = createAnswerLane();
    const { responder, sent } = recording();
    const reply = { text: "as rendered", blocks: [] };
    const sending = responderBehindAcks(responder, lane).send("https://hooks.slack.com/r", reply);
    // Whatever happens to the objects afterwards, what goes out is the reply as it was handed over.
    reply.text = "changed while waiting";
    expect(sent).toEqual([]);
    await sending;
    expect(sent).toHaveLength(1);
    const payload = sent[0]?.payload;
    expect(payload).toBeInstanceOf(SerializedReply);
    expect(JSON.parse((payload as SerializedReply).json)).toEqual({
      text: "as rendered",
      blocks: [],
    });
  });

  it("hand on a reply that cannot be serialized as it is, for the responder to fail as undelivered", async () => {
    const lane = createAnswerLane();
    const { responder, sent } = recording();
    const reply = { text: "x", blocks: [], metadata: { n: 1n } } as never;
    await responderBehindAcks(responder, lane).send("https://hooks.slack.com/r", reply);
    expect(sent).toEqual([{ url: "https://hooks.slack.com/r", payload: reply }]);
    // The responder itself refuses it, so the request's log line says the answer was not delivered.
    const undelivered = createResponder({ logger: silentLogger(), retries: 0 });
    await expect(undelivered.send("http://127.0.0.1:9/r", reply)).rejects.toThrow(TypeError);
  });
});

describe("load shedding", () => {
  const shedder = (inProgress: number, now: number) =>
    createLoadShedder({
      limits: { ackBudgetMs: 2_000, maxAnswersInProgress: 10 },
      answersInProgress: () => inProgress,
      now: () => now,
    });

  it("takes a fresh request while answers are few", () => {
    expect(shedder(9, 10_000).verdict(9_000)).toBeUndefined();
    expect(shedder(0, 10_000).verdict(undefined)).toBeUndefined();
  });

  it("turns away a request that waited the whole ack budget, and any once answers are too many", () => {
    expect(shedder(0, 10_000).verdict(8_000)).toBe("late");
    expect(shedder(10, 10_000).verdict(9_999)).toBe("saturated");
    expect(shedder(10, 10_000).verdict(undefined)).toBe("saturated");
  });
});
