import { type Catalog, en } from "./en";
import { fa } from "./fa";

export { type Catalog, en, fa };

/** Every catalog, by its `BOT_LANGUAGE` value; a new language is one more entry. */
export const CATALOGS = { en, fa } as const satisfies Readonly<Record<string, Catalog>>;

export type Language = keyof typeof CATALOGS;

export const LANGUAGES = Object.keys(CATALOGS) as [Language, ...Language[]];

export const catalogFor = (language: Language): Catalog => CATALOGS[language];

/**
 * What each language calls itself, the same in every catalog: whoever chose a language they
 * cannot read still finds their own by its name.
 */
export const OWN_NAMES: Readonly<Record<Language, string>> = { en: "English", fa: "فارسی" };

/**
 * The zone a reader of `language` sees times in: the configured one, else the language's own
 * (UTC for English, Asia/Tehran for Persian). A render context for a person or a channel with
 * a language of its own (a later choice) is built from the same two facts.
 */
export const timeZoneFor = (language: Language, configured: string | undefined): string =>
  configured ?? CATALOGS[language].time.defaultTimeZone;

/**
 * Whether this Node's ICU can write `language` as its catalog expects. Official Node builds
 * carry full ICU; one built with `--with-intl=small-icu` (or a system ICU without Persian data)
 * would silently write Gregorian dates in Latin digits instead.
 */
export const icuSupports = (language: Language): boolean => {
  if (language === "en") return true;
  const calendar = new Intl.DateTimeFormat("fa-IR-u-ca-persian").resolvedOptions();
  return calendar.locale.startsWith("fa") && calendar.calendar === "persian";
};
