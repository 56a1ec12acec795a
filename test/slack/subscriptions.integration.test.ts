import { describe, expect, it } from "vitest";
import { ACTION_IDS, CALLBACK_IDS, digestActionOf } from "../../src/contract/action-ids";
import { decodeDigestRef, encodeDigestRef } from "../../src/contract/digest-ref";
import { subscribeBlockId } from "../../src/contract/subscribe-form";
import {
  decodeSubscribeMetadata,
  encodeSubscribeMetadata,
} from "../../src/contract/subscribe-metadata";
import type { WebApiCall } from "../../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText, buttonsOf } from "../support/blocks";
import { type Harness, useHarness } from "../support/bot-harness";
import { simulatedTime } from "../support/fake-scheduler";
import { subscribeView, VALID_FORM } from "../support/subscribe-form";

const start = useHarness({
  tickets: [
    makeTicket({ id: 100001, ticket_id: 100001, state_id: 2, category_id: 10 }),
    makeTicket({ id: 100002, ticket_id: 100002, state_id: 2, category_id: 11 }),
  ],
});

const posts = (h: Harness) => h.slack.calls.items.filter((c) => c.method === "chat.postMessage");
const viewsOpened = (h: Harness) => h.slack.calls.items.filter((c) => c.method === "views.open");

/** `/tickets {text}` in C111, and the private answer to it. */
const ask = async (h: Harness, text: string) => {
  const { ack, responseId } = await h.command(text);
  expect(ack.status).toBe(200);
  return (await h.answerTo(responseId)).body;
};

/** The Web API answer for a channel the bot can see but is not in (a public channel). */
const notAMember = (call: WebApiCall) =>
  call.method === "conversations.info"
    ? {
        body: {
          ok: true,
          channel: { id: call.body.channel, is_channel: true, is_private: false, is_member: false },
        },
      }
    : undefined;

