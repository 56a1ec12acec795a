/**
 * Making untrusted text (ticket subjects, names, provider messages, what a user typed) safe
 * to put in a Slack message. Slack decodes exactly `&amp;`, `&lt;` and `&gt;` in every text
 * object, so escaping the three is what stops `<!channel>`, `<@U…>` and `<url|label>`.
 */

export const ELLIPSIS = "…";

// Made when first needed: building one loads ICU's break rules (about 8 ms), which a bot that
// has not yet answered anyone should not spend while it starts.
let segmenter: Intl.Segmenter | undefined;
const graphemeSegmenter = () => {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return segmenter;
};

/** `&` first, or the `&` of the entities just written would be escaped again. */
export const escapeMrkdwn = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const unescapeMrkdwn = (text: string): string =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/**
 * Bidi embeddings/overrides/isolates let a subject flip the text around it (U+202E makes
 * "exe.txt" read "txt.exe"); C0 controls have no business in a message. LRM/RLM stay:
 * right-to-left text needs them to read correctly.
 */
const isStripped = (code: number): boolean =>
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069) ||
  (code < 0x20 && code !== 0x0a && code !== 0x09) ||
  code === 0x7f;

// Kept in step with isStripped: most text has nothing to strip, and one test of it is cheap.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const HAS_STRIPPED = /[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B-\u001F\u007F]/u;

export const stripBidiControls = (text: string): string => {
  if (!HAS_STRIPPED.test(text)) return text;
  let out = "";
  for (const ch of text) {
    if (!isStripped(ch.codePointAt(0) ?? 0)) out += ch;
  }
  return out;
};

/** What `safeText` would change: a character to escape, a lone surrogate, or one it strips. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NEEDS_WORK = /[&<>\uD800-\uDFFF\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B-\u001F\u007F]/u;

/** A lone surrogate would make the JSON body invalid UTF-8 for Slack. */
const wellFormed = (text: string): string => text.replace(/[\uD800-\uDFFF]/gu, "\uFFFD");

/**
 * A run of whitespace that is not already one plain space: every other run, tabs and newlines
 * included. Matching only these leaves ordinary text untouched (`\s+` would rewrite every space
 * between two words, a new string for each subject, name and category of every row).
 */
const NOT_ONE_SPACE = / \s+|[^\S ]\s*/gu;

/** Newlines and runs of spaces would break a one-line row, a header or a code span. */
export const oneLine = (text: string): string => text.replace(NOT_ONE_SPACE, " ").trim();

const graphemes = function* (text: string): Generator<string> {
  for (const { segment } of graphemeSegmenter().segment(text)) yield segment;
};

interface Fitted {
  text: string;
  /** Something was left out, so the reader may need telling. */
  cut: boolean;
}

/** Joins pieces while they fit; if not all fit, keeps room for the ellipsis. */
const fitPieces = (pieces: Iterable<string>, maxLen: number): Fitted => {
  const kept: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length + piece.length > maxLen)
      return { text: maxLen < 1 ? "" : cutWithEllipsis(kept, length, maxLen), cut: true };
    kept.push(piece);
    length += piece.length;
  }
  return { text: kept.join(""), cut: false };
};

const cutWithEllipsis = (kept: string[], length: number, maxLen: number): string => {
  let total = length;
  while (kept.length > 0 && total + ELLIPSIS.length > maxLen) total -= kept.pop()?.length ?? 0;
  return kept.join("") + ELLIPSIS;
};

/**
 * Untrusted text → text for any Slack text object, at most `maxEscapedLen` long once escaped.
 * Each grapheme is escaped before it is counted, so a cut never lands inside `&amp;`.
 */
export const safeText = (raw: string, maxEscapedLen: number): string => {
  // Most ticket text has nothing to strip, mend or escape: one scan says so.
  if (raw.length <= maxEscapedLen && !NEEDS_WORK.test(raw)) return raw;
  // Splitting into graphemes is costly and needed only when something must be cut.
  const whole = escapeMrkdwn(wellFormed(stripBidiControls(raw)));
  if (whole.length <= maxEscapedLen) return whole;
  return fitPieces(escapedGraphemes(raw), maxEscapedLen).text;
};

const escapedGraphemes = function* (raw: string): Generator<string> {
  for (const g of graphemes(wellFormed(stripBidiControls(raw)))) yield escapeMrkdwn(g);
};

export interface LongText {
  /** Escaped, each at most the piece length: one plain_text section apiece. */
  pieces: string[];
  cut: boolean;
}

/**
 * Untrusted multi-line text (a description, a comment) → escaped pieces for plain_text
 * sections, at most `maxEscapedLen` in all. Lines stay lines (blank runs are shortened, as a
 * thousand empty lines would only push the rest away); a piece breaks after a line when one
 * ends in its second half, so a long text is rarely split mid-sentence.
 */
