import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RenderContext } from "../../src/render/context";
import {
  renderTicketDetailsMessage,
  renderTicketDetailsModal,
} from "../../src/render/ticket-details";
import { renderTicketList } from "../../src/render/ticket-list";
import { ticketPageSchema, ticketSchema } from "../../src/tickets/schemas";
import { LIST_MAX_PER_PAGE, MAX_PAGE } from "../../src/tickets/ticket-query";
import { detailedTicketJsonArb, metaArb, noticesArb, queryArb, ticketJsonArb } from "./arbitraries";
import {
  ctx,
  expectNoHostileMarkup,
  expectWithinModalLimits,
  expectWithinSlackLimits,
  linkedCtx,
  modalAsMessage,
  mrkdwnObjects,
  OWN_LINK,
  OWN_MENTION,
  SHARER,
  ticketJson,
} from "./helpers";
import { WORST_LIST_REQUEST, worstDetails, worstListTicket } from "./worst-case";

const FC_SEED = Number(process.env.FC_SEED ?? 1_117_341);
const NUM_RUNS = 60;

describe("Block Kit limits hold whatever the tickets hold", () => {
  it.each([20, 21, 30, 100])("%i worst-case rows: every row kept up to what Slack allows", (n) => {
    const page = ticketPageSchema.parse({
      data: Array.from({ length: n }, (_, i) => worstListTicket(i)),
      meta: { current_page: MAX_PAGE - 1, last_page: MAX_PAGE, per_page: n, total: 2_000_000_000 },
    });
    const message = renderTicketList(page, WORST_LIST_REQUEST, ctx);
    expectWithinSlackLimits(message);
    expectNoHostileMarkup(message);
    const titles = message.blocks.filter((b) => b.type === "section").length;
    if (n <= LIST_MAX_PER_PAGE) expect(titles).toBe(n);
    if (titles < n) expect(message.blocks.at(-3)).toMatchObject({ type: "context" });
    if (titles < n)
      expect(JSON.stringify(message.blocks)).toContain(ctx.t.list.rowsOmitted(n - titles));
  });

  it("for random hostile pages (property)", () => {
    console.log(`fast-check seed ${FC_SEED}, ${NUM_RUNS} runs (FC_SEED=… to replay)`);
    const pageArb = fc.record({
      data: fc.array(ticketJsonArb, { maxLength: 24 }),
      meta: metaArb,
    });
    fc.assert(
      fc.property(pageArb, queryArb, noticesArb, (raw, query, notices) => {
        const page = ticketPageSchema.parse({
          data: raw.data.map((t) => ticketJson(t)),
          meta: raw.meta,
        });
        const message = renderTicketList(page, { query, notices }, ctx);
        expectWithinSlackLimits(message);
        expectNoHostileMarkup(message);
      }),
      { numRuns: NUM_RUNS, seed: FC_SEED },
    );
  });
});

/** The longest panel URL that is still linked, to weigh as much as a link can. */
const longestLinkCtx: RenderContext = {
  ...ctx,
  ticketUrl: (id) => `https://panel.example.com/${"p".repeat(1000 - 38)}/${id}`,
};

describe("Block Kit limits hold whatever a ticket's details hold", () => {
  it.each([
    ["no link", ctx],
    ["links", linkedCtx],
    ["the longest links", longestLinkCtx],
  ])("worst-case ticket with %s: message and modal", (_name, c) => {
    const ticket = worstDetails(0);
    for (const message of [
      renderTicketDetailsMessage(ticket, c),
      renderTicketDetailsMessage(ticket, c, { sharedBy: SHARER }),
    ]) {
      expectWithinSlackLimits(message);
      expectNoHostileMarkup(message, [OWN_MENTION, OWN_LINK]);
    }
    const modal = renderTicketDetailsModal(ticket, c, { canShare: true });
    expectWithinModalLimits(modal);
    expectNoHostileMarkup(modalAsMessage(modal), [OWN_LINK]);
  });

  it("for random hostile tickets (property)", () => {
    console.log(`fast-check seed ${FC_SEED}, ${NUM_RUNS} runs (FC_SEED=… to replay)`);
    const ctxArb = fc.constantFrom(ctx, linkedCtx, longestLinkCtx);
    const sharedByArb = fc.option(fc.oneof(fc.constant(SHARER), fc.string()), {
      nil: undefined,
    });
    fc.assert(
      fc.property(
        detailedTicketJsonArb,
        ctxArb,
        sharedByArb,
        fc.boolean(),
        (raw, c, sharedBy, canShare) => {
          const ticket = ticketSchema.parse(ticketJson(raw));
          const message = renderTicketDetailsMessage(ticket, c, { sharedBy });
          expectWithinSlackLimits(message);
          expectNoHostileMarkup(message, [OWN_MENTION, OWN_LINK]);
          const modal = renderTicketDetailsModal(ticket, c, { canShare });
          expectWithinModalLimits(modal);
          expectNoHostileMarkup(modalAsMessage(modal), [OWN_LINK]);
          for (const m of [...mrkdwnObjects(message), ...mrkdwnObjects(modalAsMessage(modal))])
            expect(m.verbatim).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS, seed: FC_SEED },
    );
  });
});
