import type { BlockButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { ACTION_IDS, digestActionOf } from "../../../contract/action-ids";
import { decodeDigestRef } from "../../../contract/digest-ref";
import { forReader } from "../../middleware/reader";
import { channelPorts, responseUrlPorts, subscribeModalPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";
import type { ButtonArgs } from "./list-actions";

export type DigestButtonArgs = ButtonArgs & {
  body: Pick<BlockButtonAction, "team" | "channel"> & {
    user: Pick<BlockButtonAction["user"], "team_id">;
  };
  client: Pick<WebClient, "views" | "conversations" | "chat">;
};

/**
 * The buttons of `/tickets digests`: Edit, Pause, Resume, Run now, Delete. The digest is the
 * button's value; what the clicker may do to it is decided from the store (flows/subscriptions.ts).
 */
export const digestButton =
  (deps: ListenerDeps) =>
  async ({ body, action, ack, client, context }: DigestButtonArgs): Promise<void> => {
    await ack();
    const own = await forReader(deps, context);
    const workspaceId = body.team?.id ?? body.user.team_id;
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!workspaceId || !channelId) {
      deps.logger.warn(`a click on ${action.action_id} named no workspace or channel; ignored`);
      return;
    }
    const who = { workspaceId, userId: body.user.id, channelId };
    const id = decodeDigestRef(action.value);
    if (id === undefined)
      deps.logger.warn(`button ${action.action_id} carried a value that does not decode`);
    const ports = {
      ...responseUrlPorts(own, body.response_url),
      ...channelPorts(client, deps.logger),
    };
    const flows = deps.subscriptionsFor(own.renderContext);
    const work = (() => {
      switch (digestActionOf(action.action_id)) {
        case ACTION_IDS.digestEdit:
          return flows.edit(who, id, {
            ...ports,
            ...subscribeModalPorts(client, {
              triggerId: body.trigger_id,
              responseUrl: body.response_url,
            }),
          });
        case ACTION_IDS.digestPause:
          return flows.change(who, "pause", id, ports);
        case ACTION_IDS.digestResume:
          return flows.change(who, "resume", id, ports);
        case ACTION_IDS.digestDelete:
          return flows.change(who, "delete", id, ports);
        case ACTION_IDS.digestRunNow:
          return flows.runNow(who, id, ports);
        default:
          deps.logger.warn(`a click on ${action.action_id}, which no digest button is`);
          return Promise.resolve();
      }
    })();
    await deps.inFlight.track(work);
  };
