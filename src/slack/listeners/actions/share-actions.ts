import type { App, BlockButtonAction } from "@slack/bolt";
import { lookUpTicket } from "../../../flows/ticket-details";
import { buildListMessage } from "../../../flows/ticket-list";
import { ACTION_IDS } from "../../../render/action-ids";
import { renderButtonExpired, renderTicketApiError } from "../../../render/api-error";
import { decodeListState } from "../../../render/button-value";
import type { SlackMessage } from "../../../render/context";
import { renderShareRefused } from "../../../render/share";
import { renderTicketDetailsMessage, renderTicketNotFound } from "../../../render/ticket-details";
import { decodeModalMetadata } from "../../modal-metadata";
import { ResponseUrlError } from "../../response-url";
import type { ListenerDeps } from "../deps";
import { sendSafely } from "../send-safely";
import { parseTicketNumber } from "./ticket-number";

const privately = (message: SlackMessage) => ({
  response_type: "ephemeral" as const,
  replace_original: false,
  ...message,
});

/**
 * Share posts what the person is looking at, fetched again, visibly in the channel through the
 * click's own `response_url`: a click on an ephemeral message carries no `message` to copy, and
 * `chat.postMessage` would fail in DMs and in channels the bot has not joined. Their private copy
 * stays as it was. If Slack refuses, they are told why.
 */
const shareOrExplain = async (deps: ListenerDeps, responseUrl: string, message: SlackMessage) => {
  try {
    await deps.responder.send(responseUrl, {
      response_type: "in_channel",
      replace_original: false,
      ...message,
    });
  } catch (error) {
    const reason =
      error instanceof ResponseUrlError
        ? (error.slackError ?? `HTTP ${error.status ?? "error"}`)
        : undefined;
    deps.logger.warn(
      `share refused by Slack: ${error instanceof Error ? error.message : String(error)}`,
    );
    await sendSafely(
      deps,
      responseUrl,
      privately(renderShareRefused(reason, deps.renderContext())),
    );
  }
};

// Inside a modal the click has no response_url; the modal kept the one it was opened from.
const responseUrlOf = (body: BlockButtonAction) =>
  body.response_url ?? decodeModalMetadata(body.view?.private_metadata).responseUrl;

export const registerShareActions = (app: App, deps: ListenerDeps) => {
  app.action<BlockButtonAction>(ACTION_IDS.shareList, async ({ body, action, ack }) => {
    await ack();
    await deps.inFlight.track(
      (async () => {
        const responseUrl = responseUrlOf(body);
        const query = decodeListState(action.value ?? "");
        if (!responseUrl)
          return void deps.logger.error("share clicked with no response_url to answer");
        if (!query)
          return void (await sendSafely(
            deps,
            responseUrl,
            privately(renderButtonExpired(deps.renderContext())),
          ));
        const outcome = await buildListMessage(deps, { query, notices: [] }, deps.renderContext, {
          sharedBy: body.user.id,
        });
        if (!outcome.ok)
          return void (await sendSafely(deps, responseUrl, privately(outcome.message)));
        await shareOrExplain(deps, responseUrl, outcome.message);
      })(),
    );
  });

  app.action<BlockButtonAction>(ACTION_IDS.shareTicket, async ({ body, action, ack }) => {
    await ack();
    await deps.inFlight.track(
      (async () => {
        const responseUrl = responseUrlOf(body);
        const ticketId = parseTicketNumber(action.value);
        if (!responseUrl)
          return void deps.logger.error("share clicked with no response_url to answer");
        if (ticketId === undefined) {
          return void (await sendSafely(
            deps,
            responseUrl,
            privately(renderButtonExpired(deps.renderContext())),
          ));
        }
        const found = await lookUpTicket(deps, ticketId);
        const ctx = deps.renderContext();
        if (found.kind === "found") {
          await shareOrExplain(
            deps,
            responseUrl,
            renderTicketDetailsMessage(found.ticket, ctx, { sharedBy: body.user.id }),
          );
        } else {
          await sendSafely(
            deps,
            responseUrl,
            privately(
              found.kind === "not-found"
                ? renderTicketNotFound(ticketId, ctx)
                : renderTicketApiError(found.error, ctx),
            ),
          );
        }
      })(),
    );
  });
};