describe("/tickets subscribe with arguments", () => {
  it("saves the digest, announces it in the channel in its own language, and tells the person when it first comes", async () => {
    const h = await start();
    const answer = await ask(
      h,
      "subscribe category:10 at:08:30 days:mon-fri tz:Asia/Tehran top:5 lang:fa",
    );
    expect(answer.response_type).toBe("ephemeral");
    expect(allText(answer)).toMatch(
      /Subscribed: the 08:30 digest will be posted in this channel, first 20\d\d-/,
    );

    const [saved, ...others] = await h.store.subscriptions.listAll();
    expect(others).toEqual([]);
    expect(saved).toMatchObject({
      workspaceId: "T111",
      channelId: "C111",
      filters: { stateId: 2, categoryId: 10 },
      schedule: { cron: "30 8 * * 1-5", timeZone: "Asia/Tehran" },
      top: 5,
      overdueHours: 24,
      postWhenEmpty: false,
      language: "fa",
      paused: false,
      origin: "slack",
      createdBy: "W111",
    });

    // Everyone in the channel reads the announcement, in the digest's language (Persian).
    const [announcement] = posts(h);
    expect(announcement?.body.channel).toBe("C111");
    const line = allText(announcement?.body);
    expect(line).toContain("<@W111>");
    expect(line).toContain("گزارش دوره‌ای");
    expect(line).toContain("دوشنبه تا جمعه");
    expect(line).toContain("\u200F");
  });

  it("takes a cron for power users, quoted as Slack sends it", async () => {
    const h = await start();
    const answer = await ask(h, "subscribe cron:“0 9,15 * * 1-5” tz:Europe/Berlin empty:yes");
    expect(allText(answer)).toContain("Subscribed");
    const [saved] = await h.store.subscriptions.listAll();
    expect(saved?.schedule).toEqual({ cron: "0 9,15 * * 1-5", timeZone: "Europe/Berlin" });
    expect(saved?.postWhenEmpty).toBe(true);
    expect(allText(posts(h)[0]?.body)).toContain("09:00, 15:00, Mon–Fri (Europe/Berlin)");
  });

  it("names every bad argument privately and saves nothing, posts nothing", async () => {
    const h = await start();
    const answer = await ask(
      h,
      "subscribe at:25:00 days:funday tz:Mars/Olympus top:99 colour:blue id:5 state:bogus lang:de",
    );
    const text = allText(answer);
    expect(answer.response_type).toBe("ephemeral");
    for (const token of [
      "at:25:00",
      "days:funday",
      "tz:Mars/Olympus",
      "top:99",
      "colour:blue",
      "id:5",
      "state:bogus",
      "lang:de",
    ]) {
      expect(text).toContain(`\`${token}\``);
    }
    expect(text).toContain("Nothing was saved");
    expect(await h.store.subscriptions.listAll()).toEqual([]);
    expect(posts(h)).toEqual([]);
  });

  it("answers in the language the person chose, whatever the channel's digests speak", async () => {
    const h = await start();
    await h.store.preferences.set(h.slack.teamId, "W111", { language: "fa" });
    const text = allText(await ask(h, "digests"));
    expect(text).not.toContain("This channel has no digests yet");
    expect(text).toContain("این کانال هنوز");
  });

  it("shows its own help", async () => {
    const h = await start();
    const text = allText(await ask(h, "subscribe help"));
    expect(text).toContain("`at:`");
    expect(text).toContain("`cron:`");
    expect(await h.store.subscriptions.listAll()).toEqual([]);
  });

  it("refuses a channel the bot is not in, with the fix, and saves nothing", async () => {
    const h = await start({ slack: { webApi: notAMember } });
    const text = allText(await ask(h, "subscribe at:08:30"));
    expect(text).toContain("/invite @Tickets");
    expect(text).toContain("chat:write.public");
    expect(text).toContain("Nothing was saved");
    expect(await h.store.subscriptions.listAll()).toEqual([]);
    expect(posts(h)).toEqual([]);
  });

  it("subscribes a public channel it is not in when the app has chat:write.public", async () => {
    const h = await start({
      slack: {
        webApi: (call) => {
          const reply = notAMember(call);
          return (
            reply && {
              ...reply,
              headers: { "x-oauth-scopes": "commands,chat:write,chat:write.public" },
            }
          );
        },
      },
    });
    expect(allText(await ask(h, "subscribe at:08:30"))).toContain("Subscribed");
    expect(await h.store.subscriptions.listAll()).toHaveLength(1);
  });

  it("refuses a private conversation the bot cannot see", async () => {
    const h = await start({
      slack: {
        webApi: (call) =>
          call.method === "conversations.info"
            ? { body: { ok: false, error: "channel_not_found" } }
            : undefined,
      },
    });
    const text = allText(await ask(h, "subscribe"));
    expect(text).toContain("can't see this conversation");
    expect(viewsOpened(h)).toEqual([]);
  });

  it("undoes the digest when Slack refuses the announcement, and says why", async () => {
    // Without the read scopes Slack will not say beforehand; the first post decides.
    const h = await start({
      slack: {
        webApi: (call) =>
          call.method === "conversations.info"
            ? { body: { ok: false, error: "missing_scope" } }
            : call.method === "chat.postMessage"
              ? { body: { ok: false, error: "not_in_channel" } }
              : undefined,
      },
    });
    const text = allText(await ask(h, "subscribe at:08:30"));
    expect(text).toContain("/invite @Tickets");
    expect(text).toContain("Nothing was saved");
    expect(await h.store.subscriptions.listAll()).toEqual([]);
  });

  it("refuses a 21st digest in one channel, naming the limit", async () => {
    const h = await start();
    for (let i = 0; i < 20; i += 1) {
      await h.store.subscriptions.create(
        {
          workspaceId: "T111",
          channelId: "C111",
          createdBy: "W999",
          filters: { stateId: 2 },
          schedule: { cron: `${i} 9 * * *`, timeZone: "UTC" },
          top: 10,
          overdueHours: 24,
          postWhenEmpty: false,
          language: "en",
        },
        { perChannel: 20, perWorkspace: 1000 },
      );
    }
    const text = allText(await ask(h, "subscribe at:08:30"));
    expect(text).toContain("This channel already has 20 digests");
    expect(await h.store.subscriptions.countForChannel("T111", "C111")).toBe(20);
    expect(posts(h)).toEqual([]);
    // The modal is not even offered.
    expect(allText(await ask(h, "subscribe"))).toContain("20 digests");
    expect(viewsOpened(h)).toEqual([]);
  });

  it("is refused where the access settings do not allow tickets, and nothing is saved", async () => {
    const h = await start({ env: { ALLOWED_CHANNEL_IDS: "C0SUPPORT" } });
    const { ack } = await h.command("subscribe at:08:30");
    expect(allText(ack.json)).toContain("ALLOWED_CHANNEL_IDS");
    expect(await h.store.subscriptions.listAll()).toEqual([]);
  });
});

