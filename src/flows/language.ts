import type { Language } from "../i18n";
import {
  renderLanguageNotSaved,
  renderLanguageSaved,
  renderLanguageShown,
} from "../render/language";
import type { AnswerPrivately, FlowDeps, Person } from "./ports";
import type { RenderContexts } from "./render-contexts";

/**
 * `/tickets language [fa|en]`: each person's own language for what only they see and for what
 * they share, kept in the store (Slack's own locale has no Persian). Both answers come after the
 * ack, through the command's `response_url`: the store is never what makes an ack late.
 */

export interface LanguageDeps extends FlowDeps {
  contexts: RenderContexts;
}

/** `/tickets language` alone: the person's language, where it comes from, how to change it. */
export const showLanguage = async (
  deps: LanguageDeps,
  ports: AnswerPrivately,
  person: Person,
): Promise<void> => {
  const shown = await deps.contexts.choices.lookup(person);
  await ports.answerPrivately(
    renderLanguageShown(shown, deps.contexts.forLanguage(shown.language)()),
  );
};

/**
 * `/tickets language fa`: kept, then confirmed in the language chosen. When the store will not
 * keep it, nothing changed, and the person is told so in the language they still get.
 */
export const chooseLanguage = async (
  deps: LanguageDeps,
  ports: AnswerPrivately,
  person: Person,
  language: Language,
): Promise<void> => {
  try {
    await deps.contexts.choices.choose(person, language);
  } catch (error) {
    deps.logger.error(
      `could not keep the language ${person.userId} chose in ${person.workspaceId}`,
      error,
    );
    const { language: current } = await deps.contexts.choices.lookup(person);
    await ports.answerPrivately(
      renderLanguageNotSaved(current, deps.contexts.forLanguage(current)()),
    );
    return;
  }
  await ports.answerPrivately(renderLanguageSaved(language, deps.contexts.forLanguage(language)()));
};
