import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import { answerTicketsCommand } from "../../../flows/tickets-command";
import { parseTicketsCommand } from "../../../tickets/filter-grammar";
import { forReader } from "../../middleware/reader";
import { privatelyInAck } from "../../replies";
import { responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";

export const TICKETS_COMMAND = "/tickets";

export type TicketsCommandArgs = Pick<SlackCommandMiddlewareArgs, "ack"> & {
  command: Pick<
    SlackCommandMiddlewareArgs["command"],
    "text" | "response_url" | "user_id" | "team_id"
  >;
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
  async ({ command, ack, context }: TicketsCommandArgs): Promise<void> => {
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
    await deps.inFlight.track(answer.later(responseUrlPorts(own, command.response_url)));
  };
