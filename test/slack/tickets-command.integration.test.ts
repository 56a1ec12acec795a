import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText, buttonsOf } from "../support/blocks";
import { type Harness, TICKET_TOKEN, useHarness } from "../support/bot-harness";

const start = useHarness();

const waiting = (n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) =>
    makeTicket({
      id: 100001 + i,
      ticket_id: 100001 + i,
      state_id: 2,
      subject: `Ticket number ${i + 1}`,
      ...extra,
    }),
  );

const queryOf = (h: Harness, index = -1) => {
  const request = h.api.requests.at(index);
  if (!request) throw new Error("no upstream request was made");
  return Object.fromEntries(request.query);
};

describe("/tickets through signed HTTP requests", () => {
  it("acks before the ticket API answers, then privately shows the first page", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = await start({
      tickets: waiting(25),
      intercept: async () => {
        await held;
        return undefined;
      },
    });

    const { ack, responseId } = await h.command("state:2");
    // The ack arrived while the upstream reply is still held back.
    expect(ack.status).toBe(200);
    expect(h.slack.responses.items).toHaveLength(0);
    release();

    const answer = await h.answerTo(responseId);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(answer.body.text).toContain("Waiting for support");
    expect(allText(answer.body)).toContain("Ticket number 1");
    expect(allText(answer.body)).toContain("page 1 of 3");
    expect(queryOf(h)).toEqual({ page: "1", per_page: "10", state_id: "2" });
    expect(h.api.requests[0]?.headers.authorization).toBe(TICKET_TOKEN);
  });

  it("pages with Next and Previous in place, keeping every filter", async () => {
    const h = await start({ tickets: waiting(25, { user: { user_id: 1, uname: "bob" } }) });
    const first = await h.answerTo((await h.command("state:open user:bob per_page:10")).responseId);
    const firstButtons = buttonsOf(first.body);
    expect(firstButtons.map((b) => b.action_id)).not.toContain(ACTION_IDS.pagePrevious);
    const next = firstButtons.find((b) => b.action_id === ACTION_IDS.pageNext);
    expect(next?.value).toBeDefined();

    const second = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.pageNext, value: next?.value })).responseId,
    );
    expect(second.body.replace_original).toBe(true);
    expect(allText(second.body)).toContain("page 2 of 3");
    expect(allText(second.body)).toContain("Ticket number 11");
    expect(queryOf(h)).toEqual({ page: "2", per_page: "10", state_id: "2", username: "bob" });

    const previous = buttonsOf(second.body).find((b) => b.action_id === ACTION_IDS.pagePrevious);
    const back = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.pagePrevious, value: previous?.value })).responseId,
    );
    expect(allText(back.body)).toContain("page 1 of 3");
    expect(queryOf(h)).toEqual({ page: "1", per_page: "10", state_id: "2", username: "bob" });

    const third = await h.answerTo(
      (
        await h.click({
          action_id: ACTION_IDS.pageNext,
          value: buttonsOf(second.body).find((b) => b.action_id === ACTION_IDS.pageNext)?.value,
        })
      ).responseId,
    );
    expect(allText(third.body)).toContain("page 3 of 3");
    expect(buttonsOf(third.body).map((b) => b.action_id)).not.toContain(ACTION_IDS.pageNext);
  });

  it.each([
    ["state:2", { state_id: "2" }],
    ["STATE:Waiting-For-Support", { state_id: "2" }],
    ["state_id:closed", { state_id: "4" }],
    ["state:۳", { state_id: "3" }],
    ["user:bob", { username: "bob" }],
    ["username:Alice", { username: "Alice" }],
    ["id:100001 state:2", { ticket_id: "100001", state_id: "2" }],
    ["ticket_id:100001 state:2", { ticket_id: "100001", state_id: "2" }],
    ["#100001 state:2", { ticket_id: "100001", state_id: "2" }],
    ["100001 state:2", { ticket_id: "100001", state_id: "2" }],
    ["category:10", { category_id: "10" }],
    ["category_id:10", { category_id: "10" }],
    ["subcategory:20", { sub_category_id: "20" }],
    ["sub:20", { sub_category_id: "20" }],
    ["sub_category_id:20", { sub_category_id: "20" }],
    ["page:2", { page: "2" }],
    ["per_page:5", { per_page: "5" }],
  ])("`/tickets %s` sends exactly the matching query upstream", async (text, expected) => {
    const h = await start({ tickets: waiting(3) });
    await h.answerTo((await h.command(text)).responseId);
    expect(queryOf(h)).toEqual({ page: "1", per_page: "10", ...expected });
  });

  it("with no arguments lists every ticket with no filter at all", async () => {
    const h = await start({ tickets: waiting(3) });
    const answer = await h.answerTo((await h.command("")).responseId);
    expect(answer.body.text).toContain("All tickets");
    expect(queryOf(h)).toEqual({ page: "1", per_page: "10" });
  });

  it("lowers per_page above 20 with a notice, and the page numbers keep their meaning", async () => {
    const h = await start({ tickets: waiting(60) });
    const answer = await h.answerTo((await h.command("per_page:50 page:2")).responseId);
    expect(queryOf(h)).toEqual({ page: "2", per_page: "20" });
    expect(allText(answer.body)).toContain("at most 20");
    expect(allText(answer.body)).toContain("page 2 of 3");
  });

  it.each([
    ["stat:2", ["`stat:2`", "state"]],
    ["state:9", ["`state:9`"]],
    ["user:", ["`user:`"]],
    ["page:0", ["`page:0`"]],
    ["state:2 state:3", ["state"]],
    // One word alone would name a saved view: two are a typo.
    ["hello world", ["`hello`", "`world`"]],
    ["category:abc", ["`category:abc`"]],
  ])(
    "refuses `%s` privately, naming the problem, and calls nothing upstream",
    async (text, mentions) => {
      const h = await start({ tickets: waiting(3) });
      const { ack } = await h.command(text);
      expect(ack.status).toBe(200);
      const body = ack.json as { response_type: string; text: string; blocks: unknown[] };
      expect(body.response_type).toBe("ephemeral");
      for (const m of mentions) expect(allText(body)).toContain(m);
      expect(h.api.requests).toHaveLength(0);
    },
  );

  it("answers help with copy-paste examples and no upstream call", async () => {
    const h = await start();
    const { ack } = await h.command("help");
    expect(allText(ack.json)).toContain("/tickets state:open");
    expect(h.api.requests).toHaveLength(0);
  });

  it("decodes &amp; &lt; &gt; in the command text", async () => {
    const h = await start({ tickets: waiting(1) });
    await h.answerTo((await h.command("user:a&amp;b")).responseId);
    expect(queryOf(h)).toEqual({ page: "1", per_page: "10", username: "a&b" });
  });

  it("refuses a forged signature with 401 and calls nothing upstream", async () => {
    const h = await start({ tickets: waiting(1) });
    const body = new URLSearchParams({
      command: "/tickets",
      text: "state:2",
      response_url: h.slack.newResponseUrl().url,
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await h.post(body, {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": "v0=0000000000000000000000000000000000000000000000000000000000000000",
    });
    expect(result.status).toBe(401);
    expect(h.api.requests).toHaveLength(0);
    expect(h.slack.responses.items).toHaveLength(0);
  });

  it("answers a button whose value does not decode with a clear private error, upstream untouched", async () => {
    const h = await start({ tickets: waiting(1) });
    const answer = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.pageNext, value: "{not json" })).responseId,
    );
    expect(answer.body.response_type).toBe("ephemeral");
    expect(answer.body.replace_original).toBe(false);
    expect(allText(answer.body)).toContain("/tickets");
    expect(h.api.requests).toHaveLength(0);
  });

  it("says so when a page is past the end, and offers a way back", async () => {
    const h = await start({ tickets: waiting(12) });
    const answer = await h.answerTo((await h.command("page:7")).responseId);
    expect(allText(answer.body)).toContain("no page 7");
    expect(buttonsOf(answer.body).length).toBeGreaterThan(0);
  });

  it("says nothing matched, repeating the filters", async () => {
    const h = await start({ tickets: waiting(3) });
    const answer = await h.answerTo((await h.command("user:nobody")).responseId);
    expect(allText(answer.body)).toContain("No tickets match");
    expect(allText(answer.body)).toContain("nobody");
  });
});

