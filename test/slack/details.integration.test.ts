import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText, buttonsOf } from "../support/blocks";
import { type Harness, onSharedMessage, useHarness } from "../support/bot-harness";
import { readFixtureJson } from "../support/fixtures";

const start = useHarness();

const sample = readFixtureJson<{ data: Parameters<typeof makeTicket>[0][] }>(
  "ticket-api/list-tickets.sample.json",
).data;
const tickets = [
  ...sample.map((t) => makeTicket(t)),
  ...Array.from({ length: 14 }, (_, i) =>
    makeTicket({ id: 100010 + i, ticket_id: 100010 + i, state_id: 2, subject: `Row ${i}` }),
  ),
];
const query = (h: Harness, index = -1) => Object.fromEntries(h.api.requests.at(index)?.query ?? []);
const _webApi = (h: Harness, method: string) =>
  h.slack.calls.items.filter((c) => c.method === method);

describe("ticket details", () => {
  it.each(["#100002", "100002", "id:100002"])(
    "`/tickets %s` shows that ticket privately, in full",
    async (text) => {
      const h = await start({ tickets });
      const answer = await h.answerTo((await h.command(text)).responseId);
      expect(answer.body.response_type).toBe("ephemeral");
      const shown = allText(answer.body);
      for (const part of [
        "Sample ticket",
        "Sample ticket description",
        "sampleuser",
        "System Questions",
        "Other Issues",
        "1234",
      ]) {
        expect(shown).toContain(part);
      }
      expect(shown).not.toMatch(/\bnull\b|undefined/);
      expect(query(h)).toEqual({ page: "1", per_page: "1", ticket_id: "100002" });
    },
  );

  it("says clearly that an unknown ticket number was not found", async () => {
    const h = await start({ tickets });
    const answer = await h.answerTo((await h.command("#999999")).responseId);
    expect(allText(answer.body)).toContain("#999999");
    expect(allText(answer.body)).toMatch(/no ticket/i);
    expect(allText(answer.body)).not.toMatch(/panel had|try again/i);
  });

  it("opens a row's details in a modal: loading at once, then filled in with views.update", async () => {
    const h = await start({ tickets });
    const list = await h.answerTo((await h.command("")).responseId);
    const details = buttonsOf(list.body).filter((b) => b.action_id === ACTION_IDS.detailsOpen);
    expect(details.length).toBe(10);
    const row = details.find((b) => b.value === "100001");
    await h.click({ action_id: ACTION_IDS.detailsOpen, value: row?.value });

    const opened = await h.slack.calls.waitFor((c) => c.method === "views.open");
    expect(opened.body.trigger_id).toBe("111.222.valid");
    const loading = opened.body.view as { type: string; title: { text: string } };
    expect(loading.type).toBe("modal");
    expect(loading.title.text.length).toBeLessThanOrEqual(24);

    const updated = await h.slack.calls.waitFor((c) => c.method === "views.update");
    expect(updated.body.view_id).toBe("V1");
    expect(allText(updated.body.view)).toContain("Sample ticket with file");
    expect(query(h)).toEqual({ page: "1", per_page: "1", ticket_id: "100001" });
  });

  it("fills the modal with a clear error when the API fails", async () => {
    let fail = false;
    const h = await start({
      tickets,
      intercept: () => (fail ? { status: 502, body: "<html>bad gateway</html>" } : undefined),
    });
    const list = await h.answerTo((await h.command("")).responseId);
    fail = true;
    await h.click({
      action_id: ACTION_IDS.detailsOpen,
      value: buttonsOf(list.body).find((b) => b.action_id === ACTION_IDS.detailsOpen)?.value,
    });
    const updated = await h.slack.calls.waitFor((c) => c.method === "views.update");
    expect(allText(updated.body.view)).toMatch(/HTTP 502|error/i);
  });

  it("never lets a hostile ticket mention, ping or link in details", async () => {
    const hostile = makeTicket({
      id: 100099,
      ticket_id: 100099,
      subject: "<!channel> <@U024BE7LH>",
      desc: "Click <https://evil.example|here> & \u202Egnp.exe <!everyone>",
      manager_comment: "<!here>",
      user: { user_id: 1, uname: "<@U999>" },
    });
    const h = await start({ tickets: [hostile] });
    const answer = await h.answerTo((await h.command("#100099")).responseId);
    const serialized = JSON.stringify(answer.body);
    for (const needle of [
      "<!channel>",
      "<@U024BE7LH>",
      "<https://evil",
      "<!everyone>",
      "<!here>",
      "<@U999>",
      "\u202E",
    ]) {
      expect(serialized).not.toContain(needle);
    }
  });
});

describe("links to the panel", () => {
  it("turns ticket numbers into links and offers Open in panel when TICKET_WEB_URL is set", async () => {
    const h = await start({
      tickets,
      env: { TICKET_WEB_URL: "https://panel.example.com/tickets/{id}" },
    });
    const list = await h.answerTo((await h.command("")).responseId);
    expect(allText(list.body)).toContain("<https://panel.example.com/tickets/100001|#100001>");
    const details = await h.answerTo((await h.command("#100001")).responseId);
    const panel = buttonsOf(details.body).find((b) => b.action_id === ACTION_IDS.openInPanel);
    expect(panel?.url).toBe("https://panel.example.com/tickets/100001");
    // The link click itself is only acknowledged.
    const { ack } = await h.click({ action_id: ACTION_IDS.openInPanel });
    expect(ack.status).toBe(200);
  });

  it("shows plain numbers and no panel button without it", async () => {
    const h = await start({ tickets });
    const list = await h.answerTo((await h.command("")).responseId);
    expect(allText(list.body)).not.toContain("<https://");
    const details = await h.answerTo((await h.command("#100001")).responseId);
    expect(buttonsOf(details.body).map((b) => b.action_id)).not.toContain(ACTION_IDS.openInPanel);
  });
});

