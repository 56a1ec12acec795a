import type { App, BlockButtonAction } from "@slack/bolt";
import { buildListMessage } from "../../../flows/ticket-list";
import { isPagingAction, LIST_ACTION_PATTERN } from "../../../render/action-ids";
import { renderButtonExpired } from "../../../render/api-error";
import { decodeListState } from "../../../render/button-value";
import type { ListenerDeps } from "../deps";
import { sendSafely } from "../send-safely";

/**
 * Previous / Next / First / Last, and "View all" on a digest. The list may be ephemeral (no
 * `message` in the payload, and `chat.update` cannot edit it), so the list travels in the button
 * value and the click's own `response_url` answers.
 *
 * Only a paging click on the clicker's own private list replaces it in place. On a message
 * others see (a digest, a shared list) the answer is a new private message: a click never
 * changes what other people see.
 */
export const registerListActions = (app: App, deps: ListenerDeps) => {
  app.action<BlockButtonAction>(LIST_ACTION_PATTERN, async ({ body, action, ack }) => {
    await ack();
    await deps.inFlight.track(
      (async () => {
        const query = decodeListState(action.value ?? "");
        if (!query) {
          deps.logger.warn(`button ${action.action_id} carried a value that does not decode`);
          await sendSafely(deps, body.response_url, {
            response_type: "ephemeral",
            replace_original: false,
            ...renderButtonExpired(deps.renderContext()),
          });
          return;
        }
        const inPlace = isPagingAction(action.action_id) && body.container?.is_ephemeral === true;
        const outcome = await buildListMessage(deps, { query, notices: [] }, deps.renderContext);
        // A failed fetch keeps the list the person had and explains beside it.
        await sendSafely(
          deps,
          body.response_url,
          outcome.ok && inPlace
            ? { replace_original: true, ...outcome.message }
            : { response_type: "ephemeral", replace_original: false, ...outcome.message },
        );
      })(),
    );
  });
};
