import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { type ApiTicket, makeTicket } from "../../src/sample-api/generate-tickets";
import {
  type InterceptResult,
  type RecordedRequest,
  startSampleApi,
} from "../../src/sample-api/sample-api-server";
import { expectNoLeaks, expectValidMessage } from "../fuzz/validate-message";
import { allText, buttonsOf } from "../support/blocks";
import {
  BOT_TOKEN,
  type Harness,
  SIGNING_SECRET,
  TICKET_TOKEN,
  useHarness,
} from "../support/bot-harness";
import { freePort } from "../support/ports";

/**
 * Upstream failures through signed `/tickets` requests to the running app: acked (Bolt answers
 * 404 when nothing acks within ~3 s, so a 200 is the proof), answered privately in words a user
 * can act on, and the very next command answered with tickets by the same process.
 *
 * The HTTP refusals (401/403/404/422/429/500/502, a refusal in a 200) are classified and retried
 * in the ticket client and worded in the message catalog, and tested there once per outcome
 * class (test/tickets/ticket-client.test.ts, test/render/messages.test.ts); here one of them
 * stands for all, end to end. What only the whole app can show stays here.
 */

const start = useHarness();

const SECRETS = [TICKET_TOKEN, BOT_TOKEN, SIGNING_SECRET];

const UNREACHABLE = "The bot could not reach the ticket panel. Please try again in a moment.";

const waiting = (n: number, extra: Partial<ApiTicket> = {}) =>
  Array.from({ length: n }, (_, i) =>
    makeTicket({
      id: 100001 + i,
      ticket_id: 100001 + i,
      state_id: 2,
      subject: `Ticket number ${i + 1}`,
      ...extra,
    }),
  );

/** A body in the provider's success shape, for answers the contract stand-in would not give. */
const pageBody = (tickets: ApiTicket[], meta: Record<string, unknown> = {}) => ({
  data: tickets,
  meta: {
    current_page: 1,
    from: tickets.length ? 1 : null,
    last_page: 1,
    per_page: 10,
    to: tickets.length || null,
    total: tickets.length,
    status: true,
    message: "Success",
    message_code: "200-1",
    ...meta,
  },
});

/**
 * An upstream that answers `fault` to every attempt (retries included) until healed, and
 * holds its first answer until released, so the test sees the ack before any answer exists.
 */
const faultyUpstream = (
  fault: (req: RecordedRequest, attempt: number) => InterceptResult | undefined,
) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let healthy = false;
  let attempts = 0;
  return {
    intercept: async (req: RecordedRequest) => {
      if (healthy) return undefined;
      const attempt = attempts++;
      await held;
      return fault(req, attempt);
    },
    release: () => release(),
    heal: () => {
      healthy = true;
    },
    attempts: () => attempts,
  };
};
type FaultyUpstream = ReturnType<typeof faultyUpstream>;

const answered = (h: Harness, responseId: string) =>
  h.slack.responses.items.some((p) => p.id === responseId);

/** Sends the command while the upstream is held; returns the private answer it gets. */
const answerWhileFaulty = async (h: Harness, up: FaultyUpstream, text = "state:2") => {
  const { ack, responseId } = await h.command(text);
  expect(ack.status).toBe(200);
  // The answer needs the upstream, which is still held: it cannot have been sent yet.
  expect(answered(h, responseId)).toBe(false);
  up.release();
  const answer = await h.answerTo(responseId);
  expect(answer.body.response_type).toBe("ephemeral");
  expectValidMessage(answer.body);
  return answer.body;
};

/**
 * A failure answer says what happened in the catalog's words, whole (the fallback `text` is
 * exactly the sentence, so nothing internal was appended), and nothing else leaks anywhere.
 */
const expectCleanFailure = (h: Harness, body: { text?: string }, sentence: string | RegExp) => {
  if (typeof sentence === "string") {
    expect(body.text).toBe(sentence);
    expect(allText(body)).toContain(sentence);
  } else {
    expect(body.text).toMatch(sentence);
  }
  expectNoLeaks(body, SECRETS);
  expect(h.logs.join("\n")).not.toContain(TICKET_TOKEN);
};

