import { formatDateToken } from "./terminal-date";
import { isRecord, listOf, marker, stringOf } from "./terminal-json";
import {
  inlineCode,
  link,
  type Paragraph,
  PRE_PREFIX,
  paragraph,
  QUOTE_PREFIX,
  STYLES,
  styled,
  type TextOptions,
} from "./terminal-mrkdwn";
import { mergeStyles, type Run, run, type Style, sanitize } from "./terminal-text";

/**
 * The basics of a `rich_text` block. Its texts are raw (not escaped like mrkdwn), so they are
 * shown exactly as they are, with no entity decoding or markup reading.
 */

const textStyle = (value: unknown): Style => {
  if (!isRecord(value)) return {};
  return mergeStyles(
    value.bold === true ? STYLES.bold : {},
    value.italic === true ? STYLES.italic : {},
    value.strike === true ? STYLES.strike : {},
    value.code === true ? STYLES.code : {},
  );
};

const text = (value: unknown): string => sanitize(stringOf(value) ?? "");

/** `"1f1fa-1f1f8"` → 🇺🇸; anything that is not code points falls back to `:name:`. */
const emoji = (el: Record<string, unknown>): string => {
  const unicode = stringOf(el.unicode);
  const codes = unicode?.split("-").map((hex) => Number.parseInt(hex, 16)) ?? [];
  const valid =
    codes.length > 0 && codes.every((c) => Number.isInteger(c) && c >= 0 && c <= 0x10ffff);
  return valid ? sanitize(String.fromCodePoint(...codes)) : `:${text(el.name)}:`;
};

const date = (el: Record<string, unknown>, options: TextOptions): string => {
  const timestamp = typeof el.timestamp === "number" ? el.timestamp : Number.NaN;
  const formatted = formatDateToken(timestamp, text(el.format) || "{date_short} {time}", options);
  return formatted ?? text(el.fallback);
};

const elementRuns = (el: unknown, options: TextOptions): Run[] => {
  if (!isRecord(el)) return marker(undefined);
  const style = textStyle(el.style);
  const mention = (prefix: string, id: unknown) =>
    [run(`${prefix}${text(id)}`, mergeStyles(STYLES.mention, style))] satisfies Run[];
  switch (el.type) {
    case "text": {
      const runs = [run(text(el.text), style)];
      return isRecord(el.style) && el.style.code === true ? inlineCode(runs, options.color) : runs;
    }
    case "link":
      return link(text(el.url), stringOf(el.text) && text(el.text)).map(styled(style));
    case "user":
      return mention("@", el.user_id);
    case "usergroup":
      return mention("@", el.usergroup_id);
    case "channel":
      return mention("#", el.channel_id);
    case "broadcast":
      return mention("@", el.range);
    case "emoji":
      return [run(emoji(el), style)];
    case "date":
      return [run(date(el, options), style)];
    case "color":
      return [run(text(el.value), style)];
    default:
      return marker(el.type);
  }
};

const sectionRuns = (section: unknown, options: TextOptions): Run[] =>
  isRecord(section) ? listOf(section.elements).flatMap((el) => elementRuns(el, options)) : [];

const wholeNumber = (value: unknown): number =>
  typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : 0;

const BULLETS = ["• ", "◦ ", "▪ "];

const listParagraphs = (list: Record<string, unknown>, options: TextOptions): Paragraph[] => {
  const indent = Math.min(Math.max(0, wholeNumber(list.indent)), 8);
  const offset = wholeNumber(list.offset);
  const ordered = list.style === "ordered";
  return listOf(list.elements).map((item, i) => {
    const bullet = ordered ? `${offset + i + 1}. ` : (BULLETS[indent % BULLETS.length] ?? "• ");
    const lead = `${"  ".repeat(indent)}${bullet}`;
    return paragraph(sectionRuns(item, options), [run(lead)], [run(" ".repeat(lead.length))]);
  });
};

export const richTextParagraphs = (block: Record<string, unknown>, options: TextOptions) =>
  listOf(block.elements).flatMap((el): Paragraph[] => {
    if (!isRecord(el)) return [paragraph(marker(undefined))];
    switch (el.type) {
      case "rich_text_section":
        return [paragraph(sectionRuns(el, options))];
      case "rich_text_list":
        return listParagraphs(el, options);
      case "rich_text_preformatted":
        return [paragraph(sectionRuns(el, options).map(styled(STYLES.code)), PRE_PREFIX)];
      case "rich_text_quote":
        return [paragraph(sectionRuns(el, options), QUOTE_PREFIX)];
      default:
        return [paragraph(marker(el.type))];
    }
  });