describe("/tickets when the ticket API misbehaves", () => {
  it("quotes the provider's message when the token is rejected (401), and keeps serving", async () => {
    const h = await start({
      tickets: waiting(2),
      env: { TICKET_API_TOKEN: "wrong-token-value" },
    });
    const answer = await h.answerTo((await h.command("state:2")).responseId);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(allText(answer.body)).toContain("rejected the bot's API token");
    expect(allText(answer.body)).toContain("اطلاعات وارد شده صحیح نمی باشد");
    expect(JSON.stringify(answer.body)).not.toContain("wrong-token-value");
  });

  it("explains a 5xx, then answers the next command normally", async () => {
    let failures = 10;
    const h = await start({
      tickets: waiting(2),
      intercept: () =>
        failures-- > 0 ? { status: 500, body: { message: "Server Error" } } : undefined,
    });
    const failed = await h.answerTo((await h.command("state:2")).responseId);
    expect(allText(failed.body)).toContain("internal error (HTTP 500)");
    failures = 0;
    const ok = await h.answerTo((await h.command("state:2")).responseId);
    expect(allText(ok.body)).toContain("Ticket number 1");
  });

  it("explains an HTML page instead of JSON", async () => {
    const h = await start({
      intercept: () => ({
        status: 200,
        headers: { "content-type": "text/html" },
        body: "<html><body>Maintenance</body></html>",
      }),
    });
    const answer = await h.answerTo((await h.command("")).responseId);
    expect(allText(answer.body)).toContain("not ticket data");
    expect(allText(answer.body)).not.toContain("Maintenance");
  });

  it("gives up on a hung upstream at the deadline and says so", async () => {
    const h = await start({
      env: { TICKET_API_TIMEOUT_MS: "300" },
      intercept: () => ({ hang: true }),
    });
    const { ack, responseId } = await h.command("state:2");
    expect(ack.status).toBe(200);
    const answer = await h.answerTo(responseId);
    expect(allText(answer.body)).toContain("did not answer within");
  });

  it("keeps a failed page click beside the list instead of replacing it", async () => {
    let fail = false;
    const h = await start({
      tickets: waiting(25),
      intercept: () => (fail ? { status: 500, body: {} } : undefined),
    });
    const first = await h.answerTo((await h.command("")).responseId);
    fail = true;
    const next = buttonsOf(first.body).find((b) => b.action_id === ACTION_IDS.pageNext);
    const answer = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.pageNext, value: next?.value })).responseId,
    );
    expect(answer.body.replace_original).toBe(false);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(allText(answer.body)).toContain("HTTP 500");
  });
});

describe("/tickets with hostile ticket text", () => {
  it("never lets ticket text mention, ping or link", async () => {
    const h = await start({
      tickets: [
        makeTicket({
          ticket_id: 100001,
          id: 100001,
          state_id: 2,
          subject: "<!channel> urgent <@U024BE7LH> see <https://evil.example|bank> & \u202Eevil",
          user: { user_id: 5, uname: "<!here>" },
          category: { id: 1, name: "<#C123|general>" },
        }),
      ],
    });
    const answer = await h.answerTo((await h.command("")).responseId);
    const serialized = JSON.stringify(answer.body);
    for (const needle of [
      "<!channel>",
      "<@U024BE7LH>",
      "<https://evil.example",
      "<!here>",
      "<#C123",
      "\u202E",
    ]) {
      expect(serialized).not.toContain(needle);
    }
    expect(serialized).toContain("&lt;!channel&gt;");
  });
});