describe("refresh and share", () => {
  it("Refresh fetches the same page again and replaces the list", async () => {
    const h = await start({ tickets });
    const first = await h.answerTo((await h.command("per_page:5 page:2")).responseId);
    const refresh = buttonsOf(first.body).find((b) => b.action_id === ACTION_IDS.pageRefresh);
    h.api.setTickets([makeTicket({ id: 1, ticket_id: 1, subject: "Only one now" })]);
    const answer = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.pageRefresh, value: refresh?.value })).responseId,
    );
    expect(answer.body.replace_original).toBe(true);
    expect(query(h)).toEqual({ page: "2", per_page: "5" });
  });

  it("Share posts the current page in the channel through the click's response_url, private copy untouched", async () => {
    const h = await start({ tickets });
    const first = await h.answerTo((await h.command("state:2 per_page:5")).responseId);
    const share = buttonsOf(first.body).find((b) => b.action_id === ACTION_IDS.shareList);
    const { responseId } = await h.click({ action_id: ACTION_IDS.shareList, value: share?.value });
    const shared = await h.answerTo(responseId);
    expect(shared.body.response_type).toBe("in_channel");
    expect(shared.body.replace_original).toBe(false);
    expect(allText(shared.body)).toContain("<@W111>");
    expect(allText(shared.body)).toContain("Row 0");
    expect(buttonsOf(shared.body).map((b) => b.action_id)).not.toContain(ACTION_IDS.shareList);
    expect(h.slack.responses.items.filter((p) => p.id === responseId)).toHaveLength(1);
    expect(query(h)).toEqual({ page: "1", per_page: "5", state_id: "2" });
  });

  it("Share of one ticket from its modal goes through the response_url the modal kept", async () => {
    const h = await start({ tickets });
    const list = await h.answerTo((await h.command("")).responseId);
    const row = buttonsOf(list.body).find(
      (b) => b.action_id === ACTION_IDS.detailsOpen && b.value === "100002",
    );
    const { responseId: listClickId } = await h.click({
      action_id: ACTION_IDS.detailsOpen,
      value: row?.value,
    });
    const updated = await h.slack.calls.waitFor((c) => c.method === "views.update");
    const view = updated.body.view as { private_metadata: string; blocks: unknown[] };
    const share = buttonsOf(view).find((b) => b.action_id === ACTION_IDS.shareTicket);
    expect(share?.value).toBe("100002");

    const { responseId: modalClickId } = await h.click(
      { action_id: ACTION_IDS.shareTicket, value: share?.value },
      {
        response_url: undefined,
        container: { type: "view", view_id: "V1" },
        view: { id: "V1", type: "modal", private_metadata: view.private_metadata },
      },
    );
    const shared = await h.answerTo(listClickId);
    expect(shared.body.response_type).toBe("in_channel");
    expect(allText(shared.body)).toContain("Sample ticket");
    expect(allText(shared.body)).toContain("<@W111>");
    expect(h.slack.responses.items.filter((p) => p.id === modalClickId)).toHaveLength(0);
  });

  it("from a modal whose kept response_url has expired, explains over the modal", async () => {
    const h = await start({
      tickets,
      slack: { responseUrl: () => ({ status: 404, body: "expired_url" }) },
    });
    await h.click(
      { action_id: ACTION_IDS.shareTicket, value: "100002" },
      {
        response_url: undefined,
        container: { type: "view", view_id: "V1" },
        view: {
          id: "V1",
          type: "modal",
          private_metadata: JSON.stringify({ v: 1, r: h.slack.newResponseUrl().url }),
        },
      },
    );
    const pushed = await h.slack.calls.waitFor((c) => c.method === "views.push");
    expect(pushed.body.trigger_id).toBe("111.222.valid");
    expect(allText(pushed.body.view)).toContain("expired_url");
  });

  it("tells the person why when Slack refuses the share", async () => {
    const h = await start({
      tickets,
      slack: {
        responseUrl: (post) =>
          post.body.response_type === "in_channel"
            ? { status: 404, body: "channel_not_found" }
            : undefined,
      },
    });
    const first = await h.answerTo((await h.command("")).responseId);
    const share = buttonsOf(first.body).find((b) => b.action_id === ACTION_IDS.shareList);
    const { responseId } = await h.click({ action_id: ACTION_IDS.shareList, value: share?.value });
    const explained = await h.slack.responses.waitFor(
      (p) => p.id === responseId && p.body.response_type === "ephemeral",
    );
    expect(explained.body.replace_original).toBe(false);
    expect(allText(explained.body)).toContain("channel_not_found");
  });

  it("a Next click on a shared list answers the clicker privately", async () => {
    const h = await start({ tickets });
    const first = await h.answerTo((await h.command("")).responseId);
    const share = buttonsOf(first.body).find((b) => b.action_id === ACTION_IDS.shareList);
    const shared = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.shareList, value: share?.value })).responseId,
    );
    const next = buttonsOf(shared.body).find((b) => b.action_id === ACTION_IDS.pageNext);
    const answer = await h.answerTo(
      (
        await h.click(
          { action_id: ACTION_IDS.pageNext, value: next?.value },
          onSharedMessage("C111"),
        )
      ).responseId,
    );
    expect(answer.body.response_type).toBe("ephemeral");
    expect(answer.body.replace_original).toBe(false);
  });
});
