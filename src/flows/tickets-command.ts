import type { Clock } from "../clock";
import type { DigestDefinition, OpenPageFolder } from "../digest/types";
import { renderCommandErrors } from "../render/command-errors";
import type { SlackMessage } from "../render/context";
import { renderHelp } from "../render/help";
import { renderUnknownLanguage } from "../render/language";
import type { CommandParseResult, TicketsCommand } from "../tickets/command";
import { answerWithDetails } from "./details";
import { previewDigest } from "./digest";
import { chooseLanguage, type LanguageDeps, showLanguage } from "./language";
import { answerWithList } from "./list";
import type { AnswerPrivately, Person } from "./ports";

export interface CommandDeps extends LanguageDeps {
  clock: Clock;
  /** The digest `/tickets digest` previews: the one the schedule posts. */
  digestDefinition: DigestDefinition;
  /** Where the preview's pages are parsed, as the scheduled digest's are (flows/digest.ts). */
  foldPages?: OpenPageFolder;
}

/**
 * What `/tickets …` gets: an answer that needs no upstream call goes in the ack itself (`now`);
 * anything that fetches is answered `later`, after the ack (Slack's 3-second rule). Which one is
 * known from the command alone, so the listener asks for the person's language (and their deps)
 * only when it has to: before the ack for `now`, after it for the rest.
 */
export type CommandAnswer =
  | { now: (deps: CommandDeps) => SlackMessage }
  | { later: (deps: CommandDeps, ports: AnswerPrivately) => Promise<void> }
  /** A channel's digests (`subscribe`, `digests`): flows/subscriptions.ts, on more ports. */
  | { digests: { kind: "subscribe"; text: string } | { kind: "list" } }
  /** Saved views (`save`, `views`, a view's name): flows/saved-views.ts, which reads the store. */
  | { views: SavedViewsRequest };

/** What `/tickets` asks of saved views, as the grammar read it. */
export type SavedViewsRequest = Extract<TicketsCommand, { kind: "save" | "views" | "view" }>;

/** `person` is who typed it: Slack names them in every command. */
export const answerTicketsCommand = (parsed: CommandParseResult, person: Person): CommandAnswer => {
  if (!parsed.ok) {
    const { errors } = parsed;
    return { now: (deps) => renderCommandErrors(errors, deps.renderContext()) };
  }
  const request = parsed.command;
  switch (request.kind) {
    case "help":
      return { now: (deps) => renderHelp(deps.renderContext()) };
    case "digest":
      return {
        later: async (deps, ports) =>
          ports.answerPrivately(await previewDigest(deps, deps.digestDefinition)),
      };
    case "details":
      return { later: (deps, ports) => answerWithDetails(deps, ports, request.ticketId) };
    case "list":
      return { later: (deps, ports) => answerWithList(deps, ports, request) };
    case "language": {
      const { choice } = request;
      if (choice.kind === "unknown") {
        return { now: (deps) => renderUnknownLanguage(choice.token, deps.renderContext()) };
      }
      return {
        later: (deps, ports) =>
          choice.kind === "set"
            ? chooseLanguage(deps, ports, person, choice.language)
            : showLanguage(deps, ports, person),
      };
    }
    case "subscribe":
      return { digests: { kind: "subscribe", text: request.text } };
    case "digests":
      return { digests: { kind: "list" } };
    case "save":
    case "views":
    case "view":
      return { views: request };
  }
};
