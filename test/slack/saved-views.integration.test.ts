import { describe, expect, it } from "vitest";
import { ACTION_IDS, viewActionOf } from "../../src/contract/action-ids";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText, type ButtonElement, buttonsOf } from "../support/blocks";
import { type Harness, useHarness } from "../support/bot-harness";

/**
 * Saved views through the real receiver: `/tickets save`, `/tickets NAME`, `/tickets views`
 * and its Open / Delete / paging buttons, with a real SQLite store and the ticket API stand-in.
 */

const start = useHarness({
  tickets: [
    makeTicket({ id: 100001, ticket_id: 100001, state_id: 2, category_id: 10 }),
    makeTicket({ id: 100002, ticket_id: 100002, state_id: 2, category_id: 11 }),
    makeTicket({ id: 100003, ticket_id: 100003, state_id: 1, category_id: 10 }),
  ],
});

/** `/tickets {text}` as `userId`, and the private answer to it. */
const ask = async (h: Harness, text: string, userId?: string) => {
  const { ack, responseId } = await h.command(text, userId ? { user_id: userId } : {});
  expect(ack.status).toBe(200);
  const json = ack.json as { blocks?: unknown[] } | undefined;
  // Refusals are answered in the ack itself; everything else through the response_url.
  if (json?.blocks) return json;
  return (await h.answerTo(responseId)).body;
};

const click = async (h: Harness, button: ButtonElement, userId?: string) => {
  const { ack, responseId } = await h.click(
    { action_id: button.action_id, value: button.value },
    userId ? { user: { id: userId, team_id: h.slack.teamId } } : {},
  );
  expect(ack.status).toBe(200);
  return h.answerTo(responseId);
};

const ticketRequests = (h: Harness) => h.api.requests.filter((r) => r.path === "/api/ticket");

describe("/tickets save and /tickets NAME", () => {
  it("saves the person's view and shows it by name, with the filters it was saved with", async () => {
    const h = await start();
    const saved = await ask(h, "save billing state:2 category:10 per_page:20");
    expect(allText(saved)).toMatch(/Saved your view `billing`/);
    expect(ticketRequests(h)).toHaveLength(0);
    const [view] = await h.store.views.list("T111", "W111");
    expect(view).toMatchObject({ name: "billing", owner: { user: "W111" }, createdBy: "W111" });

    const shown = await ask(h, "Billing");
    expect(allText(shown)).toContain("Your view `billing`");
    expect(allText(shown)).toContain("#100001");
    expect(allText(shown)).not.toContain("#100002");
    const [request] = ticketRequests(h);
    expect(request?.query.get("state_id")).toBe("2");
    expect(request?.query.get("category_id")).toBe("10");
    expect(request?.query.get("per_page")).toBe("20");
  });

  it("saves a Persian name, and finds it whether typed with Arabic or Persian letters", async () => {
    const h = await start();
    expect(allText(await ask(h, "save مشتری state:2"))).toContain("مشتری");
    expect(allText(await ask(h, "مشتري"))).toContain("#100001");
  });

  it("refuses a name that collides with a keyword, a filter or a ticket number, and saves nothing", async () => {
    const h = await start();
    expect(allText(await ask(h, "save views state:2"))).toMatch(/`views` already means/);
    expect(allText(await ask(h, "save open state:2"))).toMatch(/already means `state:open`/);
    expect(allText(await ask(h, "save 42 state:2"))).toMatch(/ticket number/);
    expect(allText(await ask(h, "save bill.ing state:2"))).toMatch(/1–32 letters/);
    expect(await h.store.views.list("T111", "W111")).toEqual([]);
    expect(ticketRequests(h)).toHaveLength(0);
  });

  it("says plainly when a name is no view, without asking the panel", async () => {
    const h = await start();
    expect(allText(await ask(h, "nosuchview"))).toMatch(/no saved view called `nosuchview`/);
    expect(ticketRequests(h)).toHaveLength(0);
  });

  it("keeps at most the per-person limit, and says so at the next", async () => {
    const h = await start();
    for (let i = 0; i < 50; i++) {
      await h.store.views.save(
        {
          workspaceId: "T111",
          owner: { user: "W111" },
          name: `v${i}`,
          filters: { v: 1, filter: {}, page: 1, perPage: 10 },
          createdBy: "W111",
        },
        50,
      );
    }
    expect(allText(await ask(h, "save one-more state:2"))).toMatch(/already keep 50 saved views/);
    expect(await h.store.views.count("T111", { user: "W111" })).toBe(50);
    // Saving an existing name again replaces it: no new one.
    expect(allText(await ask(h, "save v3 state:2"))).toMatch(/Updated your view `v3`/);
  });
});