export const safeLongText = (raw: string, maxEscapedLen: number, pieceLen: number): LongText => {
  const tidy = stripBidiControls(raw)
    .replace(/[ \t]+$/gmu, "")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
  const { text, cut } = fitPieces(escapedGraphemes(tidy), maxEscapedLen);
  return { pieces: splitEscaped(text, pieceLen), cut };
};

const splitEscaped = (escaped: string, pieceLen: number): string[] => {
  if (escaped.length <= pieceLen) return escaped === "" ? [] : [escaped];
  const pieces: string[] = [];
  let current = "";
  let afterLastLine = -1;
  for (const unit of splitUnits(unescapeMrkdwn(escaped), pieceLen)) {
    if (current.length + unit.length > pieceLen) {
      const at = afterLastLine > pieceLen / 2 ? afterLastLine : current.length;
      if (at > 0) pieces.push(current.slice(0, at));
      current = current.slice(at);
      afterLastLine = -1;
      // Only a near-whole-piece grapheme can still overflow what was left after the line.
      if (current.length + unit.length > pieceLen) {
        if (current !== "") pieces.push(current);
        current = "";
      }
    }
    current += unit;
    if (unit === "\n") afterLastLine = current.length;
  }
  if (current !== "") pieces.push(current);
  return pieces;
};

/**
 * Escaped graphemes; one longer than a whole piece (a letter under thousands of combining
 * marks) is given up as a grapheme and split by code point, each still escaped whole.
 */
const splitUnits = function* (text: string, pieceLen: number): Generator<string> {
  for (const g of graphemes(text)) {
    const escaped = escapeMrkdwn(g);
    if (escaped.length <= pieceLen) yield escaped;
    else for (const ch of g) yield escapeMrkdwn(ch);
  }
};

/** Shortens text that is already escaped (and carries no markup) without breaking an entity. */
export const fitEscaped = (escaped: string, maxLen: number): string =>
  escaped.length <= maxLen ? escaped : safeText(unescapeMrkdwn(escaped), maxLen);

/**
 * mrkdwn has no escape for `*`, `_`, `~` and `` ` ``, so in mrkdwn untrusted text gets
 * look-alikes instead: a subject cannot bold, strike or code-span the rest of the line.
 * An underscore inside a word (`snake_case`) never formats, so it is kept for copying.
 */
export const neutralizeFormatting = (text: string): string =>
  text.replace(/[*~`]|_/gu, (ch, offset: number, whole: string) => {
    if (ch === "_" && isWordChar(whole[offset - 1]) && isWordChar(whole[offset + 1])) return ch;
    return LOOK_ALIKES[ch] ?? ch;
  });

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  "*": "\u2217",
  _: "\u02CD",
  "~": "\u223C",
  "`": "\u02CB",
};

const isWordChar = (ch: string | undefined): boolean =>
  ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Untrusted text for a mrkdwn object (which must also carry `verbatim: true`). */
export const safeMrkdwn = (raw: string, maxEscapedLen: number): string =>
  safeText(neutralizeFormatting(stripBidiControls(raw)), maxEscapedLen);

/** Untrusted text inside a `code span`: only a backtick could end the span early. */
export const safeCode = (raw: string, maxEscapedLen: number): string =>
  safeText(oneLine(raw).replaceAll("`", LOOK_ALIKES["`"] ?? "'"), maxEscapedLen);

/**
 * A Slack date token: each reader sees the time in their own zone and language. Old clients
 * and notifications show `fallbackText`, which must hold neither `|` nor `>`.
 */
export const slackDate = (
  date: Date,
  fallbackText: string,
  format = "{date_short_pretty} {time}",
): string => {
  const fallback = escapeMrkdwn(stripBidiControls(oneLine(fallbackText))).replaceAll("|", "¦");
  const seconds = Math.floor(date.getTime() / 1000);
  return Number.isFinite(seconds) ? `<!date^${seconds}^${format}|${fallback}>` : fallback;
};

/**
 * An exact time for a reader. Slack's date tokens show it in each reader's own zone, but only
 * in the Gregorian calendar: a catalog for another calendar (Jalali) turns them off, and the
 * time is then written out by the catalog itself in the team's zone.
 */
export const exactTime = (
  when: Date,
  ctx: {
    t: { time: { slackDateTokens: boolean; dateTime: (d: Date, zone: string) => string } };
    timeZone: string;
  },
  format?: string,
): string => {
  const written = ctx.t.time.dateTime(when, ctx.timeZone);
  return ctx.t.time.slackDateTokens ? slackDate(when, written, format) : escapeMrkdwn(written);
};
