import type {
  CommandError,
  CommandNotice,
  CommandParseResult,
  FilterKey,
  PagingKey,
  TicketsCommand,
} from "./command";
import { parseLanguageCommand } from "./language-grammar";
import { VIEW_NAME_MAX_LENGTH, viewNameShape } from "./saved-view-name";
import { isStateId, STATE_NAMES, type StateId } from "./states";
import {
  FILTER_FIELDS,
  FILTER_KINDS,
  type FilterField,
  type FilterKind,
  MAX_USERNAME_LENGTH,
  TICKET_FILTERS,
  type TicketFilter,
  type TicketFilterKey,
} from "./ticket-filters";
import {
  compiledTicketQuery,
  LIST_DEFAULT_PER_PAGE,
  LIST_MAX_PER_PAGE,
  MAX_PAGE,
  type TicketQuery,
} from "./ticket-query";

/** Longer command text is refused unread, so no input can make parsing expensive. */
export const MAX_COMMAND_LENGTH = 2000;

/** What a `command-too-long` error shows of the text. */
const PREVIEW_LENGTH = 20;

/** The keys that choose the page rather than filter: with the filters', every key there is. */
const PAGING: Readonly<
  Record<PagingKey, { spellings: readonly string[]; min: number; max: number }>
> = {
  page: { spellings: ["page"], min: 1, max: MAX_PAGE },
  per_page: { spellings: ["per_page", "perpage", "per-page"], min: 1, max: LIST_MAX_PER_PAGE },
};

/** A filter's table entry by its key. */
const FILTER_BY_KEY: ReadonlyMap<
  FilterKey,
  { field: FilterField; kind: FilterKind; hash: boolean }
> = new Map(
  FILTER_FIELDS.map((field) => {
    const spec: { key: TicketFilterKey; kind: FilterKind; hash?: boolean } = TICKET_FILTERS[field];
    return [spec.key, { field, kind: spec.kind, hash: spec.hash === true }] as const;
  }),
);

/** Every key, canonical first, as help and errors list them. */
export const COMMAND_KEYS: readonly FilterKey[] = [
  ...FILTER_FIELDS.map((field) => TICKET_FILTERS[field].key),
  ...(Object.keys(PAGING) as PagingKey[]),
];

/** Every spelling of every key, lower-case. The first spelling is the canonical one. */
const KEY_SPELLINGS: ReadonlyArray<readonly [FilterKey, readonly string[]]> = [
  ...FILTER_FIELDS.map(
    (field) => [TICKET_FILTERS[field].key, TICKET_FILTERS[field].spellings] as const,
  ),
  ...(Object.entries(PAGING) as [PagingKey, (typeof PAGING)[PagingKey]][]).map(
    ([key, { spellings }]) => [key, spellings] as const,
  ),
];

// A Map, not an object: a typed key such as `constructor:` must not find Object.prototype.
const KEY_BY_SPELLING: ReadonlyMap<string, FilterKey> = new Map(
  KEY_SPELLINGS.flatMap(([key, spellings]) =>
    spellings.map((spelling) => [spelling, key] as const),
  ),
);

/**
 * How a state name is compared: without case, separators (`-`, `_`, spaces, the zero-width
 * non-joiner), kashida and vowel marks, with Arabic ي/ى/ك read as Persian ی/ی/ک (Arabic
 * keyboards, and text pasted from them, type those).
 */
const stateKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\u064A\u0649]/g, "\u06CC")
    .replace(/\u0643/g, "\u06A9")
    .replace(/[-_\s\u200C\u0640\u064B-\u065F]/gu, "");

/** Each name by its comparison key, with the spelling a suggestion shows. */
const STATE_BY_NAME: ReadonlyMap<string, { id: StateId; spelling: string }> = new Map(
  Object.entries(STATE_NAMES).map(([spelling, id]) => [stateKey(spelling), { id, spelling }]),
);

/** The most words a state name has (`در انتظار پاسخ مشتری`), for names typed with spaces. */
const MAX_STATE_WORDS = Math.max(...Object.keys(STATE_NAMES).map((n) => n.split("-").length));

