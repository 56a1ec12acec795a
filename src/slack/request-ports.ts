import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import { CALLBACK_IDS } from "../contract/action-ids";
import { encodeModalMetadata } from "../contract/modal-metadata";
import { encodeSubscribeMetadata } from "../contract/subscribe-metadata";
import type {
  AnswerPrivately,
  ChannelCheck,
  ChannelPorts,
  ExplainPrivately,
  ModalPorts,
  PostPublicly,
  PublicPost,
  PublishHome,
  ReplaceInPlace,
  SubscribeModalPort,
} from "../flows/ports";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import { retryRateLimited } from "./rate-limit";
import { explainOverModal, inPlace, privately, publicly, publishHome, type Reply } from "./replies";
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

/**
 * The subscribe (or edit) modal, opened from a command or a click within its trigger's 3 s. It
 * keeps the channel it is for, the digest it edits, and the `response_url` to answer through
 * once it is submitted and closed.
 */
export const subscribeModalPorts = (
  client: Views,
  o: { triggerId: string | undefined; responseUrl: string | undefined },
): SubscribeModalPort => ({
  async openSubscribeModal(view, digest) {
    const { triggerId } = o;
    if (!triggerId) throw new Error("the request carried no trigger_id to open a modal with");
    await retryRateLimited(
      () =>
        client.views.open({
          trigger_id: triggerId,
          view: {
            ...view,
            callback_id: CALLBACK_IDS.subscribe,
            private_metadata: encodeSubscribeMetadata({ ...digest, responseUrl: o.responseUrl }),
          },
        }),
      OPEN_RATE_LIMIT,
    );
  },
});

/**
 * The person's Home tab (`views.publish`), replaced whole. A tab that cannot be published is
 * logged: there is nowhere else to tell them. With the `hash` of the tab a click came from, a
 * slower answer to an older click cannot cover a newer one: Slack refuses it (`hash_conflict`),
 * and it is dropped.
 */
export const homePorts = (
  client: Views,
  userId: string,
  logger: Pick<Logger, "error" | "info">,
  hash?: string,
): PublishHome => ({
  async publishHome(view) {
    try {
      await retryRateLimited(
        () => client.views.publish({ ...publishHome(userId, view), ...(hash && { hash }) }),
        UPDATE_RATE_LIMIT,
      );
    } catch (error) {
      if (slackErrorOf(error) === "hash_conflict") {
        logger.info(
          `${userId}'s Home tab changed while a click was answered; that answer is dropped`,
        );
        return;
      }
      logger.error(`could not publish ${userId}'s Home tab`, error);
    }
  },
});

/** Slack's error code, when the Web API gave one. */
const slackErrorOf = (error: unknown): string | undefined =>
  error instanceof WebAPIPlatformError ? error.data.error : undefined;

/** What `conversations.info` says about posting there, without posting. */
const checkByInfo = async (
  client: Pick<WebClient, "conversations">,
  channelId: string,
): Promise<ChannelCheck> => {
  const info = await client.conversations.info({ channel: channelId });
  const channel = info.channel;
  if (!channel) return { kind: "unknown" };
  if (channel.is_archived) return { kind: "cannot-post", why: "archived" };
  if (channel.is_im || channel.is_member) return { kind: "can-post" };
  // Not a member: a public channel still takes the bot's posts with chat:write.public, which
  // every answer's `x-oauth-scopes` names.
  const scopes = info.response_metadata?.scopes ?? [];
  const isPrivate = channel.is_private === true || channel.is_mpim === true;
  if (!isPrivate && scopes.includes("chat:write.public")) return { kind: "can-post" };
  return { kind: "cannot-post", why: isPrivate ? "private" : "not-in-channel" };
};

/**
 * The bot in a channel, on its own account: `conversations.info` to ask whether it may post
 * (one read, no trace in the channel; it needs the read scopes of manifest.yml, and without
 * them Slack will not say, so the first post decides), and `chat.postMessage`.
 */
export const channelPorts = (
  client: Pick<WebClient, "conversations" | "chat">,
  logger: Pick<Logger, "warn">,
): ChannelPorts => ({
  async checkChannel(channelId) {
    try {
      return await checkByInfo(client, channelId);
    } catch (error) {
      const code = slackErrorOf(error);
      // A private channel or DM the bot is not in looks, to the bot, like no channel at all.
      if (code === "channel_not_found") return { kind: "cannot-post", why: "private" };
      logger.warn(
        `could not ask Slack about ${channelId} (${code ?? (error instanceof Error ? error.message : String(error))}): the first post there will tell`,
      );
      return { kind: "unknown" };
    }
  },
  async postInChannel(channelId, message) {
    try {
      const posted = await retryRateLimited(
        () =>
          client.chat.postMessage({
            channel: channelId,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
          }),
        UPDATE_RATE_LIMIT,
      );
      return { posted: true, ts: posted.ts ?? "" };
    } catch (error) {
      const reason = slackErrorOf(error);
      const detail = error instanceof Error ? error.message : String(error);
      logger.warn(`could not post in ${channelId}: ${reason ?? detail}`);
      return { posted: false, ...(reason !== undefined && { reason }), detail };
    }
  },
});