describe("/tickets subscribe's modal", () => {
  const openModal = async (h: Harness) => {
    const { ack } = await h.command("subscribe");
    expect(ack.status).toBe(200);
    const opened = await h.slack.calls.waitFor((c) => c.method === "views.open");
    const view = opened.body.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Record<string, unknown>[];
    };
    return view;
  };

  it("opens for this channel with the workspace's zones first, and saves a valid submission", async () => {
    const h = await start();
    // A digest elsewhere in the workspace makes its zone one of "the workspace's".
    await ask(h, "subscribe at:07:00 tz:Asia/Dubai");
    const view = await openModal(h);
    expect(view.callback_id).toBe(CALLBACK_IDS.subscribe);
    const metadata = decodeSubscribeMetadata(view.private_metadata);
    expect(metadata).toMatchObject({ channelId: "C111" });
    expect(metadata?.responseUrl).toMatch(/\/response\/\d+$/);

    const zone = view.blocks.find((b) => b.block_id === subscribeBlockId("zone")) as {
      element: { option_groups: { options: { value: string }[] }[] };
    };
    const [inUse, common] = zone.element.option_groups;
    expect(inUse?.options.map((o) => o.value)).toEqual(["UTC", "Asia/Dubai"]);
    expect(common?.options.map((o) => o.value)).toContain("Asia/Tehran");
    expect(common?.options.map((o) => o.value)).not.toContain("Asia/Dubai");

    const reply = await h.submitView(subscribeView(view.private_metadata, VALID_FORM));
    // An empty ack closes the modal.
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("");
    // The person hears back through the command's response_url the modal kept, once it is saved.
    const answered = await h.slack.responses.waitFor((p) =>
      allText(p.body).includes("the 08:30 digest"),
    );
    expect(answered.body.response_type).toBe("ephemeral");
    const saved = await h.store.subscriptions.listForChannel("T111", "C111");
    expect(saved.at(-1)).toMatchObject({
      filters: { stateId: 2, categoryId: 10 },
      schedule: { cron: "30 8 * * 1-5", timeZone: "Asia/Tehran" },
      top: 5,
      language: "fa",
    });
  });

  it("keeps the modal open with each problem under its own field, and saves nothing", async () => {
    const h = await start();
    const view = await openModal(h);
    const reply = await h.submitView(
      subscribeView(view.private_metadata, {
        ...VALID_FORM,
        time2: "13:00",
        days: [],
        top: "99",
        category: "0",
      }),
    );
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        [subscribeBlockId("time2")]: expect.stringContaining("share their minutes"),
        [subscribeBlockId("days")]: "Pick at least one day.",
        [subscribeBlockId("top")]: "A whole number from 1 to 20.",
        [subscribeBlockId("category")]: expect.stringContaining("A whole number from 1"),
      },
    });
    expect(await h.store.subscriptions.listAll()).toEqual([]);
    expect(posts(h)).toEqual([]);
  });

  it("says under the cron field what is wrong with it", async () => {
    const h = await start();
    const view = await openModal(h);
    const reply = await h.submitView(
      subscribeView(view.private_metadata, { ...VALID_FORM, cron: "0 9 * *" }),
    );
    expect(reply.json).toMatchObject({
      response_action: "errors",
      errors: { [subscribeBlockId("cron")]: expect.stringContaining("expected 5") },
    });
  });

  it("refuses a submission for a channel the access settings do not allow, over the modal", async () => {
    const h = await start({ env: { ALLOWED_CHANNEL_IDS: "C111" } });
    const view = await openModal(h);
    // A modal whose metadata names another channel (forged, or the settings changed meanwhile).
    const forged = view.private_metadata.replace("C111", "C0OTHER");
    const reply = await h.submitView(subscribeView(forged, VALID_FORM));
    expect(reply.json).toMatchObject({ response_action: "update" });
    expect(allText(reply.json)).toContain("Tickets can't be shown in this conversation");
    expect(await h.store.subscriptions.listAll()).toEqual([]);
  });

  it("refuses a submission from someone the access settings do not allow, replacing the modal", async () => {
    const h = await start({ env: { ALLOWED_USER_IDS: "U0SOMEONE" } });
    const metadata = encodeSubscribeMetadata({ channelId: "C111" });
    const reply = await h.submitView(subscribeView(metadata, VALID_FORM));
    expect(reply.json).toMatchObject({ response_action: "update", view: { type: "modal" } });
    expect(allText(reply.json)).toContain("your account is not on the list");
    expect(await h.store.subscriptions.listAll()).toEqual([]);
  });

  it("closes a submission it cannot read rather than leaving it spinning", async () => {
    const h = await start();
    const reply = await h.submitView(subscribeView("not ours", VALID_FORM));
    expect(reply.json).toMatchObject({ response_action: "update" });
    expect(await h.store.subscriptions.listAll()).toEqual([]);
  });
});

