import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText, buttonsOf } from "../support/blocks";
import { type Harness, onSharedMessage, useHarness } from "../support/bot-harness";
import { readFixtureJson } from "../support/fixtures";
import { withFaults } from "../support/temp-store";

/**
 * Each person's language, end to end: signed requests into the real app, its store a real
 * SQLite file, the ticket API and Slack played on loopback. W111 is who the driver plays unless
 * a request says otherwise; W222 is a colleague in the same workspace.
 */

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

const COLLEAGUE = "W222";

/** Command fields and click fields for W222. */
const colleague = (h: Harness) => ({
  command: { user_id: COLLEAGUE, user_name: "colleague" },
  click: {
    user: { id: COLLEAGUE, username: "colleague", name: "colleague", team_id: h.slack.teamId },
  },
});

/** The private answer to `/tickets {text}`, sent through its response_url. */
const answer = async (h: Harness, text: string, fields: Record<string, string> = {}) =>
  (await h.answerTo((await h.command(text, fields)).responseId)).body;

const storedFor = (h: Harness, userId = "W111") => h.store.preferences.get(h.slack.teamId, userId);

// A few literal words of each catalog, as a reader sees them.
const PERSIAN_LIST = ["در انتظار پشتیبانی", "جزئیات", "صفحهٔ ۱ از"];
const ENGLISH_LIST = ["Waiting for support", "Details", "page 1 of"];

const expectPersian = (message: unknown, words = PERSIAN_LIST) => {
  const text = allText(message);
  for (const word of words) expect(text).toContain(word);
  for (const word of ENGLISH_LIST) expect(text).not.toContain(word);
};
const expectEnglish = (message: unknown, words = ENGLISH_LIST) => {
  const text = allText(message);
  for (const word of words) expect(text).toContain(word);
  for (const word of PERSIAN_LIST) expect(text).not.toContain(word);
};

describe("/tickets language", () => {
  it("fa: that person's answers come in Persian, a colleague's stay English, en switches back", async () => {
    const h = await start({ tickets });

    const saved = await answer(h, "language fa");
    expect(saved.response_type).toBe("ephemeral");
    expect(allText(saved)).toContain("از این پس ربات با شما *فارسی* حرف می‌زند");
    // The way back, readable by someone who cannot read Persian.
    expect(allText(saved)).toContain("/tickets language en");
    expect(allText(saved)).toContain("English");
    expect(await storedFor(h)).toEqual({ language: "fa" });

    expectPersian(await answer(h, "state:2"));
    expectEnglish(await answer(h, "state:2", colleague(h).command));

    // Answered in the ack itself, in Persian too.
    const help = await h.command("help");
    expect(allText(help.ack.json)).toContain("فهرست تیکت‌ها در اسلک");
    const error = await h.command("stat:2");
    expect(allText(error.ack.json)).toContain("این دستور را نفهمیدم");
    expect(allText((await h.command("help", colleague(h).command)).ack.json)).toContain(
      "Ticket lists from Slack",
    );

    const back = await answer(h, "language en");
    expect(allText(back)).toContain("From now on the bot answers you in *English*");
    expect(await storedFor(h)).toEqual({ language: "en" });
    expectEnglish(await answer(h, "state:2"));
  });

  it("alone, says what the person gets and how to change it, in Persian words too", async () => {
    const h = await start({ tickets });
    const shown = await answer(h, "language");
    expect(allText(shown)).toContain("You haven't chosen a language");
    expect(allText(shown)).toContain("`/tickets language fa`: Persian (فارسی)");
    await answer(h, "زبان فارسی");
    expect(allText(await answer(h, "زبان"))).toContain("زبانی که انتخاب کرده‌اید *فارسی* است");
    expect(h.api.requests).toHaveLength(0);
  });

  it("refuses a language it does not speak, naming the choices, and stores nothing", async () => {
    const h = await start({ tickets });
    const { ack, responseId } = await h.command("language de");
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_type: "ephemeral" });
    const said = allText(ack.json);
    expect(said).toContain("`de` is not a language the bot speaks");
    expect(said).toContain("`/tickets language en`: English");
    expect(said).toContain("`/tickets language fa`: Persian (فارسی)");
    expect(await storedFor(h)).toBeUndefined();
    expect(h.api.requests).toHaveLength(0);
    expect(h.slack.responses.items.filter((p) => p.id === responseId)).toEqual([]);
  });

  it("opens the details modal in the clicker's language", async () => {
    const h = await start({ tickets });
    await answer(h, "language fa");
    const list = await answer(h, "");
    const row = buttonsOf(list).find(
      (b) => b.action_id === ACTION_IDS.detailsOpen && b.value === "100002",
    );
    await h.click({ action_id: ACTION_IDS.detailsOpen, value: row?.value });
    const opened = await h.slack.calls.waitFor((c) => c.method === "views.open");
    expect(allText(opened.body.view)).toContain("در حال دریافت تیکت");
    const updated = await h.slack.calls.waitFor((c) => c.method === "views.update");
    const modal = allText(updated.body.view);
    for (const word of ["تیکت", "اهمیت", "مشتری", "بستن", "📣 ارسال در کانال"]) {
      expect(modal).toContain(word);
    }
    expect(modal).toContain("Sample ticket");
    expect(modal).not.toContain("Importance");
  });

  it("shares in the sharer's language; a click on the shared list answers the clicker in theirs", async () => {
    const h = await start({ tickets });
    await answer(h, "language fa");
    const list = await answer(h, "state:2 per_page:5");
    const share = buttonsOf(list).find((b) => b.action_id === ACTION_IDS.shareList);
    const shared = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.shareList, value: share?.value })).responseId,
    );
    expect(shared.body.response_type).toBe("in_channel");
    expectPersian(shared.body, ["ارسال‌شده توسط", "<@W111>", "در انتظار پشتیبانی"]);

    // The colleague pages the shared (Persian) list: a new private list, in English.
    const next = buttonsOf(shared.body).find((b) => b.action_id === ACTION_IDS.pageNext);
    expect(next).toBeDefined();
    const paged = await h.answerTo(
      (
        await h.click(
          { action_id: ACTION_IDS.pageNext, value: next?.value },
          { ...onSharedMessage(), ...colleague(h).click },
        )
      ).responseId,
    );
    expect(paged.body.response_type).toBe("ephemeral");
    expectEnglish(paged.body, ["Waiting for support", "page 2 of"]);

    // The colleague shares the same list: in English, whoever made it.
    const theirs = await h.answerTo(
      (
        await h.click(
          { action_id: ACTION_IDS.shareList, value: share?.value },
          { ...onSharedMessage(), ...colleague(h).click },
        )
      ).responseId,
    );
    expect(theirs.body.response_type).toBe("in_channel");
    expectEnglish(theirs.body, ["Shared by", "<@W222>", "Waiting for support"]);
  });

  it("answers a digest's View all in the clicker's language", async () => {
    const h = await start({ tickets });
    const preview = await answer(h, "digest", colleague(h).command);
    expect(allText(preview)).toContain("waiting for support");
    const viewAll = buttonsOf(preview).find((b) => b.action_id === ACTION_IDS.openList);
    await answer(h, "language fa");
    const list = await h.answerTo(
      (await h.click({ action_id: ACTION_IDS.openList, value: viewAll?.value }, onSharedMessage()))
        .responseId,
    );
    expectPersian(list.body);
  });
});

