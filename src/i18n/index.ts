import { type Catalog, en } from "./en";

export { type Catalog, en };

/** Every catalog, by its `BOT_LANGUAGE` value; a new language is one more entry. */
export const CATALOGS = { en } as const satisfies Readonly<Record<string, Catalog>>;

export type Language = keyof typeof CATALOGS;

export const LANGUAGES = Object.keys(CATALOGS) as [Language, ...Language[]];

export const catalogFor = (language: Language): Catalog => CATALOGS[language];