describe("team views", () => {
  it("are seen by everyone, marked with who made them; only their maker deletes them", async () => {
    const h = await start();
    await ask(h, "save queue state:2 team");
    await ask(h, "save mine state:1");

    const bobs = await ask(h, "views", "UBOB");
    expect(allText(bobs)).toContain("`queue`");
    expect(allText(bobs)).toContain("<@W111>");
    expect(allText(bobs)).not.toContain("`mine`");
    // Bob may open it, not delete it: no Delete button is offered to him.
    const bobsButtons = buttonsOf(bobs);
    expect(bobsButtons.map((b) => viewActionOf(b.action_id))).toEqual([ACTION_IDS.viewOpen]);

    // Bob opens it by name too.
    expect(allText(await ask(h, "queue", "UBOB"))).toContain("Team view `queue`");

    // A Delete button Bob never had (its value forged) deletes nothing.
    const [team] = await h.store.views.list("T111", "UBOB");
    if (!team) throw new Error("the team view was not saved");
    const forged = await click(
      h,
      {
        type: "button",
        action_id: `${ACTION_IDS.viewDelete}.${team.id}`,
        value: JSON.stringify({ v: 1, w: team.id }),
        text: { text: "Delete" },
      },
      "UBOB",
    );
    expect(allText(forged.body)).toMatch(/Only <@W111> can delete the team view `queue`/);
    expect(await h.store.views.getById("T111", team.id)).toBeDefined();

    // Bob cannot take the name over either.
    expect(allText(await ask(h, "save queue state:1 team", "UBOB"))).toMatch(
      /already a team view `queue`/,
    );
  });
});

describe("/tickets views and its buttons", () => {
  it("lists the person's views with Open and Delete; Open shows the tickets, Delete removes it in place", async () => {
    const h = await start();
    await ask(h, "save billing state:2 category:10");
    const list = await ask(h, "views");
    expect(allText(list)).toContain("`billing`");
    const buttons = buttonsOf(list);
    const open = buttons.find((b) => viewActionOf(b.action_id) === ACTION_IDS.viewOpen);
    const remove = buttons.find((b) => viewActionOf(b.action_id) === ACTION_IDS.viewDelete);
    if (!open || !remove) throw new Error("no Open or Delete button");

    const opened = await click(h, open);
    expect(opened.body.replace_original).toBe(false);
    expect(allText(opened.body)).toContain("#100001");

    const deleted = await click(h, remove);
    expect(deleted.body.replace_original).toBe(true);
    expect(allText(deleted.body)).toMatch(/Deleted `billing`/);
    expect(await h.store.views.list("T111", "W111")).toEqual([]);

    // The same Open again, on the old list: said plainly, nothing fetched.
    const before = ticketRequests(h).length;
    const gone = await click(h, open);
    expect(allText(gone.body)).toMatch(/no longer exists/);
    expect(ticketRequests(h)).toHaveLength(before);
  });

  const saveViews = async (h: Harness, count: number) => {
    for (let i = 0; i < count; i++) {
      await h.store.views.save(
        {
          workspaceId: "T111",
          owner: { user: "W111" },
          name: `view-${String(i).padStart(2, "0")}`,
          filters: { v: 1, filter: { stateId: 2 }, page: 1, perPage: 10 },
          createdBy: "W111",
        },
        50,
      );
    }
  };
  const nextPage = async (h: Harness, list: Parameters<typeof buttonsOf>[0]) => {
    const next = buttonsOf(list).find((b) => b.action_id.endsWith(".next"));
    if (!next) throw new Error("no Next button");
    return (await click(h, next)).body;
  };
  const deleteButton = async (h: Harness, list: Parameters<typeof buttonsOf>[0], name: string) => {
    const view = (await h.store.views.list("T111", "W111")).find((v) => v.name === name);
    const button = buttonsOf(list).find(
      (b) => view && b.action_id === `${ACTION_IDS.viewDelete}.${view.id}`,
    );
    if (!button) throw new Error(`no Delete button for ${name}`);
    return button;
  };

  it("stays on the page a view was deleted from, and on the last page left when it empties", async () => {
    const h = await start();
    await saveViews(h, 12);
    const second = await nextPage(h, await ask(h, "views"));
    expect(allText(second)).toContain("Views 11–12 of 12");
    const deleted = (await click(h, await deleteButton(h, second, "view-10"))).body;
    expect(allText(deleted)).toMatch(/Deleted `view-10`/);
    expect(allText(deleted)).toContain("Views 11–11 of 11");
    // The page's last view gone, the list shows the last page it still has.
    const emptied = (await click(h, await deleteButton(h, deleted, "view-11"))).body;
    expect(allText(emptied)).toMatch(/Deleted `view-11`/);
    expect(allText(emptied)).toContain("Views 1–10 of 10");
  });

  it("pages through more views than a message holds with Previous / Next", async () => {
    const h = await start();
    await saveViews(h, 13);
    const first = await ask(h, "views");
    expect(allText(first)).toContain("Views 1–10 of 13");
    const next = buttonsOf(first).find((b) => b.action_id.endsWith(".next"));
    if (!next) throw new Error("no Next button");
    const second = await click(h, next);
    expect(second.body.replace_original).toBe(true);
    expect(allText(second.body)).toContain("Views 11–13 of 13");
    expect(allText(second.body)).toContain("`view-12`");
  });

  it("answers a button value that does not decode as expired, and changes nothing", async () => {
    const h = await start();
    await ask(h, "save billing state:2");
    const answer = await click(h, {
      type: "button",
      action_id: `${ACTION_IDS.viewDelete}.1`,
      value: "not json",
      text: { text: "Delete" },
    });
    expect(allText(answer.body)).toMatch(/expired|out of date|no longer/i);
    expect(await h.store.views.list("T111", "W111")).toHaveLength(1);
  });
});