// `؟` is the Persian question mark; `—help` is what macOS autocorrect makes of `--help`;
// `راهنما` is "help" in Persian.
const HELP_WORDS: ReadonlySet<string> = new Set([
  "help",
  "-h",
  "--help",
  "—help",
  "?",
  "؟",
  "راهنما",
]);
const DIGEST_WORD = "digest";
/** `/tickets subscribe …` and `/tickets digests`: a channel's own digests (digest/subscription-args.ts). */
export const SUBSCRIBE_WORD = "subscribe";
export const DIGESTS_WORD = "digests";
/** `/tickets save NAME filters… [team]` and `/tickets views`: saved views (flows/saved-views.ts). */
export const SAVE_WORD = "save";
export const VIEWS_WORD = "views";
/** Among a saved view's filters: the view is the workspace's, not only its maker's. */
export const TEAM_WORD = "team";

/** Integer bounds of a numeric key, as the error messages state them. */
const rangeOf = (key: FilterKey): { min: number; max: number } | undefined => {
  if (key === "page" || key === "per_page") return { min: PAGING[key].min, max: PAGING[key].max };
  const kind = FILTER_KINDS[FILTER_BY_KEY.get(key)?.kind ?? "state"];
  return "min" in kind ? { min: kind.min, max: kind.max } : undefined;
};

/** The key a bare number (`100001`, `#100001`) is for: the filter that takes `#`. */
const TICKET_NUMBER_KEY: FilterKey =
  [...FILTER_BY_KEY].find(([, filter]) => filter.hash)?.[0] ?? "id";

// ----------------------------------------------------------------------------------------
// Text clean-up and tokens

const SLACK_ENTITIES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/**
 * One left-to-right pass, so `&amp;lt;` becomes the text `&lt;` and is not decoded twice.
 * Slack escapes only these three; anything else that looks like an entity is the user's text.
 */
const decodeSlackEntities = (text: string): string =>
  text.replace(/&(?:amp|lt|gt);/g, (entity) => SLACK_ENTITIES[entity] ?? entity);

// Pasted text and right-to-left keyboards bring these along; they make `state:2` look
// right to the user while no longer matching. U+061C is the Arabic letter mark.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

const COLON = /[:：]/;

const tokenize = (text: string): string[] =>
  decodeSlackEntities(text)
    .split(/\p{White_Space}+/u)
    .map((token) => token.replace(INVISIBLE, ""))
    .filter((token) => token !== "");

/** Command text as the grammar reads it: Slack's entities decoded, invisible marks dropped. */
export const cleanCommandText = (text: string): string =>
  decodeSlackEntities(text).replace(INVISIBLE, "");

const preview = (text: string): string =>
  Array.from(
    decodeSlackEntities(text.slice(0, PREVIEW_LENGTH * 10))
      .replace(INVISIBLE, "")
      .trimStart(),
  )
    .slice(0, PREVIEW_LENGTH)
    .join("");

// ----------------------------------------------------------------------------------------
// Numbers and suggestions

/** Persian and Arabic-Indic digits become ASCII; nothing else (no sign, point or exponent). */
const parseDigits = (text: string): number | undefined => {
  const ascii = text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  return /^[0-9]+$/.test(ascii) ? Number(ascii) : undefined;
};

const isNumberToken = (token: string): boolean =>
  parseDigits(token.startsWith("#") ? token.slice(1) : token) !== undefined;

