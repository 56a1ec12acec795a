/**
 * Direction marks for text that mixes right-to-left and left-to-right runs. Slack lays every
 * message out left to right (its web and desktop clients set no `dir`; its mobile clients pick
 * a paragraph's direction from its first strong letter), so a catalog for a right-to-left
 * language orders each line itself:
 *
 * - `rtl` puts a RIGHT-TO-LEFT MARK at both ends of each line. Everything between two strong
 *   right-to-left characters, neutrals and numbers included, then resolves right to left, so
 *   the line reads in Persian order even in a left-to-right paragraph, and a client that looks
 *   at the first strong letter lays the line out right to left.
 * - `isolate` (FSI … PDI) and `ltr` (LRI … PDI) fence a run of the other direction, or of
 *   unknown direction: a Latin username, a ticket number, a key such as `state:`. From outside
 *   an isolate counts as one neutral character, so it can neither reorder its neighbours nor be
 *   split by them. Every Slack client today is built on an engine that honours isolates
 *   (Chromium in the desktop app and browsers, WebKit/CoreText on iOS and macOS, ICU on
 *   Android); marks alone could not keep a Latin run inside a Persian line in its place.
 *
 * Untrusted text never brings its own controls: `stripBidiControls` (render/mrkdwn.ts) removes
 * embeddings, overrides and isolates from it before a catalog fences it, so every isolate in a
 * message is ours and closed.
 */

export const LRM = "\u200E";
export const RLM = "\u200F";
export const LRI = "\u2066";
export const RLI = "\u2067";
export const FSI = "\u2068";
export const PDI = "\u2069";

/** A run that takes the direction of its own first strong letter: untrusted text, names. */
export const isolate = (text: string): string => (text === "" ? text : `${FSI}${text}${PDI}`);

/** A run that reads left to right whatever it holds: `#۱۰۰۳۷۴`, `state:`, `/tickets`. */
export const ltr = (text: string): string => (text === "" ? text : `${LRI}${text}${PDI}`);

/** Each non-empty line marked right-to-left at both ends (once: marked lines are left alone). */
export const rtl = (text: string): string =>
  text
    .split("\n")
    .map((line) =>
      line === "" || (line.startsWith(RLM) && line.endsWith(RLM)) ? line : `${RLM}${line}${RLM}`,
    )
    .join("\n");

/** Strong right-to-left letters: Hebrew, Arabic (Persian included), Syriac, Thaana, NKo… */
// Arabic-Indic and Persian digits are numbers, not letters: they take the direction around them.
const RIGHT_TO_LEFT =
  /[\u0590-\u065F\u066A-\u06EF\u06FA-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

export const hasRightToLeft = (text: string): boolean => RIGHT_TO_LEFT.test(text);
