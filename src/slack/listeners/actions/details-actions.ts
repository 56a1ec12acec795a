import type { App, BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { lookUpTicket, ticketDetailsMessage } from "../../../flows/ticket-details";
import { ACTION_IDS } from "../../../render/action-ids";
import {
  renderDetailsErrorModal,
  renderDetailsLoadingModal,
  renderTicketDetailsModal,
  renderTicketNotFoundModal,
} from "../../../render/ticket-details";
import { encodeModalMetadata } from "../../modal-metadata";
import { retryRateLimited } from "../../rate-limit";
import type { ListenerDeps } from "../deps";
import { sendSafely } from "../send-safely";
import { parseTicketNumber } from "./ticket-number";

const CALLBACK_ID = "tickets.details";

/**
 * A row's Details button. The modal must open within the 3 seconds the click's `trigger_id`
 * lives, so it opens at once in a loading state and is filled in when the API answers.
 */
export const registerDetailsActions = (app: App, deps: ListenerDeps) => {
  app.action<BlockButtonAction>(ACTION_IDS.detailsOpen, async ({ body, action, ack, client }) => {
    await ack();
    const ticketId = parseTicketNumber(action.value);
    await deps.inFlight.track(
      (async () => {
        const responseUrl = body.response_url;
        const metadata = encodeModalMetadata({ responseUrl });
        const ctx = deps.renderContext();
        const framed = <V extends object>(view: V) => ({
          ...view,
          callback_id: CALLBACK_ID,
          private_metadata: metadata,
        });
        let viewId: string | undefined;
        try {
          const view = framed(
            ticketId === undefined
              ? renderDetailsErrorModal(undefined, ctx)
              : renderDetailsLoadingModal(ticketId, ctx),
          );
          // The trigger expires 3 s after the click: only a short Retry-After is worth waiting.
          const opened = await retryRateLimited(
            () => client.views.open({ trigger_id: body.trigger_id, view }),
            {
              maxWaitMs: 1_500,
              retries: 1,
            },
          );
          viewId = opened.view?.id;
        } catch (error) {
          deps.logger.error("could not open the details modal; answering with a message", error);
          // Nobody is left with a click that did nothing: the ticket comes as a private message.
          if (ticketId !== undefined) {
            const { message } = await ticketDetailsMessage(deps, ticketId, deps.renderContext);
            await sendSafely(deps, responseUrl, {
              response_type: "ephemeral",
              replace_original: false,
              ...message,
            });
          }
          return;
        }
        const openedId = viewId;
        if (ticketId === undefined || !openedId) return;

        const found = await lookUpTicket(deps, ticketId);
        const after = deps.renderContext();
        const view =
          found.kind === "found"
            ? renderTicketDetailsModal(found.ticket, after, { canShare: responseUrl !== undefined })
            : found.kind === "not-found"
              ? renderTicketNotFoundModal(ticketId, after)
              : renderDetailsErrorModal(found.error, after);
        const update = (v: ModalView) =>
          retryRateLimited(() => client.views.update({ view_id: openedId, view: framed(v) }), {
            maxWaitMs: 30_000,
          });
        try {
          await update(view);
        } catch (error) {
          deps.logger.error("could not fill in the details modal", error);
          // A modal stuck on "loading" is worse than a short error; one plain try at that.
          await update(renderDetailsErrorModal(undefined, deps.renderContext())).catch(() => {});
        }
      })(),
    );
  });

  // A link button opens the browser by itself; Slack still expects the click to be acked.
  app.action(ACTION_IDS.openInPanel, async ({ ack }) => {
    await ack();
  });
};
