import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { fa } from "../../src/i18n";
import type { RenderContext } from "../../src/render/context";
import { renderTicketUnfurl } from "../../src/render/ticket-unfurl";
import { MAX_ID } from "../../src/tickets/ticket-filters";
import { expectValidMessage } from "../fuzz/validate-message";
import {
  accessoriesOf,
  ctx,
  expectNoHostileMarkup,
  HOSTILE,
  linkedCtx,
  NOW,
  OWN_LINK,
  PANEL,
  shownStrings,
  ticketOf,
} from "./helpers";

/** NOW is 2025-01-02 12:00 UTC. */
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

const card = (overrides: Record<string, unknown> = {}, c: RenderContext = ctx) =>
  renderTicketUnfurl(ticketOf(overrides), c);

const shown = (message: ReturnType<typeof card>) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");

describe("a ticket's unfurl card", () => {
  it("is compact: number and subject with Details beside them, then state, customer, category and the wait", () => {
    const message = card(
      {
        ticket_id: 100374,
        state_id: 2,
        subject: "Domain transfer stuck",
        user: { uname: "acme-hosting" },
        category: { name: "Domains" },
        sub_category: { title: "Transfer" },
        updated_at: hoursAgo(3),
      },
      linkedCtx,
    );
    expect(message.blocks.map((b) => b.type)).toEqual(["section", "context"]);
    const [[title, button] = ["", undefined]] = accessoriesOf(message);
    expect(title).toBe(`🔴 *<${PANEL}100374|#100374>* · Domain transfer stuck`);
    expect(button).toMatchObject({ action_id: ACTION_IDS.detailsOpen, value: "100374" });
    const details = shown(message);
    for (const part of ["Waiting for support", "👤 acme-hosting", "📁 Domains › Transfer"]) {
      expect(details).toContain(part);
    }
    expect(details).toMatch(/⏳ waiting 3 h \(since <!date\^\d+\^[^|]+\|2025-01-02 09:00 UTC>\)/);
    expect(message.text).toBe("#100374 Domain transfer stuck · Waiting for support");
    expectValidMessage(message);
  });

  it("says when an answered ticket was answered", () => {
    const details = shown(card({ state_id: 3, updated_at: hoursAgo(50) }));
    expect(details).toContain("Answered");
    expect(details).toMatch(/🕒 answered 2 d 2 h ago \(<!date\^/);
    expect(details).not.toContain("waiting");
  });

  it("says when any other ticket last changed", () => {
    for (const state_id of [1, 4, 5, 9]) {
      const details = shown(card({ state_id, updated_at: hoursAgo(1) }));
      expect(details, String(state_id)).toMatch(/🕒 updated 1 h ago/);
      expect(details, String(state_id)).not.toMatch(/waiting \d|answered/);
    }
  });

  it("marks a ticket staff have not seen as New", () => {
    expect(accessoriesOf(card({ admin_seen: 0 }))[0]?.[0]).toContain("🆕 *New*");
  });

  it("says what it can of a date that is no moment or lies ahead, and never a negative wait", () => {
    expect(shown(card({ state_id: 2, updated_at: "0001-01-01T00:00:00Z" }))).toContain(
      "updated at an unknown date",
    );
    expect(shown(card({ state_id: 2, updated_at: hoursAgo(-48) }))).toMatch(
      /updated in the future \(<!date/,
    );
    expect(shown(card({ state_id: 3, updated_at: hoursAgo(-48) }))).toMatch(
      /answered in the future/,
    );
    // Within the clock skew the panel's clock may run ahead: "under a minute", not "-1 min".
    expect(shown(card({ state_id: 2, updated_at: hoursAgo(-0.01) }))).toContain(
      "waiting under a minute",
    );
  });

  it("stands in for what the panel left empty", () => {
    const details = shown(card({ subject: "", user: null, category: null, sub_category: null }));
    for (const part of ["(no subject)", "unknown customer", "no category"]) {
      expect(details).toContain(part);
    }
  });

  it("never lets ticket text mention, ping, link or format", () => {
    const message = card(
      {
        subject: `<!channel> ${HOSTILE}`,
        user: { uname: HOSTILE },
        category: { name: HOSTILE },
        sub_category: { title: HOSTILE },
      },
      linkedCtx,
    );
    expectNoHostileMarkup(message, [OWN_LINK]);
    expect(JSON.stringify(message)).not.toContain("<!channel>");
    expectValidMessage(message);
  });

  it("keeps within Block Kit's limits for the longest texts and numbers", () => {
    const long = "ل&<>*".repeat(2000);
    for (const c of [ctx, linkedCtx, { ...ctx, t: fa, timeZone: "Asia/Tehran" }]) {
      const message = card(
        {
          ticket_id: MAX_ID,
          subject: long,
          user: { uname: long },
          category: { name: long },
          sub_category: { title: long },
        },
        c,
      );
      expectValidMessage(message);
      const [title] = accessoriesOf(message)[0] ?? [""];
      expect(title.length).toBeLessThan(1000);
    }
  });

  it("writes Persian through the catalog, lines marked right to left", () => {
    const faCtx: RenderContext = { t: fa, now: NOW, timeZone: "Asia/Tehran" };
    const waiting = shown(card({ state_id: 2, updated_at: hoursAgo(3) }, faCtx));
    expect(waiting).toContain("در انتظار پشتیبانی");
    expect(waiting).toContain("\u200F۳ ساعت در انتظار (از ");
    expect(waiting).not.toMatch(/[0-9]/);
    const answered = shown(card({ state_id: 3, updated_at: hoursAgo(50) }, faCtx));
    expect(answered).toContain("\u200Fآخرین پاسخ: ");
    expect(accessoriesOf(card({}, faCtx))[0]?.[1].text.text).toBe(fa.list.details);
  });
});
