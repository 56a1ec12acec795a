import type { Language } from "../i18n";
import type { LanguageRequest } from "./command";

/**
 * `/tickets language [fa|en]`: the words for the command and for each language, in English and
 * in Persian, as people type them (`/tickets language فارسی`, `/tickets زبان انگلیسی`,
 * `/tickets language:fa`).
 */

/** The keyword, and its value given after a colon (`language:fa`) as filters are. */
const KEYWORDS: ReadonlySet<string> = new Set(["language", "lang", "زبان"]);

/** Every spelling of each language; the first is the code the bot writes. */
export const LANGUAGE_SPELLINGS: Readonly<Record<Language, readonly string[]>> = {
  en: ["en", "english", "eng", "انگلیسی", "اینگلیسی"],
  fa: ["fa", "farsi", "persian", "fa-ir", "فارسی", "پارسی"],
};

/**
 * How a word is compared: without case, the zero-width non-joiner or kashida, with Arabic ي/ى/ك
 * read as Persian ی/ی/ک (Arabic keyboards type those).
 */
const wordKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\u064A\u0649]/g, "\u06CC")
    .replace(/\u0643/g, "\u06A9")
    .replace(/[\u200C\u0640]/g, "");

const LANGUAGE_BY_WORD: ReadonlyMap<string, Language> = new Map(
  (Object.entries(LANGUAGE_SPELLINGS) as [Language, readonly string[]][]).flatMap(
    ([language, spellings]) => spellings.map((s) => [wordKey(s), language] as const),
  ),
);

const COLON = /[:：]/;

/**
 * The request, when `tokens` (the command's words, cleaned) are the language command;
 * `undefined` when they are something else for the filter grammar to read.
 */
export const parseLanguageCommand = (tokens: readonly string[]): LanguageRequest | undefined => {
  const [first, ...rest] = tokens;
  if (first === undefined) return undefined;
  const colon = first.search(COLON);
  const keyword = colon < 0 ? first : first.slice(0, colon);
  if (!KEYWORDS.has(wordKey(keyword))) return undefined;
  const words = [...(colon < 0 ? [] : [first.slice(colon + 1)]), ...rest].filter((w) => w !== "");
  if (words.length === 0) return { kind: "show" };
  const [word] = words;
  const language = words.length === 1 && word ? LANGUAGE_BY_WORD.get(wordKey(word)) : undefined;
  return language ? { kind: "set", language } : { kind: "unknown", token: words.join(" ") };
};
