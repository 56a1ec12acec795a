import { LANGUAGES, type Language, OWN_NAMES } from "../i18n";
import { context, mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { safeCode } from "./mrkdwn";

/**
 * `/tickets language`: what a person's language is and how to change it. Every answer ends with
 * the commands for every language, each named also as it calls itself, so that whoever chose a
 * language they cannot read still finds the way back.
 */

/** The command as typed (a command, not a word: the same in every language). */
const LANGUAGE_COMMAND = "/tickets language";

/** A typed word is the person's own text: long enough to recognise. */
const TOKEN_CAP = 40;

/** Where a person's language came from, as `/tickets language` tells them. */
export interface ShownLanguage {
  language: Language;
  /** `person`: they chose it; `workspace`: they have not; `unavailable`: it could not be read. */
  source: "person" | "workspace" | "unavailable";
}

const nameOf = (language: Language, { t }: RenderContext): string => {
  const name = t.language.names[language];
  const own = OWN_NAMES[language];
  return t.language.named(name, own === name ? undefined : own);
};

const choices = (ctx: RenderContext) =>
  context([
    mrkdwn(
      [
        ctx.t.language.howToChoose,
        ...LANGUAGES.map((l) => ctx.t.language.choice(`${LANGUAGE_COMMAND} ${l}`, nameOf(l, ctx))),
      ].join("\n"),
    ),
  ]);

const withChoices = (line: string, ctx: RenderContext): SlackMessage => ({
  text: line,
  blocks: [section(mrkdwn(line)), choices(ctx)],
});

/** `/tickets language` alone. */
export const renderLanguageShown = (shown: ShownLanguage, ctx: RenderContext): SlackMessage => {
  const name = nameOf(shown.language, ctx);
  const m = ctx.t.language;
  const line =
    shown.source === "person"
      ? m.chosen(name)
      : shown.source === "workspace"
        ? m.notChosen(name)
        : m.unavailable(name);
  return withChoices(line, ctx);
};

/** A choice kept; `ctx` is already in the language chosen. */
export const renderLanguageSaved = (language: Language, ctx: RenderContext): SlackMessage =>
  withChoices(ctx.t.language.saved(nameOf(language, ctx)), ctx);

/** A choice the store would not keep; `current` is what the person still gets. */
export const renderLanguageNotSaved = (current: Language, ctx: RenderContext): SlackMessage =>
  withChoices(ctx.t.language.notSaved(nameOf(current, ctx)), ctx);

/** `/tickets language de`: nothing is stored. */
export const renderUnknownLanguage = (token: string, ctx: RenderContext): SlackMessage =>
  withChoices(ctx.t.language.unknown(safeCode(token, TOKEN_CAP)), ctx);
