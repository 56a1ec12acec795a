import type { BlockButtonAction } from "@slack/bolt";
import { decodeListState } from "../../../contract/list-state";
import { decodeModalMetadata } from "../../../contract/modal-metadata";
import { decodeTicketNumber } from "../../../contract/ticket-number";
import { shareList, shareTicket } from "../../../flows/share";
import { forReader } from "../../middleware/reader";
import { explainPorts, responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";
import type { ClientArgs } from "./details-actions";
import type { ButtonArgs } from "./list-actions";

// Inside a modal the click has no response_url; the modal kept the one it was opened from.
const responseUrlOf = (body: Pick<BlockButtonAction, "response_url" | "view">) =>
  body.response_url ?? decodeModalMetadata(body.view?.private_metadata).responseUrl;

/** The ports of a Share click: post where it was clicked, explain where the person looks. */
const sharePorts = (deps: ListenerDeps, { body, client }: ButtonArgs & ClientArgs) => {
  const responseUrl = responseUrlOf(body);
  if (!responseUrl) {
    deps.logger.error("share clicked with no response_url to answer");
    return undefined;
  }
  return {
    ...responseUrlPorts(deps, responseUrl),
    ...explainPorts(deps, {
      client,
      responseUrl,
      triggerId: body.view ? body.trigger_id : undefined,
    }),
  };
};

/**
 * Share on a list: the list in the button's state, fetched again, posted in the channel. What
 * is shared is in the sharer's language, as is anything explained to them.
 */
export const shareListButton =
  (deps: ListenerDeps) =>
  async (args: ButtonArgs & ClientArgs): Promise<void> => {
    await args.ack();
    const own = await forReader(deps, args.context);
    const ports = sharePorts(own, args);
    if (!ports) return;
    await deps.inFlight.track(
      shareList(own, ports, {
        query: decodeListState(args.action.value ?? ""),
        sharedBy: args.body.user.id,
      }),
    );
  };

/**
 * Share on a ticket (a message or the details modal): the ticket, fetched again, posted in the
 * sharer's language.
 */
export const shareTicketButton =
  (deps: ListenerDeps) =>
  async (args: ButtonArgs & ClientArgs): Promise<void> => {
    await args.ack();
    const own = await forReader(deps, args.context);
    const ports = sharePorts(own, args);
    if (!ports) return;
    await deps.inFlight.track(
      shareTicket(own, ports, {
        ticketId: decodeTicketNumber(args.action.value),
        sharedBy: args.body.user.id,
      }),
    );
  };
