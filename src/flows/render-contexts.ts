import type { Clock } from "../clock";
import { catalogFor, LANGUAGES, type Language, timeZoneFor } from "../i18n";
import type { RenderContext } from "../render/context";
import type { LanguageChoices } from "./language-choices";
import type { Person } from "./ports";

/**
 * The one place a render context is built, and so the one place a catalog is picked. Every
 * request gets its own: the catalog of the language the person chose, else the workspace's
 * (BOT_LANGUAGE); the zone DIGEST_TIMEZONE names, else that language's own (Tehran for
 * Persian, UTC for English); and `now` as of each call. Any surface that answers a person (a
 * command, a click, a Home tab, an unfurl for whoever shared the link) asks `forPerson`.
 */
export interface RenderContexts {
  readonly choices: LanguageChoices;
  /** The workspace's: for what nobody in particular reads, and where no person is known. */
  workspace: () => RenderContext;
  forLanguage(language: Language): () => RenderContext;
  /** A channel message's: a digest's own language and zone, for everyone in the channel. */
  forChannel(language: Language, timeZone: string): RenderContext;
  /** The person's; never rejects, and waits for the store no longer than its read deadline. */
  forPerson(person: Person | undefined): Promise<() => RenderContext>;
}

export interface RenderContextsDeps {
  choices: LanguageChoices;
  /** DIGEST_TIMEZONE, if set. */
  configuredTimeZone: string | undefined;
  clock: Clock;
  ticketUrl?: (ticketId: number) => string;
}

export const createRenderContexts = (deps: RenderContextsDeps): RenderContexts => {
  const { choices, clock, ticketUrl } = deps;
  const contextOf = (language: Language): (() => RenderContext) => {
    const t = catalogFor(language);
    const timeZone = timeZoneFor(language, deps.configuredTimeZone);
    return () => ({ t, now: clock.now(), timeZone, ticketUrl });
  };
  const byLanguage = Object.fromEntries(
    LANGUAGES.map((language) => [language, contextOf(language)]),
  ) as Record<Language, () => RenderContext>;
  const forLanguage = (language: Language) => byLanguage[language];
  const workspace = forLanguage(choices.workspaceLanguage);

  return {
    choices,
    workspace,
    forLanguage,
    forChannel: (language, timeZone) => ({ ...byLanguage[language](), timeZone }),
    async forPerson(person) {
      return forLanguage((await choices.lookup(person)).language);
    },
  };
};
