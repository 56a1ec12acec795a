import { styleText } from "node:util";
import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";

/**
 * Styled text for the terminal: runs of text with a style, measured in terminal columns,
 * wrapped by words, and written out with or without ANSI SGR codes. Styles stay as data
 * until the very end so that widths are never thrown off by escape codes.
 */

export type Colour = "red" | "green" | "yellow" | "blue" | "cyan";

export interface Style {
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
  fg?: Colour;
}

export interface Run {
  text: string;
  style: Style;
}

export type Line = Run[];

export const PLAIN: Style = {};

export const run = (text: string, style: Style = PLAIN): Run => ({ text, style });

/** Later styles add to earlier ones; a later colour replaces an earlier one. */
export const mergeStyles = (...styles: Style[]): Style => {
  const merged: Style = {};
  for (const style of styles) {
    for (const [key, value] of Object.entries(style) as [keyof Style, Style[keyof Style]][]) {
      if (value) Object.assign(merged, { [key]: value });
    }
  }
  return merged;
};

/** `node:util` `styleText` formats, in the order they open (they close in reverse). */
type Format = Exclude<Parameters<typeof styleText>[0], readonly unknown[]>;

const formatsOf = (style: Style): Format[] => {
  const formats: Format[] = [];
  if (style.bold) formats.push("bold");
  if (style.dim) formats.push("dim");
  if (style.italic) formats.push("italic");
  if (style.underline) formats.push("underline");
  if (style.inverse) formats.push("inverse");
  if (style.strike) formats.push("strikethrough");
  if (style.fg) formats.push(style.fg);
  return formats;
};

const styleKey = (style: Style): string => formatsOf(style).join(" ");

/**
 * The colour decision is ours (`shouldUseColor`: NO_COLOR beats FORCE_COLOR, and `--color`
 * works on a pipe), so styleText must not make its own: since Node 20.18 / 22.8 it would
 * otherwise check stdout and the environment, and let FORCE_COLOR beat NO_COLOR. Formats are
 * nested one call each, as an array of them is honoured differently across Node versions.
 */
const UNCHECKED = { validateStream: false } as const;

const styled = (text: string, style: Style): string =>
  formatsOf(style).reduceRight((inner, format) => styleText(format, inner, UNCHECKED), text);

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export const graphemes = (text: string): string[] =>
  Array.from(segmenter.segment(text), (s) => s.segment);

/** Terminal columns, from string-width's Unicode tables (East Asian width, emoji, zero-width marks). */
export const textWidth = (text: string): number => stringWidth(text);

export const lineWidth = (line: Line): number =>
  line.reduce((sum, r) => sum + textWidth(r.text), 0);

/**
 * Control characters in message text could move the cursor or start escape sequences of
 * their own (and a colourless output must hold no ESC at all), so they are made visible.
 * A lone surrogate would otherwise print as garbage.
 */
export const sanitize = (text: string): string =>
  text
    .replace(/\r\n?/g, "\n")
    .replaceAll("\t", "    ")
    .replace(/\p{Cc}/gu, (ch) => (ch === "\n" ? ch : "\uFFFD"))
    .replace(/[\uD800-\uDFFF]/gu, "\uFFFD");

interface Cell {
  grapheme: string;
  style: Style;
}

const toCells = (runs: readonly Run[]): Cell[] =>
  runs.flatMap((r) => graphemes(r.text).map((grapheme) => ({ grapheme, style: r.style })));

const cellsToLine = (cells: readonly Cell[]): Line => {
  const line: Line = [];
  for (const cell of cells) {
    const last = line.at(-1);
    if (last && styleKey(last.style) === styleKey(cell.style)) last.text += cell.grapheme;
    else line.push(run(cell.grapheme, cell.style));
  }
  return line;
};

const splitParagraphs = (cells: readonly Cell[]): Cell[][] => {
  const paragraphs: Cell[][] = [[]];
  for (const cell of cells) {
    if (cell.grapheme === "\n") paragraphs.push([]);
    else paragraphs.at(-1)?.push(cell);
  }
  return paragraphs;
};

