import { formatDateToken } from "./terminal-date";
import {
  type Line,
  mergeStyles,
  PLAIN,
  type Run,
  run,
  type Style,
  sanitize,
} from "./terminal-text";

/** What turning message text into terminal text depends on besides the text. */
export interface TextOptions {
  color: boolean;
  timeZone: string;
  now?: Date;
}

/** A stretch of text that wraps on its own, with what goes in front of each of its lines. */
export interface Paragraph {
  runs: Run[];
  firstPrefix: Line;
  restPrefix: Line;
}

export const STYLES = {
  bold: { bold: true },
  italic: { italic: true },
  strike: { strike: true },
  code: { fg: "cyan" },
  mention: { bold: true, fg: "blue" },
  url: { underline: true, fg: "blue" },
  gutter: { dim: true },
} as const satisfies Record<string, Style>;

export const QUOTE_PREFIX: Line = [run("│ ", STYLES.gutter)];
export const PRE_PREFIX: Line = [run("  ")];

export const paragraph = (
  runs: Run[],
  firstPrefix: Line = [],
  restPrefix = firstPrefix,
): Paragraph => ({
  runs,
  firstPrefix,
  restPrefix,
});

/**
 * One pass, so `&amp;lt;` becomes `&lt;` and not `<`. Run only on text that has already been
 * parsed: an escaped `&lt;!channel&gt;` must come out as those characters, not a mention.
 */
export const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === "amp" ? "&" : name === "lt" ? "<" : ">",
  );

/** plain_text: Slack decodes the three entities and nothing else. */
export const plainRuns = (text: string, style: Style = PLAIN): Run[] => [
  run(decodeEntities(sanitize(text)), style),
];

/** Code in a colourless terminal keeps its backticks: nothing else would set it apart. */
export const inlineCode = (runs: Run[], color: boolean): Run[] =>
  color ? runs : [run("`", STYLES.code), ...runs, run("`", STYLES.code)];

export const link = (url: string, label: string | undefined): Run[] => {
  if (label === undefined || label === "" || label === url) return [run(url, STYLES.url)];
  if (url === `mailto:${label}`) return [run(label, STYLES.url)];
  return [run(label), run(" ("), run(url, STYLES.url), run(")")];
};

const withoutLeading = (text: string | undefined, lead: string): string | undefined =>
  text?.startsWith(lead) ? text.slice(lead.length) : text;

const dateToken = (args: string[], label: string | undefined, options: TextOptions): Run[] => {
  const [unix = "", format = "", url] = args;
  const formatted = /^-?\d{1,15}$/.test(unix)
    ? formatDateToken(Number(unix), decodeEntities(format), options)
    : undefined;
  const text = formatted ?? label ?? "";
  return url === undefined ? [run(text)] : link(decodeEntities(url), text);
};

const BROADCASTS = new Set(["here", "channel", "everyone"]);

const special = (name: string, label: string | undefined, options: TextOptions): Run[] => {
  const [kind = "", ...args] = name.split("^");
  if (kind === "date") return dateToken(args, label, options);
  if (BROADCASTS.has(kind)) return [run(`@${kind}`, STYLES.mention)];
  if (kind === "subteam")
    return [run(`@${withoutLeading(label, "@") || args[0] || "group"}`, STYLES.mention)];
  return [run(label || `@${kind}`, STYLES.mention)];
};

/** The inside of `<…>`: a mention, a broadcast, a date or a link. */
const angleToken = (inner: string, options: TextOptions): Run[] => {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith("@"))
    return [run(`@${withoutLeading(label, "@") || target.slice(1)}`, STYLES.mention)];
  if (target.startsWith("#"))
    return [run(`#${withoutLeading(label, "#") || target.slice(1)}`, STYLES.mention)];
  if (target.startsWith("!")) return special(target.slice(1), label, options);
  return link(decodeEntities(target), label);
};

/** A character still to be read for emphasis, or a token already turned into runs. */
type Unit = string | Run[];

/** Index of `close` after `from` on the same line, or -1. */
const findClose = (chars: readonly string[], from: number, close: string, stop: string) => {
  for (let i = from; i < chars.length; i++) {
    if (chars[i] === close) return i;
    if (chars[i] === "\n" || chars[i] === stop) return -1;
  }
  return -1;
};

const tokenize = (text: string, options: TextOptions, inCode: boolean): Unit[] => {
  const chars = Array.from(text);
  const units: Unit[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    if (ch === "<") {
      const end = findClose(chars, i + 1, ">", "<");
      if (end > i + 1) {
        units.push(angleToken(chars.slice(i + 1, end).join(""), options));
        i = end;
        continue;
      }
    }
    if (ch === "`" && !inCode) {
      const end = findClose(chars, i + 1, "`", "`");
      if (end > i + 1) {
        const inner = assemble(tokenize(chars.slice(i + 1, end).join(""), options, true), false);
        units.push(inlineCode(inner.map(styled(STYLES.code)), options.color));
        i = end;
        continue;
      }
    }
    units.push(ch);
  }
  return units;
};