describe("/tickets digests", () => {
  const subscribed = async (
    h: Harness,
    text = "subscribe category:10 at:08:30 days:mon-fri tz:Asia/Tehran top:5",
  ) => {
    expect(allText(await ask(h, text))).toContain("Subscribed");
    const subscription = (await h.store.subscriptions.listForChannel("T111", "C111")).find(
      (s) => s.origin === "slack",
    );
    if (!subscription) throw new Error("nothing was saved");
    return subscription;
  };

  const clickOn = async (h: Harness, list: { blocks?: unknown[] }, actionId: string) => {
    const button = buttonsOf(list).find((b) => digestActionOf(b.action_id) === actionId);
    if (!button) throw new Error(`no ${actionId} button`);
    const { ack, responseId } = await h.click({ action_id: button.action_id, value: button.value });
    expect(ack.status).toBe(200);
    return responseId;
  };

  it("lists this channel's digests privately: what, when, last run, who, with their buttons", async () => {
    const h = await start({ env: { DIGEST_CHANNEL: "C111", DIGEST_SCHEDULE: "0 9 * * *" } });
    const mine = await subscribed(h);
    const list = await ask(h, "digests");
    expect(list.response_type).toBe("ephemeral");
    const text = allText(list);
    // The operator's first, read-only; then the channel's own.
    expect(text.indexOf("Set by the operator")).toBeLessThan(text.indexOf("category 10"));
    expect(text).toContain("09:00, every day (UTC)");
    expect(text).toContain("08:30, Mon–Fri (Asia/Tehran)");
    expect(text).toMatch(/Next: <!date\^\d+\^/);
    expect(text).toContain("Not posted yet");
    expect(text).toContain("Set up by <@W111>");
    const buttons = buttonsOf(list);
    expect(buttons.map((b) => b.action_id)).toEqual([
      `${ACTION_IDS.digestEdit}.${mine.id}`,
      `${ACTION_IDS.digestPause}.${mine.id}`,
      `${ACTION_IDS.digestRunNow}.${mine.id}`,
      `${ACTION_IDS.digestDelete}.${mine.id}`,
    ]);
    expect(new Set(buttons.map((b) => decodeDigestRef(b.value)))).toEqual(new Set([mine.id]));
  });

  it("pauses and resumes, announcing each in one line, and shows the list again in place", async () => {
    const h = await start();
    const mine = await subscribed(h);
    const list = await ask(h, "digests");
    const paused = await h.answerTo(await clickOn(h, list, ACTION_IDS.digestPause));
    expect(paused.body.replace_original).toBe(true);
    expect(allText(paused.body)).toContain("Paused");
    expect((await h.store.subscriptions.get(mine.id))?.paused).toBe(true);
    const announcement = posts(h).at(-1)?.body;
    expect(announcement?.text).toBe("⏸️ <@W111> paused the 08:30 digest.");
    expect(announcement?.channel).toBe("C111");

    const resumed = await h.answerTo(await clickOn(h, paused.body, ACTION_IDS.digestResume));
    expect((await h.store.subscriptions.get(mine.id))?.paused).toBe(false);
    expect(allText(posts(h).at(-1)?.body)).toContain("<@W111> resumed the 08:30 digest.");
    expect(buttonsOf(resumed.body).map((b) => digestActionOf(b.action_id))).toContain(
      ACTION_IDS.digestPause,
    );
  });

  it("deletes, announcing it, and the list says the channel has none", async () => {
    const h = await start();
    const mine = await subscribed(h);
    const list = await ask(h, "digests");
    const deleteButton = buttonsOf(list).find(
      (b) => digestActionOf(b.action_id) === ACTION_IDS.digestDelete,
    );
    // Slack asks before a click goes through.
    expect(deleteButton).toMatchObject({ style: "danger", confirm: { style: "danger" } });
    const after = await h.answerTo(await clickOn(h, list, ACTION_IDS.digestDelete));
    expect(await h.store.subscriptions.get(mine.id)).toBeUndefined();
    expect(allText(posts(h).at(-1)?.body)).toContain("<@W111> deleted the 08:30 digest.");
    expect(allText(after.body)).toContain("This channel has no digests yet");
  });

  it("runs a digest now, visibly in the channel, and records the run", async () => {
    // Its own clock: "within the same minute" must not depend on when the test happens to run.
    const time = simulatedTime(new Date("2026-03-09T10:15:20Z"));
    const h = await start({ clock: time.clock });
    const mine = await subscribed(h, "subscribe category:10 at:08:30 top:5");
    const before = posts(h).length;
    const list = await ask(h, "digests");
    const after = await h.answerTo(await clickOn(h, list, ACTION_IDS.digestRunNow));
    const digest = posts(h).slice(before);
    expect(digest).toHaveLength(1);
    expect(digest[0]?.body.channel).toBe("C111");
    const text = allText(digest[0]?.body);
    expect(text).toContain("1 ticket waiting for support");
    expect(text).toContain("Only: Waiting for support · category 10");
    // Only the digest's own tickets were asked for.
    expect(Object.fromEntries(h.api.requests.at(-1)?.query ?? [])).toMatchObject({
      state_id: "2",
      category_id: "10",
    });
    const [run] = await h.store.runs.lastRuns(mine.id, 1);
    expect(run).toMatchObject({ outcome: "posted", waitingCount: 1 });
    expect(allText(after.body)).toContain("posted ✅ (1 waiting)");
    // A second click within the same minute is the same run: nothing is posted twice.
    time.set(new Date("2026-03-09T10:15:59Z"));
    await h.answerTo(await clickOn(h, after.body, ACTION_IDS.digestRunNow));
    expect(posts(h).slice(before)).toHaveLength(1);
    // In the next minute it is a run of its own.
    time.set(new Date("2026-03-09T10:16:00Z"));
    await h.answerTo(await clickOn(h, after.body, ACTION_IDS.digestRunNow));
    expect(posts(h).slice(before)).toHaveLength(2);
  });

  it("edits through the modal, filled in as the digest is, and announces the change", async () => {
    const h = await start();
    const mine = await subscribed(h);
    const list = await ask(h, "digests");
    await clickOn(h, list, ACTION_IDS.digestEdit);
    const opened = await h.slack.calls.waitFor((c) => c.method === "views.open");
    const view = opened.body.view as {
      private_metadata: string;
      blocks: Record<string, unknown>[];
    };
    expect(decodeSubscribeMetadata(view.private_metadata)).toMatchObject({
      channelId: "C111",
      subscriptionId: mine.id,
    });
    const time = view.blocks.find((b) => b.block_id === subscribeBlockId("time1")) as {
      element: { initial_time?: string };
    };
    expect(time.element.initial_time).toBe("08:30");

    const reply = await h.submitView(
      subscribeView(view.private_metadata, { ...VALID_FORM, time1: "10:15", language: "en" }),
    );
    expect(reply.text).toBe("");
    // Announced once saved, after the modal closed.
    const announced = await h.slack.calls.waitFor(
      (c) => c.method === "chat.postMessage" && String(c.body.text).includes("changed"),
    );
    expect(String(announced.body.text)).toContain(
      "<@W111> changed the 08:30 digest: now *Waiting for support · category 10*, 10:15, Mon–Fri (Asia/Tehran).",
    );
    const changed = await h.store.subscriptions.get(mine.id);
    expect(changed).toMatchObject({ schedule: { cron: "15 10 * * 1-5" }, updatedBy: "W111" });
  });

  it("never changes an operator digest or another channel's from here", async () => {
    const h = await start({ env: { DIGEST_CHANNEL: "C111,C222", DIGEST_SCHEDULE: "0 9 * * *" } });
    const operator = (await h.store.subscriptions.listAll()).filter((s) => s.origin === "operator");
    const here = operator.find((s) => s.channelId === "C111");
    const there = operator.find((s) => s.channelId === "C222");
    for (const [target, words] of [
      [here, "set by the operator"],
      [there, "belongs to another channel"],
    ] as const) {
      const { responseId } = await h.click({
        action_id: ACTION_IDS.digestPause,
        value: encodeDigestRef(target?.id ?? 0),
      });
      expect(allText((await h.answerTo(responseId)).body)).toContain(words);
    }
    expect((await h.store.subscriptions.listAll()).every((s) => !s.paused)).toBe(true);
    expect(posts(h)).toEqual([]);
  });

  it("answers a button whose digest is gone", async () => {
    const h = await start();
    const { responseId } = await h.click({
      action_id: ACTION_IDS.digestDelete,
      value: encodeDigestRef(424242),
    });
    expect(allText((await h.answerTo(responseId)).body)).toContain("no longer exists");
  });
});
