import type { Language } from "../i18n";
import { isKnownTimeZone } from "../i18n/format-time";
import type { CommandError } from "../tickets/command";
import {
  cleanCommandText,
  keyOfSpelling,
  keySpellings,
  MAX_COMMAND_LENGTH,
  nearestWord,
  parseTicketsCommand,
} from "../tickets/filter-grammar";
import { validateSchedule } from "./schedule";
import { type DigestDraft, isLanguage, OVERDUE_HOURS_RANGE, TOP_RANGE } from "./subscription";
import {
  MAX_TIMES_A_DAY,
  parseDays,
  parseTimes,
  type TimeOfDay,
  type Weekday,
  weeklyProblem,
} from "./weekly-schedule";

/**
 * `/tickets subscribe category:10 at:08:30 days:mon-fri tz:Asia/Tehran top:5 lang:fa`, or with
 * `cron:"0 9 * * 1-5"`. Filters are read by the `/tickets` grammar itself (the one filter table,
 * its errors and suggestions); the schedule and the digest's own settings are read here. Every
 * problem is reported, each naming the person's own text; nothing is half-read.
 */

/** The digest's own keys, by canonical name; `spellings` are what people may type. */
const OWN_KEYS = {
  at: { spellings: ["at", "time", "times"] },
  days: { spellings: ["days", "day", "on"] },
  cron: { spellings: ["cron"] },
  tz: { spellings: ["tz", "timezone", "zone"] },
  top: { spellings: ["top"] },
  overdue: { spellings: ["overdue", "overdue_hours"] },
  empty: { spellings: ["empty", "post_when_empty"] },
  lang: { spellings: ["lang", "language"] },
} as const;
export type DigestKey = keyof typeof OWN_KEYS;
export const DIGEST_KEYS = Object.keys(OWN_KEYS) as DigestKey[];

const OWN_BY_SPELLING: ReadonlyMap<string, DigestKey> = new Map(
  DIGEST_KEYS.flatMap((key) => OWN_KEYS[key].spellings.map((s) => [s, key] as const)),
);

/** Keys of `/tickets` that choose one ticket or a page: a digest has neither. */
const NOT_FOR_DIGESTS = new Set(["id", "page", "per_page"]);

const YES = new Set(["yes", "true", "on", "1", "بله"]);
const NO = new Set(["no", "false", "off", "0", "خیر"]);

export type SubscribeError =
  /** A filter the `/tickets` grammar refused, worded as there. */
  | { kind: "filter"; error: CommandError }
  | { kind: "unknown-key"; token: string; key: string; suggestion?: string }
  | { kind: "repeated-key"; token: string; key: string }
  | { kind: "missing-value"; token: string; key: string }
  /** `id:`, `page:`, `per_page:` or a ticket number: a digest is about a queue. */
  | { kind: "not-for-digests"; token: string }
  | { kind: "bare-word"; token: string }
  | { kind: "bad-times"; token: string }
  | { kind: "bad-days"; token: string }
  | { kind: "minutes-differ"; token: string }
  | { kind: "too-many-times"; token: string; max: number }
  /** `problem` is the schedule's own check, in an operator's words. */
  | { kind: "bad-cron"; token: string; problem: string }
  | { kind: "cron-and-times"; token: string }
  | { kind: "unknown-zone"; token: string }
  | { kind: "out-of-range"; token: string; key: string; min: number; max: number }
  | { kind: "not-a-number"; token: string; key: string }
  | { kind: "bad-choice"; token: string; key: string; choices: readonly string[] }
  | { kind: "unclosed-quote"; token: string }
  | { kind: "too-long"; token: string; max: number };

export type SubscribeArgs =
  | { ok: true; draft: DigestDraft }
  /** `/tickets subscribe help`. */
  | { ok: true; help: true }
  | { ok: false; errors: SubscribeError[] };

// ----------------------------------------------------------------------------------------
// Words, with quotes kept together

const QUOTES: Readonly<Record<string, string>> = { '"': '"', "“": "”", "”": "”", "«": "»" };

interface Word {
  /** As typed, quotes included: what an error shows. */
  shown: string;
  /** Without the quotes. */
  text: string;
  quoted: boolean;
}

