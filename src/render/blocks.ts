import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from "@slack/types";
import { LIMITS } from "./limits";
import { fitEscaped } from "./mrkdwn";

/**
 * Small Block Kit builders. Every text passed in is already safe (escaped by `safeText` or
 * written by the catalog); the builders only enforce the per-element length limits.
 */

/** Escaped plain text: Slack decodes `&amp;`, `&lt;`, `&gt;` in plain text objects too. */
export const plain = (text: string): PlainTextElement => ({ type: "plain_text", text });

/**
 * `verbatim` stops Slack from turning bare URLs, `#channel` and `@name` found in ticket text
 * into links or mentions; the catalog's own markup and date tokens still render.
 */
export const mrkdwn = (text: string): MrkdwnElement => ({ type: "mrkdwn", text, verbatim: true });

export const header = (text: string): HeaderBlock => ({
  type: "header",
  text: plain(fitEscaped(text, LIMITS.header.text)),
});

/** `text` must already fit: cutting mrkdwn here could split a date token or markup. */
export const section = (
  text: MrkdwnElement | PlainTextElement,
  accessory?: Button,
): SectionBlock => (accessory ? { type: "section", text, accessory } : { type: "section", text });

/** Two columns of short labelled values; each must already fit `LIMITS.section.fieldText`. */
export const fieldsSection = (fields: (MrkdwnElement | PlainTextElement)[]): SectionBlock => ({
  type: "section",
  fields: fields.slice(0, LIMITS.section.maxFields),
});

export const context = (elements: (MrkdwnElement | PlainTextElement)[]): ContextBlock => ({
  type: "context",
  elements: elements.slice(0, LIMITS.context.maxElements),
});

export const divider = (): DividerBlock => ({ type: "divider" });

export const button = (text: string, actionId: string, value: string): Button => ({
  type: "button",
  text: plain(fitEscaped(text, LIMITS.button.text)),
  action_id: actionId,
  value,
});

/**
 * Opens `url` in the browser. Slack still sends the click to the bot, which must ack it;
 * `url` must already be checked (see `ticket-link.ts`).
 */
export const linkButton = (text: string, actionId: string, url: string, value: string): Button => ({
  ...button(text, actionId, value),
  url,
});

export const actions = (elements: Button[]): ActionsBlock => ({
  type: "actions",
  elements: elements.slice(0, LIMITS.actions.maxElements),
});

/** No `callback_id` or `private_metadata`: those belong to whoever opens the view. */
export const modal = (title: string, close: string, blocks: KnownBlock[]): ModalView => ({
  type: "modal",
  title: plain(fitEscaped(title, LIMITS.modal.title)),
  close: plain(fitEscaped(close, LIMITS.modal.close)),
  blocks: blocks.slice(0, LIMITS.modal.maxBlocks),
});

/**
 * What counts toward Slack's total-size refusal: every text, button value and link in the
 * blocks. Counting values and URLs too (Slack stores them) errs on the safe side.
 */
const COUNTED_KEYS = new Set(["text", "value", "url"]);

export const blocksTextLength = (blocks: readonly KnownBlock[]): number => textLength(blocks);

// Runs for every list a few times over (once per cap level tried): a loop over keys, not
// `Object.entries`, which made an array per object and a pair per key.
const textLength = (node: unknown): number => {
  if (node === null || typeof node !== "object") return 0;
  let total = 0;
  if (Array.isArray(node)) {
    for (const item of node) total += textLength(item);
    return total;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (typeof value === "string") {
      if (COUNTED_KEYS.has(key)) total += value.length;
    } else total += textLength(value);
  }
  return total;
};