export const styled =
  (style: Style) =>
  (r: Run): Run =>
    run(r.text, mergeStyles(style, r.style));

const MARKS: ReadonlyMap<string, Style> = new Map<string, Style>([
  ["*", STYLES.bold],
  ["_", STYLES.italic],
  ["~", STYLES.strike],
]);

const isWordChar = (unit: Unit | undefined): boolean =>
  typeof unit === "string" && /[\p{L}\p{N}]/u.test(unit);

const isBlank = (unit: Unit | undefined): boolean =>
  unit === undefined || (typeof unit === "string" && /\s/u.test(unit));

/** As in Slack: `snake_case` and `2*3*4` are not emphasis, and `* a *` is not either. */
const canOpen = (units: readonly Unit[], i: number): boolean =>
  !isWordChar(units[i - 1]) && !isBlank(units[i + 1]);

const canClose = (units: readonly Unit[], i: number): boolean =>
  !isBlank(units[i - 1]) && !isWordChar(units[i + 1]);

const findCloser = (units: readonly Unit[], open: number): number => {
  const mark = units[open];
  for (let i = open + 2; i < units.length; i++) {
    if (units[i] === "\n") return -1;
    if (units[i] === mark && canClose(units, i)) return i;
  }
  return -1;
};

/**
 * Units → runs, reading emphasis when asked. Plain characters are gathered and decoded
 * together, after all parsing, which is what keeps escaped markup literal.
 */
const assemble = (units: readonly Unit[], emphasis: boolean, base: Style = PLAIN): Run[] => {
  const out: Run[] = [];
  let pending = "";
  const flush = () => {
    if (pending !== "") out.push(run(decodeEntities(pending), base));
    pending = "";
  };
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] ?? "";
    if (typeof unit !== "string") {
      flush();
      out.push(...unit.map(styled(base)));
      continue;
    }
    const mark = emphasis ? MARKS.get(unit) : undefined;
    const close = mark && canOpen(units, i) ? findCloser(units, i) : -1;
    if (mark && close !== -1) {
      flush();
      out.push(...assemble(units.slice(i + 1, close), true, mergeStyles(base, mark)));
      i = close;
      continue;
    }
    pending += unit;
  }
  flush();
  return out;
};

export const inlineRuns = (text: string, options: TextOptions, base: Style = PLAIN): Run[] =>
  assemble(tokenize(text, options, false), true, base);

/** A list item's lead ("• ", "- ", "2. "): wrapped lines of the item hang under its text. */
const LIST_LEAD = /^\s*(?:[•◦▪‣-]|\d{1,3}[.)]) /u;

/**
 * Emphasis, code spans and tokens never cross a newline in mrkdwn, so each line can be read
 * on its own; that lets quotes and list items carry their own prefixes.
 */
const lineParagraph = (line: string, options: TextOptions, base: Style): Paragraph => {
  const quote = line.startsWith(">");
  const content = quote ? line.replace(/^> ?/, "") : line;
  const lead = LIST_LEAD.exec(content)?.[0] ?? "";
  const runs = inlineRuns(content.slice(lead.length), options, base);
  const outer = quote ? QUOTE_PREFIX : [];
  const hang = " ".repeat(lead.length);
  return paragraph(
    runs,
    [...outer, ...(lead ? [run(lead, base)] : [])],
    [...outer, ...(hang ? [run(hang)] : [])],
  );
};

const preformatted = (code: string, options: TextOptions, base: Style): Paragraph => {
  const inner = assemble(
    tokenize(code.replace(/^\n/, "").replace(/\n$/, ""), options, true),
    false,
  );
  return paragraph(inner.map(styled(mergeStyles(base, STYLES.code))), PRE_PREFIX);
};

/**
 * mrkdwn (escaped, as Slack receives it) → paragraphs: ``` blocks, `>` quotes and the rest.
 * A raw `>` starts a quote; an escaped `&gt;` is only ever text.
 */
export const mrkdwnParagraphs = (
  raw: string,
  options: TextOptions,
  base: Style = PLAIN,
): Paragraph[] => {
  const pieces = sanitize(raw).split("```");
  // An odd number of fences: the last one opens nothing and is text.
  if (pieces.length % 2 === 0) {
    const unclosed = pieces.pop() ?? "";
    pieces[pieces.length - 1] += `\`\`\`${unclosed}`;
  }
  const out: Paragraph[] = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 1) {
      out.push(preformatted(piece, options, base));
      return;
    }
    // The newlines around a fence belong to the fence, not to the text.
    let text = index > 0 ? piece.replace(/^\n/, "") : piece;
    if (index < pieces.length - 1) text = text.replace(/\n$/, "");
    if (text === "") return;
    for (const line of text.split("\n")) out.push(lineParagraph(line, options, base));
  });
  return out;
};
