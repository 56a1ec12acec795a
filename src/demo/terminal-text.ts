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

export const withStyle = (runs: readonly Run[], style: Style): Run[] =>
  runs.map((r) => run(r.text, mergeStyles(style, r.style)));

const COLOUR_CODES: Readonly<Record<Colour, number>> = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  cyan: 36,
};

const sgrCodes = (style: Style): number[] => {
  const codes: number[] = [];
  if (style.bold) codes.push(1);
  if (style.dim) codes.push(2);
  if (style.italic) codes.push(3);
  if (style.underline) codes.push(4);
  if (style.inverse) codes.push(7);
  if (style.strike) codes.push(9);
  if (style.fg) codes.push(COLOUR_CODES[style.fg]);
  return codes;
};

const styleKey = (style: Style): string => sgrCodes(style).join(";");

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export const graphemes = (text: string): string[] =>
  Array.from(segmenter.segment(text), (s) => s.segment);

/** Marks, format characters (LRM, RLM, ZWJ, soft hyphen) take no column of their own. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

/**
 * Roughly what terminals do (East Asian Wide + emoji presentation); a full wcwidth table
 * is not worth it for a demo, and terminals disagree among themselves anyway.
 */
const WIDE =
  /\p{Emoji_Presentation}|\p{Regional_Indicator}|\uFE0F|[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

export const graphemeWidth = (grapheme: string): number => {
  if (grapheme === "" || ZERO_WIDTH.test(grapheme)) return 0;
  return WIDE.test(grapheme) ? 2 : 1;
};

export const textWidth = (text: string): number =>
  graphemes(text).reduce((sum, g) => sum + graphemeWidth(g), 0);

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
  width: number;
  style: Style;
}

const toCells = (runs: readonly Run[]): Cell[] =>
  runs.flatMap((r) =>
    graphemes(r.text).map((grapheme) => ({
      grapheme,
      width: graphemeWidth(grapheme),
      style: r.style,
    })),
  );

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

const isSpace = (cell: Cell): boolean => cell.grapheme === " " || cell.grapheme === "\u00A0";

/** Words and the spaces between them, in order. */
const splitWords = (cells: readonly Cell[]): { cells: Cell[]; space: boolean }[] => {
  const pieces: { cells: Cell[]; space: boolean }[] = [];
  for (const cell of cells) {
    const space = isSpace(cell);
    const last = pieces.at(-1);
    if (last && last.space === space) last.cells.push(cell);
    else pieces.push({ cells: [cell], space });
  }
  return pieces;
};

const widthOf = (cells: readonly Cell[]): number => cells.reduce((sum, c) => sum + c.width, 0);

/**
 * Greedy word wrap. Spaces at a wrap point are dropped, but a paragraph's own indentation is
 * kept (it matters in code). A word wider than the line is cut between graphemes; a line
 * always takes at least one grapheme, so a wide grapheme in a tiny width still makes progress.
 */
const wrapParagraph = (cells: readonly Cell[], width: number): Cell[][] => {
  const lines: Cell[][] = [];
  let current: Cell[] = [];
  let currentWidth = 0;
  let pendingSpace: Cell[] = [];
  const flush = () => {
    lines.push(current);
    current = [];
    currentWidth = 0;
  };
  const hardSplit = (word: readonly Cell[]) => {
    for (const cell of word) {
      if (currentWidth + cell.width > width && current.length > 0) flush();
      current.push(cell);
      currentWidth += cell.width;
    }
  };
  for (const piece of splitWords(cells)) {
    if (piece.space) {
      pendingSpace = current.length > 0 || lines.length === 0 ? piece.cells : [];
      continue;
    }
    const wordWidth = widthOf(piece.cells);
    const spaceWidth = widthOf(pendingSpace);
    if (currentWidth + spaceWidth + wordWidth <= width) {
      current.push(...pendingSpace, ...piece.cells);
      currentWidth += spaceWidth + wordWidth;
    } else {
      if (current.length > 0) flush();
      if (wordWidth <= width) {
        current.push(...piece.cells);
        currentWidth = wordWidth;
      } else hardSplit(piece.cells);
    }
    pendingSpace = [];
  }
  flush();
  return lines;
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

/** Each styled run is closed with a full reset so no style leaks past a line or the output. */
export const serializeLine = (line: Line, color: boolean): string =>
  trimLineEnd(cellsToLine(toCells(line)))
    .map((r) => {
      const codes = sgrCodes(r.style);
      return color && codes.length > 0 ? `\u001b[${codes.join(";")}m${r.text}\u001b[0m` : r.text;
    })
    .join("");
