import { isRecord, listOf, marker, stringOf } from "./terminal-json";
import {
  decodeEntities,
  mrkdwnParagraphs,
  type Paragraph,
  paragraph,
  plainRuns,
  type TextOptions,
} from "./terminal-mrkdwn";
import { richTextParagraphs } from "./terminal-rich-text";
import {
  type Line,
  lineWidth,
  PLAIN,
  padLine,
  type Run,
  run,
  type Style,
  sanitize,
  serializeLine,
  wrapRuns,
  wrapWithPrefix,
} from "./terminal-text";

/**
 * Draws a Slack message (Block Kit or plain `text`) as terminal text, for the demo. Pure: the
 * caller decides colour (see `shouldUseColor`), width and where the output goes.
 */

export interface TerminalRenderOptions {
  color: boolean;
  /** Columns; 80 when absent. */
  width?: number;
  /** IANA zone for Slack date tokens; UTC when absent. */
  timeZone?: string;
  /** Lets date tokens say "today" and "3 hours ago" the way Slack does. */
  now?: Date;
}

export interface TerminalMessage {
  text?: string;
  blocks?: unknown[];
  response_type?: string;
  replace_original?: boolean;
}

interface Ctx extends TextOptions {
  width: number;
}

const DEFAULT_WIDTH = 80;
/** Below this, two columns and right-aligned accessories stop making sense. */
const MIN_WIDTH = 20;
const MAX_WIDTH = 1000;
const TWO_COLUMNS_FROM = 40;
const COLUMN_GAP = "   ";
/** Text next to a right-aligned accessory keeps at least this many columns. */
const MIN_TEXT_BESIDE_ACCESSORY = 20;

const DIM: Style = { dim: true };
const HEADER: Style = { bold: true, underline: true };
const BUTTON_STYLES: Readonly<Record<string, Style>> = {
  primary: { bold: true, fg: "green" },
  danger: { bold: true, fg: "red" },
};
const BUTTON: Style = { bold: true };

const layout = (paragraphs: readonly Paragraph[], width: number): Line[] =>
  paragraphs.flatMap((p) => wrapWithPrefix(p.runs, width, p.firstPrefix, p.restPrefix));

/** A plain_text or mrkdwn object; anything else is nothing. */
const textParagraphs = (value: unknown, ctx: Ctx, base: Style = PLAIN): Paragraph[] => {
  if (!isRecord(value)) return [];
  const text = stringOf(value.text);
  if (text === undefined || text === "") return [];
  return value.type === "mrkdwn"
    ? mrkdwnParagraphs(text, ctx, base)
    : [paragraph(plainRuns(text, base))];
};

/** For places that hold one short text (context elements): paragraphs joined by newlines. */
const textRuns = (value: unknown, ctx: Ctx, base: Style = PLAIN): Run[] =>
  textParagraphs(value, ctx, base).flatMap((p, i) => [
    ...(i > 0 ? [run("\n")] : []),
    ...p.firstPrefix,
    ...p.runs,
  ]);

const plainLabel = (value: unknown): string =>
  isRecord(value) ? decodeEntities(sanitize(stringOf(value.text) ?? "")) : "";

const imageRuns = (el: Record<string, unknown>): Run[] =>
  marker("image", sanitize(stringOf(el.alt_text) ?? ""));

const buttonRuns = (el: Record<string, unknown>): Run[] => {
  const style = BUTTON_STYLES[stringOf(el.style) ?? ""] ?? BUTTON;
  return [run(`[ ${plainLabel(el.text) || "button"} ]`, style)];
};

const selectRuns = (el: Record<string, unknown>): Run[] => {
  const initial = isRecord(el.initial_option) ? plainLabel(el.initial_option.text) : "";
  return [run(`[ ${initial || plainLabel(el.placeholder) || "Select"} ▾ ]`, BUTTON)];
};

