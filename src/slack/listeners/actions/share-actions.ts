import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import { ticketDetailsMessage } from "../../../flows/ticket-details";
import { buildListMessage } from "../../../flows/ticket-list";
import { ACTION_IDS } from "../../../render/action-ids";
import { renderButtonExpired } from "../../../render/api-error";
import { decodeListState } from "../../../render/button-value";
import type { SlackMessage } from "../../../render/context";
import { renderNoticeModal } from "../../../render/notice-modal";
import { renderShareRefused } from "../../../render/share";
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

/** What a Share click leads to: a message for everyone, or one for the clicker alone. */
type ShareResult = { share: SlackMessage } | { explain: SlackMessage };

/**
 * Share posts what the person is looking at, fetched again, visibly in the channel through the
 * click's own `response_url`: a click on an ephemeral message carries no `message` to copy, and
 * `chat.postMessage` would fail in DMs and in channels the bot has not joined. Their private copy
 * stays as it was. If Slack refuses, they are told why.
 */
const deliver = async (
  deps: ListenerDeps,
  responseUrl: string,
  result: ShareResult,
  explain: (message: SlackMessage) => Promise<unknown>,
) => {
  if ("explain" in result) {
    await explain(result.explain);
    return;
  }
  try {
    await deps.responder.send(responseUrl, {
      response_type: "in_channel",
      replace_original: false,
      ...result.share,
    });
  } catch (error) {
    const reason =
      error instanceof ResponseUrlError
        ? (error.slackError ?? `HTTP ${error.status ?? "error"}`)
        : undefined;
    deps.logger.warn(
      `share refused by Slack: ${error instanceof Error ? error.message : String(error)}`,
    );
    await explain(renderShareRefused(reason, deps.renderContext()));
  }
};

// Inside a modal the click has no response_url; the modal kept the one it was opened from.
const responseUrlOf = (body: BlockButtonAction) =>
  body.response_url ?? decodeModalMetadata(body.view?.private_metadata).responseUrl;

const shareList = async (
  deps: ListenerDeps,
  value: string | undefined,
  sharedBy: string,
): Promise<ShareResult> => {
  const query = decodeListState(value ?? "");
  if (!query) return { explain: renderButtonExpired(deps.renderContext()) };
  const outcome = await buildListMessage(deps, { query, notices: [] }, deps.renderContext, {
    sharedBy,
  });
  return outcome.ok ? { share: outcome.message } : { explain: outcome.message };
};

const shareTicket = async (
  deps: ListenerDeps,
  value: string | undefined,
  sharedBy: string,
): Promise<ShareResult> => {
  const ticketId = parseTicketNumber(value);
  if (ticketId === undefined) return { explain: renderButtonExpired(deps.renderContext()) };
  const details = await ticketDetailsMessage(deps, ticketId, deps.renderContext, { sharedBy });
  return details.found ? { share: details.message } : { explain: details.message };
};

export const registerShareActions = (app: App, deps: ListenerDeps) => {
  const onShare =
    (build: typeof shareList) =>
    async ({
      body,
      action,
      ack,
      client,
    }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
      await ack();
      const responseUrl = responseUrlOf(body);
      if (!responseUrl) {
        deps.logger.error("share clicked with no response_url to answer");
        return;
      }
      // From a modal, the person is looking at the modal: the answer goes over it, even when
      // the kept response_url has expired.
      const explain = (message: SlackMessage) =>
        body.view
          ? client.views
              .push({
                trigger_id: body.trigger_id,
                view: renderNoticeModal(message, deps.renderContext()),
              })
              .catch((error: unknown) =>
                deps.logger.error("could not explain over the modal", error),
              )
          : sendSafely(deps, responseUrl, privately(message));
      await deps.inFlight.track(
        (async () =>
          deliver(deps, responseUrl, await build(deps, action.value, body.user.id), explain))(),
      );
    };
  app.action<BlockButtonAction>(ACTION_IDS.shareList, onShare(shareList));
  app.action<BlockButtonAction>(ACTION_IDS.shareTicket, onShare(shareTicket));
};