describe("when the store misbehaves", () => {
  it("a failed read answers in the workspace's language, and the choice is there once it recovers", async () => {
    let down = false;
    const h = await start({
      tickets,
      preferences: (real) => withFaults(real, { readsFail: () => down }),
    });
    // Chosen earlier (or on another replica): not in this replica's memory.
    await h.store.preferences.set(h.slack.teamId, "W111", { language: "fa" });
    down = true;
    expectEnglish(await answer(h, "state:2"));
    expect(allText((await h.command("help")).ack.json)).toContain("Ticket lists from Slack");
    await h.waitForLog(
      /WARN .*could not read the language of W111 .*answering in the workspace's \(en\)/,
    );
    down = false;
    expectPersian(await answer(h, "state:2"));
    expect(await storedFor(h)).toEqual({ language: "fa" });
  });

  it("a slow read does not hold the ack: it is answered in the workspace's language", async () => {
    const h = await start({
      tickets,
      preferences: (real) => withFaults(real, { readDelayMs: () => 2_000 }),
    });
    await h.store.preferences.set(h.slack.teamId, "W111", { language: "fa" });
    const help = await h.command("help");
    // Had the ack waited for the store, it would be in Persian.
    expect(allText(help.ack.json)).toContain("Ticket lists from Slack");
    await h.waitForLog(/WARN .*store took over 250 ms to read the language of W111/);
  });

  it("a list is acked before the store is asked for the person's language, and answered in it", async () => {
    let ackArrived: () => void = () => {};
    const acked = new Promise<void>((resolve) => {
      ackArrived = resolve;
    });
    const h = await start({
      tickets,
      preferences: (real) => withFaults(real, { readsWaitFor: () => acked }),
    });
    await h.store.preferences.set(h.slack.teamId, "W111", { language: "fa" });
    // The read finishes only once the ack is here: had the ack waited for it, the read would
    // have run out its 250 ms and the list come in the workspace's English.
    const sent = await h.command("state:2");
    ackArrived();
    expect(sent.ack.status).toBe(200);
    expectPersian((await h.answerTo(sent.responseId)).body);
  });

  it("a failed write says nothing changed, in the language the person still gets", async () => {
    const h = await start({
      tickets,
      preferences: (real) => withFaults(real, { writesFail: () => true }),
    });
    const said = allText(await answer(h, "language fa"));
    expect(said).toContain(
      "Your choice couldn't be saved, so nothing changed: you still get *English*",
    );
    expect(said).not.toContain("از این پس");
    expect(await storedFor(h)).toBeUndefined();
    expectEnglish(await answer(h, "state:2"));
    await h.waitForLog(/ERROR .*could not keep the language W111 chose/);
  });
});

describe("refusals", () => {
  it("refuse in the person's language", async () => {
    const h = await start({ tickets, env: { ALLOWED_CHANNEL_IDS: "C0ALLOWED" } });
    await h.store.preferences.set(h.slack.teamId, "W111", { language: "fa" });
    const refused = await h.command("state:2");
    expect(allText(refused.ack.json)).toContain("در این گفت‌وگو نمی‌شود تیکت نشان داد");
    const theirs = await h.command("state:2", colleague(h).command);
    expect(allText(theirs.ack.json)).toContain("can't be shown in this conversation");
    expect(h.api.requests).toHaveLength(0);
  });
});
