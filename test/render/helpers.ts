import type { KnownBlock, ModalView } from "@slack/types";
import { expect } from "vitest";
import { en } from "../../src/i18n";
import type { RenderContext, SlackMessage } from "../../src/render/context";
import {
  type Ticket,
  type TicketPage,
  ticketPageSchema,
  ticketSchema,
} from "../../src/tickets/schemas";
import { readFixtureJson } from "../support/fixtures";

export const NOW = new Date("2025-01-02T12:00:00.000Z");
export const ctx: RenderContext = { t: en, now: NOW, timeZone: "UTC" };

type Json = Record<string, unknown>;

export const sampleJson = (): { data: Json[]; meta: Json } =>
  readFixtureJson("ticket-api/list-tickets.sample.json");

export const samplePage = (): TicketPage => ticketPageSchema.parse(sampleJson());

/** The provider's first sample ticket with some fields replaced: raw JSON, as the API sends it. */
export const ticketJson = (overrides: Json = {}): Json => {
  const first = sampleJson().data[0];
  if (!first) throw new Error("sample has no tickets");
  return { ...first, ...overrides };
};

/** A ticket parsed as the client parses it. */
export const ticketOf = (overrides: Json = {}): Ticket => ticketSchema.parse(ticketJson(overrides));

/** A panel link template as `TICKET_WEB_URL` gives one. */
export const PANEL = "https://panel.example.com/tickets/";
export const linkedCtx: RenderContext = { ...ctx, ticketUrl: (id) => `${PANEL}${id}` };

/** A modal seen as a message, so the same string checks apply; its title stands in for `text`. */
export const modalAsMessage = (view: ModalView): SlackMessage => ({
  text: view.title.text,
  blocks: view.blocks as KnownBlock[],
});

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
  url?: string;
}

/** The buttons of the message's actions blocks: its own controls, not the rows'. */
export const buttonsOf = (message: SlackMessage): FoundButton[] =>
  message.blocks.flatMap((b) =>
    b.type === "actions" ? (b.elements as unknown as FoundButton[]) : [],
  );

/** Each section with a button beside it, as [section text, button]. */
export const accessoriesOf = (message: SlackMessage): [string, FoundButton][] =>
  message.blocks.flatMap((b) =>
    b.type === "section" && b.accessory?.type === "button"
      ? [[b.text?.text ?? "", b.accessory as unknown as FoundButton] as [string, FoundButton]]
      : [],
  );

/** Independent of the renderer's own measure: every `text` and `value` string, summed. */
export const totalTextLength = (message: SlackMessage): number =>
  stringsOf(message)
    .filter((s) => s.textType !== "top-level" && (s.key === "text" || s.key === "value"))
    .reduce((sum, s) => sum + s.value.length, 0);

const expectButtonWithinLimits = (button: FoundButton): void => {
  expect(button.text.text.length).toBeGreaterThan(0);
  expect(button.text.text.length).toBeLessThanOrEqual(75);
  expect(button.value.length).toBeLessThanOrEqual(2000);
  expect(button.action_id.length).toBeLessThanOrEqual(255);
  if (button.url !== undefined) {
    expect(button.url.length).toBeLessThanOrEqual(3000);
    expect(button.url).toMatch(/^https?:\/\/[\x21-\x7e]+$/);
  }
};

/** Block Kit limits as Slack documents them, checked on the finished message. */
export const expectWithinSlackLimits = (message: SlackMessage): void => {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(totalTextLength(message)).toBeLessThanOrEqual(10_000);
  expectBlocksWithinLimits(message.blocks);
};

/** Slack documents 100 blocks and 24-character titles; 20,000 characters is our own ceiling. */
export const expectWithinModalLimits = (view: ModalView): void => {
  expect(view.type).toBe("modal");
  expect(view.title.type).toBe("plain_text");
  expect(view.title.text.length).toBeGreaterThan(0);
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect(view.close?.text.length ?? 0).toBeLessThanOrEqual(24);
  expect(view.submit).toBeUndefined();
  expect(view.blocks.length).toBeGreaterThan(0);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  expect(totalTextLength(modalAsMessage(view))).toBeLessThanOrEqual(20_000);
  expectBlocksWithinLimits(view.blocks as KnownBlock[]);
};