const expectNextCommandServed = async (h: Harness, up?: FaultyUpstream) => {
  up?.heal();
  const { ack, responseId } = await h.command("state:2");
  expect(ack.status).toBe(200);
  const next = await h.answerTo(responseId);
  expect(next.body.response_type).toBe("ephemeral");
  expectValidMessage(next.body);
  expect(allText(next.body)).toContain("Ticket number 1");
  expect(allText(next.body)).toContain("page 1 of 1");
};

const HTML_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.24.0</center></body>
</html>`;

describe("/tickets when the ticket API fails", () => {
  it("is acked at once, answered privately in the catalog's words, and the next command served", async () => {
    // A gateway's 502: retried (worth it), then explained without any of the page.
    const up = faultyUpstream(() => ({
      status: 502,
      headers: { "content-type": "text/html" },
      body: HTML_502,
    }));
    const h = await start({ tickets: waiting(3), intercept: up.intercept });
    const body = await answerWhileFaulty(h, up);
    expectCleanFailure(
      h,
      body,
      "The ticket panel had an internal error (HTTP 502). Please try again in a minute.",
    );
    expect(allText(body)).not.toContain("nginx");
    expect(up.attempts()).toBe(3);
    await expectNextCommandServed(h, up);
  });
});

describe("/tickets when the ticket API breaks", () => {
  it("connection refused: says the panel cannot be reached, then serves once it listens again", async () => {
    // A real refusal from the OS: nothing listens on this port until the panel "restarts"
    // on it below. (An intercept cannot refuse a connection it has already accepted.)
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const h = await start({ env: { TICKET_API_URL: url } });
    const { ack, responseId } = await h.command("state:2");
    // Only the 200 proves the ack did not wait: whether the answer is already there when the
    // ack reaches this test depends on how busy the machine is, not on the bot.
    expect(ack.status).toBe(200);
    const answer = await h.answerTo(responseId);
    expect(answer.body.response_type).toBe("ephemeral");
    expectValidMessage(answer.body);
    expectCleanFailure(h, answer.body, UNREACHABLE);

    const revived = await startSampleApi({ tickets: waiting(3), token: TICKET_TOKEN, port });
    try {
      await expectNextCommandServed(h);
      expect(revived.requests).toHaveLength(1);
    } finally {
      await revived.close();
    }
  });

  it("connection reset in the middle of a body: retried, then explained", async () => {
    const up = faultyUpstream(() => ({ destroyAfterBytes: 60 }));
    const h = await start({ tickets: waiting(3), intercept: up.intercept });
    const body = await answerWhileFaulty(h, up);
    expectCleanFailure(h, body, UNREACHABLE);
    expect(up.attempts()).toBeGreaterThan(1);
    await expectNextCommandServed(h, up);
  });

  it("malformed JSON: says the answer was not ticket data", async () => {
    const up = faultyUpstream(() => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: '{"data":[{"id":100001,"ticket_id":100001,"subject":"Ticket',
    }));
    const h = await start({ tickets: waiting(3), intercept: up.intercept });
    const body = await answerWhileFaulty(h, up);
    expectCleanFailure(
      h,
      body,
      "The ticket panel answered with something that is not ticket data (perhaps a maintenance page). Please try again later.",
    );
    await expectNextCommandServed(h, up);
  });

  it("HTTP 200 with a wrong shape: says so and leaves the details to the log", async () => {
    const up = faultyUpstream(() => ({
      status: 200,
      body: { data: { items: [{ id: 1 }] }, meta: { page: 1, status: true } },
    }));
    const h = await start({ tickets: waiting(3), intercept: up.intercept });
    const body = await answerWhileFaulty(h, up);
    expectCleanFailure(
      h,
      body,
      "The ticket panel answered in a form the bot does not understand. The details are in the bot's log.",
    );
    // The message promises details in the log: they must be there.
    expect(h.logs.join("\n")).toMatch(/unexpected shape[^\n]*data/);
    await expectNextCommandServed(h, up);
  });
});

describe("/tickets with unusual but valid ticket data", () => {
  it("`null` nested objects: a normal list, with words for what is missing", async () => {
    // The contract's own answer, only held back until the ack is seen.
    const up = faultyUpstream(() => undefined);
    const h = await start({
      tickets: waiting(3, {
        user: null,
        category: null,
        sub_category: null,
        state: null,
        forward: null,
      }),
      intercept: up.intercept,
    });
    const body = await answerWhileFaulty(h, up);
    const text = allText(body);
    expect(text).toContain("Ticket number 3");
    expect(text).toContain("unknown customer");
    expect(text).toContain("no category");
    expect(text).not.toContain("ticket panel");
    expectNoLeaks(body, SECRETS);
    await expectNextCommandServed(h, up);
  });

  it("one malformed row: the others shown, the one counted, the next command served", async () => {
    const rows = waiting(3) as unknown as Record<string, unknown>[];
    rows[1] = { ...rows[1], ticket_id: "100002", updated_at: "02/01/2025" };
    const up = faultyUpstream(() => ({ status: 200, body: pageBody(rows as never) }));
    const h = await start({ tickets: waiting(3), intercept: up.intercept });
    const body = await answerWhileFaulty(h, up);
    const text = allText(body);
    expect(text).toContain("Ticket number 1");
    expect(text).toContain("Ticket number 3");
    expect(text).not.toContain("Ticket number 2");
    expect(text).toContain("1 ticket on this page could not be read and is not shown");
    expect(h.logs.join("\n")).toMatch(/1 of 3 rows could not be read[^\n]*#100002: ticket_id/);
    expectNoLeaks(body, SECRETS);
    await expectNextCommandServed(h, up);
  });

  it("an unknown `state_id` (6): a normal list naming the state by its number", async () => {
    const up = faultyUpstream(() => ({
      status: 200,
      body: pageBody([
        makeTicket({ id: 100077, ticket_id: 100077, state_id: 6, subject: "Escalated elsewhere" }),
      ]),
    }));
    const h = await start({ tickets: waiting(3), intercept: up.intercept });
    const body = await answerWhileFaulty(h, up);
    const text = allText(body);
    expect(text).toContain("Escalated elsewhere");
    expect(text).toContain("State 6");
    expect(text).not.toContain("ticket panel");
    expectNoLeaks(body, SECRETS);
    await expectNextCommandServed(h, up);
  });

  it("a `last_page` smaller than the page asked for: says there is no such page, with a way back", async () => {
    // Laravel's paginator echoes the page asked for, with no rows and the real last page.
    const up = faultyUpstream((req) => {
      expect(req.query.get("page")).toBe("5");
      return {
        status: 200,
        body: pageBody([], { current_page: 5, last_page: 2, total: 15, from: null, to: null }),
      };
    });
    const h = await start({ tickets: waiting(15), intercept: up.intercept });
    const body = await answerWhileFaulty(h, up, "state:2 page:5");
    expect(allText(body)).toContain("There is no page 5: these filters give 2 pages.");
    expectNoLeaks(body, SECRETS);
    up.heal();

    const first = buttonsOf(body).find((b) => b.action_id === ACTION_IDS.pageFirst);
    expect(first?.value).toBeDefined();
    const back = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.pageFirst, value: first?.value })).responseId,
    );
    expectValidMessage(back.body);
    expect(allText(back.body)).toContain("Ticket number 1");
    expect(allText(back.body)).toContain("page 1 of 2");
    expect(Object.fromEntries(h.api.requests.at(-1)?.query ?? [])).toEqual({
      page: "1",
      per_page: "10",
      state_id: "2",
    });

    const next = await h.answerTo((await h.command("state:2")).responseId);
    expect(allText(next.body)).toContain("Ticket number 1");
    expect(allText(next.body)).toContain("page 1 of 2");
  });
});
