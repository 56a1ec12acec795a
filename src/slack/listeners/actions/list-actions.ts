import type { BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { isPagingAction } from "../../../contract/action-ids";
import { decodeListState } from "../../../contract/list-state";
import { openListFromButton } from "../../../flows/list";
import { forReader } from "../../middleware/reader";
import { responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";
import { homeListButton } from "../home/home-actions";

/** What a button's listener reads of Bolt's arguments; tests give exactly this. */
export type ButtonArgs = Pick<SlackActionMiddlewareArgs<BlockButtonAction>, "ack"> & {
  body: Pick<BlockButtonAction, "response_url" | "container" | "trigger_id" | "view"> & {
    user: Pick<BlockButtonAction["user"], "id">;
  };
  action: Pick<BlockButtonAction["actions"][number], "action_id" | "value">;
  /** Bolt's context, where the reader (middleware/reader.ts) waits. */
  context?: Record<string, unknown>;
};

/**
 * Previous / Next / First / Last / Refresh, and "View all" on a digest. The list may be
 * ephemeral (no `message` in the payload, and `chat.update` cannot edit it), so the list
 * travels in the button value and the click's own `response_url` answers. The answer is the
 * clicker's alone, so it is in their language, whoever's message the button is on.
 */
export const listButton =
  (deps: ListenerDeps) =>
  async ({
    body,
    action,
    ack,
    context,
    client,
  }: ButtonArgs & {
    body: Partial<Pick<BlockButtonAction, "team">> & {
      user: Partial<Pick<BlockButtonAction["user"], "team_id">>;
    };
    client?: Pick<WebClient, "views">;
  }): Promise<void> => {
    await ack();
    // A saved view's list open in the Home tab: the tab is published again, at the page asked.
    const inHome = homeListButton(deps, {
      body: { ...body, team: body.team ?? null, user: { ...body.user } },
      action,
      client,
    });
    if (inHome) {
      await inHome;
      return;
    }
    const own = await forReader(deps, context);
    const query = decodeListState(action.value ?? "");
    if (!query) deps.logger.warn(`button ${action.action_id} carried a value that does not decode`);
    await deps.inFlight.track(
      openListFromButton(own, responseUrlPorts(own, body.response_url), {
        query,
        inPlace: isPagingAction(action.action_id) && body.container?.is_ephemeral === true,
      }),
    );
  };
