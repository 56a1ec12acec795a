import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { answerTicketsCommand } from "../../../flows/tickets-command";
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
 * person's language. The ack waits for that language no longer than the store's read deadline.
 */
export const ticketsCommand =
  (deps: ListenerDeps) =>
  async ({ command, ack, client, context }: TicketsCommandArgs): Promise<void> => {
    const own = await forReader(deps, context);
    const answer = answerTicketsCommand(own, parseTicketsCommand(command.text ?? ""), {
      workspaceId: command.team_id,
      userId: command.user_id,
    });
    if ("now" in answer) {
      await ack(privatelyInAck(answer.now));
      return;
    }
    await ack();
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
      await deps.inFlight.track(
        request.kind === "list"
          ? flows.list(who, ports)
          : flows.subscribe(who, request.text, ports),
      );
      return;
    }
    if ("views" in answer) {
      const person = { workspaceId: command.team_id, userId: command.user_id };
      await deps.inFlight.track(
        deps
          .savedViewsFor(own.renderContext)
          .command(person, answer.views, responseUrlPorts(own, command.response_url)),
      );
      return;
    }
    await deps.inFlight.track(answer.later(responseUrlPorts(own, command.response_url)));
  };