const pickerRuns = (el: Record<string, unknown>): Run[] => {
  const value =
    stringOf(el.initial_date) ?? stringOf(el.initial_time) ?? plainLabel(el.placeholder);
  return [run(`[ ${sanitize(value) || "…"} ]`, BUTTON)];
};

/** Interactive elements and accessories, each drawn as one unbreakable piece. */
const elementRuns = (el: unknown): Run[] => {
  if (!isRecord(el)) return marker(undefined);
  const type = stringOf(el.type) ?? "";
  if (type === "button") return buttonRuns(el);
  if (type === "image") return imageRuns(el);
  if (type === "overflow") return [run("[ ⋯ ]", BUTTON)];
  if (type.endsWith("_select")) return selectRuns(el);
  if (type === "datepicker" || type === "timepicker") return pickerRuns(el);
  return marker(el.type);
};

/** Elements side by side, a new line when the next one does not fit; never split inside one. */
const packInline = (items: readonly Run[][], width: number): Line[] => {
  const lines: Line[] = [];
  let current: Line = [];
  let currentWidth = 0;
  for (const item of items) {
    const itemWidth = lineWidth(item);
    if (current.length > 0 && currentWidth + COLUMN_GAP.length + itemWidth > width) {
      lines.push(current);
      current = [];
      currentWidth = 0;
    }
    if (itemWidth > width) {
      lines.push(...wrapRuns(item, width));
      continue;
    }
    if (current.length > 0) {
      current.push(run(COLUMN_GAP));
      currentWidth += COLUMN_GAP.length;
    }
    current.push(...item);
    currentWidth += itemWidth;
  }
  if (current.length > 0) lines.push(current);
  return lines;
};

const header = (block: Record<string, unknown>, ctx: Ctx): Line[] => {
  const lines = layout(textParagraphs(block.text, ctx, HEADER), ctx.width);
  if (ctx.color) return lines;
  // Without colour nothing else would set a header apart from a section.
  const underline = Math.max(...lines.map(lineWidth));
  return underline > 0 ? [...lines, [run("═".repeat(underline))]] : lines;
};

const fieldColumns = (fields: readonly unknown[], ctx: Ctx): Line[] => {
  if (ctx.width < TWO_COLUMNS_FROM || fields.length < 2)
    return fields.flatMap((f) => layout(textParagraphs(f, ctx), ctx.width));
  const columnWidth = Math.floor((ctx.width - COLUMN_GAP.length) / 2);
  const lines: Line[] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const left = layout(textParagraphs(fields[i], ctx), columnWidth);
    const right = layout(textParagraphs(fields[i + 1], ctx), columnWidth);
    for (let row = 0; row < Math.max(left.length, right.length); row++) {
      const rightLine = right[row] ?? [];
      const leftLine = left[row] ?? [];
      lines.push(
        rightLine.length > 0
          ? [...padLine(leftLine, columnWidth), run(COLUMN_GAP), ...rightLine]
          : leftLine,
      );
    }
  }
  return lines;
};

/** The accessory sits at the right of the first line when the text can spare the room. */
const section = (block: Record<string, unknown>, ctx: Ctx): Line[] => {
  const paragraphs = textParagraphs(block.text, ctx);
  const fields = fieldColumns(listOf(block.fields), ctx);
  if (block.accessory === undefined) return [...layout(paragraphs, ctx.width), ...fields];
  const accessory = elementRuns(block.accessory);
  const room = ctx.width - lineWidth(accessory) - 2;
  if (paragraphs.length === 0 || room < MIN_TEXT_BESIDE_ACCESSORY)
    return [...layout(paragraphs, ctx.width), ...fields, accessory];
  const [first = [], ...rest] = layout(paragraphs, room);
  return [[...padLine(first, room + 2), ...accessory], ...rest, ...fields];
};