/** Splits on white space, except inside quotes (`cron:"0 9 * * 1-5"`); `undefined` on an open quote. */
const splitWords = (text: string): { words: Word[] } | { unclosed: string } => {
  const words: Word[] = [];
  let shown = "";
  let plain = "";
  let quoted = false;
  let closing: string | undefined;
  const flush = () => {
    if (shown !== "") words.push({ shown, text: plain, quoted });
    shown = "";
    plain = "";
    quoted = false;
  };
  for (const ch of text) {
    if (closing !== undefined) {
      shown += ch;
      if (ch === closing) closing = undefined;
      else plain += ch;
    } else if (QUOTES[ch] !== undefined) {
      shown += ch;
      closing = QUOTES[ch];
      quoted = true;
    } else if (/\s/u.test(ch)) {
      flush();
    } else {
      shown += ch;
      plain += ch;
    }
  }
  if (closing !== undefined) return { unclosed: shown };
  flush();
  return { words };
};

const COLON = /[:：]/;

// ----------------------------------------------------------------------------------------
// Values

type Own = {
  at?: TimeOfDay[];
  days?: Weekday[];
  cron?: string;
  tz?: string;
  top?: number;
  overdue?: number;
  empty?: boolean;
  lang?: Language;
};

/** Persian and Arabic-Indic digits as ASCII ones. */
const asciiDigits = (text: string): string =>
  text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));

const wholeNumber = (text: string): number | undefined => {
  const ascii = asciiDigits(text);
  return /^\d{1,9}$/.test(ascii) ? Number(ascii) : undefined;
};

const inRange = (
  key: "top" | "overdue",
  value: string,
  token: string,
  range: { min: number; max: number },
): number | SubscribeError => {
  const n = wholeNumber(key === "overdue" ? value.replace(/h$/i, "") : value);
  if (n === undefined) return { kind: "not-a-number", token, key };
  if (n < range.min || n > range.max) return { kind: "out-of-range", token, key, ...range };
  return n;
};

const readOwn = (
  key: DigestKey,
  value: string,
  token: string,
  own: Own,
): SubscribeError | undefined => {
  switch (key) {
    case "at": {
      const times = parseTimes(value);
      if (!times) return { kind: "bad-times", token };
      if (times.length > MAX_TIMES_A_DAY)
        return { kind: "too-many-times", token, max: MAX_TIMES_A_DAY };
      if (weeklyProblem({ times, days: [1] }) === "minutes-differ")
        return { kind: "minutes-differ", token };
      own.at = times;
      return undefined;
    }
    case "days": {
      const days = parseDays(value);
      if (!days) return { kind: "bad-days", token };
      own.days = days;
      return undefined;
    }
    case "cron": {
      const cron = asciiDigits(value).trim().replace(/\s+/g, " ");
      // Judged in UTC here; the zone is checked on its own, and the pair once both are known.
      const problem = validateSchedule(cron, "UTC");
      if (problem) return { kind: "bad-cron", token, problem };
      own.cron = cron;
      return undefined;
    }
    case "tz": {
      if (!isKnownTimeZone(value)) return { kind: "unknown-zone", token };
      own.tz = value;
      return undefined;
    }
    case "top":
    case "overdue": {
      const n = inRange(key, value, token, key === "top" ? TOP_RANGE : OVERDUE_HOURS_RANGE);
      if (typeof n !== "number") return n;
      own[key] = n;
      return undefined;
    }
    case "empty": {
      const lower = value.toLowerCase();
      if (!YES.has(lower) && !NO.has(lower))
        return { kind: "bad-choice", token, key, choices: ["yes", "no"] };
      own.empty = YES.has(lower);
      return undefined;
    }
    case "lang": {
      const lower = value.toLowerCase();
      if (!isLanguage(lower)) return { kind: "bad-choice", token, key, choices: ["en", "fa"] };
      own.lang = lower;
      return undefined;
    }
  }
};

/** Every key a person may type here: the digest's own and the filters'. */
const allSpellings = (): string[] => [...OWN_BY_SPELLING.keys(), ...keySpellings()];

// ----------------------------------------------------------------------------------------
// The arguments

