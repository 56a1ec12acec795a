import type { SlackViewMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { readSubscribeForm, subscribeBlockId } from "../../../contract/subscribe-form";
import { decodeSubscribeMetadata } from "../../../contract/subscribe-metadata";
import { forReader } from "../../middleware/reader";
import { overSubmittedModal, type ViewResponse } from "../../replies";
import { channelPorts, responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";

/** A submission's ack: empty closes the modal; `response_action` answers inside it. */
export type ViewAck = (response?: ViewResponse) => Promise<void>;

/** Bolt types a view's ack per response kind; every one of ours is a `ViewResponse`. */
export const viewAck =
  (ack: SlackViewMiddlewareArgs["ack"]): ViewAck =>
  (response) =>
    (ack as (response?: unknown) => Promise<void>)(response);

export type SubscribeViewArgs = {
  ack: ViewAck;
  body: Pick<SlackViewMiddlewareArgs["body"], "team" | "user"> & {
    view: Pick<SlackViewMiddlewareArgs["body"]["view"], "private_metadata" | "state">;
  };
  client: Pick<WebClient, "conversations" | "chat">;
  /** Bolt's context, where the reader (middleware/reader.ts) waits. */
  context?: Record<string, unknown>;
};

/**
 * The subscribe (or edit) modal submitted. Its answer is the ack itself: field errors keep the
 * modal open, a refusal replaces it; once saved it closes, and the rest (the announcement, a
 * word to the person) follows through the response_url the modal kept.
 */
export const subscribeSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, client, context }: SubscribeViewArgs): Promise<void> => {
    const own = await forReader(deps, context);
    const flows = deps.subscriptionsFor(own.renderContext);
    const target = decodeSubscribeMetadata(body.view.private_metadata);
    const workspaceId = body.team?.id ?? body.user.team_id ?? "";
    let acked = false;
    const respond: Parameters<typeof flows.submit>[3]["respond"] = async (answer) => {
      if (acked) return;
      acked = true;
      if ("errors" in answer) {
        await ack({
          response_action: "errors",
          errors: Object.fromEntries(
            Object.entries(answer.errors).map(([field, text]) => [
              subscribeBlockId(field as Parameters<typeof subscribeBlockId>[0]),
              text ?? "",
            ]),
          ),
        });
      } else if ("notice" in answer) {
        await ack(overSubmittedModal(answer.notice, own.renderContext()));
      } else {
        await ack();
      }
    };
    const ports = {
      ...responseUrlPorts(own, target?.responseUrl),
      ...channelPorts(client, deps.logger),
      respond,
    };
    try {
      await deps.inFlight.track(
        flows.submit(
          { workspaceId, userId: body.user.id },
          target && { channelId: target.channelId, subscriptionId: target.subscriptionId },
          readSubscribeForm(body.view.state.values),
          ports,
        ),
      );
    } finally {
      // Whatever happened, the modal is never left waiting for an answer.
      if (!acked) await ack();
    }
  };
