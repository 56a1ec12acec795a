import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
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
export const section = (text: MrkdwnElement | PlainTextElement): SectionBlock => ({
  type: "section",
  text,
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

export const actions = (elements: Button[]): ActionsBlock => ({
  type: "actions",
  elements: elements.slice(0, LIMITS.actions.maxElements),
});

/**
 * What counts toward Slack's total-size refusal: every text and button value in the blocks.
 * Counting values too (Slack stores them) errs on the safe side.
 */
export const blocksTextLength = (blocks: readonly KnownBlock[]): number => {
  let total = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === "string" && (key === "text" || key === "value")) total += value.length;
        else walk(value);
      }
    }
  };
  walk(blocks);
  return total;
};
