/**
 * What a saved view may be called: 1–32 letters, digits, `-` or `_`, with at least one letter
 * (a name of digits alone would read as a ticket number). Letters are any script's, so Persian
 * names work (`/tickets save مالی state:2`); a mark on a letter (a Persian vowel sign) goes with
 * it. Whether the grammar has another meaning for the word is the grammar's to say
 * (filter-grammar.ts); names compare without case, and Arabic and Persian letter forms alike, in
 * the store (store/view-name.ts).
 */

export const VIEW_NAME_MAX_LENGTH = 32;

const NAME_CHARACTERS = /^[\p{L}\p{M}\p{Nd}_-]+$/u;
const HAS_LETTER = /\p{L}/u;
const DIGITS_ONLY = /^\p{Nd}+$/u;

export type ViewNameShape = "ok" | "invalid" | "number";

/** Characters are counted as people count them: one a code point, not one a UTF-16 unit. */
export const viewNameShape = (token: string): ViewNameShape => {
  const length = Array.from(token).length;
  if (length === 0 || length > VIEW_NAME_MAX_LENGTH || !NAME_CHARACTERS.test(token)) {
    return "invalid";
  }
  if (HAS_LETTER.test(token)) return "ok";
  return DIGITS_ONLY.test(token) ? "number" : "invalid";
};