/** Optimal-string-alignment distance: Levenshtein plus swaps of two neighbours. */
const editDistance = (from: string, to: string): number => {
  const a = Array.from(from);
  const b = Array.from(to);
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/** Short words are a small edit away from too many others to guess at two edits. */
const maxDistance = (a: string, b: string): number => (Math.min(a.length, b.length) <= 3 ? 1 : 2);

/** The closest candidate within reach; ties go to the earlier candidate. */
const nearest = (typed: string, candidates: Iterable<string>): string | undefined => {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const limit = maxDistance(typed, candidate);
    if (Math.abs(typed.length - candidate.length) > limit) continue;
    const distance = editDistance(typed, candidate);
    if (distance <= limit && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
};

/** The closest of `candidates` to what was typed, within a small edit; for other grammars too. */
export const nearestWord = (typed: string, candidates: Iterable<string>): string | undefined =>
  nearest(typed.toLowerCase(), candidates);

/** The key a spelling (`sub`, `state_id`) stands for, if it is one. */
export const keyOfSpelling = (spelling: string): FilterKey | undefined =>
  KEY_BY_SPELLING.get(spelling.toLowerCase());

/** Every spelling of every key, lower-case. */
export const keySpellings = (): IterableIterator<string> => KEY_BY_SPELLING.keys();

const suggestKey = (typedKey: string): FilterKey | undefined => {
  const spelling = nearest(typedKey.toLowerCase(), KEY_BY_SPELLING.keys());
  return spelling === undefined ? undefined : KEY_BY_SPELLING.get(spelling);
};

/** Leaves `suggestion` out entirely rather than present and undefined. */
const suggesting = <S extends string>(suggestion: S | undefined): { suggestion?: S } =>
  suggestion === undefined ? {} : { suggestion };

// ----------------------------------------------------------------------------------------
// Tokens → clauses: which key each piece of text is for

type Clause =
  | { kind: "pair"; token: string; key: FilterKey; value: string }
  | { kind: "error"; error: CommandError };

const bareWordSuggestion = (token: string): string | undefined => {
  const lower = token.toLowerCase();
  if (HELP_WORDS.has(lower)) return "help";
  if (lower === DIGEST_WORD || lower === DIGESTS_WORD || lower === SUBSCRIBE_WORD) return lower;
  if (STATE_BY_NAME.has(stateKey(token))) return `state:${lower}`;
  const key = KEY_BY_SPELLING.get(lower);
  if (key !== undefined) return `${key}:…`;
  const equals = token.indexOf("=");
  if (equals > 0 && KEY_BY_SPELLING.has(lower.slice(0, equals))) {
    return `${token.slice(0, equals)}:${token.slice(equals + 1) || "…"}`;
  }
  return undefined;
};

/** A word without a colon: a ticket number (`100001`, `#100001`) or a mistake. */
const bareClause = (token: string): Clause =>
  isNumberToken(token)
    ? { kind: "pair", token, key: TICKET_NUMBER_KEY, value: token }
    : {
        kind: "error",
        error: { kind: "bare-word", token, ...suggesting(bareWordSuggestion(token)) },
      };

// Mentions, channel links and URLs arrive as `<…>`; a URL's colon must not read as a key.
const isSlackMarkup = (token: string): boolean => token.startsWith("<") && token.endsWith(">");

const toClauses = (tokens: readonly string[]): Clause[] => {
  const clauses: Clause[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? "";
    const colon = token.search(COLON);
    if (colon < 0 || isSlackMarkup(token)) {
      clauses.push(bareClause(token));
      continue;
    }
    const typedKey = token.slice(0, colon);
    let value = token.slice(colon + 1);
    let shown = token;
    const next = tokens[i + 1];
    // `user: bob` is read as `user:bob`, but in `state: user:bob` the state has no value.
    if (value === "" && next !== undefined && !COLON.test(next)) {
      value = next;
      shown = `${token} ${next}`;
      i += 1;
    }
    const words = isStateKey(typedKey) ? stateNameWords(value, tokens, i + 1) : 0;
    if (words > 0) {
      const more = tokens.slice(i + 1, i + 1 + words);
      value = [value, ...more].join("-");
      shown = [shown, ...more].join(" ");
      i += words;
    }
    clauses.push(keyValueClause(shown, typedKey, value));
  }
  return clauses;
};

const isStateKey = (typedKey: string): boolean => {
  const key = KEY_BY_SPELLING.get(typedKey.toLowerCase());
  return key !== undefined && FILTER_BY_KEY.get(key)?.kind === "state";
};

/**
 * How many of the words after a state's value continue its name (`state:در انتظار پشتیبانی`,
 * `state:waiting for support`): the longest run that makes a known name, or none. A word with
 * a colon is always a clause of its own.
 */
const stateNameWords = (value: string, tokens: readonly string[], from: number): number => {
  for (let words = MAX_STATE_WORDS - 1; words > 0; words -= 1) {
    const more = tokens.slice(from, from + words);
    if (more.length < words || more.some((t) => COLON.test(t))) continue;
    if (STATE_BY_NAME.has(stateKey([value, ...more].join("-")))) return words;
  }
  return 0;
};

const keyValueClause = (token: string, typedKey: string, value: string): Clause => {
  const key = KEY_BY_SPELLING.get(typedKey.toLowerCase());
  if (key === undefined) {
    const suggestion = suggesting(suggestKey(typedKey));
    return { kind: "error", error: { kind: "unknown-key", token, key: typedKey, ...suggestion } };
  }
  if (value === "") return { kind: "error", error: { kind: "missing-value", token, key } };
  return { kind: "pair", token, key, value };
};

// ----------------------------------------------------------------------------------------
// Values

/** The filter values a command can set, by key, before the query schema has seen them. */
export type FilterDraft = { [K in FilterKey]?: K extends PagingKey ? number : DraftValue };
type DraftValue = StateId | string | number;

type Parsed<V> =
  | { ok: true; value: V; notice?: CommandNotice }
  | { ok: false; error: CommandError };
type ValueParser = (key: FilterKey, value: string, token: string) => Parsed<DraftValue>;

const parseState: ValueParser = (_key, value, token) => {
  const number = parseDigits(value);
  const byName = STATE_BY_NAME.get(stateKey(value));
  if (number !== undefined && isStateId(number)) return { ok: true, value: number };
  if (byName !== undefined) return { ok: true, value: byName.id };
  const near = number === undefined ? nearest(stateKey(value), STATE_BY_NAME.keys()) : undefined;
  const suggestion = near === undefined ? undefined : STATE_BY_NAME.get(near)?.spelling;
  return { ok: false, error: { kind: "unknown-state", token, ...suggesting(suggestion) } };
};

const parseUser: ValueParser = (key, value, token) => {
  // People type `@bob` out of Slack habit; this assumes no customer username starts with `@`.
  const username = value.startsWith("@") ? value.slice(1) : value;
  if (username === "") return { ok: false, error: { kind: "missing-value", token, key } };
  if (username.length > MAX_USERNAME_LENGTH) {
    return { ok: false, error: { kind: "too-long", token, key, max: MAX_USERNAME_LENGTH } };
  }
  return { ok: true, value: username };
};

const parseInteger = (key: FilterKey, digits: string, token: string): Parsed<number> => {
  const number = parseDigits(digits);
  if (number === undefined) return { ok: false, error: { kind: "not-an-integer", token, key } };
  const { min, max } = rangeOf(key) ?? { min: 1, max: Number.MAX_SAFE_INTEGER };
  if (number < min || number > max) {
    return { ok: false, error: { kind: "out-of-range", token, key, min, max } };
  }
  return { ok: true, value: number };
};

const parseId: ValueParser = (key, value, token) => {
  const digits = FILTER_BY_KEY.get(key)?.hash && value.startsWith("#") ? value.slice(1) : value;
  if (digits === "") return { ok: false, error: { kind: "missing-value", token, key } };
  return parseInteger(key, digits, token);
};

/**
 * Bigger lists are lowered rather than refused: the user still gets tickets. A number past
 * 2^53 is refused instead, since the notice could not say which number was asked for.
 */
const parsePerPage: ValueParser = (key, value, token) => {
  const requested = parseDigits(value);
  if (requested !== undefined && requested > LIST_MAX_PER_PAGE && Number.isSafeInteger(requested)) {
    const used = LIST_MAX_PER_PAGE;
    return { ok: true, value: used, notice: { kind: "per-page-lowered", requested, used } };
  }
  return parseInteger(key, value, token);
};

/** One reader per kind of value; the filter table says which kind each key takes. */
const KIND_PARSERS: Readonly<Record<FilterKind, ValueParser>> = {
  state: parseState,
  username: parseUser,
  id: parseId,
};

const parserFor = (key: FilterKey): ValueParser => {
  if (key === "per_page") return parsePerPage;
  if (key === "page") return (k, value, token) => parseInteger(k, value, token);
  return KIND_PARSERS[FILTER_BY_KEY.get(key)?.kind ?? "id"];
};

// ----------------------------------------------------------------------------------------
// Draft → validated query

/** Which key a query-schema path points at: a filter's field, or the page. */
const FIELD_KEYS: ReadonlyMap<PropertyKey, FilterKey> = new Map<PropertyKey, FilterKey>([
  ...FILTER_FIELDS.map((field) => [field, TICKET_FILTERS[field].key] as const),
  ["page", "page"],
  ["perPage", "per_page"],
]);

const rejection = (key: FilterKey, token: string): CommandError => {
  const kind = FILTER_BY_KEY.get(key)?.kind;
  if (kind === "state") return { kind: "unknown-state", token };
  if (kind === "username") return { kind: "too-long", token, key, max: MAX_USERNAME_LENGTH };
  const range = rangeOf(key) ?? { min: 1, max: Number.MAX_SAFE_INTEGER };
  return { kind: "out-of-range", token, key, ...range };
};

/**
 * The query schema has the last word on every value. Exported so tests can give it
 * values the parser itself never produces.
 */
export const toTicketQuery = (
  draft: FilterDraft,
  tokens: ReadonlyMap<FilterKey, string>,
): { ok: true; query: TicketQuery } | { ok: false; errors: CommandError[] } => {
  const filter: Record<string, DraftValue> = {};
  for (const [key, { field }] of FILTER_BY_KEY) {
    const value = draft[key];
    if (value !== undefined) filter[field] = value;
  }
  const checked = compiledTicketQuery().safeParse({
    filter: filter as TicketFilter,
    page: draft.page ?? 1,
    perPage: draft.per_page ?? LIST_DEFAULT_PER_PAGE,
  });
  if (checked.success) return { ok: true, query: checked.data };

  const errors = new Map<string, CommandError>();
  for (const issue of checked.error.issues) {
    const key = FIELD_KEYS.get(issue.path.at(-1) ?? "");
    const path = issue.path.map(String).join(".");
    // Only a schema grown beyond this parser lands here; name the field it wants.
    const error: CommandError =
      key === undefined
        ? { kind: "unknown-key", token: path, key: path }
        : rejection(key, tokens.get(key) ?? `${key}:`);
    errors.set(key ?? path, error);
  }
  return { ok: false, errors: [...errors.values()] };
};

// ----------------------------------------------------------------------------------------
// Saved views' names

/**
 * What the grammar would read a word as, if not as a saved view's name: a keyword (`help`,
 * `views`, `language`), a state (`open` → `state:open`) or a key (`user` → `user:…`). Such a
 * word never names a view: `/tickets open` must keep meaning what it means today.
 */
export const viewNameMeaning = (token: string): string | undefined => {
  const lower = token.toLowerCase();
  if (lower === SAVE_WORD || lower === VIEWS_WORD || lower === TEAM_WORD) return lower;
  if (parseLanguageCommand([token])) return "language";
  return bareWordSuggestion(token);
};

/** Why `token` cannot name a saved view, or `undefined` when it can. */
export const viewNameError = (token: string): CommandError | undefined => {
  switch (viewNameShape(token)) {
    case "invalid":
      return { kind: "view-name-invalid", token, max: VIEW_NAME_MAX_LENGTH };
    case "number":
      return { kind: "view-name-number", token };
    case "ok": {
      const meaning = viewNameMeaning(token);
      return meaning === undefined ? undefined : { kind: "view-name-reserved", token, meaning };
    }
  }
};

/**
 * `/tickets save NAME filters… [team]`: the name first, then filters as `/tickets` reads them
 * (a ticket number alone is kept as a filter: a view is always a list), and `team` anywhere
 * among them to share the view with the workspace.
 */
const parseSave = (tokens: readonly string[]): CommandParseResult => {
  const [name, ...rest] = tokens;
  if (name === undefined || COLON.test(name) || name.toLowerCase() === TEAM_WORD) {
    return { ok: false, errors: [{ kind: "view-name-missing", token: name ?? "" }] };
  }
  const nameError = viewNameError(name);
  const team = rest.some((token) => token.toLowerCase() === TEAM_WORD);
  const parsed = parseFilters(rest.filter((token) => token.toLowerCase() !== TEAM_WORD));
  const errors = [...(nameError ? [nameError] : []), ...(parsed.ok ? [] : parsed.errors)];
  if (errors.length > 0 || !parsed.ok) return { ok: false, errors };
  const { command } = parsed;
  const listed =
    command.kind === "details"
      ? {
          query: {
            filter: { ticketId: command.ticketId },
            page: 1,
            perPage: LIST_DEFAULT_PER_PAGE,
          },
          notices: [],
        }
      : command.kind === "list"
        ? { query: command.query, notices: command.notices }
        : undefined;
  // parseFilters gives nothing else; a grammar grown past that saves nothing rather than guess.
  if (!listed) return { ok: false, errors: [{ kind: "bare-word", token: rest.join(" ") }] };
  return { ok: true, command: { kind: "save", name, team, ...listed } };
};

// ----------------------------------------------------------------------------------------
// The command

const parseFilters = (tokens: readonly string[]): CommandParseResult => {
  const errors: CommandError[] = [];
  const notices: CommandNotice[] = [];
  const draft: FilterDraft = {};
  const tokenOf = new Map<FilterKey, string>();

  const apply = (key: FilterKey, value: string, token: string): void => {
    const parsed = parserFor(key)(key, value, token);
    if (!parsed.ok) {
      errors.push(parsed.error);
      return;
    }
    (draft as Record<FilterKey, DraftValue>)[key] = parsed.value;
    if (parsed.notice !== undefined) notices.push(parsed.notice);
  };

  for (const clause of toClauses(tokens)) {
    if (clause.kind === "error") {
      errors.push(clause.error);
    } else if (tokenOf.has(clause.key)) {
      errors.push({ kind: "repeated-key", token: clause.token, key: clause.key });
    } else {
      tokenOf.set(clause.key, clause.token);
      apply(clause.key, clause.value, clause.token);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const built = toTicketQuery(draft, tokenOf);
  if (!built.ok) return built;
  // A ticket number on its own asks for that ticket; with any other key it filters a list.
  const { ticketId } = built.query.filter;
  if (ticketId !== undefined && tokenOf.size === 1) {
    return { ok: true, command: { kind: "details", ticketId } };
  }
  return { ok: true, command: { kind: "list", query: built.query, notices } };
};

const succeed = (command: TicketsCommand): CommandParseResult => ({ ok: true, command });

/**
 * Reads the text of `/tickets …`. Never throws; every problem found is reported, each
 * naming the user's own token (after Slack's `&amp;`/`&lt;`/`&gt;` are decoded).
 */
export const parseTicketsCommand = (text: string): CommandParseResult => {
  if (text.length > MAX_COMMAND_LENGTH) {
    const token = preview(text);
    return { ok: false, errors: [{ kind: "command-too-long", token, max: MAX_COMMAND_LENGTH }] };
  }
  const tokens = tokenize(text);
  const language = parseLanguageCommand(tokens);
  if (language) return succeed({ kind: "language", choice: language });
  const only = tokens.length === 1 ? tokens[0]?.toLowerCase() : undefined;
  if (only !== undefined && HELP_WORDS.has(only)) return succeed({ kind: "help" });
  if (only === DIGEST_WORD) return succeed({ kind: "digest" });
  if (only === DIGESTS_WORD) return succeed({ kind: "digests" });
  if (only === VIEWS_WORD) return succeed({ kind: "views" });
  if (tokens[0]?.toLowerCase() === SAVE_WORD) return parseSave(tokens.slice(1));
  // One word the grammar has no other meaning for names a saved view (a typo gets told so).
  const [word] = tokens;
  if (tokens.length === 1 && word !== undefined && viewNameError(word) === undefined) {
    return succeed({ kind: "view", name: word });
  }
  if (tokens[0]?.toLowerCase() === SUBSCRIBE_WORD) {
    // The rest is read by the subscription's own grammar, quotes (`cron:"0 9 * * 1-5"`) intact.
    const start = cleanCommandText(text).search(/subscribe/i) + SUBSCRIBE_WORD.length;
    return succeed({ kind: "subscribe", text: cleanCommandText(text).slice(start).trim() });
  }
  return parseFilters(tokens);
};
