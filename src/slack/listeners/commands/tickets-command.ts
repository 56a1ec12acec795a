import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import { answerTicketsCommand } from "../../../flows/tickets-command";
import { parseTicketsCommand } from "../../../tickets/filter-grammar";
import { privatelyInAck } from "../../replies";
import { responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";

export const TICKETS_COMMAND = "/tickets";

export type TicketsCommandArgs = Pick<SlackCommandMiddlewareArgs, "ack"> & {
  command: Pick<SlackCommandMiddlewareArgs["command"], "text" | "response_url">;
};

/**
 * `/tickets …`: parses the text, then answers in the ack what needs no upstream call, or acks
 * first and answers through `response_url` (flows/tickets-command.ts decides which).
 */
export const ticketsCommand =
  (deps: ListenerDeps) =>
  async ({ command, ack }: TicketsCommandArgs): Promise<void> => {
    const answer = answerTicketsCommand(deps, parseTicketsCommand(command.text ?? ""));
    if ("now" in answer) {
      await ack(privatelyInAck(answer.now));
      return;
    }
    await ack();
    await deps.inFlight.track(answer.later(responseUrlPorts(deps, command.response_url)));
  };