/** Where wrap-ansi put its line breaks, as offsets into `text` (it only ever inserts them). */
const breakOffsets = (text: string, wrapped: string): number[] => {
  const offsets: number[] = [];
  let at = 0;
  for (let i = 0; i < wrapped.length; i++) {
    if (wrapped[i] === text[at]) at += 1;
    else if (wrapped[i] === "\n" && at > 0 && offsets.at(-1) !== at) offsets.push(at);
  }
  return offsets;
};

const isSpace = (cell: Cell | undefined): boolean => cell?.grapheme === " ";

/** Spaces where a line was broken go; a paragraph's own indentation (it matters in code) stays. */
const dropBreakSpaces = (line: Cell[], continued: boolean): Cell[] => {
  let start = 0;
  let end = line.length;
  if (continued) while (start < end && isSpace(line[start])) start += 1;
  while (end > start && isSpace(line[end - 1])) end -= 1;
  return line.slice(start, end);
};

/**
 * Word wrap by wrap-ansi (string-width's columns, hard-wrapping a word wider than the line
 * between graphemes), on the paragraph's plain text. Styles are laid back on the graphemes
 * afterwards, so they stay data until `serializeLine`.
 */
const wrapParagraph = (cells: readonly Cell[], width: number): Cell[][] => {
  const text = cells.map((c) => c.grapheme).join("");
  const breaks = breakOffsets(text, wrapAnsi(text, width, { hard: true, trim: false }));
  const lines: Cell[][] = [[]];
  let offset = 0;
  for (const cell of cells) {
    // A break wrap-ansi made inside a grapheme waits for the grapheme's end.
    while (breaks.length > 0 && (breaks[0] ?? 0) <= offset && offset > 0) {
      breaks.shift();
      lines.push([]);
    }
    lines.at(-1)?.push(cell);
    offset += cell.grapheme.length;
  }
  return lines
    .map((line, i) => dropBreakSpaces(line, i > 0))
    .filter((line, i) => i === 0 || line.length > 0);
};

/** `\n` in the runs starts a new line; an empty input is one empty line. */
export const wrapRuns = (runs: readonly Run[], width: number): Line[] =>
  splitParagraphs(toCells(runs)).flatMap((paragraph) =>
    wrapParagraph(paragraph, Math.max(1, width)).map(cellsToLine),
  );

/** Wraps to what is left after the prefix, then puts the prefix before every line. */
export const wrapWithPrefix = (
  runs: readonly Run[],
  width: number,
  firstPrefix: Line,
  restPrefix: Line = firstPrefix,
): Line[] => {
  const room = width - Math.max(lineWidth(firstPrefix), lineWidth(restPrefix));
  return wrapRuns(runs, room).map((line, i) => [...(i === 0 ? firstPrefix : restPrefix), ...line]);
};

export const padLine = (line: Line, width: number): Line => {
  const missing = width - lineWidth(line);
  return missing > 0 ? [...line, run(" ".repeat(missing))] : line;
};

/** Trailing spaces only show when a style paints them (inverse, underline, strike). */
const paintsSpaces = (style: Style): boolean =>
  Boolean(style.inverse || style.underline || style.strike);

const trimLineEnd = (line: Line): Line => {
  const trimmed = [...line];
  for (let last = trimmed.at(-1); last && !paintsSpaces(last.style); last = trimmed.at(-1)) {
    const text = last.text.trimEnd();
    if (text !== "") {
      trimmed[trimmed.length - 1] = run(text, last.style);
      break;
    }
    trimmed.pop();
  }
  return trimmed;
};

/** Each run opens and closes its own formats, so no style leaks past a line or the output. */
export const serializeLine = (line: Line, color: boolean): string =>
  trimLineEnd(cellsToLine(toCells(line)))
    .map((r) => (color ? styled(r.text, r.style) : r.text))
    .join("");
