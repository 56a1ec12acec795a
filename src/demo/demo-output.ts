import type { Shown } from "./demo-session";
import { isRecord, listOf, stringOf } from "./terminal-json";
import { renderMessageForTerminal } from "./terminal-render";
import { lineWidth, run, type Style, serializeLine } from "./terminal-text";

/** How the demo draws what Slack would show, around the terminal renderer. */

export interface OutputOptions {
  color: boolean;
  width: number;
  timeZone: string;
  now: Date;
}

const RULE: Style = { dim: true, fg: "cyan" };
const ECHO: Style = { bold: true };
const MIN_RULE = 3;

const labelOf = (shown: Shown): string => {
  if (shown.kind === "modal") {
    const title = isRecord(shown.view.title) ? stringOf(shown.view.title.text) : undefined;
    return `modal: ${title ?? "(untitled)"}`;
  }
  if (shown.audience === "channel") return "posted in the channel, for everyone there";
  return shown.how === "replaced"
    ? "replaces the message you clicked, only you see it"
    : "new message, only you see it";
};

/** `── label ─────` across the width, so each answer is easy to find in a long scroll. */
const rule = (label: string, o: OutputOptions): string => {
  const head = [run(`── ${label} `, RULE)];
  const rest = Math.max(MIN_RULE, o.width - lineWidth(head));
  return serializeLine([...head, run("─".repeat(rest), RULE)], o.color);
};

/** Slack draws a modal's close button at its foot; the demo does the same after the blocks. */
const modalBlocks = (view: Record<string, unknown>): unknown[] => {
  const close = isRecord(view.close) ? view.close : undefined;
  const blocks = listOf(view.blocks);
  return close
    ? [...blocks, { type: "actions", elements: [{ type: "button", text: close }] }]
    : blocks;
};

export const formatShown = (shown: Shown, o: OutputOptions): string => {
  const body =
    shown.kind === "modal"
      ? renderMessageForTerminal({ blocks: modalBlocks(shown.view) }, o)
      : renderMessageForTerminal(shown.message, o);
  return `${rule(labelOf(shown), o)}\n${body}\n`;
};

/** What the person typed, echoed in non-interactive runs so the output reads as a session. */
export const formatEcho = (step: string, o: OutputOptions): string =>
  `${serializeLine([run(`› ${step}`, ECHO)], o.color)}\n`;

/** The raw Block Kit, as the bot sent it (a modal's view, or the message body). */
export const formatJson = (shown: Shown): string =>
  `${JSON.stringify(shown.kind === "modal" ? shown.view : shown.message, null, 2)}\n`;