/** A Home tab (`views.publish`): 100 blocks, its metadata, and every block's own limits. */
export const expectWithinHomeLimits = (view: {
  type: string;
  blocks: readonly unknown[];
  private_metadata?: string;
}): void => {
  expect(view.type).toBe("home");
  expect(view.blocks.length).toBeGreaterThan(0);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  expect(view.private_metadata?.length ?? 0).toBeLessThanOrEqual(3000);
  expectBlocksWithinLimits(view.blocks as KnownBlock[]);
};

const expectBlocksWithinLimits = (blocks: readonly KnownBlock[]): void => {
  const actionIds: string[] = [];
  for (const block of blocks) {
    const b = block as Record<string, unknown> & { type: string };
    if (b.type === "header")
      expect((b.text as { text: string }).text.length).toBeLessThanOrEqual(150);
    if (b.type === "section") {
      const text = b.text as { text: string } | undefined;
      if (text) expect(text.text.length).toBeLessThanOrEqual(3000);
      if (text) expect(text.text.length).toBeGreaterThan(0);
      const fields = (b.fields as { text: string }[] | undefined) ?? [];
      expect(fields.length).toBeLessThanOrEqual(10);
      for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(2000);
      expect(text !== undefined || fields.length > 0).toBe(true);
      const accessory = b.accessory as FoundButton | undefined;
      if (accessory) expectButtonWithinLimits(accessory);
    }
    if (b.type === "context") expect((b.elements as unknown[]).length).toBeLessThanOrEqual(10);
    if (b.type === "actions") {
      for (const button of b.elements as unknown as FoundButton[]) {
        expectButtonWithinLimits(button);
        actionIds.push(button.action_id);
      }
    }
  }
  // Slack asks for unique ids within a block; the message's controls are kept unique across
  // its actions blocks too, so a listener never has to tell two apart. Row accessories share one.
  expect(new Set(actionIds).size).toBe(actionIds.length);
};

/** Slack date tokens are the only `<…>` markup renderers write. */
export const DATE_TOKEN = /<!date\^\d+\^[^|<>]*\|[^|<>]*>/g;

export const HOSTILE_PINGS = ["<!channel>", "<@U123>", "<https://evil|x>", "<!here>"];
export const HOSTILE_FORMATTING = "*bold* _it_ ~strike~ `code`";
/** Its controls would reverse the rest, or leave an isolate open or close one early, if kept. */
export const HOSTILE = `${HOSTILE_PINGS.join(" ")} & &amp; ${HOSTILE_FORMATTING} \u202E\u2067\u2069\u2069evil.exe`;

/**
 * A catalog's own isolates (`isolate`, `ltr` in src/i18n/bidi.ts): opened with FSI or LRI,
 * closed with PDI, never nested. Untrusted text brings none of its own, so once these are taken
 * out no bidi control may be left.
 */
const OWN_ISOLATES = /[\u2066\u2068][^\u2066-\u2069]*\u2069/g;

/** Markup renderers write themselves, besides date tokens: the sharer's mention, panel links. */
export const SHARER = "U0SHARER42";
export const OWN_MENTION = new RegExp(`<@${SHARER}>`, "g");
/** A link to a ticket on the test panel (`PANEL`, or a longer path on the same host). */
export const OWN_LINK = /<https:\/\/panel\.example\.com\/[a-z/]*\d+\|#\d+>/g;

/**
 * Nothing of `HOSTILE` may act as markup anywhere a reader could see it. Only date tokens are
 * allowed as markup, plus what `allow` names (our own mention and links, for messages with them).
 */
export const expectNoHostileMarkup = (message: SlackMessage, allow: RegExp[] = []): void => {
  for (const s of shownStrings(message)) {
    for (const ping of HOSTILE_PINGS) expect(s.value).not.toContain(ping);
    const bare = [DATE_TOKEN, ...allow].reduce((v, re) => v.replace(re, ""), s.value);
    expect(bare).not.toMatch(/[<>]/);
    expect(s.value).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(s.value.replace(OWN_ISOLATES, "")).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // mrkdwn has no escapes for these: there they must have become look-alikes.
    if (s.textType !== "plain_text") {
      for (const piece of HOSTILE_FORMATTING.split(" ")) expect(s.value).not.toContain(piece);
    }
  }
};
