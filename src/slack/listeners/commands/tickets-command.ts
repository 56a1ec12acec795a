import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { answerTicketsCommand, type CommandAnswer } from "../../../flows/tickets-command";
import { parseTicketsCommand } from "../../../tickets/filter-grammar";
import { forReader } from "../../middleware/reader";
import { privatelyInAck } from "../../replies";
import { channelPorts, responseUrlPorts, subscribeModalPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";

export const TICKETS_COMMAND = "/tickets";

type Command = SlackCommandMiddlewareArgs["command"];

export type TicketsCommandArgs = Pick<SlackCommandMiddlewareArgs, "ack"> & {
  command: Pick<Command, "text" | "response_url" | "user_id" | "team_id"> &
    Partial<Pick<Command, "channel_id" | "trigger_id">>;
  /** The app's Web API client: a channel's digests post and open modals with it. */
  client?: Pick<WebClient, "views" | "conversations" | "chat">;
  /** Bolt's context, where the reader (middleware/reader.ts) waits. */
  context?: Record<string, unknown>;
};

/**
 * `/tickets …`: parses the text, then answers in the ack what needs no upstream call, or acks
 * first and answers through `response_url` (flows/tickets-command.ts decides which), in the
 * person's language. Only an answer in the ack waits for that language, and no longer than the
 * store's read deadline: anything else is acked before the store is asked.
 */
export const ticketsCommand =
  (deps: ListenerDeps) =>
  async ({ command, ack, client, context }: TicketsCommandArgs): Promise<void> => {
    const answer = answerTicketsCommand(parseTicketsCommand(command.text ?? ""), {
      workspaceId: command.team_id,
      userId: command.user_id,
    });
    if ("now" in answer) {
      await ack(privatelyInAck(answer.now(await forReader(deps, context))));
      return;
    }
    await ack();
    // Tracked from the ack on: a shutdown waits for the language as for the answer itself.
    await deps.inFlight.track(answerAfterAck(deps, answer, { command, client, context }));
  };

const answerAfterAck = async (
  deps: ListenerDeps,
  answer: Exclude<CommandAnswer, { now: unknown }>,
  { command, client, context }: Omit<TicketsCommandArgs, "ack">,
): Promise<void> => {
  const own = await forReader(deps, context);
  if ("digests" in answer) {
    const { channel_id: channelId, user_id: userId, team_id: workspaceId } = command;
    if (!client || !channelId || !userId || !workspaceId) {
      deps.logger.error("a /tickets command came without its channel, user or workspace");
      return;
    }
    const who = { workspaceId, userId, channelId };
    const ports = {
      ...responseUrlPorts(own, command.response_url),
      ...channelPorts(client, deps.logger),
      ...subscribeModalPorts(client, {
        triggerId: command.trigger_id,
        responseUrl: command.response_url,
      }),
    };
    const request = answer.digests;
    const flows = deps.subscriptionsFor(own.renderContext);
    await (request.kind === "list"
      ? flows.list(who, ports)
      : flows.subscribe(who, request.text, ports));
    return;
  }
  if ("views" in answer) {
    const person = { workspaceId: command.team_id, userId: command.user_id };
    await deps
      .savedViewsFor(own.renderContext)
      .command(person, answer.views, responseUrlPorts(own, command.response_url));
    return;
  }
  await answer.later(own, responseUrlPorts(own, command.response_url));
};
