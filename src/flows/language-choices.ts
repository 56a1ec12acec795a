import * as z from "zod";
import { unlessLate } from "../clock";
import { LANGUAGES, type Language } from "../i18n";
import type { Person, PreferencesPort } from "./ports";

/**
 * Each person's language, as they chose it with `/tickets language`, read from the store's
 * preferences for every request that answers them.
 *
 * - A read never holds an answer up for long: past `readDeadlineMs` (or when the store fails)
 *   the person gets the workspace's language for this request, and the log says why. A read
 *   that finishes late is still remembered, for their next request.
 * - What was read is remembered for `cacheMs`, so a person paging through a list costs the
 *   store one read. The replica that saves a choice remembers it at once (their next request
 *   sees it); another replica sees it once its own copy is older than `cacheMs`.
 */

/** Far inside Slack's 3 s for an ack; a healthy store answers in a millisecond or two. */
export const PREFERENCE_READ_DEADLINE_MS = 250;
/** How stale another replica's copy of a choice may be. */
export const PREFERENCE_CACHE_MS = 5_000;
/** Enough for every active person of a large workspace; the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000;

const storedLanguage = z.enum(LANGUAGES);

/** Where a person's language came from. */
export type LanguageLookup =
  /** They chose it. */
  | { source: "person"; language: Language }
  /** They have not chosen: the workspace's (BOT_LANGUAGE). */
  | { source: "workspace"; language: Language }
  /** The store failed or was slow: the workspace's, for now. */
  | { source: "unavailable"; language: Language };

export interface LanguageChoices {
  /** BOT_LANGUAGE: everyone's who has not chosen. */
  readonly workspaceLanguage: Language;
  /** Never rejects, and resolves within the read deadline. */
  lookup(person: Person | undefined): Promise<LanguageLookup>;
  /** Rejects when the store could not keep it; nothing is remembered then. */
  choose(person: Person, language: Language): Promise<void>;
}

export interface LanguageChoicesDeps {
  /** `undefined` where nobody asks (`npm run digest`): everyone gets the workspace's. */
  preferences: PreferencesPort | undefined;
  workspaceLanguage: Language;
  /** Milliseconds, for the cache's age; injected so tests control time. */
  now: () => number;
  /** Why a person got the workspace's language instead of their own (throttled by the caller). */
  warn: (line: string) => void;
  readDeadlineMs?: number;
  cacheMs?: number;
}

const keyOf = (p: Person) => `${p.workspaceId}/${p.userId}`;

export const createLanguageChoices = (deps: LanguageChoicesDeps): LanguageChoices => {
  const { preferences, workspaceLanguage } = deps;
  const deadlineMs = deps.readDeadlineMs ?? PREFERENCE_READ_DEADLINE_MS;
  const cacheMs = deps.cacheMs ?? PREFERENCE_CACHE_MS;
  /** `undefined`: known to have no choice. */
  const remembered = new Map<string, { language: Language | undefined; until: number }>();
  const reading = new Map<string, Promise<Language | undefined>>();

  const remember = (key: string, language: Language | undefined) => {
    remembered.delete(key);
    remembered.set(key, { language, until: deps.now() + cacheMs });
    if (remembered.size > MAX_REMEMBERED) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
  };

  const found = (language: Language | undefined): LanguageLookup =>
    language === undefined
      ? { source: "workspace", language: workspaceLanguage }
      : { source: "person", language };

  const parse = (person: Person, stored: { language: string } | undefined) => {
    if (stored === undefined) return undefined;
    const parsed = storedLanguage.safeParse(stored.language);
    if (parsed.success) return parsed.data;
    deps.warn(
      `the stored language of ${person.userId} in ${person.workspaceId} is not one the bot speaks; answering in the workspace's (${workspaceLanguage})`,
    );
    return undefined;
  };

  /** One read per person at a time; a read overtaken by a choice is not remembered. */
  const read = (store: PreferencesPort, person: Person, key: string) => {
    const pending = reading.get(key);
    if (pending) return pending;
    const started = store.get(person.workspaceId, person.userId).then((stored) => {
      const language = parse(person, stored);
      if (reading.get(key) === started) remember(key, language);
      return language;
    });
    reading.set(key, started);
    const done = () => {
      if (reading.get(key) === started) reading.delete(key);
    };
    started.then(done, done);
    return started;
  };

  return {
    workspaceLanguage,

    async lookup(person) {
      if (person === undefined || preferences === undefined) return found(undefined);
      const key = keyOf(person);
      const known = remembered.get(key);
      if (known && known.until > deps.now()) return found(known.language);
      if (known) remembered.delete(key);

      try {
        const language = await unlessLate(read(preferences, person, key), deadlineMs);
        if (language === "late") {
          deps.warn(
            `the store took over ${deadlineMs} ms to read the language of ${person.userId} in ${person.workspaceId}; answering in the workspace's (${workspaceLanguage})`,
          );
          return { source: "unavailable", language: workspaceLanguage };
        }
        return found(language);
      } catch (error) {
        deps.warn(
          `could not read the language of ${person.userId} in ${person.workspaceId} (${error instanceof Error ? error.message : String(error)}); answering in the workspace's (${workspaceLanguage})`,
        );
        return { source: "unavailable", language: workspaceLanguage };
      }
    },

    async choose(person, language) {
      if (preferences === undefined) throw new Error("no store for preferences");
      const key = keyOf(person);
      // A read that started before this choice must not put the old one back.
      reading.delete(key);
      remembered.delete(key);
      await preferences.set(person.workspaceId, person.userId, { language });
      remember(key, language);
    },
  };
};
