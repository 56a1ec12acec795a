import type { App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { buildDigestPreview } from "../../../flows/digest";
import { ticketDetailsMessage } from "../../../flows/ticket-details";
import { buildListMessage } from "../../../flows/ticket-list";
import { renderCommandErrors } from "../../../render/command-errors";
import type { SlackMessage } from "../../../render/context";
import { renderHelp } from "../../../render/help";
import { parseTicketsCommand } from "../../../tickets/filter-grammar";
import type { ListenerDeps } from "../deps";
import { sendSafely } from "../send-safely";

export const TICKETS_COMMAND = "/tickets";

const ephemeral = (message: SlackMessage) => ({ response_type: "ephemeral" as const, ...message });

/**
 * `/tickets …`. Answers that need no upstream call go in the ack itself; anything that
 * fetches acks first (Slack's 3-second rule) and answers through `response_url`.
 */
export const registerTicketsCommand = (app: App, deps: ListenerDeps) => {
  const answerLater = async (
    { ack, command }: Pick<SlackCommandMiddlewareArgs, "ack" | "command">,
    build: () => Promise<SlackMessage>,
  ) => {
    await ack();
    await deps.inFlight.track(
      (async () => sendSafely(deps, command.response_url, ephemeral(await build())))(),
    );
  };

  app.command(TICKETS_COMMAND, async (args) => {
    const { command, ack } = args;
    const parsed = parseTicketsCommand(command.text ?? "");
    if (!parsed.ok) {
      await ack(ephemeral(renderCommandErrors(parsed.errors, deps.renderContext())));
      return;
    }
    const request = parsed.command;
    switch (request.kind) {
      case "help":
        return ack(ephemeral(renderHelp(deps.renderContext())));
      case "digest":
        return answerLater(args, () => buildDigestPreview(deps.digest));
      case "details":
        return answerLater(args, async () => {
          return (await ticketDetailsMessage(deps, request.ticketId, deps.renderContext)).message;
        });
      case "list":
        return answerLater(args, async () => {
          return (await buildListMessage(deps, request, deps.renderContext)).message;
        });
    }
  });
};
