import type { App } from "@slack/bolt";
import { buildDigestPreview } from "../../../flows/digest";
import { lookUpTicket } from "../../../flows/ticket-details";
import { buildListMessage } from "../../../flows/ticket-list";
import { renderTicketApiError } from "../../../render/api-error";
import { renderCommandErrors } from "../../../render/command-errors";
import type { SlackMessage } from "../../../render/context";
import { renderHelp } from "../../../render/help";
import { renderTicketDetailsMessage, renderTicketNotFound } from "../../../render/ticket-details";
import { parseTicketsCommand } from "../../../tickets/filter-grammar";
import type { ListenerDeps } from "../deps";
import { sendSafely } from "../send-safely";

const ephemeral = (message: SlackMessage) => ({ response_type: "ephemeral" as const, ...message });

/**
 * `/tickets …`. Answers that need no upstream call go in the ack itself; anything that
 * fetches acks first (Slack's 3-second rule) and answers through `response_url`.
 */
export const registerTicketsCommand = (app: App, deps: ListenerDeps) => {
  app.command("/tickets", async ({ command, ack }) => {
    const parsed = parseTicketsCommand(command.text ?? "");
    if (!parsed.ok) {
      await ack(ephemeral(renderCommandErrors(parsed.errors, deps.renderContext())));
      return;
    }
    const { command: request } = parsed;
    switch (request.kind) {
      case "help":
        await ack(ephemeral(renderHelp(deps.renderContext())));
        return;
      case "digest":
        await ack();
        await deps.inFlight.track(
          (async () => {
            const message = await buildDigestPreview(deps.digest);
            await sendSafely(deps, command.response_url, ephemeral(message));
          })(),
        );
        return;
      case "details": {
        await ack();
        await deps.inFlight.track(
          (async () => {
            const found = await lookUpTicket(deps, request.ticketId);
            const ctx = deps.renderContext();
            const message =
              found.kind === "found"
                ? renderTicketDetailsMessage(found.ticket, ctx, {})
                : found.kind === "not-found"
                  ? renderTicketNotFound(request.ticketId, ctx)
                  : renderTicketApiError(found.error, ctx);
            await sendSafely(deps, command.response_url, ephemeral(message));
          })(),
        );
        return;
      }
      case "list": {
        await ack();
        await deps.inFlight.track(
          (async () => {
            const outcome = await buildListMessage(deps, request, deps.renderContext);
            await sendSafely(deps, command.response_url, ephemeral(outcome.message));
          })(),
        );
        return;
      }
    }
  });
};