/** Cron fields typed without quotes (`cron:0 9 * * 1-5`): the words that continue it. */
const CRON_FIELD = /^[0-9\u06F0-\u06F9A-Za-z*,\-/?#]+$/;

export const parseSubscribeArgs = (text: string): SubscribeArgs => {
  if (text.length > MAX_COMMAND_LENGTH) {
    return {
      ok: false,
      errors: [{ kind: "too-long", token: text.slice(0, 20), max: MAX_COMMAND_LENGTH }],
    };
  }
  const split = splitWords(cleanCommandText(text));
  if ("unclosed" in split)
    return { ok: false, errors: [{ kind: "unclosed-quote", token: split.unclosed }] };
  const { words } = split;
  if (words.length === 1 && /^(help|-h|--help|\?|؟|راهنما)$/i.test(words[0]?.text ?? "")) {
    return { ok: true, help: true };
  }

  const errors: SubscribeError[] = [];
  const own: Own = {};
  const seen = new Set<string>();
  const filterWords: string[] = [];
  let lastWentToFilters = false;

  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as Word;
    const colon = word.quoted ? word.shown.search(COLON) : word.text.search(COLON);
    if (colon <= 0) {
      // A word of its own continues the filter before it (`state:waiting for support`).
      if (lastWentToFilters && !word.quoted) {
        filterWords.push(word.text);
        continue;
      }
      errors.push(
        wholeNumber(word.text.replace(/^#/, "")) !== undefined
          ? { kind: "not-for-digests", token: word.shown }
          : { kind: "bare-word", token: word.shown },
      );
      continue;
    }
    const typedKey = word.shown.slice(0, colon);
    const lowerKey = typedKey.toLowerCase();
    const ownKey = OWN_BY_SPELLING.get(lowerKey);
    const filterKey = keyOfSpelling(lowerKey);
    lastWentToFilters = false;

    if (ownKey === undefined) {
      if (filterKey === undefined) {
        const near = nearestWord(lowerKey, allSpellings());
        errors.push({
          kind: "unknown-key",
          token: word.shown,
          key: typedKey,
          ...(near === undefined ? {} : { suggestion: `${near}:` }),
        });
      } else if (NOT_FOR_DIGESTS.has(filterKey)) {
        errors.push({ kind: "not-for-digests", token: word.shown });
      } else {
        filterWords.push(word.shown);
        lastWentToFilters = true;
      }
      continue;
    }

    // The value: after the colon, else the next word (`at: 08:30`), unquoted.
    let value = word.quoted
      ? word.text.slice(word.text.search(COLON) + 1)
      : word.text.slice(colon + 1);
    let shown = word.shown;
    const next = words[i + 1];
    if (
      value === "" &&
      next !== undefined &&
      !OWN_BY_SPELLING.has(next.text.split(COLON)[0]?.toLowerCase() ?? "") &&
      keyOfSpelling(next.text.split(COLON)[0] ?? "") === undefined
    ) {
      value = next.text;
      shown = `${shown} ${next.shown}`;
      i += 1;
    }
    if (ownKey === "cron" && !word.quoted && value !== "") {
      const fields = [value];
      while (
        fields.length < 5 &&
        words[i + 1] &&
        !words[i + 1]?.quoted &&
        CRON_FIELD.test(words[i + 1]?.text ?? "")
      ) {
        fields.push(words[i + 1]?.text ?? "");
        shown = `${shown} ${words[i + 1]?.shown}`;
        i += 1;
      }
      value = fields.join(" ");
    }
    if (seen.has(ownKey)) {
      errors.push({ kind: "repeated-key", token: shown, key: ownKey });
      continue;
    }
    seen.add(ownKey);
    if (value.trim() === "") {
      errors.push({ kind: "missing-value", token: shown, key: ownKey });
      continue;
    }
    const problem = readOwn(ownKey, value.trim(), shown, own);
    if (problem) errors.push(problem);
  }

  if (own.cron !== undefined && (seen.has("at") || seen.has("days"))) {
    errors.push({ kind: "cron-and-times", token: "cron:" });
  }

  let filter = {};
  if (filterWords.length > 0) {
    const parsed = parseTicketsCommand(filterWords.join(" "));
    if (!parsed.ok) {
      for (const error of parsed.errors) errors.push({ kind: "filter", error });
    } else if (
      parsed.command.kind === "list" &&
      parsed.command.query.filter.ticketId === undefined
    ) {
      filter = parsed.command.query.filter;
    } else {
      errors.push({ kind: "not-for-digests", token: filterWords.join(" ") });
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  if (own.cron !== undefined && own.tz !== undefined) {
    const problem = validateSchedule(own.cron, own.tz);
    if (problem)
      return { ok: false, errors: [{ kind: "bad-cron", token: `cron:"${own.cron}"`, problem }] };
  }
  const draft: DigestDraft = {
    filter,
    ...(own.cron !== undefined
      ? { when: { kind: "cron", expr: own.cron } }
      : own.at !== undefined || own.days !== undefined
        ? {
            when: {
              kind: "weekly",
              ...(own.at && { times: own.at }),
              ...(own.days && { days: own.days }),
            },
          }
        : {}),
    ...(own.tz !== undefined && { timeZone: own.tz }),
    ...(own.top !== undefined && { top: own.top }),
    ...(own.overdue !== undefined && { overdueHours: own.overdue }),
    ...(own.empty !== undefined && { postWhenEmpty: own.empty }),
    ...(own.lang !== undefined && { language: own.lang }),
  };
  return { ok: true, draft };
};
