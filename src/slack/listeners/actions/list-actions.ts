import type { BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { isPagingAction } from "../../../contract/action-ids";
import { decodeListState } from "../../../contract/list-state";
import { openListFromButton } from "../../../flows/list";
import { responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";

/** What a button's listener reads of Bolt's arguments; tests give exactly this. */
export type ButtonArgs = Pick<SlackActionMiddlewareArgs<BlockButtonAction>, "ack"> & {
  body: Pick<BlockButtonAction, "response_url" | "container" | "trigger_id" | "view"> & {
    user: Pick<BlockButtonAction["user"], "id">;
  };
  action: Pick<BlockButtonAction["actions"][number], "action_id" | "value">;
};

/**
 * Previous / Next / First / Last / Refresh, and "View all" on a digest. The list may be
 * ephemeral (no `message` in the payload, and `chat.update` cannot edit it), so the list
 * travels in the button value and the click's own `response_url` answers.
 */
export const listButton =
  (deps: ListenerDeps) =>
  async ({ body, action, ack }: ButtonArgs): Promise<void> => {
    await ack();
    const query = decodeListState(action.value ?? "");
    if (!query) deps.logger.warn(`button ${action.action_id} carried a value that does not decode`);
    await deps.inFlight.track(
      openListFromButton(deps, responseUrlPorts(deps, body.response_url), {
        query,
        inPlace: isPagingAction(action.action_id) && body.container?.is_ephemeral === true,
      }),
    );
  };
