import { describe, expect, it } from "vitest";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type Harness, useHarness } from "../support/bot-harness";

/** `/healthz` and `/readyz` in HTTP mode, on the same port as `/slack/events`. */

const start = useHarness({ tickets: [makeTicket({ state_id: 2 })] });

const get = async (h: Harness, path: "/healthz" | "/readyz") => {
  const response = await fetch(h.eventsUrl.replace("/slack/events", path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const refusingToken = () => ({
  status: 401,
  body: { data: null, meta: { status: false, message: "bad token", message_code: "400-1" } },
});

describe("/readyz", () => {
  it("is 200 once the panel has answered, asking it for one row when it has been quiet", async () => {
    const h = await start();
    const ready = await get(h, "/readyz");
    expect(ready).toMatchObject({
      status: 200,
      body: {
        ready: true,
        problems: [],
        slack: { mode: "http", connected: true },
        ticketPanel: { lastOutcome: { answered: true, status: 200 } },
      },
    });
    expect(h.api.requests).toHaveLength(1);
    expect(h.api.requests[0]?.query.get("per_page")).toBe("1");
    // Heard from just now: the next probe does not ask again.
    await get(h, "/readyz");
    expect(h.api.requests).toHaveLength(1);
  });

  it("is 503 naming the panel when the panel refuses the token", async () => {
    const h = await start({ intercept: refusingToken });
    const notReady = await get(h, "/readyz");
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({
      ready: false,
      problems: ["the ticket panel's last answer failed (auth, HTTP 401)"],
      ticketPanel: { lastOutcome: { answered: false, status: 401, error: "auth" } },
    });
  });
});

describe("/healthz", () => {
  it("is 200 and says degraded, truthfully, when the last digest could not be built", async () => {
    const h = await start({ intercept: refusingToken, env: { DIGEST_CHANNEL: "C0AAAAAAA" } });
    expect((await get(h, "/healthz")).body).toMatchObject({ status: "ok", problems: [] });
    await h.bot.runDigestNow();
    const health = await get(h, "/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "degraded",
      problems: [
        "the ticket panel's last answer failed (auth, HTTP 401)",
        "the last digest could not be built: nothing was posted",
      ],
      lastDigest: { outcome: "not-built", error: "TicketApiAuthError" },
    });
  });

  it("names the channels a digest could not be posted to", async () => {
    const h = await start({
      env: { DIGEST_CHANNEL: "C0AAAAAAA,C0BBBBBBB" },
      slack: {
        webApi: (call) =>
          call.body.channel === "C0BBBBBBB"
            ? { body: { ok: false, error: "not_in_channel" } }
            : undefined,
      },
    });
    await h.bot.runDigestNow();
    expect((await get(h, "/healthz")).body).toMatchObject({
      status: "degraded",
      problems: ["the last digest could not be posted to C0BBBBBBB"],
      lastDigest: { outcome: "posted", postedTo: ["C0AAAAAAA"], failedChannels: ["C0BBBBBBB"] },
    });
  });
});

describe("/healthz and a slow store", () => {
  it("answers within its deadline, the digests' health reported unavailable, when the store is slow", async () => {
    let release: () => void = () => {};
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = await start({
      health: (real) => ({
        ...real,
        list: async () => {
          await stuck;
          return real.list();
        },
      }),
    });
    try {
      // It answers at all (the store never does until released): a probe is not held up.
      const health = await get(h, "/healthz");
      expect(health).toMatchObject({
        status: 200,
        body: { status: "degraded", digests: { available: false } },
      });
      expect(h.logs.join("\n")).toMatch(/store took over 300 ms to read the digests' health/);
    } finally {
      release();
    }
  });
});
