import type { WebClient } from "@slack/web-api";
import { CALLBACK_IDS } from "../contract/action-ids";
import { encodeModalMetadata } from "../contract/modal-metadata";
import type {
  AnswerPrivately,
  ExplainPrivately,
  ModalPorts,
  PostPublicly,
  PublicPost,
  ReplaceInPlace,
} from "../flows/ports";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import { retryRateLimited } from "./rate-limit";
import { explainOverModal, inPlace, privately, publicly, type Reply } from "./replies";
import { type Responder, ResponseUrlError } from "./response-url";

/**
 * The flows' ports (flows/ports.ts) for one request, on Slack's own means: its `response_url`,
 * its `trigger_id`, the app's Web API client.
 */

export interface PortDeps {
  responder: Responder;
  logger: Pick<Logger, "warn" | "error">;
  renderContext: () => RenderContext;
}

/** An answer that cannot be delivered is logged with its cause; it must not crash the request. */
const sendSafely = async (deps: PortDeps, responseUrl: string | undefined, reply: Reply) => {
  if (!responseUrl) {
    deps.logger.error("cannot answer: the request carried no response_url");
    return;
  }
  try {
    await deps.responder.send(responseUrl, reply);
  } catch (error) {
    if (error instanceof ResponseUrlError) {
      deps.logger.error(`could not deliver an answer to Slack: ${error.message}`);
    } else {
      deps.logger.error("could not deliver an answer to Slack", error);
    }
  }
};

/** Answers through a command's or click's `response_url`. */
export const responseUrlPorts = (
  deps: PortDeps,
  responseUrl: string | undefined,
): AnswerPrivately & ReplaceInPlace & PostPublicly => ({
  answerPrivately: (message) => sendSafely(deps, responseUrl, privately(message)),
  replaceInPlace: (message) => sendSafely(deps, responseUrl, inPlace(message)),
  /**
   * Through the click's own `response_url`: a click on an ephemeral message carries no
   * `message` to copy, and `chat.postMessage` would fail in DMs and in channels the bot has not
   * joined.
   */
  async postPublicly(message): Promise<PublicPost> {
    if (!responseUrl) return { posted: false, detail: "the request carried no response_url" };
    try {
      await deps.responder.send(responseUrl, publicly(message));
      return { posted: true };
    } catch (error) {
      return {
        posted: false,
        reason:
          error instanceof ResponseUrlError
            ? (error.slackError ?? `HTTP ${error.status ?? "error"}`)
            : undefined,
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  },
});

type Views = Pick<WebClient, "views">;

/**
 * Explains privately where the person is looking. From a modal, over the modal, even when the
 * response_url it kept has expired; otherwise as a private message.
 */
export const explainPorts = (
  deps: PortDeps,
  o: { client: Views; responseUrl: string | undefined; triggerId: string | undefined },
): ExplainPrivately => ({
  explainPrivately: async (message: SlackMessage) => {
    if (o.triggerId === undefined) return sendSafely(deps, o.responseUrl, privately(message));
    await o.client.views
      .push(explainOverModal(o.triggerId, message, deps.renderContext()))
      .catch((error: unknown) => deps.logger.error("could not explain over the modal", error));
  },
});

/** Only a short Retry-After is worth waiting for: the trigger expires 3 s after the click. */
const OPEN_RATE_LIMIT = { maxWaitMs: 1_500, retries: 1 };
/** Filling in an open modal may wait for Slack longer. */
const UPDATE_RATE_LIMIT = { maxWaitMs: 30_000 };

/**
 * A modal opened from a click. Each view gets the details modal's callback id, and keeps the
 * `response_url` of the message it was opened from (a click inside a modal carries none) for
 * Share.
 */
export const modalPorts = (
  client: Views,
  o: { triggerId: string; responseUrl: string | undefined },
): ModalPorts => {
  const metadata = encodeModalMetadata({ responseUrl: o.responseUrl });
  const framed = <V extends object>(view: V) => ({
    ...view,
    callback_id: CALLBACK_IDS.ticketDetails,
    private_metadata: metadata,
  });
  return {
    async openView(view) {
      const opened = await retryRateLimited(
        () => client.views.open({ trigger_id: o.triggerId, view: framed(view) }),
        OPEN_RATE_LIMIT,
      );
      return opened.view?.id;
    },
    async updateView(viewId, view) {
      await retryRateLimited(
        () => client.views.update({ view_id: viewId, view: framed(view) }),
        UPDATE_RATE_LIMIT,
      );
    },
  };
};
