import type { WebClient } from "@slack/web-api";
import { decodeTicketNumber } from "../../../contract/ticket-number";
import { openTicketDetails } from "../../../flows/details";
import { forReader } from "../../middleware/reader";
import { modalPorts, responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";
import type { ButtonArgs } from "./list-actions";

export type ClientArgs = { client: Pick<WebClient, "views"> };

/**
 * A row's Details button: a modal, opened at once and filled in when the panel answers, in the
 * clicker's language.
 */
export const detailsButton =
  (deps: ListenerDeps) =>
  async ({ body, action, ack, client, context }: ButtonArgs & ClientArgs): Promise<void> => {
    await ack();
    const own = await forReader(deps, context);
    const responseUrl = body.response_url;
    const ports = {
      ...modalPorts(client, { triggerId: body.trigger_id, responseUrl }),
      ...responseUrlPorts(own, responseUrl),
    };
    await deps.inFlight.track(
      openTicketDetails(own, ports, {
        ticketId: decodeTicketNumber(action.value),
        canShare: responseUrl !== undefined,
      }),
    );
  };

/** A link button opens the browser by itself; Slack still expects the click to be acked. */
export const openInPanelButton = async ({ ack }: Pick<ButtonArgs, "ack">): Promise<void> => {
  await ack();
};
