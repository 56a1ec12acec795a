import type { RespondArguments } from "@slack/bolt";
import type { HomeView, ModalView } from "@slack/types";
import type { ViewsPublishArguments, ViewsPushArguments, WebClient } from "@slack/web-api";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import { renderNoticeHome, renderNoticeModal } from "../render/notice-modal";
import type { InFlight } from "./in-flight";
import type { Responder } from "./response-url";

/**
 * Every shape an answer takes, and where each surface's answers go. Flows say what to answer
 * (through the ports in flows/ports.ts); these say how Slack is told.
 */

/** What a `response_url` or an ack carries: Bolt's `RespondArguments`, holding one of our messages. */
export type Reply = SlackMessage &
  Pick<RespondArguments, "response_type" | "replace_original" | "delete_original">;

/** A new message only the person sees; the message they clicked on stays as it was. */
export const privately = (message: SlackMessage): Reply => ({
  response_type: "ephemeral",
  replace_original: false,
  ...message,
});

/** In a slash command's ack: only the person who typed it sees it. */
export const privatelyInAck = (message: SlackMessage): Reply => ({
  response_type: "ephemeral",
  ...message,
});

/** Replaces the message clicked on; only ever the clicker's own private one. */
export const inPlace = (message: SlackMessage): Reply => ({ replace_original: true, ...message });

/** A new message everyone in the conversation sees. */
export const publicly = (message: SlackMessage): Reply => ({
  response_type: "in_channel",
  replace_original: false,
  ...message,
});

/** Over the modal the person is looking at (`views.push`): a click in a modal has no `response_url`. */
export const explainOverModal = (
  triggerId: string,
  message: SlackMessage,
  ctx: RenderContext,
): ViewsPushArguments => ({ trigger_id: triggerId, view: renderNoticeModal(message, ctx) });

/** The person's Home tab (`views.publish`): what an App Home shows, or what stands in its place. */
export const publishHome = (userId: string, view: HomeView): ViewsPublishArguments => ({
  user_id: userId,
  view,
});

/** Where an answer to a request can go, by the surface it came from. */
export type ReplyRoute =
  /** A slash command: in the ack itself. */
  | { via: "ack" }
  /** A click inside a modal: a small modal pushed over it. */
  | { via: "modal"; triggerId: string }
  /** A command or a click on a message, once acked: its `response_url` (Slack's hooks host only). */
  | { via: "response-url"; url: string }
  /** The Home tab: `views.publish` for the person. */
  | { via: "home"; userId: string }
  /** A modal's submission: its ack replaces the modal with the answer. */
  | { via: "view" }
  /** Nowhere the person would see (an event from a channel, a payload too broken to answer). */
  | { via: "none" };

export interface NoticeDeps {
  responder: Responder;
  /** The app's own Web API client, for `views.push` and `views.publish`. */
  client: () => Pick<WebClient, "views">;
  inFlight: InFlight;
  logger: Pick<Logger, "error">;
  renderContext: () => RenderContext;
}

/** What a modal submission's ack may carry (`response_action`). */
export type ViewResponse =
  | { response_action: "update"; view: ModalView }
  | { response_action: "errors"; errors: Record<string, string> }
  | { response_action: "clear" };

export type Ack = (response?: Reply | ViewResponse) => Promise<void>;

/** Replaces the submitted modal with a message (its ack's `response_action: "update"`). */
export const overSubmittedModal = (message: SlackMessage, ctx: RenderContext): ViewResponse => ({
  response_action: "update",
  view: renderNoticeModal(message, ctx),
});

/**
 * Acks a request (when it still needs one) and tells the person `message`, privately, by the
 * route its surface has. What follows the ack is tracked, so shutting down waits for it; a
 * notice that cannot be delivered is logged, never thrown. Resolves once the request is acked.
 */
export const noticeTeller = (deps: NoticeDeps) => {
  const deliver = (
    route: ReplyRoute,
    message: SlackMessage,
    ctx: RenderContext | undefined,
  ): Promise<unknown> | undefined => {
    switch (route.via) {
      case "modal":
        return deps
          .client()
          .views.push(explainOverModal(route.triggerId, message, ctx ?? deps.renderContext()));
      case "response-url":
        return deps.responder.send(route.url, privately(message));
      case "home":
        return deps.client().views.publish(publishHome(route.userId, renderNoticeHome(message)));
      case "ack":
      case "view":
      case "none":
        return undefined;
    }
  };

  /** `ctx` is the context `message` was rendered in, for a modal's frame around it. */
  return async (
    route: ReplyRoute,
    message: SlackMessage,
    ack: Ack | undefined,
    ctx?: RenderContext,
  ): Promise<void> => {
    if (route.via === "ack") {
      await ack?.(privatelyInAck(message));
      return;
    }
    if (route.via === "view") {
      await ack?.(overSubmittedModal(message, deps.renderContext()));
      return;
    }
    await ack?.();
    const delivery = deliver(route, message, ctx);
    if (!delivery) return;
    // Not awaited: the request is answered; shutting down waits for the notice all the same.
    void deps.inFlight.track(
      delivery.catch((error: unknown) =>
        deps.logger.error(
          `could not tell the person: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    );
  };
};

export type TellNotice = ReturnType<typeof noticeTeller>;
