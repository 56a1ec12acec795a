import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { en } from "../../src/i18n";
import type { RenderContext, SlackMessage } from "../../src/render/context";
import { type TicketPage, ticketPageSchema } from "../../src/tickets/schemas";

export const NOW = new Date("2025-01-02T12:00:00.000Z");
export const ctx: RenderContext = { t: en, now: NOW, timeZone: "UTC" };

type Json = Record<string, unknown>;

export const sampleJson = (): { data: Json[]; meta: Json } =>
  JSON.parse(
    readFileSync(
      path.resolve(process.cwd(), "../shared/ticket-api/list-tickets.sample.json"),
      "utf8",
    ),
  );

export const samplePage = (): TicketPage => ticketPageSchema.parse(sampleJson());

/** The provider's first sample ticket with some fields replaced: raw JSON, as the API sends it. */
export const ticketJson = (overrides: Json = {}): Json => {
  const first = sampleJson().data[0];
  if (!first) throw new Error("sample has no tickets");
  return { ...first, ...overrides };
};

export const pageOf = (tickets: Json[], meta: Json = {}): TicketPage =>
  ticketPageSchema.parse({
    data: tickets,
    meta: {
      current_page: 1,
      last_page: 1,
      per_page: 10,
      total: tickets.length,
      from: tickets.length ? 1 : null,
      to: tickets.length || null,
      ...meta,
    },
  });

export interface FoundString {
  value: string;
  key: string;
  /** The `type` of the text object holding it, when it is one. */
  textType: string | undefined;
  verbatim: unknown;
}

/** Every string of a message with where it sits: tests check each one. */
export const stringsOf = (message: SlackMessage): FoundString[] => {
  const found: FoundString[] = [
    { value: message.text, key: "text", textType: "top-level", verbatim: undefined },
  ];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(o)) {
      if (typeof value === "string")
        found.push({ value, key, textType: o.type as string | undefined, verbatim: o.verbatim });
      else walk(value);
    }
  };
  walk(message.blocks);
  return found;
};

/** Strings a reader sees: button values and ids are opaque to Slack and never shown. */
export const shownStrings = (message: SlackMessage): FoundString[] =>
  stringsOf(message).filter((s) => s.key === "text");

export const mrkdwnObjects = (message: SlackMessage) => {
  const found: { text: string; verbatim?: boolean }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "mrkdwn") found.push(o as { text: string; verbatim?: boolean });
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return found;
};

export interface FoundButton {
  action_id: string;
  value: string;
  text: { text: string };
}

export const buttonsOf = (message: SlackMessage): FoundButton[] =>
  message.blocks.flatMap((b) =>
    b.type === "actions" ? (b.elements as unknown as FoundButton[]) : [],
  );

/** Independent of the renderer's own measure: every `text` and `value` string, summed. */
export const totalTextLength = (message: SlackMessage): number =>
  stringsOf(message)
    .filter((s) => s.textType !== "top-level" && (s.key === "text" || s.key === "value"))
    .reduce((sum, s) => sum + s.value.length, 0);

/** Block Kit limits as Slack documents them, checked on the finished message. */
export const expectWithinSlackLimits = (message: SlackMessage): void => {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(totalTextLength(message)).toBeLessThanOrEqual(10_000);
  const actionIds: string[] = [];
  for (const block of message.blocks) {
    const b = block as Record<string, unknown> & { type: string };
    if (b.type === "header")
      expect((b.text as { text: string }).text.length).toBeLessThanOrEqual(150);
    if (b.type === "section") {
      const text = b.text as { text: string } | undefined;
      if (text) expect(text.text.length).toBeLessThanOrEqual(3000);
      const fields = (b.fields as { text: string }[] | undefined) ?? [];
      expect(fields.length).toBeLessThanOrEqual(10);
      for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (b.type === "context") expect((b.elements as unknown[]).length).toBeLessThanOrEqual(10);
    if (b.type === "actions") {
      for (const button of b.elements as unknown as FoundButton[]) {
        expect(button.text.text.length).toBeLessThanOrEqual(75);
        expect(button.value.length).toBeLessThanOrEqual(2000);
        expect(button.action_id.length).toBeLessThanOrEqual(255);
        actionIds.push(button.action_id);
      }
    }
  }
  expect(new Set(actionIds).size).toBe(actionIds.length);
};

/** Slack date tokens are the only `<…>` markup renderers write. */
export const DATE_TOKEN = /<!date\^\d+\^[^|<>]*\|[^|<>]*>/g;

export const HOSTILE_PINGS = ["<!channel>", "<@U123>", "<https://evil|x>", "<!here>"];
export const HOSTILE_FORMATTING = "*bold* _it_ ~strike~ `code`";
export const HOSTILE = `${HOSTILE_PINGS.join(" ")} & &amp; ${HOSTILE_FORMATTING} \u202Eevil.exe`;

/** Nothing of `HOSTILE` may act as markup anywhere a reader could see it. */
export const expectNoHostileMarkup = (message: SlackMessage): void => {
  for (const s of shownStrings(message)) {
    for (const ping of HOSTILE_PINGS) expect(s.value).not.toContain(ping);
    expect(s.value.replace(DATE_TOKEN, "")).not.toMatch(/[<>]/);
    expect(s.value).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(s.value).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // mrkdwn has no escapes for these: there they must have become look-alikes.
    if (s.textType !== "plain_text") {
      for (const piece of HOSTILE_FORMATTING.split(" ")) expect(s.value).not.toContain(piece);
    }
  }
};