const context = (block: Record<string, unknown>, ctx: Ctx): Line[] => {
  const parts = listOf(block.elements).map((el): Run[] => {
    if (isRecord(el) && el.type === "image") return imageRuns(el);
    if (isRecord(el) && (el.type === "mrkdwn" || el.type === "plain_text"))
      return textRuns(el, ctx, DIM);
    return marker(isRecord(el) ? el.type : undefined);
  });
  const joined = parts
    .filter((part) => lineWidth(part) > 0)
    .flatMap((part, i) => [...(i > 0 ? [run(" · ", DIM)] : []), ...part]);
  return joined.length > 0 ? wrapRuns(joined, ctx.width) : [];
};

const image = (block: Record<string, unknown>, ctx: Ctx): Line[] => {
  const title = plainLabel(block.title);
  return [
    ...(title ? wrapRuns([run(title, { bold: true })], ctx.width) : []),
    ...wrapRuns(imageRuns(block), ctx.width),
  ];
};

const input = (block: Record<string, unknown>, ctx: Ctx): Line[] =>
  wrapRuns(marker("input", plainLabel(block.label)), ctx.width);

/** Standard Markdown that Slack renders itself; shown as written rather than half-parsed. */
const markdown = (block: Record<string, unknown>, ctx: Ctx): Line[] =>
  wrapRuns([run(sanitize(stringOf(block.text) ?? ""))], ctx.width);

type BlockRenderer = (block: Record<string, unknown>, ctx: Ctx) => Line[];

const RENDERERS: Readonly<Record<string, BlockRenderer>> = {
  header,
  section,
  context,
  divider: (_, ctx) => [[run("─".repeat(ctx.width), DIM)]],
  actions: (block, ctx) => packInline(listOf(block.elements).map(elementRuns), ctx.width),
  image,
  rich_text: (block, ctx) => layout(richTextParagraphs(block, ctx), ctx.width),
  input,
  markdown,
};

/** One odd block must not take the whole message down with it. */
const renderBlock = (block: unknown, ctx: Ctx): Line[] => {
  if (!isRecord(block)) return [marker(undefined)];
  const type = stringOf(block.type) ?? "";
  const renderer = Object.hasOwn(RENDERERS, type) ? RENDERERS[type] : undefined;
  if (!renderer) return [marker(block.type)];
  try {
    return renderer(block, ctx);
  } catch {
    return [marker(type, "could not be drawn")];
  }
};

const clampWidth = (width: number | undefined): number =>
  width === undefined || !Number.isFinite(width)
    ? DEFAULT_WIDTH
    : Math.min(Math.max(Math.floor(width), MIN_WIDTH), MAX_WIDTH);

export const renderMessageForTerminal = (
  message: TerminalMessage,
  options: TerminalRenderOptions,
): string => {
  const ctx: Ctx = {
    color: options.color,
    width: clampWidth(options.width),
    timeZone: options.timeZone ?? "UTC",
    now: options.now,
  };
  const blocks = isRecord(message) ? listOf(message.blocks) : [];
  const text = isRecord(message) ? stringOf(message.text) : undefined;
  // Slack shows `text` only when there are no blocks (it is then the notification text).
  const lines =
    blocks.length > 0
      ? blocks.flatMap((block) => renderBlock(block, ctx))
      : text
        ? layout(mrkdwnParagraphs(text, ctx), ctx.width)
        : [marker("empty message")];
  return lines.map((line) => serializeLine(line, ctx.color)).join("\n");
};

const FORCE_COLOR_OFF = new Set(["0", "false"]);

/**
 * NO_COLOR (https://no-color.org) wins over everything; FORCE_COLOR then turns colour on
 * (except its conventional "0"/"false"); otherwise only a real, capable terminal gets it.
 */
export const shouldUseColor = (
  env: Record<string, string | undefined>,
  isTTY: boolean,
): boolean => {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return !FORCE_COLOR_OFF.has(env.FORCE_COLOR.toLowerCase());
  return isTTY && env.TERM !== "dumb";
};
